"""The 导入台账 wizard driven as a clerk would: type the file name, step through the pages, choose
what to do with an unknown village and a differing value, import, save the error report; and a
cancelled import that leaves the database as it was."""
from __future__ import annotations

import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget, QWizard

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


def cell(view, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return view.model().index(row, col).data(role)


def to_plan(qtbot, w):
    click(qtbot, w)                                      # file → sheet preview
    assert w.currentPage() is w.sheet_page
    assert w.sheet_page.sheet.currentText() == "返乡" and w.sheet_page.header_row.value() == 3
    preview = w.sheet_page.table
    assert not isinstance(preview, QTableWidget)
    assert cell(preview, 2, 2) == "姓名" and cell(preview, 3, 2) == "张三"
    header_tint = Qt.ItemDataRole.BackgroundRole
    assert cell(preview, 2, 2, header_tint) is not None and cell(preview, 3, 2, header_tint) is None
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
    assert page.villages.model().rowCount() == 1 and cell(page.villages, 0, 0) == "东坡"
    combo = page.villages.indexWidget(page.villages.model().index(0, 1))
    assert combo.currentData() is None                   # by default its rows are not imported
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    page.tabs.setCurrentWidget(page.villages)
    page.villages.setFocus()
    qtbot.keyClick(page.villages, Qt.Key_Tab)            # the clerk tabs into the choice ...
    assert QApplication.focusWidget() is combo
    qtbot.keyClick(combo, Qt.Key_Down)                   # ... and picks 新建“东坡村”: it is a real village
    assert combo.currentData() == "create"
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
    page = w.plan_page
    diffs = page.diffs
    assert diffs.model().rowCount() == 1 and cell(diffs, 0, 4) == "13800001111"
    assert cell(diffs, 0, 3) == "13999999999" and cell(diffs, 0, 0) == "4"
    assert cell(diffs, 0, 0, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked   # kept by default
    qtbot.mouseClick(page.take_all, Qt.LeftButton)
    qtbot.mouseClick(page.keep_all, Qt.LeftButton)
    assert page.diff_model.checked_rows() == []
    page.tabs.setCurrentIndex(1)
    diffs.setCurrentIndex(diffs.model().index(0, 0))
    qtbot.keyClick(diffs, Qt.Key_Space)                  # tick: use the file's phone
    assert cell(diffs, 0, 0, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    click(qtbot, w, QWizard.CommitButton)
    qtbot.waitUntil(w.run_page.isComplete, timeout=10000)
    assert Person.get(Person.id_number == ZHANG).phone == "13800001111"
    assert Person.alive().count() == 2 and Returnee.alive().count() == 2


def test_corrected_mapping_is_remembered(qtbot, ledger):
    w = start(qtbot, ledger)
    click(qtbot, w)
    click(qtbot, w)
    table = w.mapping_page.table
    assert cell(table, 5, 0) == "务工地点" and cell(table, 5, 1) == "杭州"
    combo = table.indexWidget(table.model().index(5, 2))  # 务工地点 → clerk says it is 备注
    assert combo is w.mapping_page.combos[5]
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
