"""Time to fill a superior's form with 10,000 returnees, next to the floor measured in the same run:
merely writing the same cell values into the same template with openpyxl and saving it.

    /work/venv/bin/python bench/bench_fill.py [--returnees N]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def make_form(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side
    wb = Workbook()
    ws = wb.active
    ws.append(["返乡人员情况统计表"])
    ws.merge_cells("A1:L1")
    ws["A1"].font = Font(size=18, bold=True)
    ws.append(["填报单位："])
    ws.append(["序号", "姓名", "性别", "公民身份号码", "出生年月", "年龄", "民族", "政治面貌", "学历", "联系方式",
               "户籍所在村", "流向"])
    ws.append([1, "张三", "男", "610123198001011234", "1980.01", 45, "汉族", "群众", "初中", "13800000000",
               "某村", "浙江杭州"])
    ws.append(["合计"])
    side = Side(style="thin")
    for row in ws.iter_rows(min_row=3, max_row=5):
        for c in row:
            c.border = Border(left=side, right=side, top=side, bottom=side)
    wb.save(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--returnees", type=int, default=10_000)
    args = ap.parse_args()
    from openpyxl import load_workbook

    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.demo import generate
    from rural_cadre_desktop.core.store import open_store
    from rural_cadre_desktop.core.templates import Query, fill_template
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        open_store(d / "bench.db")
        t = time.perf_counter()
        generate(villages=20, returnees=args.returnees, seed=1)
        print(f"demo data ({args.returnees} returnees): {time.perf_counter() - t:.2f} s")
        form, out, floor_out = d / "form.xlsx", d / "out.xlsx", d / "floor.xlsx"
        make_form(form)

        t = time.perf_counter()
        res = fill_template(form, out, Query("returnees", sort="strokes"))
        fill_s = time.perf_counter() - t

        values = [list(r) for r in load_workbook(out, read_only=True).active.iter_rows(min_row=4, max_row=3 + res.rows,
                                                                                    values_only=True)]
        t = time.perf_counter()
        wb = load_workbook(form)
        ws = wb.active
        for i, row in enumerate(values, start=4):
            for j, v in enumerate(row, start=1):
                ws.cell(i, j, v)
        wb.save(floor_out)
        floor_s = time.perf_counter() - t
        db.close()
    print(f"fill-template, {res.rows} rows × {len(res.mapped)} columns: {fill_s:.2f} s")
    print(f"floor (openpyxl writing the same cells into the form): {floor_s:.2f} s")
    print(f"ratio: {fill_s / floor_s:.2f}×")


if __name__ == "__main__":
    main()
