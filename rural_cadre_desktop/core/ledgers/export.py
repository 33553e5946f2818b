"""The standard ledgers as .xlsx, ready to print: title, 填报单位 and date, 序号, a frozen header
that repeats on every printed page, landscape A4 fitted to the page width. ID numbers are written
as text (a number would lose its last digits in Excel) and masked unless full_id (audited)."""
from __future__ import annotations

import datetime as dt

from rural_cadre_desktop.core import codes, settings, store
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.kinds import export_records
from rural_cadre_desktop.core.outputs import save_atomic
from rural_cadre_desktop.core.validation import mask_id, mask_phone

# (header, record key, column width, converter)
_YESNO = ("yesno", None)
_PERSON_HEAD = [("村(社区)", "village", 12, None), ("姓名", "name", 10, None), ("性别", "sex_name", 6, None)]
LEDGERS: dict[str, tuple[str, list]] = {
    "returnees": ("返乡人员（在外创业经商人员）台账", _PERSON_HEAD + [
        ("民族", "ethnicity_name", 8, None), ("出生年月", "birth_date", 11, None),
        ("身份证号", "id_number", 21, "id"), ("政治面貌", "political_status_name", 14, None),
        ("学历", "education_name", 10, None), ("联系电话", "phone", 14, "phone"),
        ("状态", "status", 8, codes.RETURNEE_STATUS), ("流向（务工地点）", "work_place", 16, None),
        ("从业情况", "industry", 16, None), ("返乡意愿", "wants_return", 8, "yesno"),
        ("返乡创业意向", "wants_business", 8, "yesno"), ("入党意向", "wants_party", 8, "yesno"),
        ("任村干部意向", "wants_cadre", 8, "yesno"), ("联系干部", "contact_cadre", 10, None),
        ("备注", "remarks", 20, None)]),
    "reserves": ("村级后备干部台账", _PERSON_HEAD + [
        ("出生年月", "birth_date", 11, None), ("身份证号", "id_number", 21, "id"),
        ("政治面貌", "political_status_name", 14, None), ("学历", "education_name", 10, None),
        ("联系电话", "phone", 14, "phone"), ("后备类别", "track", 18, codes.RESERVE_TRACKS),
        ("在库状态", "status", 8, codes.RESERVE_STATUS), ("入库时间", "entered_date", 11, None),
        ("推荐方式", "recommended_by", 10, codes.RECOMMENDED_BY), ("培养措施", "cultivation", 20, None),
        ("帮带人", "mentor", 10, None), ("备注", "remarks", 20, None)]),
    "attendance": ("培训参训人员台账", [
        ("培训班", "training", 20, None), ("开始日期", "start_date", 11, None)] + _PERSON_HEAD + [
        ("身份证号", "id_number", 21, "id"), ("联系电话", "phone", 14, "phone"),
        ("考核结果", "exam_result", 10, None), ("备注", "remarks", 20, None)]),
}


def _convert(value, conv, full_id: bool):
    if value is None or value == "":
        return ""
    if conv == "id":
        return mask_id(value, full_id)
    if conv == "phone":
        return mask_phone(value, full_id)
    if conv == "yesno":
        return "是" if value else "否"
    if isinstance(conv, dict):
        return conv.get(value, value)
    return value


def export_ledger(kind: str, path, full_id: bool = False, today: dt.date | None = None) -> int:
    """Write the ledger; returns the number of rows. Written to a temporary name, then renamed."""
    if kind not in LEDGERS:
        raise UserError(f"台账类别只能是 {'、'.join(LEDGERS)}", f"kind must be one of {', '.join(LEDGERS)}")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    title, cols = LEDGERS[kind]
    records = export_records(kind)
    township = settings.get("township") or ""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ncol = len(cols) + 1
    last = get_column_letter(ncol)
    ws.append([f"{township}{title}"])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    today = today or dt.date.today()
    ws.append([f"填报单位：{settings.get('filing_unit') or township}"] + [""] * (ncol - 3) +
              [f"填报日期：{today.year}年{today.month}月{today.day}日"])
    ws.merge_cells(f"A2:{get_column_letter(ncol - 2)}2")
    ws.merge_cells(f"{get_column_letter(ncol - 1)}2:{last}2")
    ws.cell(2, ncol - 1).alignment = Alignment(horizontal="right")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append(["序号"] + [c[0] for c in cols])
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    id_cols = [i + 2 for i, c in enumerate(cols) if c[3] in ("id", "phone")]
    for n, rec in enumerate(records, start=1):
        ws.append([n] + [_convert(rec.get(key), conv, full_id) for _, key, _, conv in cols])
        row = ws.max_row
        for c in id_cols:
            ws.cell(row, c).number_format = "@"        # text, never a number
        for cell in ws[row]:
            cell.border = border
    ws.column_dimensions["A"].width = 6
    for i, (_, _, width, _) in enumerate(cols, start=2):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    save_atomic(wb.save, path)
    store.audit("export-ledger", f"{kind} {len(records)} rows{' full-id' if full_id else ' masked'}")
    return len(records)
