"""The error report (.xlsx): the refused rows repeated as the sheet had them, each with its sheet
row number and the reason, so the clerk can fix them there and import the report itself again
(its first sheet keeps the original header, and the two added columns map to nothing). Rows
taken with a warning and values that differ from the database follow on their own sheets."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from rural_cadre_desktop.core.ledgers.clean import SPECS as _SPECS     # per key prefix, from core/kinds
from rural_cadre_desktop.core.ledgers.plan import Plan
from rural_cadre_desktop.core.outputs import save_atomic


def field_text(table: str, field: str) -> str:
    if field == "village_id":
        return "村(社区)"
    spec = _SPECS.get(table, {}).get(field)
    return spec.label if spec else field


def value_text(table: str, field: str, value, village_names: dict[str, str] | None = None) -> str:
    if field == "village_id":
        return (village_names or {}).get(value, value or "")
    spec = _SPECS.get(table, {}).get(field)
    return spec.display(value) if spec else ("" if value is None else str(value))


def _header(ws, labels, widths):
    from openpyxl.styles import Alignment, Font, PatternFill
    ws.append(labels)
    for i, cell in enumerate(ws[1]):
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFF2CC")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = widths[i] if i < len(widths) else 14
    ws.freeze_panes = "A2"


def write_report(plan: Plan, path, village_names: dict[str, str] | None = None) -> Path:
    """Write the report atomically (temporary name, then rename)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    wb = Workbook()
    ws = wb.active
    ws.title = "未导入的行"
    several = len(plan.sheets) > 1          # one sheet per village: say which sheet each row is on
    lead = ["工作表"] if several else []
    _header(ws, [*lead, "原表行号", "未导入原因", *plan.header], [12] * len(lead) + [10, 48] + [14] * len(plan.header))
    for r in plan.refused:
        ws.append([*([r.sheet] if several else []), r.number, _cell(r.reason), *[_cell(v) for v in r.cells]])
        for cell in ws[ws.max_row][2 + len(lead):]:
            if isinstance(cell.value, str) and (cell.value.isdigit() or cell.value.startswith("=")):
                cell.data_type = TYPE_STRING      # ID numbers stay text; a leading = is no formula
                cell.number_format = "@"
    ws2 = wb.create_sheet("需注意")
    _header(ws2, [*lead, "原表行号", "姓名", "说明"], [12] * len(lead) + [10, 12, 60])
    names = {(e.row.sheet, e.row.number): e.row.person.get("name") for e in plan.entries}
    for flag in plan.flagged:
        sheet = getattr(flag, "sheet", "")
        number, note = flag
        ws2.append([*([sheet] if several else []), number, _cell(names.get((sheet, number), "")), _cell(note)])
    ws3 = wb.create_sheet("与库中不一致")
    _header(ws3, ["原表行号", "姓名", "项目", "库中的值", "表中的值", "处理"], [10, 12, 16, 24, 24, 16])
    for d in plan.differences:
        ws3.append([d.row, _cell(d.name), field_text(d.table, d.field),
                    _cell(value_text(d.table, d.field, d.db_value, village_names)),
                    _cell(value_text(d.table, d.field, d.file_value, village_names)),
                    "已按表中的值更新" if d.take_file else "保留库中的值"])
    path = save_atomic(wb.save, path)
    return path


def _cell(v):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    if isinstance(v, (dt.time, dt.timedelta)):
        return str(v)
    if isinstance(v, str):
        return ILLEGAL_CHARACTERS_RE.sub("", v)   # control characters openpyxl cannot store
    return v
