"""Empty lists say what to do next (issue 16): after setup, how to begin; after a search that
matched no one, "没有符合条件的记录" with the filters in force."""
from __future__ import annotations

from PySide6.QtCore import Qt


def _said(view):
    state = view._empty_state
    return state.label.text() if state.label.isVisible() else None


def test_a_new_installation_says_how_to_begin(qtbot, store):
    from rural_cadre_desktop.gui.main_window import MainWindow
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    said = _said(w.returnees.view)
    assert said and "还没有村(社区)" in said and "导入台账" in said
    w.tabs.setCurrentWidget(w.reserves)
    assert "入库" in _said(w.reserves.view)


def test_a_search_that_matches_no_one_names_the_filters(qtbot, main_window):
    tab = main_window.returnees
    assert _said(tab.view) is None                              # rows: nothing to say
    tab.filters.status.setCurrentIndex(tab.filters.status.findData("away"))
    qtbot.keyClicks(tab.filters.search, "qqqqqq")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    said = _said(tab.view)
    assert said.startswith("没有符合条件的记录") and "在外" in said and "查找“qqqqqq”" in said
    tab.filters.search.clear()
    tab.filters.apply_now()
    assert _said(tab.view) is None


def test_the_reserve_list_says_it_too(qtbot, main_window):
    tab = main_window.reserves
    main_window.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.search, "qqqqqq")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert _said(tab.view).startswith("没有符合条件的记录（查找“qqqqqq”）")
