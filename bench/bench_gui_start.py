"""GUI start-up with a big ledger: `rural-cadre-desktop --db X --quit-after 1` (start, show the
window with the first page of 返乡人员, quit) against the floor — a bare PySide6 window with three
empty table views, shown and quit (../shared/checks/lib/bare_window.py's shape) — both as whole
processes, run in turn (so both see the same load), best and median of N.

Usage: python bench/bench_gui_start.py [N_RETURNEES] [--runs N] [--db PATH]   (default 100000, 7)
"""
import argparse
import os
import resource
import statistics
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
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def timed(cmd) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("returnees", nargs="?", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--db", default=None, help="an existing ledger instead of a new demo")
    args = ap.parse_args()
    db = args.db
    if db is None:
        db = os.path.join(tempfile.mkdtemp(), "gui.db")
        print(f"making a demo of {args.returnees} returnees …", flush=True)
        subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", db, "demo", "--returnees",
                        str(args.returnees)], check=True, capture_output=True)
    app_cmd = [sys.executable, "-m", "rural_cadre_desktop", "--db", db, "--quit-after", "1"]
    bare_cmd = [sys.executable, "-c", BARE]
    timed(app_cmd)                  # the first start compiles and caches; not counted
    apps, bares = [], []
    for _ in range(args.runs):
        apps.append(timed(app_cmd))
        bares.append(timed(bare_cmd))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    a, b = min(apps), min(bares)
    print(f"GUI start to first page shown, then quit ({db}): best {a:.3f} s, median {statistics.median(apps):.3f} s")
    print(f"floor, bare PySide6 window with three empty tables: best {b:.3f} s, median {statistics.median(bares):.3f} s")
    print(f"ratio of the bests {a / b:.2f}x (goal <= 2x), of the medians "
          f"{statistics.median(apps) / statistics.median(bares):.2f}x; peak memory of the larger {peak} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
