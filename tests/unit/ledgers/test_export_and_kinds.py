"""Standard ledger export (masked unless full_id, ID numbers as text, ready to print) and the
reserve and attendance imports."""
from __future__ import annotations

import openpyxl
import pytest

from rural_cadre_desktop.core import ledgers, regions, settings, store as st
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.export import export_ledger
from rural_cadre_desktop.core.models import Attendance, AuditLog, Person, ReserveCadre, TrainingSession

from .helpers import CHEN, ZHANG, make_id, write_xlsx


def _returnees(tmp_path):
    regions.add_village("石门村")
    path = write_xlsx(tmp_path / "r.xlsx", {"S": [
        ["村别", "姓名", "身份证号", "联系电话", "是否有返乡意愿"],
        ["石门村", "张三", ZHANG, "13800001111", "是"], ["石门村", "王䶮", CHEN, "", "否"]]})
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path)))


def test_export_masked_text_ids_print_ready(store, tmp_path):
    _returnees(tmp_path)
    out = tmp_path / "out.xlsx"
    assert export_ledger("returnees", out) == 2
    ws = openpyxl.load_workbook(out).active
    assert "返乡人员" in ws["A1"].value and settings.get("filing_unit") in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header[0] == "序号" and "身份证号" in header
    col = header.index("身份证号") + 1
    ids = [ws.cell(r, col).value for r in (4, 5)]
    assert all(isinstance(v, str) and "*" in v for v in ids)
    names = [ws.cell(r, header.index("姓名") + 1).value for r in (4, 5)]
    assert names == ["王䶮", "张三"]                          # 姓氏笔画: 王 (4) before 张 (7)
    assert ws.cell(5, header.index("联系电话") + 1).value == "138****1111"
    assert [ws.cell(r, 1).value for r in (4, 5)] == [1, 2]
    assert ws.freeze_panes == "C4" and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["A"].width == 6


def test_export_full_id_is_audited_and_reimports(store, tmp_path, db_path):
    _returnees(tmp_path)
    out = tmp_path / "full.xlsx"
    export_ledger("returnees", out, full_id=True)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[3]]
    cell = ws.cell(5, header.index("身份证号") + 1)      # 张三, after 王䶮
    assert cell.value == ZHANG and cell.data_type == "s" and cell.number_format == "@"
    assert AuditLog.select().where(AuditLog.action == "export-ledger").order_by(AuditLog.seq.desc()).first() \
        .detail.endswith("full-id")
    plan = ledgers.make_plan(ledgers.prepare(out))     # our own export reads back as a ledger
    assert plan.counts()["unchanged"] == 2 and not plan.refused and not plan.differences


def test_export_refuses_missing_folder(store, tmp_path):
    with pytest.raises(UserError, match="不存在"):
        export_ledger("returnees", tmp_path / "no" / "x.xlsx")


def test_reserves_import(store, tmp_path):
    regions.add_village("石门村")
    path = write_xlsx(tmp_path / "h.xlsx", {"后备": [
        ["村级后备干部花名册"], ["序号", "村(社区)", "姓名", "公民身份号码", "后备类别", "推荐方式", "入库时间"],
        [1, "石门", "张三", ZHANG, "村党组织书记后备人选", "组织推荐", "2024.06"],
        [2, "", "李四", make_id("19800101", 3), "村两委后备干部", "", ""]]})
    plan = ledgers.make_plan(ledgers.prepare(path, "reserves"))
    assert [r.number for r in plan.refused] == [4]         # a reserve must belong to a village
    ledgers.apply_plan(plan)
    rc = ReserveCadre.get()
    assert (rc.track, rc.recommended_by, rc.entered_date, rc.status) == ("secretary", "organization", "2024-06", "active")
    assert ledgers.make_plan(ledgers.prepare(path, "reserves")).counts()["new"] == 0


def test_attendance_import_needs_a_training(store, tmp_path):
    regions.add_village("石门村")
    path = write_xlsx(tmp_path / "a.xlsx", {"S": [["姓名", "身份证号", "村别", "考核结果"],
                                                  ["张三", ZHANG, "石门村", "合格"]]})
    with pytest.raises(UserError, match="--training"):
        ledgers.make_plan(ledgers.prepare(path, "attendance"))
    with pytest.raises(UserError, match="找不到培训班"):
        ledgers.make_plan(ledgers.prepare(path, "attendance"), training_id="nope")
    t = st.insert(TrainingSession, name="2025年返乡人员培训", kind="special", level="township")
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path, "attendance"), training_id=t.id))
    a = Attendance.get()
    assert (a.training_id, a.exam_result, Person.get_by_id(a.person_id).name) == (t.id, "合格", "张三")
    again = ledgers.make_plan(ledgers.prepare(path, "attendance"), training_id=t.id)
    assert again.counts()["new"] == 0 and again.counts()["unchanged"] == 1


def test_error_report_repeats_refused_rows(store, tmp_path):
    regions.add_village("石门村")
    bad_id = "611021198503120000"
    path = write_xlsx(tmp_path / "e.xlsx", {"S": [["标题"], ["姓名", "身份证号", "村别"],
                                                  ["张三", bad_id, "石门村"], ["李四", "", "东坡村"]]})
    plan = ledgers.make_plan(ledgers.prepare(path))
    rep = ledgers.write_report(plan, tmp_path / "rep.xlsx")
    ws = openpyxl.load_workbook(rep)["未导入的行"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["原表行号", "未导入原因", "姓名", "身份证号", "村别"]
    assert rows[1][0] == 3 and rows[1][2:] == ["张三", bad_id, "石门村"] and "数字" in rows[1][1]
    assert rows[2][0] == 4 and "东坡村" in rows[2][1]
