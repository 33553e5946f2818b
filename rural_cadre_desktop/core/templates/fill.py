"""Filling a superior's blank form with openpyxl, keeping everything it had: title rows, header,
column widths, merged cells, styles, print settings.

Rows go under the header in the style of the form's first data row (its sample or first pre-drawn
row; else the header's, not bold): one prototype cell per column is styled once and its style
array copied to every row, which keeps 10,000 rows fast. ID numbers and phones are text cells
("@"); dates take the form the sample or the header asks for. A sample row is replaced; the 合计
and 填表人 rows are moved below the data, the 合计 row counting people and summing numbers.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rural_cadre_desktop.core import outputs, settings, store
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.templates import output
from rural_cadre_desktop.core.templates.columns import KINDS, column_index
from rural_cadre_desktop.core.templates.header import TemplateLayout, detect_template
from rural_cadre_desktop.core.templates.records import Query, check_query, load_rows
from rural_cadre_desktop.core.templates.values import cell_value, style_of_header, style_of_sample


@dataclass
class FillResult:
    path: Path | None
    rows: int
    sheet: str
    mapped: list[tuple[str, str]] = field(default_factory=list)     # (header wording, field label)
    unmapped: list[str] = field(default_factory=list)               # header wordings left empty
    sample_replaced: bool = False
    total_row: bool = False
    full_id: bool = False
    audit_row: tuple[str, str] | None = None        # (action, detail) the fill is audited with


def open_template(path):
    """The form as an openpyxl workbook (styles kept), or a UserError the clerk can act on."""
    from openpyxl import load_workbook
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到文件 {path}，请检查路径", f"no such file: {path}")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UserError(f"只能填写 .xlsx 表格；请用 Excel/WPS 打开 {path.name} 后另存为 .xlsx 再试",
                        f"only .xlsx forms can be filled: {path.name}")
    try:
        return load_workbook(path)
    except Exception as e:      # openpyxl raises zipfile, KeyError, XML errors for damaged files
        raise UserError(f"无法读取表格 {path.name}：文件已损坏、有密码保护或不是 .xlsx 文件。"
                        "请用 Excel/WPS 打开后另存为 .xlsx 再试", f"cannot read template {path.name}: {e}") from e


def date_styles(layout: TemplateLayout, kind: str) -> dict[int, str]:
    idx = column_index(kind)
    out = {}
    for c in layout.columns:
        if c.key and idx[c.key].type == "date":
            out[c.col] = style_of_sample(c.sample) or style_of_header(c.label)
    return out


def style_row(ws, layout: TemplateLayout) -> int | None:
    """The form's first blank data row, whose style every filled row takes — not a sample row
    (often red italic: 示例). None when the form has no blank data row."""
    first = layout.body_start + (1 if layout.has_sample else 0)
    cols = [c.col for c in layout.columns]
    for r in range(first, layout.body_end + 1):
        if all(ws.cell(r, c).value in (None, "") for c in cols if c != _seq_col(layout)):
            return r
    return None


def _seq_col(layout: TemplateLayout) -> int | None:
    return next((c.col for c in layout.columns if c.key == "ignore.seq"), None)


def _prototypes(ws, layout: TemplateLayout, kind: str, styles: dict[int, str], width: int) -> dict[int, object]:
    """One style array per column, made from the first blank data row (or the header's, not bold,
    no fill), before it is removed: borders and number formats kept; a column that wraps in the
    form (in that row or its sample) wraps in the filled rows."""
    from openpyxl.styles import PatternFill
    idx = column_index(kind)
    src = style_row(ws, layout)
    use_body = src is not None
    src_row = src if use_body else layout.header_bottom
    scratch = ws.cell(ws.max_row + 2, 1)      # a free cell to style; removed below
    protos = {}
    for col in range(1, width + 1):
        scratch._style = copy.copy(ws.cell(src_row, col)._style)
        if not use_body:
            font = copy.copy(scratch.font)
            font.b = False
            scratch.font = font
            scratch.fill = PatternFill()
        wraps = ws.cell(src_row, col).alignment.wrap_text or \
            (layout.has_sample and ws.cell(layout.body_start, col).alignment.wrap_text)
        if wraps and not scratch.alignment.wrap_text:
            align = copy.copy(scratch.alignment)
            align.wrap_text = True
            scratch.alignment = align
        key = layout.mapping.get(col)
        t = idx[key].type if key else "text"
        if t in ("id", "phone"):
            scratch.number_format = "@"
        elif t == "date" and styles.get(col) != "excel":
            scratch.number_format = "@"
        elif t == "date" and not scratch.is_date:
            scratch.number_format = "yyyy.mm"
        protos[col] = copy.copy(scratch._style)
    ws._cells.pop((scratch.row, scratch.column), None)
    return protos


def _wrapping(ws, protos: dict[int, object]) -> dict[int, tuple[float, float]]:
    """Wrapped columns -> (width in Excel's character units, one line's height in points)."""
    from openpyxl.utils import get_column_letter
    scratch = ws.cell(ws.max_row + 2, 1)
    out = {}
    for col, style in protos.items():
        scratch._style = copy.copy(style)
        if scratch.alignment.wrap_text:
            width = ws.column_dimensions[get_column_letter(col)].width or 8.43
            out[col] = (width, (scratch.font.sz or 11) * 1.4)
    ws._cells.pop((scratch.row, scratch.column), None)
    return out


def _wrapped_height(ws, r: int, wrapping: dict[int, tuple[float, float]]) -> float | None:
    """The height a row needs so that its wrapped cells show every line (Excel does not grow a
    row whose height the form fixed); None when every wrapped cell fits on one line."""
    lines_h = 0.0
    for col, (width, line) in wrapping.items():
        v = ws.cell(r, col).value
        if not isinstance(v, str) or not v:
            continue
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in v)     # a Han character is two digits wide
        lines = -(-units // max(int(width) - 1, 1))
        if lines > 1:
            lines_h = max(lines_h, lines * line)
    return lines_h or None


@dataclass
class _Tail:
    cells: dict                     # (row offset, col) -> (value, style)
    heights: dict                   # row offset -> height
    merges: list                    # (r0 off, c0, r1 off, c1)
    rows: int
    total_offset: int | None


def _take_tail(ws, layout: TemplateLayout) -> _Tail | None:
    if layout.tail_start is None:
        return None
    start, end = layout.tail_start, ws.max_row
    cells = {(c.row - start, c.column): (c.value, copy.copy(c._style))
             for row in ws.iter_rows(min_row=start, max_row=end) for c in row if c.has_style or c.value is not None}
    heights = {r - start: ws.row_dimensions[r].height for r in range(start, end + 1)
               if ws.row_dimensions[r].height is not None}
    merges = [(m.min_row - start, m.min_col, m.max_row - start, m.max_col) for m in ws.merged_cells.ranges
              if m.min_row >= start]
    total = layout.total_row - start if layout.total_row else None
    return _Tail(cells, heights, merges, end - start + 1, total)


def _clear_below_header(ws, first: int) -> None:
    for m in list(ws.merged_cells.ranges):
        if m.max_row >= first:
            ws.merged_cells.remove(m)
    for key in [k for k in ws._cells if k[0] >= first]:
        del ws._cells[key]
    for r in [r for r in ws.row_dimensions if r >= first]:
        del ws.row_dimensions[r]


def _put_tail(ws, tail: _Tail, at: int, layout: TemplateLayout, kind: str, rows: list[dict], n: int) -> None:
    from openpyxl.utils import get_column_letter
    for (off, col), (value, style) in tail.cells.items():
        cell = ws.cell(at + off, col)
        cell.value = value
        cell._style = style
    for off, h in tail.heights.items():
        ws.row_dimensions[at + off].height = h
    covered = set()
    for r0, c0, r1, c1 in tail.merges:
        ws.merge_cells(f"{get_column_letter(c0)}{at + r0}:{get_column_letter(c1)}{at + r1}")
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
    if tail.total_offset is None:
        return
    idx = column_index(kind)
    off, placed = tail.total_offset, False
    for c in layout.columns:
        cell_empty = tail.cells.get((off, c.col), (None,))[0] in (None, "") and (off, c.col) not in covered
        if not c.key or not cell_empty:
            continue
        col = idx[c.key]
        if c.key == "person.name":
            ws.cell(at + off, c.col).value = f"{n}人"
            placed = True
        elif col.summable:
            total = sum(r.get(c.key) or 0 for r in rows)
            ws.cell(at + off, c.col).value = int(total) if float(total).is_integer() else round(total, 2)
    if not placed:
        label = next(((k, v) for k, v in tail.cells.items() if k[0] == off and isinstance(v[0], str)
                      and "计" in v[0]), None)
        if label:
            ws.cell(at + off, label[0][1]).value = f"{label[1][0]}（{n}人）"


_UNIT = re.compile(r"^(填报单位|报送单位|填表单位|上报单位)\s*(（盖章）|\(盖章\))?\s*[:：]?\s*(（盖章）|\(盖章\))?\s*$")
_DATE = re.compile(r"^(填报日期|填表日期|报送日期|填报时间)[:：][\s年月日]*$")


def _fill_heading(ws, layout: TemplateLayout, today: dt.date, below: int | None = None) -> None:
    """An empty 填报单位（盖章）： / 填报日期： above the header or below the table (from row `below`)
    gets this installation's 填报单位 (settings: filing_unit, else seal_text) and today."""
    unit = settings.get("filing_unit") or settings.get("seal_text") or settings.get("township") or ""
    rows = list(ws.iter_rows(min_row=1, max_row=layout.header_top - 1))
    if below is not None:
        rows += list(ws.iter_rows(min_row=below, max_row=ws.max_row))
    for row in rows:
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            text = cell.value.strip()
            if unit and _UNIT.match(text):
                cell.value = f"{text}{unit}" if text.endswith(("：", ":")) else f"{text}：{unit}"
            elif _DATE.match(text):
                head = re.split(r"[:：]", text)[0]
                cell.value = f"{head}：{today.year}年{today.month}月{today.day}日"


