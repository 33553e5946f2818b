"""Demo generation speed: `demo --returnees N` through the program vs the floor — plain sqlite3
executemany of the same number of rows into tables of the same width, no indexes, one transaction.

Usage: python bench/bench_demo.py [N]   (default 100000)
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
work = tempfile.mkdtemp()
db = os.path.join(work, "demo.db")
t = time.perf_counter()
subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", db, "demo", "--returnees", str(n)],
               check=True, capture_output=True)
app = time.perf_counter() - t
con = sqlite3.connect(db)
rows = {tbl: con.execute(f"SELECT count(*) FROM {tbl}").fetchone()[0]
        for tbl in ("person", "returnee", "activity", "activity_participant")}
con.close()

floor_db = os.path.join(work, "floor.db")
t = time.perf_counter()
con = sqlite3.connect(floor_db)
widths = {"person": 20, "returnee": 30, "activity": 15, "activity_participant": 8}
with con:
    for tbl, count in rows.items():
        w = widths[tbl]
        con.execute(f"CREATE TABLE {tbl} ({', '.join(f'c{i} TEXT' for i in range(w))})")
        con.executemany(f"INSERT INTO {tbl} VALUES ({', '.join('?' * w)})",
                        (tuple(f"{tbl}-{i}-{j}" for j in range(w)) for i in range(count)))
con.close()
floor = time.perf_counter() - t
print(f"demo --returnees {n}: {app:.1f} s (rows: {rows})")
print(f"floor, plain sqlite3 executemany of the same row counts: {floor:.1f} s  ratio {app / floor:.1f}x")
