"""GUI start-up with a big database: `rural-cadre-desktop --db X --quit-after 1` (start, load the
first batch of every tab, quit) vs the floor — a bare PySide6 window with three empty table views,
shown and quit — both as whole processes, best of 5.

Usage: python bench/bench_gui_start.py [N_RETURNEES]   (default 100000)
"""
import os
import subprocess
import sys
import tempfile
import time

BARE = r'''
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableView
app = QApplication(sys.argv)
w = QMainWindow(); tabs = QTabWidget()
for name in ("返乡人员", "后备干部", "培训记录"):
    tabs.addTab(QTableView(), name)
w.setCentralWidget(tabs); w.resize(1200, 800); w.show()
QTimer.singleShot(1, app.quit)
sys.exit(app.exec())
'''


def best(cmd, n=5):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        times.append(time.perf_counter() - t)
    return min(times)


n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
db = os.path.join(tempfile.mkdtemp(), "gui.db")
subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", db, "demo", "--returnees", str(n)],
               check=True, capture_output=True)
app = best([sys.executable, "-m", "rural_cadre_desktop", "--db", db, "--quit-after", "1"])
floor = best([sys.executable, "-c", BARE])
print(f"GUI start + quit with {n} returnees: {app:.2f} s")
print(f"floor, bare PySide6 window with three empty tables: {floor:.2f} s  ratio {app / floor:.1f}x")
