"""Standard ledger speed: `export-ledger returnees` and `pdf ledger returnees` (all rows, and the
biggest village's rows with --village) through the program, each timed as a whole process, next to
the floors measured in the same run, also as whole processes:
  - xlsx: openpyxl write-only mode writing the same records (18 fields + 序号) as bordered text cells;
  - PDF: a plain reportlab canvas drawing a bordered grid of the same records (12 columns), text
    wrapped in its cell, header repeated on every page.
(The floors are those of ../shared/checks/daily-paths, copied here.) Then, in this process, the
progress callback: how often it is called and how soon a cancel raised from it stops the work.

Usage: python bench/bench_ledgers.py [N ...]        (default 5000 20000)
"""
from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FLOOR_XLSX = r'''
import json, sys
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Border, Side
rows = json.load(open(sys.argv[1], encoding="utf-8"))
keys = [k for k in rows[0] if not k.endswith("id")][:18] if rows else []
thin = Side(style="thin")
border = Border(left=thin, right=thin, top=thin, bottom=thin)
wb = Workbook(write_only=True)
ws = wb.create_sheet("台账")
ws.append(["在外创业经商人员（返乡人员）台账"])
def line(values):
    out = []
    for v in values:
        c = WriteOnlyCell(ws, value=v)
        c.border = border
        out.append(c)
    ws.append(out)
line(["序号", *keys])
for i, r in enumerate(rows, 1):
    line([i, *("" if r.get(k) is None else str(r.get(k)) for k in keys)])
wb.save(sys.argv[2])
'''

FLOOR_PDF = r'''
import json, sys
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
font, src, out = sys.argv[1:4]
pdfmetrics.registerFont(TTFont("F", font))
rows = json.load(open(src, encoding="utf-8"))
keys = ["name", "sex_name", "birth_date", "id_number", "phone", "village", "political_status_name",
        "education_name", "status", "work_place", "industry", "enterprise"]
W, H = landscape(A4)
left, top, bottom, size, lead = 12 * mm, H - 20 * mm, 14 * mm, 9, 11
widths = [w * mm for w in (18, 8, 20, 36, 24, 20, 24, 20, 12, 28, 26, 36)]
c = Canvas(out, pagesize=(W, H))
width = pdfmetrics.getFont("F").stringWidth
def wrap(text, w):
    text = "" if text is None else str(text)
    lines, cur = [], ""
    for ch in text:
        if cur and width(cur + ch, size) > w - 2:
            lines.append(cur); cur = ch
        else:
            cur += ch
    return lines + [cur]
def row(y, cells):
    parts = [wrap(t, w) for t, w in zip(cells, widths)]
    h = max(len(p) for p in parts) * lead + 4
    x = left
    for p, w in zip(parts, widths):
        c.rect(x, y - h, w, h)
        for i, t in enumerate(p):
            c.drawString(x + 1, y - 2 - (i + 1) * lead + 2, t)
        x += w
    return y - h
def page_head(n):
    c.setFont("F", 14); c.drawCentredString(W / 2, H - 12 * mm, "在外创业经商人员（返乡人员）台账")
    c.setFont("F", size); c.drawCentredString(W / 2, 8 * mm, f"第 {n} 页")
    return row(top, keys)
page = 1
y = page_head(page)
for r in rows:
    cells = [r.get(k) for k in keys]
    need = max(len(wrap(t, w)) for t, w in zip(cells, widths)) * lead + 4
    if y - need < bottom:
        c.showPage(); page += 1; y = page_head(page)
    y = row(y, cells)
c.showPage()
c.save()
'''


def timed(cmd) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def line(label: str, app: float, floor: float, rows: int) -> None:
    print(f"  {label:<34}{app:>8.2f} s{floor:>10.2f} s{app / floor:>8.2f}x{rows / app:>12,.0f} rows/s")


class Cancelled(Exception):
    pass


