"""The 导入台账 wizard driven as a clerk would: type the file name, step through the pages, choose
what to do with an unknown village and a differing value, import, save the error report; and a
cancelled import that leaves the database as it was."""
from __future__ import annotations

import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from rural_cadre_desktop.core import regions, settings
from rural_cadre_desktop.core.models import Person, Returnee, Village
from rural_cadre_desktop.gui.ledgers import ImportWizard
from rural_cadre_desktop.gui.operations import run_op

from tests.unit.ledgers.helpers import CHEN, ZHANG, make_id, write_xlsx

LI = make_id("19900101", 7)


@pytest.fixture
def ledger(store, tmp_path):
    regions.add_village("石门村")
    return write_xlsx(tmp_path / "ledger.xlsx", {"说明": [["填表说明"]], "返乡": [
        ["石门镇返乡人员台账"], ["填报单位：石门镇"],
        ["序号", "村别", "姓名", "身份证号码", "联系电话", "务工地点"],
        [1, "石门村委会", "张三", ZHANG, "13800001111", "杭州"],
        [2, "东坡", "王䶮", CHEN, "", "西安"],
        [3, "石门", "李四", "611021198001010000", "", ""],
        ["合计", "", "3人"]]})


def start(qtbot, path) -> ImportWizard:
    w = ImportWizard()
    qtbot.addWidget(w)
    w.show()
    qtbot.keyClicks(w.file_page.path, str(path))       # ASCII only: QTest cannot type 中文
    return w


def click(qtbot, w, which=QWizard.NextButton):
    qtbot.mouseClick(w.button(which), Qt.LeftButton)


def to_plan(qtbot, w):
    click(qtbot, w)                                      # file → sheet preview
    assert w.currentPage() is w.sheet_page
    assert w.sheet_page.sheet.currentText() == "返乡" and w.sheet_page.header_row.value() == 3
    click(qtbot, w)                                      # → mapping
    assert w.currentPage() is w.mapping_page
    click(qtbot, w)                                      # → dry run
    qtbot.waitUntil(w.plan_page.isComplete, timeout=10000)


def test_import_through_the_wizard(qtbot, ledger, tmp_path):
    w = start(qtbot, ledger)
    to_plan(qtbot, w)
    page = w.plan_page
    assert "新增 1 条" in page.summary.text() and "未导入 2 行" in page.summary.text()
    assert Person.alive().count() == 0                   # the preview wrote nothing
    combo = page.villages.cellWidget(0, 1)
    assert page.villages.item(0, 0).text() == "东坡"
    combo.setCurrentIndex(combo.findData("create"))      # the clerk: 东坡 is a real village, add it
    click(qtbot, w, QWizard.CommitButton)                # first click previews the new choice
    qtbot.waitUntil(page.isComplete, timeout=10000)
    assert "新增 2 条" in page.summary.text() and "未导入 1 行" in page.summary.text()
    click(qtbot, w, QWizard.CommitButton)
    assert w.currentPage() is w.run_page
    qtbot.waitUntil(w.run_page.isComplete, timeout=10000)
    assert "已导入" in w.run_page.result.text()
    assert sorted(p.name for p in Person.alive()) == ["张三", "王䶮"]
    assert sorted(v.name for v in Village.alive()) == ["东坡村", "石门村"]
    report = tmp_path / "report.xlsx"
    w.run_page.ask_report_path = lambda: str(report)
    qtbot.mouseClick(w.run_page.save, Qt.LeftButton)
    rows = list(openpyxl.load_workbook(report)["未导入的行"].iter_rows(values_only=True))
    assert rows[1][0] == 6 and "数字" in rows[1][1]


def test_choose_file_value_for_a_difference(qtbot, ledger):
    regions.add_village("东坡村")
    from rural_cadre_desktop.core.people import create_person
    create_person({"name": "张三", "id_number": ZHANG, "phone": "13999999999"})
    w = start(qtbot, ledger)
    to_plan(qtbot, w)
    diffs = w.plan_page.diffs
    assert diffs.rowCount() == 1 and diffs.item(0, 4).text() == "13800001111"
    diffs.item(0, 0).setCheckState(Qt.Checked)           # use the file's phone
    click(qtbot, w, QWizard.CommitButton)
    qtbot.waitUntil(w.run_page.isComplete, timeout=10000)
    assert Person.get(Person.id_number == ZHANG).phone == "13800001111"
    assert Person.alive().count() == 2 and Returnee.alive().count() == 2


def test_corrected_mapping_is_remembered(qtbot, ledger):
    w = start(qtbot, ledger)
    click(qtbot, w)
    click(qtbot, w)
    combo = w.mapping_page.combos[5]                     # 务工地点 → clerk says it is 备注
    combo.setCurrentIndex(combo.findData("returnee.remarks"))
    click(qtbot, w)
    qtbot.waitUntil(w.plan_page.isComplete, timeout=10000)
    key = f"ledger_mapping.returnees.{w.state.prep.layout.signature}"
    assert '"5": "returnee.remarks"' in settings.get(key)
    w2 = start(qtbot, ledger)
    click(qtbot, w2)
    click(qtbot, w2)
    assert w2.mapping_page.combos[5].currentData() == "returnee.remarks"


def test_mapping_without_name_is_refused(qtbot, ledger):
    w = start(qtbot, ledger)
    click(qtbot, w)
    click(qtbot, w)
    w.mapping_page.combos[2].setCurrentIndex(0)          # 姓名 → (不导入)
    click(qtbot, w)
    assert w.currentPage() is w.mapping_page and "姓名" in w.mapping_page.error.text()


def test_missing_file_is_refused_on_the_first_page(qtbot, store, tmp_path):
    w = start(qtbot, tmp_path / "none.xlsx")
    click(qtbot, w)
    assert w.currentPage() is w.file_page and "找不到文件" in w.file_page.error.text()


def test_cancelled_import_changes_nothing(qtbot, ledger):
    w = start(qtbot, ledger)
    to_plan(qtbot, w)
    gate = threading.Event()
    blocker = run_op(None, lambda ctx: gate.wait(10), write=True, progress=False)   # the writer is busy
    click(qtbot, w, QWizard.CommitButton)
    qtbot.mouseClick(w.run_page.cancel, Qt.LeftButton)
    gate.set()
    qtbot.waitUntil(w.run_page.isComplete, timeout=10000)
    assert "已取消" in w.run_page.result.text()
    assert Person.alive().count() == 0 and Returnee.alive().count() == 0
    del blocker
