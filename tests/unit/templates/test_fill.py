"""Filling superiors' blank forms made here with openpyxl: every output cell is asserted."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Border, Font, PatternFill, Side

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import AuditLog
from rural_cadre_desktop.core.templates import Query, detect_template, fill_template, open_template, save_mapping
from functools import partial

from rural_cadre_desktop.core.validation import mask

mask_id = partial(mask, rule="id")

from .conftest import AT, cells, make_id

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
ID = {"王伟": make_id("1985-03-05", "011"), "李娜": make_id("1990-11-20", "022"), "丁一": make_id("1970-01-15", "031")}


def box(ws, rows, cols):
    for r in rows:
        for c in cols:
            ws.cell(r, c).border = BOX


def one_row_form(path, sample_birth="1980.01"):
    wb = Workbook()
    ws = wb.active
    ws.title = "摸底表"
    ws.append(["石门镇返乡人员情况统计表"])
    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(size=18, bold=True)
    ws.append(["填报单位：", None, None, None, None, None, "填报日期："])
    ws.append(["序号", "姓名", "性别", "公民身份号码", "出生年月", "年龄", "联系方式", "户籍所在村"])
    ws.append([1, "张三", "男", "610123198001011234", sample_birth, 45, "13800000000", "某某村"])
    ws.append(["合计"])
    ws.merge_cells("A5:B5")
    ws.append(["填表人：", None, None, "审核人："])
    for c in range(1, 9):
        ws.cell(3, c).font = Font(bold=True)
        ws.cell(3, c).fill = PatternFill("solid", fgColor="DDDDDD")
    ws["B4"].font = Font(name="宋体", size=11, italic=True)
    box(ws, range(3, 6), range(1, 9))
    ws.column_dimensions["D"].width = 22
    ws.column_dimensions["B"].width = 10.5
    wb.save(path)
    return path


def test_one_row_header_sample_and_total_row(township, tmp_path):
    tpl = one_row_form(tmp_path / "form.xlsx")
    out = tmp_path / "out.xlsx"
    res = fill_template(tpl, out, Query("returnees", at=AT, sort="strokes"), today=AT)
    assert (res.rows, res.sheet, res.unmapped, res.sample_replaced, res.total_row) == (3, "摸底表", [], True, True)
    assert cells(out) == [
        ["石门镇返乡人员情况统计表"] + [None] * 7,
        ["填报单位：中共石门镇委员会", None, None, None, None, None, "填报日期：2025年12月31日", None],
        ["序号", "姓名", "性别", "公民身份号码", "出生年月", "年龄", "联系方式", "户籍所在村"],
        [1, "丁一", "男", mask_id(ID["丁一"]), "1970.01", 55, None, "石门村"],
        [2, "王伟", "男", mask_id(ID["王伟"]), "1985.03", 40, "138****5678", "石门村"],
        [3, "李娜", "女", mask_id(ID["李娜"]), "1990.11", 35, "159****1111", "柳树村"],
        ["合计（3人）", None, None, None, None, None, None, None],
        ["填表人：", None, None, "审核人：", None, None, None, None],
    ]
    ws = load_workbook(out).active
    assert {str(m) for m in ws.merged_cells.ranges} == {"A1:H1", "A7:B7"}
    assert ws["A1"].font.sz == 18 and ws["A1"].font.b
    assert ws.column_dimensions["D"].width == 22 and ws.column_dimensions["B"].width == 10.5
    assert ws["C3"].fill.fgColor.rgb.endswith("DDDDDD") and ws["C3"].font.b
    for r in (4, 5, 6):          # no blank data row: the header's style, not bold, never the sample's italic
        assert not ws.cell(r, 2).font.i and not ws.cell(r, 2).font.b and ws.cell(r, 2).fill.fill_type is None
        assert ws.cell(r, 4).number_format == "@" and ws.cell(r, 7).number_format == "@"
        assert all(ws.cell(r, c).border.left.style == "thin" for c in range(1, 9))
    assert ws["A7"].border.top.style == "thin"
    wb = load_workbook(out)
    assert wb.properties.keywords == "masked" and "已部分隐藏" in wb.properties.description
    assert AuditLog.select().where(AuditLog.action == "fill-template").get().detail.endswith("masked")


def two_row_form(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["返乡人员花名册"])
    ws.merge_cells("A1:I1")
    ws.append(["序号", "姓名", "基本情况", None, None, "是否有意愿", None, "鞋码", "手机号"])
    ws.append([None, None, "出生日期", "户籍所在村", "身份证号码", "返乡", "入党"])
    for rng in ("A2:A3", "B2:B3", "C2:E2", "F2:G2", "H2:H3", "I2:I3"):
        ws.merge_cells(rng)
    box(ws, range(2, 6), range(1, 10))
    for r in (4, 5):            # two pre-drawn empty rows
        for c in range(1, 10):
            ws.cell(r, c).font = Font(name="仿宋", size=12)
    wb.save(path)
    return path


def test_two_row_merged_header_unusual_wordings_and_an_unmapped_column(township, tmp_path):
    tpl = two_row_form(tmp_path / "form2.xlsx")
    out = tmp_path / "out2.xlsx"
    res = fill_template(tpl, out, Query("returnees", village="石门", at=AT, sort="pinyin"), full_id=True)
    assert res.unmapped == ["鞋码"] and not res.sample_replaced and not res.total_row
    assert dict(res.mapped)["基本情况/身份证号码"] == "身份证号"
    assert dict(res.mapped)["是否有意愿/返乡"] == "返乡意愿"
    assert cells(out) == [
        ["返乡人员花名册"] + [None] * 8,
        ["序号", "姓名", "基本情况", None, None, "是否有意愿", None, "鞋码", "手机号"],
        [None, None, "出生日期", "户籍所在村", "身份证号码", "返乡", "入党", None, None],
        [1, "丁一", "1970-01-15", "石门村", ID["丁一"], None, None, None, None],
        [2, "王伟", "1985-03-05", "石门村", ID["王伟"], "是", None, None, "13812345678"],
    ]
    ws = load_workbook(out).active
    assert {str(m) for m in ws.merged_cells.ranges} == {"A1:I1", "A2:A3", "B2:B3", "C2:E2", "F2:G2", "H2:H3",
                                                       "I2:I3"}
    assert ws["B5"].font.name == "仿宋" and ws["H5"].border.left.style == "thin"
    assert ws["E4"].data_type == "s" and ws["E4"].number_format == "@"
    assert load_workbook(out).properties.keywords == "full-id"
    assert AuditLog.select().where(AuditLog.action == "fill-template").get().detail.endswith("full-id")


@pytest.mark.parametrize("sample, expected", [
    ("1980年1月", ["1970年1月", "1985年3月", "1990年11月"]),
    ("1980-01-01", ["1970-01-15", "1985-03-05", "1990-11-20"]),
    ("1980.1", ["1970.1", "1985.3", "1990.11"]),
    (dt.datetime(1980, 1, 1), [dt.datetime(1970, 1, 15), dt.datetime(1985, 3, 5), dt.datetime(1990, 11, 20)]),
])
def test_dates_take_the_form_of_the_sample(township, tmp_path, sample, expected):
    tpl = one_row_form(tmp_path / "form.xlsx", sample_birth=sample)
    out = tmp_path / "out.xlsx"
    fill_template(tpl, out, Query("returnees", at=AT, sort="strokes"))
    assert [r[4] for r in cells(out)[3:6]] == expected


def test_header_wording_decides_the_date_form_without_a_sample(township, tmp_path):
    wb = Workbook()
    wb.active.append(["姓名", "出生年月", "入党时间（格式：xxxx年xx月）", "出生日期"])
    wb.save(tmp_path / "f.xlsx")
    res = fill_template(tmp_path / "f.xlsx", tmp_path / "o.xlsx", Query("returnees", village="柳树村"))
    # a second column naming a field already taken is reported, not filled by guess
    assert res.unmapped == ["出生日期"]
    assert cells(tmp_path / "o.xlsx")[1] == ["李娜", "1990.11", None, None]
    fill_template(tmp_path / "f.xlsx", tmp_path / "o.xlsx", Query("returnees", village="石门村", sort="strokes"))
    assert cells(tmp_path / "o.xlsx")[1] == ["丁一", "1970.01", "1995年6月", None]
    wb = Workbook()
    wb.active.append(["姓名", "出生日期"])
    wb.save(tmp_path / "g.xlsx")
    fill_template(tmp_path / "g.xlsx", tmp_path / "o.xlsx", Query("returnees", village="柳树村"))
    assert cells(tmp_path / "o.xlsx")[1] == ["李娜", "1990-11-20"]


def test_derived_columns_and_total_row_sums(township, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "身份证号", "党龄", "“八个一”次数", "“八个一”内容", "培训天数", "有无书记后备人选"])
    ws.append(["合计"])
    wb.save(tmp_path / "f.xlsx")
    res = fill_template(tmp_path / "f.xlsx", tmp_path / "o.xlsx",
                        Query("returnees", year=2025, at=AT, sort="strokes"))
    assert res.unmapped == []
    assert cells(tmp_path / "o.xlsx") == [
        ["序号", "姓名", "身份证号", "党龄", "“八个一”次数", "“八个一”内容", "培训天数", "有无书记后备人选"],
        [1, "丁一", mask_id(ID["丁一"]), 30, 0, None, 0, "是"],
        [2, "王伟", mask_id(ID["王伟"]), 15, 2, "邀请函、恳谈会", 5, "是"],
        [3, "李娜", mask_id(ID["李娜"]), None, 1, "邀请函", 0, "否"],
        ["合计", "3人", None, None, 3, None, 5, None],
    ]


def test_filters_status_age_and_track(township, tmp_path):
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "村别"])
    wb.save(tmp_path / "f.xlsx")
    out = tmp_path / "o.xlsx"
    fill_template(tmp_path / "f.xlsx", out, Query("returnees", status="returned", sort="strokes"))
    assert [r[0] for r in cells(out)[1:]] == ["丁一", "李娜"]
    fill_template(tmp_path / "f.xlsx", out, Query("returnees", age_min=36, age_max=50, at=AT))
    assert [r[0] for r in cells(out)[1:]] == ["王伟"]
    fill_template(tmp_path / "f.xlsx", out, Query("reserves", track="secretary"))
    assert [r[0] for r in cells(out)[1:]] == ["王伟"]


def test_corrected_mapping_is_remembered_for_the_same_header(township, tmp_path):
    tpl = two_row_form(tmp_path / "form2.xlsx")
    layout = detect_template(open_template(tpl), "returnees")
    assert not layout.remembered and [c.label for c in layout.unmapped] == ["鞋码"]
    next(c for c in layout.columns if c.label == "鞋码").key = "returnee.work_place"
    save_mapping("returnees", layout)
    again = detect_template(open_template(two_row_form(tmp_path / "again.xlsx")), "returnees")
    assert again.remembered and again.unmapped == []
    out = tmp_path / "o.xlsx"
    fill_template(tpl, out, Query("returnees", village="柳树村"), layout=again)
    assert cells(out)[3][7] == "江苏苏州"


def test_refusals_write_nothing(township, tmp_path):
    out = tmp_path / "o.xlsx"
    wb = Workbook()
    wb.active.append(["单位", "数量"])
    wb.save(tmp_path / "nohead.xlsx")
    with pytest.raises(UserError, match="没有找到表头"):
        fill_template(tmp_path / "nohead.xlsx", out, Query("returnees"))
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip at all")
    with pytest.raises(UserError, match="无法读取表格"):
        fill_template(tmp_path / "bad.xlsx", out, Query("returnees"))
    (tmp_path / "old.xls").write_bytes(b"x")
    with pytest.raises(UserError, match="另存为 .xlsx"):
        fill_template(tmp_path / "old.xls", out, Query("returnees"))
    tpl = one_row_form(tmp_path / "form.xlsx")
    with pytest.raises(UserError, match="没有“火星村”"):
        fill_template(tpl, out, Query("returnees", village="火星村"))
    with pytest.raises(UserError, match="状态"):
        fill_template(tpl, out, Query("returnees", status="gone"))
    with pytest.raises(UserError, match="输出文件夹"):
        fill_template(tpl, tmp_path / "nope" / "o.xlsx", Query("returnees"))
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert AuditLog.select().where(AuditLog.action == "fill-template").count() == 0
