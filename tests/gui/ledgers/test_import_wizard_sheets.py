"""The 导入台账 wizard on a workbook with one sheet per village (issue 15), driven as a clerk would:
every village sheet is read (说明 and 汇总 skipped, with why), the dry run shows what each sheet
would take and the columns that will not be read, and 导入 takes exactly that."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from rural_cadre_desktop.core import regions
from rural_cadre_desktop.core.models import Person
from rural_cadre_desktop.gui.ledgers import ImportWizard
from tests.unit.ledgers.helpers import village_book_rows, write_village_book

SHOTS = Path(__file__).parents[3] / "docs" / "screenshots"


@pytest.fixture
def book(store, tmp_path):
    regions.add_village("柳树村")
    regions.add_village("杨河村")
    sheets = village_book_rows()
    for name in ("柳树村", "杨河村"):          # a column no table knows: it must be announced
        rows = sheets[name]
        rows[1] = rows[1] + ["微信号"]
        for r in rows[2:]:
            r.append("wx")
    return write_village_book(tmp_path / "book.xlsx", sheets)


def click(qtbot, w, which=QWizard.NextButton):
    qtbot.mouseClick(w.button(which), Qt.LeftButton)


def cell(view, row: int, col: int):
    return view.model().index(row, col).data()


def test_per_sheet_plan_and_unmapped_columns_before_import(qtbot, book, db_path):
    w = ImportWizard()
    qtbot.addWidget(w)
    w.show()
    qtbot.keyClicks(w.file_page.path, str(book))
    click(qtbot, w)
    page = w.sheet_page
    assert page.sheet.currentText() == "全部含台账的工作表（2 个）"
    note = page.sheets_note.text()
    assert "柳树村（村(社区)：柳树村）" in note and "杨河村（村(社区)：杨河村）" in note
    assert "跳过：说明" in note and "汇总（汇总表" in note
    assert not page.header_row.isEnabled()
    click(qtbot, w)
    assert w.currentPage() is w.mapping_page
    assert "未对应、不会导入的列：微信号" in w.mapping_page.unmapped.text()
    click(qtbot, w)
    plan = w.plan_page
    qtbot.waitUntil(plan.isComplete, timeout=10000)
    table = [[cell(plan.sheets, r, c) for c in range(8)] for r in range(plan.sheets.model().rowCount())]
    assert table[0] == ["柳树村", "柳树村", "3", "0", "0", "1", "0", "微信号"]
    assert table[1] == ["杨河村", "杨河村", "3", "0", "0", "0", "1", "微信号"]
    assert table[2][:2] == ["说明", "跳过"] and table[3][:2] == ["汇总", "跳过"] and "汇总表" in table[3][7]
    assert "未对应、不会导入的列：微信号" in plan.unmapped.text()
    assert cell(plan.refused, 0, 0) == "柳树村 第6行"
    moved = [cell(plan.flagged, r, 1) for r in range(plan.flagged.model().rowCount())
             if cell(plan.flagged, r, 0) == "杨河村 第4行"]
    assert any("村(社区)不同" in m and "记为“杨河村”" in m for m in moved)
    assert Person.alive().count() == 0                       # nothing written before 导入
    bar = plan.tabs.tabBar()                                  # the clerk opens 需注意的行
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(plan.tabs.indexOf(plan.flagged)).center())
    assert plan.tabs.currentWidget() is plan.flagged
    if SHOTS.is_dir():
        w.resize(1000, 640)
        w.grab().save(str(SHOTS / "import_wizard_sheets.png"))
    click(qtbot, w, QWizard.CommitButton)
    qtbot.waitUntil(w.run_page.isComplete, timeout=10000)
    con = sqlite3.connect(db_path)
    try:
        per_village = dict(con.execute("SELECT v.name, count(*) FROM person p JOIN village v ON v.id = p.village_id "
                                       "GROUP BY v.name").fetchall())
    finally:
        con.close()
    assert per_village == {"柳树村": 2, "杨河村": 4}           # 孙迁 moved: one person, in 杨河村


def test_choosing_one_sheet_imports_only_it(qtbot, book):
    w = ImportWizard()
    qtbot.addWidget(w)
    w.show()
    qtbot.keyClicks(w.file_page.path, str(book))
    click(qtbot, w)
    combo = w.sheet_page.sheet
    combo.setCurrentIndex(combo.findText("杨河村"))
    assert w.sheet_page.header_row.isEnabled() and "将读取工作表：杨河村" in w.sheet_page.sheets_note.text()
    click(qtbot, w)
    click(qtbot, w)
    qtbot.waitUntil(w.plan_page.isComplete, timeout=10000)
    assert w.plan_page.sheet_model.rowCount() == 1 + 0 + 2 and cell(w.plan_page.sheets, 0, 2) == "4"
