"""Custom reports: saved by name, rerun to the same output plus new rows, .xlsx and PDF."""
from __future__ import annotations

import pdfplumber
import pytest
from openpyxl import load_workbook

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import AuditLog, Setting
from rural_cadre_desktop.core.templates.custom import (delete_report, list_reports, load_report, make_spec,
                                                       report_table, run_report, save_report)
from functools import partial

from rural_cadre_desktop.core.validation import mask

mask_id = partial(mask, rule="id")
from rural_cadre_desktop.reports.ledger import build_ledger

from .conftest import AT, cells, make_id


def _spec(**kw):
    args = dict(headers={"derived.age": "年龄（岁）"}, filters={"at": AT.isoformat(), "year": "2025"},
                sort="strokes", title="返乡人员一览表")
    args.update(kw)
    return make_spec("返乡一览", "returnees", ["序号", "name", "村(社区)", "derived.age", "person.id_number",
                                            "phone", "status", "本年度“八个一”次数", "training_days"], **args)


HEAD = ["序号", "姓名", "村(社区)", "年龄（岁）", "身份证号", "联系电话", "状态", "本年度“八个一”次数", "本年度培训天数"]


def test_saved_report_reruns_to_the_same_output_plus_new_rows(township, tmp_path):
    save_report(_spec())
    assert [r.name for r in list_reports()] == ["返乡一览"]
    assert load_report("返乡一览") == _spec()
    first = tmp_path / "a.xlsx"
    assert run_report(load_report("返乡一览"), first, today=AT) == 3
    rows = cells(first)
    assert rows[0][0] == "返乡人员一览表"
    assert rows[1][0] == "填报单位：中共石门镇委员会" and rows[1][-1] == "填报日期：2025年12月31日"
    assert rows[2] == HEAD
    assert rows[3:6] == [
        [1, "丁一", "石门村", 55, mask_id(make_id("1970-01-15", "031")), None, "已返乡", 0, 0],
        [2, "王伟", "石门村", 40, mask_id(make_id("1985-03-05", "011")), "138****5678", "在外", 2, 5],
        [3, "李娜", "柳树村", 35, mask_id(make_id("1990-11-20", "022")), "159****1111", "已返乡", 1, 0],
    ]
    assert rows[6][0] == "注：身份证号、电话已部分隐藏。" and len(rows) == 7

    from rural_cadre_desktop.core import regions, store
    from rural_cadre_desktop.core.models import Returnee
    from rural_cadre_desktop.core.people import create_person
    p = create_person({"name": "卜二", "id_number": make_id("2000-02-02", "051"), "phone": "13700000000"},
                      regions.find_village("古城村"))
    store.insert(Returnee, person=p, status="away")
    second = tmp_path / "b.xlsx"
    assert run_report(load_report("返乡一览"), second, today=AT) == 4
    again = cells(second)
    assert again[:3] == rows[:3]
    assert [r[1:] for r in again[3:7]] == [rows[3][1:],
                                          ["卜二", "古城村", 25, mask_id(make_id("2000-02-02", "051")),
                                           "137****0000", "在外", 0, 0], rows[4][1:], rows[5][1:]]
    assert [r[0] for r in again[3:7]] == [1, 2, 3, 4]


def test_full_id_is_chosen_per_run_and_recorded(township, tmp_path):
    save_report(_spec())
    out = tmp_path / "full.xlsx"
    run_report(load_report("返乡一览"), out, full_id=True, today=AT)
    rows = cells(out)
    assert rows[4][4] == make_id("1985-03-05", "011") and rows[4][5] == "13812345678"
    assert rows[-1][0] == "注：含完整身份证号和电话，请妥善保管。"
    assert load_workbook(out).properties.keywords == "full-id"
    assert load_workbook(out).active["E5"].number_format == "@"
    assert AuditLog.get(AuditLog.action == "report run").detail.endswith("full-id")


