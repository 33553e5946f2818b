"""The main window on demo data: tabs, counts, search, sorting, menus."""
from __future__ import annotations

from PySide6.QtCore import Qt

from rural_cadre_desktop.core.models import ReserveCadre, Returnee, TrainingSession


def _count(model):
    return model.select().where(model.deleted == False).count()  # noqa: E712


def test_title_and_three_tabs_with_counts(main_window):
    w = main_window
    assert w.windowTitle() == "乡村振兴干部人才台账 — 石门镇"
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ["返乡人员", "后备干部", "培训记录", "填报表格",
                                                                 "自定义报表"]
    assert w.returnees.model.total() == _count(Returnee) == 60
    assert w.reserves.model.total() == _count(ReserveCadre) > 0
    assert w.trainings.model.total() == _count(TrainingSession) > 0
    text = w.counts.text()
    assert "返乡人员 60 人" in text
    assert f"后备干部 {_count(ReserveCadre)} 人" in text
    assert f"培训记录 {_count(TrainingSession)} 期" in text


def test_header_click_sorts_in_sql(main_window, qtbot):
    view = main_window.returnees.view
    m = main_window.returnees.model
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)        # 出生年月
    births = [m.data(m.index(r, 2)) for r in range(m.rowCount())]
    assert births == sorted(births)
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    births = [m.data(m.index(r, 2)) for r in range(m.rowCount())]
    assert births == sorted(births, reverse=True)


def test_menus_and_shortcuts(main_window, qtbot):
    w = main_window
    titles = [a.text() for a in w.menuBar().actions()]
    assert titles == ["文件(&F)", "设置(&S)", "打印(&P)", "帮助(&H)"]
    assert w.quit_action.shortcut().toString() == "Ctrl+Q"
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentWidget() is w.reserves
    qtbot.keyClick(w, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentWidget() is w.fill_page
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentWidget() is w.returnees


def test_quit_closes_the_window(main_window, qtbot):
    main_window.quit_action.trigger()
    assert not main_window.isVisible()


def test_window_on_an_empty_database_says_not_set_up(qtbot, db_path):
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.store import open_store
    from rural_cadre_desktop.gui.main_window import MainWindow
    database = open_store(db_path)
    try:
        w = MainWindow(database)
        qtbot.addWidget(w)
        assert "尚未设置乡镇" in w.windowTitle()
        assert w.returnees.model.total() == 0
    finally:
        db.close()


def test_f1_lists_the_shortcuts(main_window, qtbot):
    """帮助 → 快捷键 (F1): every key the program answers, in one read-only table."""
    w = main_window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w, Qt.Key.Key_F1)
    dlg = w.shortcuts_dialog
    qtbot.waitUntil(dlg.isVisible)
    model = dlg.table.model()
    keys = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert "Ctrl+F" in keys and "Enter" in keys and "Ctrl+PgDn / Ctrl+PgUp" in keys
    assert model.rowCount() > 15
    dlg.reject()
