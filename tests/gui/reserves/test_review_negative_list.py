"""负面清单 in the 年度考察评议 table, driven as a clerk: F2 on the cell opens the township's checklist,
Space ticks an item, Tab goes to 其他情形 and on; a rating, 保存评议, and the finding is stored with
the review, named in the result and shown in the archive; a finding without a rating is refused
and nothing saved; the checklist itself is edited from 负面清单条目…"""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from rural_cadre_desktop.core.models import AnnualReview, ReserveCadre
from rural_cadre_desktop.core.reserves import negative_list
from rural_cadre_desktop.gui.reserves.review_model import (
    NEGATIVE,
    RATING,
    ChecklistEditor,
)
from tests.gui.reserves.test_reserve_actions import open_editor, show_page

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, main_window):
    tab = main_window.reserves
    main_window.tabs.setCurrentWidget(tab)
    p = show_page(qtbot, tab, "年度考察评议")
    p.tab = tab
    return p


def _tick_first_and_other(qtbot, page, row: int, other: str) -> None:
    ed = open_editor(qtbot, page, row, NEGATIVE, ChecklistEditor)
    assert [ed.list.item(i).text() for i in range(ed.list.count())] == negative_list.items()
    assert QApplication.focusWidget() is ed.list
    qtbot.keyClick(ed.list, Qt.Key.Key_Space)                   # 受过刑事处罚
    qtbot.keyClick(ed.list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ed.other
    ed.other.insert(other)                                       # Chinese arrives as an input method commits it
    qtbot.keyClick(ed.other, Qt.Key.Key_Tab)                     # done: commits, on to the next cell


def test_finding_saved_with_the_review_and_shown_in_the_archive(qtbot, driver, page):
    row = next(i for i, r in enumerate(page.rows) if not r["rating"])
    rid = page.rows[row]["id"]
    _tick_first_and_other(qtbot, page, row, "欠缴集体资金")
    assert page.model.index(row, NEGATIVE).data() == "受过刑事处罚；欠缴集体资金"
    assert not [w for w in page.view.viewport().findChildren(ChecklistEditor) if w.isVisible()]

    combo = open_editor(qtbot, page, row, RATING, QComboBox)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert page.model.index(row, RATING).data() == "称职"

    driver.answer("是")
    qtbot.mouseClick(page.save, LEFT)
    qtbot.waitUntil(lambda: "已保存" in page.result.text(), timeout=10000)
    year = dt.date.today().year
    review = AnnualReview.get((AnnualReview.reserve == rid) & (AnnualReview.year == year))
    assert (review.rating, review.negative_list) == ("competent", "受过刑事处罚\n欠缴集体资金")
    assert "记有负面清单情形" in page.result.text() and "受过刑事处罚；欠缴集体资金" in page.result.text()
    again = page.rows.index(next(r for r in page.rows if r["id"] == rid))
    assert page.model.index(again, NEGATIVE).data() == "受过刑事处罚；欠缴集体资金"     # reviewed: read-only
    assert not page.model.flags(page.model.index(again, NEGATIVE)) & Qt.ItemFlag.ItemIsEditable

    from rural_cadre_desktop.gui.reserves import ArchiveDialog
    dlg = ArchiveDialog(None, ReserveCadre.get_by_id(rid).person_id)
    qtbot.addWidget(dlg)
    from PySide6.QtWidgets import QPlainTextEdit
    text = dlg.findChild(QPlainTextEdit, "history").toPlainText()
    assert f"【负面清单】\n{year}年度考察评议记有：受过刑事处罚；欠缴集体资金" in text


def test_finding_without_rating_is_refused(qtbot, driver, page):
    row = next(i for i, r in enumerate(page.rows) if not r["rating"])
    _tick_first_and_other(qtbot, page, row, "")
    before = AnnualReview.select().count()
    driver.answer("OK")
    qtbot.mouseClick(page.save, LEFT)
    assert "填写了负面清单但没有选择评议等次" in driver.boxes[-1]
    assert AnnualReview.select().count() == before


def test_escape_reverts_the_checklist(qtbot, page):
    row = next(i for i, r in enumerate(page.rows) if not r["rating"])
    ed = open_editor(qtbot, page, row, NEGATIVE, ChecklistEditor)
    qtbot.keyClick(ed.list, Qt.Key.Key_Space)
    qtbot.keyClick(ed.list, Qt.Key.Key_Escape)
    assert page.model.index(row, NEGATIVE).data() == ""


def test_township_edits_the_checklist(qtbot, page):
    qtbot.mouseClick(page.items_button, LEFT)
    dlg = page.dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.text.toPlainText().splitlines() == list(negative_list.STANDARD)
    dlg.text.selectAll()
    qtbot.keyClick(dlg.text, Qt.Key.Key_Delete)
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Ok), LEFT)      # empty: refused
    assert "至少要有一条" in dlg.message.text() and dlg.isVisible()
    assert negative_list.items() == list(negative_list.STANDARD)
    dlg.text.insertPlainText("受过刑事处罚\n长期拖欠集体资金")
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Ok), LEFT)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=10000)
    assert negative_list.items() == ["受过刑事处罚", "长期拖欠集体资金"]
    row = next(i for i, r in enumerate(page.rows) if not r["rating"])
    ed = open_editor(qtbot, page, row, NEGATIVE, ChecklistEditor)
    assert [ed.list.item(i).text() for i in range(ed.list.count())] == ["受过刑事处罚", "长期拖欠集体资金"]
    qtbot.keyClick(ed.list, Qt.Key.Key_Escape)
