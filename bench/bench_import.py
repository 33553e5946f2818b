"""Import of a clean N-row returnee ledger (default 50,000) into a fresh database vs merely reading
the same file with python-calamine (the floor), both timed as whole processes, best of R runs.

    python bench/bench_import.py [N] [--runs R] [--ledger FILE.xlsx]

Goal (issue #4): the import within 3x of the floor.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
FLOOR = ("import sys\nfrom python_calamine import CalamineWorkbook\nwb = CalamineWorkbook.from_path(sys.argv[1])\n"
         "n = sum(len(r) for s in wb.sheet_names for r in wb.get_sheet_by_name(s).to_python())\n")


def make_ledger(n: int, out: Path) -> None:
    """A clean one-header ledger like the offices' (and like the acceptance check's)."""
    from faker import Faker
    from openpyxl import Workbook
    rng = random.Random(n)
    fk = Faker("zh_CN")
    fk.seed_instance(n)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(["序号", "村别", "姓名", "性别", "出生年月", "身份证号码", "政治面貌", "文化程度", "务工地点",
               "从业情况", "联系电话"])
    seen = set()
    for i in range(n):
        while True:
            b = dt.date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
            s17 = "611021" + b.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
            if s17 not in seen:
                seen.add(s17)
                break
        pid = s17 + "10X98765432"[sum(int(a) * w for a, w in zip(s17, W)) % 11]
        ws.append([i + 1, rng.choice(["石门村", "杨河村", "东坡村", "龙泉社区"]), fk.name(),
                   "男" if int(s17[16]) % 2 else "女", b.strftime("%Y.%m"), pid,
                   rng.choice(["群众", "中共党员"]), rng.choice(["初中", "高中", "大专"]), "浙江杭州", "个体经营",
                   fk.phone_number()])
    wb.save(out)


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the process and its children, the writer)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", nargs="?", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ledger", type=Path, help="an existing ledger (the check's: big_ledger.py) instead of a new one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ledger = args.ledger or tmp / "ledger.xlsx"
        if not args.ledger:
            make_ledger(args.rows, ledger)
        app = floor = app_cpu = floor_cpu = float("inf")
        rcd = [sys.executable, "-m", "rural_cadre_desktop"]
        for i in range(args.runs):
            db = tmp / f"b{i}.db"
            subprocess.run(rcd + ["--db", str(db), "init", "--county", "洛南县", "--township", "石门镇"],
                           check=True, stdout=subprocess.DEVNULL)
            wall, cpu = timed(rcd + ["--db", str(db), "import-ledger", str(ledger), "--create-villages"])
            app, app_cpu = min(app, wall), min(app_cpu, cpu)
            wall, cpu = timed([sys.executable, "-c", FLOOR, str(ledger)])
            floor, floor_cpu = min(floor, wall), min(floor_cpu, cpu)
        # CPU time too: on a machine shared with other work the wall times swing by 2x, and when
        # both cores are busy the import's wall time follows its CPU time.
        print(f"{args.rows} rows: import {app:.2f} s, calamine read (floor) {floor:.2f} s, "
              f"ratio {app / floor:.2f}x (goal <= 3x); CPU {app_cpu:.2f} s vs {floor_cpu:.2f} s "
              f"= {app_cpu / floor_cpu:.2f}x")


if __name__ == "__main__":
    main()
