"""Filter/search/sort on the returnee list through core.returnees.query, against the floor: the
same SQL run by plain sqlite3 on its own connection with the same pragmas.

    python bench/bench_filter.py [--db /tmp/r.db] [--runs 7]

Without --db an existing /tmp/rcd-returnees/r.db is used, else a 100,000-returnee demo is generated there first.
What is timed is what the GUI does on a filter change: the ordered row ids (count = their number)
plus the first page of 300 display rows.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="/tmp/rcd-returnees/r.db")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    path = Path(args.db)
    if not path.exists():
        print(f"generating 100k demo in {path} …", flush=True)
        subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", str(path), "demo",
                        "--returnees", "100000"], check=True)
    from rural_cadre_desktop.core.db import PRAGMAS
    from rural_cadre_desktop.core.models import Person, Village
    from rural_cadre_desktop.core.returnees import query
    from rural_cadre_desktop.core.returnees.query import ReturneeQuery as Q
    from rural_cadre_desktop.core.store import open_store
    open_store(path)
    raw = sqlite3.connect(str(path))
    for k, v in PRAGMAS.items():
        if k != "journal_mode":
            raw.execute(f"PRAGMA {k} = {v}")
    vid = Village.select(Village.id).order_by(Village.sort_order).limit(1).offset(3).scalar()
    some = Person.select(Person.id_number).where(Person.id_number.is_null(False)).offset(5000).limit(1).scalar()
    n = query.count(Q())
    print(f"{n} returnees in {path}; median of {args.runs} runs, ms (GUI step: ordered ids + first 300 rows)\n")
    cases = [
        ("全部（按姓名）", Q()),
        ("全部（按姓氏笔画）", Q(sort="strokes")),
        ("全部（按流向）", Q(sort="work_place", descending=True)),
        ("按村", Q(village_id=vid)),
        ("按村 + 已返乡 + 党员", Q(village_id=vid, status="returned", political_status="01")),
        ("已返乡", Q(status="returned")),
        ("有入党意向", Q(wants=("wants_party",))),
        ("返乡年份 2025", Q(year=2025)),
        ("政治面貌 党员", Q(political_status="01")),
        ("拼音首字母 zs", Q(search="zs")),
        ("姓名含“建国”", Q(search="建国")),
        ("完整身份证号", Q(search=some)),
        ("号码后4位 1234", Q(search="1234")),
        ("只看疑似重复", Q(duplicates_only=True)),
    ]
    print(f"{'case':<22}{'rows':>8}{'query layer':>14}{'raw sqlite3':>14}{'ratio':>8}")
    worst = 0.0
    for label, q in cases:
        ids_sql, params = query.build(q, "r.rowid")

        def layer():
            ids = query.row_ids(q)
            query.rows_for(ids[:300])
            return len(ids)

        def floor():
            ids = [r[0] for r in raw.execute(ids_sql, params)]
            chunk = ids[:300]
            if chunk:
                raw.execute(f"SELECT {query._SELECT} FROM returnee r JOIN person p ON p.id = r.person_id "
                            f"WHERE r.rowid IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            return len(ids)

        rows = layer()
        floor()
        t_layer = _median(layer, args.runs)
        t_floor = _median(floor, args.runs)
        worst = max(worst, t_layer)
        print(f"{label:<22}{rows:>8}{t_layer:>14.1f}{t_floor:>14.1f}{t_layer / max(t_floor, 1e-3):>8.2f}")
    print(f"\nslowest case through the query layer: {worst:.1f} ms")
    return 0


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
