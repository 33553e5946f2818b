"""Forms as superiors send them (issue 15): notes under the table survive whatever their wording,
filled rows take the style of the form's first blank row (not the red italic sample), cells that
wrap in the form wrap in the filled rows, and 填报单位（盖章） is filled from the settings."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side

from rural_cadre_desktop.core import settings, store
from rural_cadre_desktop.core.templates import Query, fill_template

from .conftest import AT, cells

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER = ["序号", "姓名", "性别", "年龄", "政治面貌", "联系电话", "户籍所在村", "备注"]
NOTES = ["填表说明：1. 本表由各村填写，乡镇汇总；2. 年龄按2025年12月31日计算。",
         "此表一式两份，一份报县委组织部，一份乡镇留存",
         "填表人：", "（签字）"]


def county_form(path):
    """Title, 填报单位（盖章）：, header, a red italic sample row, three blank bordered rows in 仿宋
    (年龄 with number format 0, 政治面貌 wrapping in a narrow column), then notes and signatures."""
    wb = Workbook()
    ws = wb.active
    ws.title = "统计表"
    ws.append(["返乡人员情况统计表"])
    ws.merge_cells("A1:H1")
    ws.append(["填报单位（盖章）：", None, None, None, None, "填报日期："])
    ws.append(HEADER)
    ws.append(["示例", "张三", "男", 45, "群众", "13800000000", "某某村", ""])
    for c in range(1, 9):
        ws.cell(4, c).font = Font(color="FF0000", italic=True)
    for r in (5, 6, 7):
        ws.row_dimensions[r].height = 18
        for c in range(1, 9):
            cell = ws.cell(r, c)
            cell.font = Font(name="仿宋", size=12)
            cell.border = BOX
        ws.cell(r, 4).number_format = "0"
        ws.cell(r, 5).alignment = Alignment(wrap_text=True, vertical="center")
    for c in range(1, 9):
        ws.cell(3, c).border = BOX
        ws.cell(4, c).border = BOX
    ws.column_dimensions["E"].width = 8
    ws.append([NOTES[0]])                                    # row 8, merged across the table
    ws.merge_cells("A8:H8")
    ws.append([NOTES[1]])                                    # row 9: one long sentence, no colon
    ws.append([NOTES[2], None, None, "审核人：", None, "填报单位（盖章）："])   # row 10
    ws.append([None, None, None, None, None, NOTES[3]])      # row 11: a signature
    wb.save(path)
    return path


def fill(township, tmp_path):
    settings.put("filing_unit", "中共石门镇委员会组织办公室")
    ding = township["丁一"]
    store.update(ding, {"political_status": "02"}, source="test")      # 中国共产党预备党员: wraps
    out = tmp_path / "out.xlsx"
    res = fill_template(county_form(tmp_path / "form.xlsx"), out, Query("returnees", at=AT, sort="strokes"),
                        today=AT)
    return res, out


def test_notes_and_signatures_below_the_table_survive(township, tmp_path):
    res, out = fill(township, tmp_path)
    rows = cells(out)
    assert res.rows == 3 and res.sample_replaced
    assert [r[1] for r in rows[3:6]] == ["丁一", "王伟", "李娜"]
    assert rows[6][0] == NOTES[0] and rows[7][0] == NOTES[1]
    assert rows[8][0] == "填表人：" and rows[8][3] == "审核人："
    assert rows[9][5] == NOTES[3] and len(rows) == 10
    ws = load_workbook(out).active
    assert "A7:H7" in {str(m) for m in ws.merged_cells.ranges}


def test_filled_rows_take_the_first_blank_rows_style_not_the_samples(township, tmp_path):
    _, out = fill(township, tmp_path)
    ws = load_workbook(out).active
    for r in (4, 5, 6):
        for c in range(1, 9):
            cell = ws.cell(r, c)
            assert cell.font.name == "仿宋" and cell.font.sz == 12 and not cell.font.i, (r, c)
            assert cell.font.color is None or not str(cell.font.color.rgb).endswith("FF0000")
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
        assert ws.cell(r, 4).number_format == "0"                 # the form's number format
        assert ws.cell(r, 6).number_format == "@"                 # phones stay text
        assert ws.row_dimensions[r].height >= 18


def test_cells_that_wrap_in_the_form_wrap_in_the_filled_rows(township, tmp_path):
    _, out = fill(township, tmp_path)
    ws = load_workbook(out).active
    assert ws["E4"].value == "中国共产党预备党员"
    assert all(ws.cell(r, 5).alignment.wrap_text for r in (4, 5, 6))
    assert ws.row_dimensions[4].height > 18                  # tall enough for its lines
    assert not ws.cell(4, 2).alignment.wrap_text


def test_filing_unit_with_seal_is_filled_from_the_settings(township, tmp_path):
    _, out = fill(township, tmp_path)
    rows = cells(out)
    assert rows[1][0] == "填报单位（盖章）：中共石门镇委员会组织办公室"
    assert rows[1][5] == "填报日期：2025年12月31日"
    assert rows[8][5] == "填报单位（盖章）：中共石门镇委员会组织办公室"


def test_a_form_without_blank_rows_takes_the_headers_style_without_bold(township, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "政治面貌"])
    ws.append(["张三", "群众"])
    ws["A1"].font = Font(name="黑体", bold=True)
    ws["A1"].border = BOX
    ws["A2"].font = Font(color="FF0000", italic=True)
    ws.append(["注：1. 按户籍所在村填写"])
    wb.save(tmp_path / "f.xlsx")
    fill_template(tmp_path / "f.xlsx", tmp_path / "o.xlsx", Query("returnees", village="柳树村"))
    out = load_workbook(tmp_path / "o.xlsx").active
    assert out["A2"].value == "李娜" and out["A3"].value == "注：1. 按户籍所在村填写"
    assert out["A2"].font.name == "黑体" and not out["A2"].font.b and not out["A2"].font.i
    assert out["A2"].border.left.style == "thin"
