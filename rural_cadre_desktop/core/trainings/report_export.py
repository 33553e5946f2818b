"""What the 培训记录 tab shows and hands out, Qt-free: the attendance roster of one class as the tab
lists it (姓名, 村, 职务, 参训天数, 结业考试, 证书编号, 备注 — query.ATTENDANCE carries the archive's
columns instead), and the 达标情况 rows written to .xlsx as the clerk sees them (filter and order
kept; the GUI hands the rows over, nothing is re-evaluated here)."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rural_cadre_desktop.core.listing import ListColumn, db
from rural_cadre_desktop.core.outputs import save_atomic
from rural_cadre_desktop.core.trainings.query import AttendanceList, AttendanceQuery

# The sitting posts of the person, as post identifiers joined by ',' (the tab shows their labels).
POSTS = ("(SELECT group_concat(c.post, ',') FROM village_cadre c WHERE c.person_id = p.id AND c.deleted = 0 "
         "AND c.term_end IS NULL)")

ROSTER_COLUMNS = [
    ListColumn("name", "姓名", "p.name", sort="p.name_strokes"),
    ListColumn("village", "村(社区)", "v.name", sort="v.sort_order"),
    ListColumn("posts", "职务", POSTS),
    # empty attended_days means the whole class
    ListColumn("attended_days", "参训天数", "COALESCE(a.attended_days, t.days)"),
    ListColumn("exam_result", "结业考试", "a.exam_result"),
    ListColumn("certificate_no", "证书编号", "a.certificate_no"),
    ListColumn("remarks", "备注", "a.remarks"),
]

ROSTER = AttendanceList(
    ROSTER_COLUMNS,
    "attendance a JOIN person p ON p.id = a.person_id LEFT JOIN village v ON v.id = p.village_id "
    "JOIN training_session t ON t.id = a.training_id",
    "a.id", base_where="a.deleted = 0 AND p.deleted = 0", default_order="v.sort_order, p.name_strokes",
    page_key="a.rowid")


def roster_query(training_id: str) -> AttendanceQuery:
    return AttendanceQuery(training_id=training_id)


def attendance_entry(attendance_id: str) -> dict | None:
    """One live attendance as the row editor needs it: person, class days and the stored values."""
    keys = ["id", "training_id", "person_id", "name", "attended_days", "class_days", "exam_result",
            "certificate_no", "remarks"]
    row = db().execute_sql(
        "SELECT a.id, a.training_id, a.person_id, p.name, a.attended_days, t.days, a.exam_result, "
        "a.certificate_no, a.remarks FROM attendance a JOIN person p ON p.id = a.person_id "
        "JOIN training_session t ON t.id = a.training_id WHERE a.id = ? AND a.deleted = 0",
        [attendance_id]).fetchone()
    return dict(zip(keys, row)) if row else None


# -- the 达标情况 list as .xlsx ------------------------------------------------------------------
RULE_HEADERS = ["姓名", "村(社区)", "规则", "应训天数", "已训天数", "差几天", "达标", "说明"]
_WIDTHS = [10, 14, 30, 9, 9, 8, 8, 40]


def number(value) -> float | int | None:
    """5.0 → 5 (a whole number of days reads as one in Excel/WPS)."""
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


def rule_cells(r) -> list:
    """One RuleRow (core/trainings/rules.py) as the sheet and the tab show it."""
    return [r.name or "（本乡镇）", r.village or "", r.rule_label, number(r.required_days), number(r.attended_days),
            number(r.short_days), "已达标" if r.met else "未达标", r.detail or ""]


def export_rules_xlsx(rows: Iterable, path: str | os.PathLike, title: str) -> int:
    """Write these RuleRows in the order given under `title` (e.g. "2026年度培训达标情况（未达标）");
    returns how many. Complete or absent (core/outputs)."""
    # openpyxl takes ~0.3 s to import: at the export, not when the window starts
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("培训达标情况")
    for i, w in enumerate(_WIDTHS):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    head = WriteOnlyCell(ws, value=title)
    head.font = Font(bold=True, size=14)
    ws.append([head])
    bold = Font(bold=True)
    header = []
    for text in RULE_HEADERS:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    n = 0
    for r in rows:
        ws.append(rule_cells(r))
        n += 1
    save_atomic(wb.save, Path(path))
    return n


def audit_row(n: int, year: int) -> tuple[str, str]:
    """The audit row of a rules export: ("training-report-xlsx", "<year> <n> rows")."""
    return "training-report-xlsx", f"{year} {n} rows"
