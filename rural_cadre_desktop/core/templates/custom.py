"""Custom reports (自定义报表): a record kind, chosen and ordered columns with the clerk's own
header wordings, filters, a sort, a title and the 填报单位 line — saved by name in core.settings
(key "custom_report.<name>", JSON; core/models stays as it is) and rerun in one click.

A report is built as a table — core.ledgers.standard.Ledger: title, columns (header, width, kept as
text), rows, 填报单位, date — by `report_table`. The .xlsx is written here (title, 填报单位 and date,
header repeated on printed pages, ID numbers as text); a PDF is laid out by the caller's renderer
(reports.ledger.build_ledger, handed to `run_report`): core draws no pages.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rural_cadre_desktop.core import outputs, settings, store
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import Setting
from rural_cadre_desktop.core.templates import output
from rural_cadre_desktop.core.templates.columns import KINDS, column_index, resolve_column
from rural_cadre_desktop.core.templates.records import Query, check_query, load_rows
from rural_cadre_desktop.core.templates.values import cell_value

if TYPE_CHECKING:
    from rural_cadre_desktop.core.ledgers.standard import Ledger

PREFIX = "custom_report."
FILTERS = ("village", "status", "track", "year", "age_min", "age_max", "at")
_WIDTH = {"id": 21, "phone": 14, "date": 11, "seq": 6, "int": 8, "num": 9, "yesno": 8}
_TEXT = ("id", "phone", "date")            # kept as text in Excel ("@"), never numbers


@dataclass
class ReportSpec:
    name: str
    kind: str
    columns: list[str]                                   # column keys, in order
    headers: dict[str, str] = field(default_factory=dict)   # key -> the clerk's own header wording
    filters: dict[str, str] = field(default_factory=dict)   # village, status, track, year, age_min, age_max, at
    sort: str = ""
    title: str = ""
    filing_unit: str = ""                                # empty: the installation's 填报单位

    def header(self, key: str) -> str:
        return self.headers.get(key) or column_index(self.kind)[key].label

    def query(self) -> Query:
        f = self.filters
        try:
            at = dt.date.fromisoformat(f["at"]) if f.get("at") else dt.date.today()
            ints = {k: int(f[k]) if f.get(k) not in (None, "") else None for k in ("year", "age_min", "age_max")}
        except ValueError as e:
            raise UserError("筛选条件中的年份、年龄或日期写得不对（日期写成 2025-12-31）",
                            f"bad filter value: {e}") from e
        return Query(self.kind, f.get("village") or None, f.get("status") or None, f.get("track") or None,
                     ints["year"], ints["age_min"], ints["age_max"], at, self.sort)


def make_spec(name: str, kind: str, columns: list[str], **kw) -> ReportSpec:
    """Check a spec before it is saved: known kind, known columns (by key or Chinese label), filters."""
    name = (name or "").strip()
    if not name:
        raise UserError("报表名称不能为空", "report name is required")
    if kind not in KINDS:
        raise UserError(f"记录类别只能是 {'、'.join(KINDS)}", f"kind must be one of {', '.join(KINDS)}")
    keys = []
    for c in columns:
        col = resolve_column(kind, c)
        if col is None:
            raise UserError(f"“{c}”不是{KINDS[kind][0]}的栏目，可选栏目见 report columns {kind}",
                            f"unknown column {c!r} for {kind}")
        keys.append(col.key)
    if not keys:
        raise UserError("至少要选一个栏目", "choose at least one column")
    filters = {k: str(v) for k, v in (kw.pop("filters", None) or {}).items() if v not in (None, "")}
    bad = [k for k in filters if k not in FILTERS]
    if bad:
        raise UserError(f"不认识的筛选条件“{bad[0]}”（可用：{'、'.join(FILTERS)}）", f"unknown filter {bad[0]}")
    spec = ReportSpec(name, kind, keys, filters=filters, **kw)
    check_query(spec.query())
    return spec


def save_report(spec: ReportSpec) -> None:
    settings.put(PREFIX + spec.name, json.dumps(dataclasses.asdict(spec), ensure_ascii=False))


def load_report(name: str) -> ReportSpec:
    raw = settings.get(PREFIX + name)
    if not raw:
        raise UserError(f"没有名为“{name}”的报表模板，可用 report list 查看", f"no report named {name!r}")
    return ReportSpec(**json.loads(raw))


def list_reports() -> list[ReportSpec]:
    rows = Setting.select().where(Setting.key.startswith(PREFIX)).order_by(Setting.key)
    return [ReportSpec(**json.loads(s.value)) for s in rows if s.value]


def delete_report(name: str) -> None:
    load_report(name)
    Setting.delete().where(Setting.key == PREFIX + name).execute()


def report_table(spec: ReportSpec, full_id: bool = False, today: dt.date | None = None) -> Ledger:
    """The report as a table: one Column (header, width, Excel width, kept as text) per chosen
    column; rows hold the cell values as they go into the .xlsx (numbers stay numbers, None is an
    empty cell)."""
    from rural_cadre_desktop.core.ledgers.standard import Column, Ledger   # (brings core.documents: not at GUI start)
    idx = column_index(spec.kind)
    cols = [idx[k] for k in spec.columns if k in idx]
    rows = load_rows(spec.query(), cols)
    today = today or dt.date.today()
    body = [[cell_value(c, r.get(c.key), full_id, "dot", n) for c in cols] for n, r in enumerate(rows, start=1)]
    township = settings.get("township") or ""
    columns = [Column(spec.header(c.key), _WIDTH.get(c.type, 14), _WIDTH.get(c.type, 14), c.type in _TEXT)
               for c in cols]
    return Ledger("custom", spec.title or f"{township}{KINDS[spec.kind][0]}名册", columns, body,
                  spec.filing_unit or settings.get("filing_unit") or township,
                  f"{today.year}年{today.month}月{today.day}日")


def note(full_id: bool) -> str:
    """The line under the table: whether ID numbers and phones are masked."""
    return f"注：{output.mask_note(full_id)}。"


def printable(table: Ledger, full_id: bool) -> Ledger:
    """The table as it is printed: the 注 line closes it as a last row."""
    return dataclasses.replace(table, rows=[*table.rows, [note(full_id)] + [""] * (len(table.columns) - 1)])


def write_xlsx(t: Ledger, full_id: bool, path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    headers = [c.header for c in t.columns]
    wb = Workbook()
    ws = wb.active
    ws.title = t.title[:31].translate(str.maketrans("", "", "[]:*?/\\")) or "报表"
    n = max(len(headers), 2)
    last = get_column_letter(n)
    ws.append([t.title])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.append([f"填报单位：{t.filing_unit}"] + [None] * (n - 2) + [f"填报日期：{t.date}"])
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    text_cols = {i + 1 for i, c in enumerate(t.columns) if c.text}
    for row in t.rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            cell.border = border
            if cell.column in text_cols:
                cell.number_format = "@"
    ws.append([note(full_id)])
    for i, c in enumerate(t.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.xlsx
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    output.mark_workbook(wb, full_id, t.title)
    wb.save(path)


def run_report(spec: ReportSpec, out, full_id: bool = False, today: dt.date | None = None,
               progress: Callable[[int, int], None] | None = None,
               render_pdf: Callable[[Path, Ledger], None] | None = None, audit: bool = True) -> int:
    """Write the report to `out` (.xlsx or .pdf, atomically); returns the number of rows.

    A .pdf needs `render_pdf(target, ledger)` — reports.ledger.build_ledger — from the caller.
    With `audit=False` the caller writes `report_audit_row(...)` itself (the GUI runs the report on
    a reader thread and has the writer thread write the row: gui/operations.run_op(audit=…))."""
    out = Path(out)
    ext = out.suffix.lower()
    if ext not in (".xlsx", ".pdf"):
        raise UserError("报表只能导出为 .xlsx 或 .pdf 文件", f"report output must be .xlsx or .pdf, not {ext}")
    if ext == ".pdf" and render_pdf is None:
        raise TypeError("run_report: a .pdf needs render_pdf (reports.ledger.build_ledger)")
    outputs.check_target(out)
    table = report_table(spec, full_id, today)
    if progress:
        progress(0, len(table.rows))     # a cancelled run stops here, before anything is written
    if ext == ".xlsx":
        outputs.save_atomic(lambda tmp: write_xlsx(table, full_id, tmp), out)
    else:
        outputs.save_atomic(lambda tmp: render_pdf(tmp, printable(table, full_id)), out)
    if audit:
        store.audit(*report_audit_row(spec, out, len(table.rows), full_id))
    return len(table.rows)


def report_audit_row(spec: ReportSpec, out, rows: int, full_id: bool) -> tuple[str, str]:
    """The (action, detail) a report run is audited with, the same from the GUI and the CLI."""
    return "report run", f"{spec.name} → {Path(out).name} {rows} rows {'full-id' if full_id else 'masked'}"
