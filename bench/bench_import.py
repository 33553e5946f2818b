"""Import of a clean N-row returnee ledger (default 50,000) into a fresh database vs merely reading
the same file with python-calamine (the floor), both timed as whole processes, best of R runs.

    python bench/bench_import.py [N] [--runs R]

Goal (issue #4): the import within 3x of the floor.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
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


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", nargs="?", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ledger = tmp / "ledger.xlsx"
        make_ledger(args.rows, ledger)
        app = floor = float("inf")
        rcd = [sys.executable, "-m", "rural_cadre_desktop"]
        for i in range(args.runs):
            db = tmp / f"b{i}.db"
            subprocess.run(rcd + ["--db", str(db), "init", "--county", "洛南县", "--township", "石门镇"],
                           check=True, stdout=subprocess.DEVNULL)
            app = min(app, timed(rcd + ["--db", str(db), "import-ledger", str(ledger), "--create-villages"]))
            floor = min(floor, timed([sys.executable, "-c", FLOOR, str(ledger)]))
        print(f"{args.rows} rows: import {app:.2f} s, calamine read (floor) {floor:.2f} s, "
              f"ratio {app / floor:.2f}x (goal <= 3x)")


if __name__ == "__main__":
    main()