def test_pdf_through_the_ledger_layout(township, tmp_path):
    spec = _spec(filters={"village": "石门村", "at": AT.isoformat()})
    out = tmp_path / "r.pdf"
    assert run_report(spec, out, today=AT, render_pdf=build_ledger) == 2
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "返乡人员一览表" in text and "丁一" in text and "王伟" in text and "李娜" not in text
    assert "中共石门镇委员会" in text and mask_id(make_id("1985-03-05", "011")) in text
    assert "注：身份" in text and "隐藏。" in text          # the 注 line closes the table
    # core lays out no page: a PDF without the caller's renderer is a programming error, nothing written
    with pytest.raises(TypeError):
        run_report(spec, tmp_path / "none.pdf", today=AT)
    assert not (tmp_path / "none.pdf").exists()


def test_the_report_is_a_table_the_caller_can_render(township):
    table = report_table(_spec(filters={"village": "石门村", "at": AT.isoformat()}), today=AT)
    assert (table.title, table.filing_unit, table.date) == ("返乡人员一览表", "中共石门镇委员会", "2025年12月31日")
    assert [c.header for c in table.columns] == HEAD
    assert [c.header for c in table.columns if c.text] == ["身份证号", "联系电话"]
    assert [r[1] for r in table.rows] == ["丁一", "王伟"] and table.rows[0][3] == 55


def test_other_kinds_join_through_the_person(township, tmp_path):
    spec = make_spec("参训", "attendance", ["姓名", "training.name", "training.days", "exam_result"],
                     filters={"year": "2025"})
    run_report(spec, tmp_path / "t.xlsx", today=AT)
    assert cells(tmp_path / "t.xlsx")[3] == ["王伟", "2025年返乡创业培训班", 5, "合格"]
    spec = make_spec("活动", "activities", ["name", "activity.kind", "activity.date"], filters={"year": "2025"},
                     sort="pinyin")
    run_report(spec, tmp_path / "a.xlsx", today=AT)
    assert cells(tmp_path / "a.xlsx")[3:6] == [["李娜", "发送一封邀请函", "2025.01"],
                                              ["王伟", "发送一封邀请函", "2025.01"],
                                              ["王伟", "召开一次恳谈会", "2025.02"]]
    spec = make_spec("覆盖", "reserves", ["village", "name", "track", "village_secretary_reserve"], sort="village")
    run_report(spec, tmp_path / "c.xlsx", today=AT)
    assert cells(tmp_path / "c.xlsx")[3:5] == [["石门村", "王伟", "村党组织书记后备人选", "是"],
                                              ["柳树村", "李娜", "村两委后备干部", "否"]]


def test_refusals(township, tmp_path):
    with pytest.raises(UserError, match="不是返乡人员"):
        make_spec("x", "returnees", ["姓名", "鞋码"])
    with pytest.raises(UserError, match="记录类别"):
        make_spec("x", "planets", ["姓名"])
    with pytest.raises(UserError, match="筛选条件"):
        make_spec("x", "returnees", ["姓名"], filters={"colour": "red"})
    with pytest.raises(UserError, match="后备类别只能用于"):
        make_spec("x", "returnees", ["姓名"], filters={"track": "secretary"})
    with pytest.raises(UserError, match="名称不能为空"):
        make_spec(" ", "returnees", ["姓名"])
    with pytest.raises(UserError, match="没有名为"):
        load_report("nope")
    with pytest.raises(UserError, match=".xlsx 或 .pdf"):
        run_report(_spec(), tmp_path / "r.docx")
    with pytest.raises(UserError, match="输出文件夹"):
        run_report(_spec(), tmp_path / "no" / "r.xlsx")
    assert Setting.select().where(Setting.key.startswith("custom_report.")).count() == 0
    assert not [p for p in tmp_path.iterdir() if not p.name.startswith("ledger.db")]
    save_report(_spec())
    delete_report("返乡一览")
    assert list_reports() == []