def _fix_print_area(ws, last_row: int, width: int) -> None:
    from openpyxl.utils import get_column_letter
    if ws.print_area:
        ws.print_area = f"A1:{get_column_letter(width)}{last_row}"


def fill_template(template, out, query: Query, full_id: bool = False, layout: TemplateLayout | None = None,
                  progress: Callable[[int, int], None] | None = None, today: dt.date | None = None,
                  audit: bool = True) -> FillResult:
    """Fill the form and write the copy to `out` (atomically). `layout` carries the user's mapping.
    The result's `audit_row` is written to the audit log here unless `audit=False` (the GUI fills on
    a reader thread and has the writer thread write it: gui/operations.run_op(audit=…))."""
    check_query(query)
    if query.kind not in KINDS:
        raise UserError("未知的记录类别", "unknown kind")
    wb = open_template(template)
    layout = layout or detect_template(wb, query.kind)
    ws = wb[layout.sheet]
    idx = column_index(query.kind)
    mapped = [c for c in layout.columns if c.key]
    if not any(c.key not in ("ignore.seq",) for c in mapped):
        raise UserError("表头中没有一列能对应到台账中的项目，请在列对应中指定", "no column maps to a field")
    rows = load_rows(query, [idx[c.key] for c in mapped])
    styles = date_styles(layout, query.kind)
    width = max([c.col for c in layout.columns] + [ws.max_column if layout.body_end >= layout.body_start else 0])
    protos = _prototypes(ws, layout, query.kind, styles, width)
    src = style_row(ws, layout)
    height = ws.row_dimensions[src].height if src is not None else None
    wrapping = _wrapping(ws, protos)
    tail = _take_tail(ws, layout)
    _clear_below_header(ws, layout.body_start)
    plan = [(c.col, idx[c.key], styles.get(c.col, "dot")) for c in mapped]
    blank = [col for col in range(1, width + 1) if col not in layout.mapping or not layout.mapping[col]]
    r = layout.body_start
    if progress:
        progress(0, len(rows))           # a cancelled run stops here, before anything is written
    for n, rec in enumerate(rows, start=1):
        for col, spec, ds in plan:
            cell = ws.cell(r, col, cell_value(spec, rec.get(spec.key), full_id, ds, n))
            cell._style = copy.copy(protos[col])
        for col in blank:
            ws.cell(r, col)._style = copy.copy(protos[col])
        tall = _wrapped_height(ws, r, wrapping)
        if height is not None or tall:
            ws.row_dimensions[r].height = max(height or 0, tall or 0)
        if progress and n % 500 == 0:
            progress(n, len(rows))
        r += 1
    if tail:
        _put_tail(ws, tail, r, layout, query.kind, rows, len(rows))
    _fill_heading(ws, layout, today or dt.date.today(), r if tail else None)
    _fix_print_area(ws, r - 1 + (tail.rows if tail else 0), width)
    output.mark_workbook(wb, full_id, f"由{KINDS[query.kind][0]}台账填报，{len(rows)}人，"
                                      f"{dt.date.today().isoformat()}")
    if progress:
        progress(len(rows), len(rows))
    path = outputs.save_atomic(wb.save, out)
    row = ("fill-template", f"{Path(template).name} → {path.name} {query.kind} {len(rows)} rows "
                            f"{'full-id' if full_id else 'masked'}")
    if audit:
        store.audit(*row)
    return FillResult(path, len(rows), layout.sheet,
                      [(c.label, idx[c.key].label) for c in mapped], [c.label for c in layout.unmapped],
                      layout.has_sample, layout.total_row is not None, full_id, row)
