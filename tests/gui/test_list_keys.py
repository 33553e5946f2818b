"""The lists' keyboard, pressed as a clerk presses it (issue 16): Ctrl+F to the search field, Tab
out of the table to the row buttons, Enter opens, Delete asks then deletes, Ctrl+N / Insert add,
the Menu key opens the context menu at the current row, Ctrl+PgDn/PgUp switch the inner pages."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from rural_cadre_desktop.core.models import Returnee

CTRL = Qt.KeyboardModifier.ControlModifier


def _focus(qtbot, widget):
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: widget.hasFocus())


def _live():
    return Returnee.select().where(Returnee.deleted == False).count()


def test_ctrl_f_goes_to_the_search_field_of_the_page_shown(main_window, qtbot):
    tab = main_window.returnees
    _focus(qtbot, tab.view)
    qtbot.keyClick(tab.view, Qt.Key.Key_F, CTRL)
    assert tab.search.hasFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_PageDown, CTRL)     # focus is in the search field: still inside
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert tab.pages.currentWidget() is tab.log
    qtbot.keyClick(tab.log, Qt.Key.Key_F, CTRL)
    assert tab.log.search.hasFocus()
    qtbot.keyClick(tab.log.search, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, CTRL)
    assert tab.pages.currentIndex() == 0


def test_tab_leaves_the_table_and_focus_lands_on_a_row(main_window, qtbot):
    view = main_window.returnees.view
    _focus(qtbot, view)
    assert view.currentIndex().isValid() and view.selectionModel().selectedRows()   # a visible current row
    assert "QTableView:focus" in view.styleSheet()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus() and QApplication.focusWidget() is not None
    assert not view.tabKeyNavigation()


def test_enter_opens_the_card_and_ctrl_n_and_insert_add(main_window, qtbot):
    tab = main_window.returnees
    _focus(qtbot, tab.view)
    tab.view.selectRow(2)
    name = tab.model.row(2)[0]
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab.dialog is not None and tab.dialog.isVisible()
    assert name in tab.dialog.windowTitle() or any(
        getattr(w, "text", lambda: "")() == name for w in tab.dialog.findChildren(type(tab.search)))
    tab.dialog.reject()
    for key, mods in ((Qt.Key.Key_N, CTRL), (Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier)):
        _focus(qtbot, tab.view)
        tab.dialog = None
        qtbot.keyClick(tab.view, key, mods)
        assert tab.dialog is not None and tab.dialog.isVisible()
        assert "新增" in tab.dialog.windowTitle() or "登记" in tab.dialog.windowTitle()
        tab.dialog.reject()


def test_delete_asks_first(main_window, qtbot):
    tab = main_window.returnees
    asked = []
    tab.confirm = lambda title, text: asked.append(text) or False        # the clerk says 否
    _focus(qtbot, tab.view)
    tab.view.selectRow(0)
    before = _live()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert asked and _live() == before
    tab.confirm = lambda title, text: True                                # now 是
    with qtbot.waitSignal(tab.write_done, timeout=10000):
        qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert _live() == before - 1


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints)")
def test_the_menu_key_opens_the_context_menu_at_the_current_row(main_window, qtbot):
    tab = main_window.returnees
    _focus(qtbot, tab.view)
    tab.view.selectRow(3)
    tab.view.setCurrentIndex(tab.model.index(3, 0))
    shown = []

    def look():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.append(menu.pos())
            menu.close()
    from PySide6.QtCore import QTimer
    QTimer.singleShot(50, look)
    qtbot.keyClick(tab.view, Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    row_rect = tab.view.visualRect(tab.model.index(3, 0))
    row_top = tab.view.viewport().mapToGlobal(row_rect.topLeft()).y()
    assert abs(shown[0].y() - (row_top + row_rect.height() // 2)) <= row_rect.height()