def progress_and_cancel(db: str, n: int, work: str) -> None:
    """In this process: the gaps between progress calls, then a cancel at half way."""
    from rural_cadre_desktop.core import db as dbmod
    from rural_cadre_desktop.core.ledgers import standard
    from rural_cadre_desktop.core.ledgers.export import export_ledger
    from rural_cadre_desktop.core.store import open_store
    from rural_cadre_desktop.reports.ledger import build_ledger
    open_store(db)
    try:
        def run(progress, out):
            if out.endswith(".xlsx"):
                export_ledger("returnees", out, progress=progress)
            else:
                build_ledger(out, standard.ledger("returnees", progress=progress), progress=progress)
        for ext in ("xlsx", "pdf"):
            stamps = []
            t0 = time.perf_counter()
            run(lambda d, t: stamps.append(time.perf_counter()), os.path.join(work, f"p.{ext}"))
            gaps = [b - a for a, b in zip([t0] + stamps, stamps)]
            start = time.perf_counter()
            stopped = {}

            def cancel(done, total):
                if done * 2 >= total > 0:
                    stopped["at"] = time.perf_counter()
                    raise Cancelled
            target = os.path.join(work, f"c.{ext}")
            try:
                run(cancel, target)
            except Cancelled:
                pass
            late = time.perf_counter() - stopped.get("at", start)
            print(f"  {ext}: {len(stamps)} progress calls, longest gap {max(gaps):.2f} s; cancel at half way "
                  f"stops {late * 1000:.0f} ms after the call, file left: {os.path.exists(target)}")
    finally:
        dbmod.close()


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [5000, 20000]
    from rural_cadre_desktop.core.paths import bundled_font
    font = str(bundled_font())
    work = tempfile.mkdtemp()
    floor_xlsx, floor_pdf = os.path.join(work, "floor_xlsx.py"), os.path.join(work, "floor_pdf.py")
    Path(floor_xlsx).write_text(FLOOR_XLSX, encoding="utf-8")
    Path(floor_pdf).write_text(FLOOR_PDF, encoding="utf-8")
    print(f"{'':<36}{'ours':>8}{'floor':>12}{'ratio':>9}{'ours':>18}")
    for n in sizes:
        db = os.path.join(work, f"b{n}.db")
        rcd = [sys.executable, "-m", "rural_cadre_desktop", "--db", db]
        subprocess.run(rcd + ["demo", "--returnees", str(n), "--seed", "6"], check=True, capture_output=True)
        records = os.path.join(work, f"r{n}.json")
        subprocess.run(rcd + ["export", "returnees", "--format", "json", "-o", records], check=True, capture_output=True)
        with open(records, encoding="utf-8") as f:
            rows = json.load(f)
        village, vn = collections.Counter(r["village"] for r in rows).most_common(1)[0]
        vil = os.path.join(work, f"v{n}.json")
        with open(vil, "w", encoding="utf-8") as f:
            json.dump([r for r in rows if r["village"] == village], f, ensure_ascii=False)
        print(f"{n:,} returnees (biggest village {village}: {vn:,})")
        app = timed(rcd + ["export-ledger", "returnees", "-o", os.path.join(work, "l.xlsx")])
        floor = timed([sys.executable, floor_xlsx, records, os.path.join(work, "f.xlsx")])
        line("export-ledger (openpyxl w/o floor)", app, floor, n)
        app = timed(rcd + ["pdf", "ledger", "returnees", "-o", os.path.join(work, "l.pdf")])
        floor = timed([sys.executable, floor_pdf, font, records, os.path.join(work, "f.pdf")])
        line("pdf ledger, all rows", app, floor, n)
        app = timed(rcd + ["pdf", "ledger", "returnees", "--village", village, "-o", os.path.join(work, "v.pdf")])
        floor = timed([sys.executable, floor_pdf, font, vil, os.path.join(work, "fv.pdf")])
        line(f"pdf ledger --village ({vn:,} rows)", app, floor, vn)
        progress_and_cancel(db, n, work)


if __name__ == "__main__":
    main()
