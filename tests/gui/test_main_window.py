"""The main window on demo data: tabs, counts, search, sorting, menus."""
from __future__ import annotations

from PySide6.QtCore import Qt

from rural_cadre_desktop.core.models import Person, ReserveCadre, Returnee, TrainingSession


def _count(model):
    return model.select().where(model.deleted == False).count()  # noqa: E712


def test_title_and_three_tabs_with_counts(main_window):
    w = main_window
    assert w.windowTitle() == "乡村振兴干部人才台账 — 石门镇"
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ["返乡人员", "后备干部", "培训记录"]
    assert w.returnees.model.total() == _count(Returnee) == 60
    assert w.reserves.model.total() == _count(ReserveCadre) > 0
    assert w.trainings.model.total() == _count(TrainingSession) > 0
    text = w.counts.text()
    assert "返乡人员 60 人" in text
    assert f"后备干部 {_count(ReserveCadre)} 人" in text
    assert f"培训记录 {_count(TrainingSession)} 期" in text


def test_returnee_columns_mask_id_and_phone(main_window):
    m = main_window.returnees.model
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers == ["姓名", "性别", "出生年月", "身份证号", "村(社区)", "状态", "流向", "从业", "联系电话",
                       "政治面貌"]
    ids = [m.data(m.index(r, 3)) for r in range(m.rowCount())]
    phones = [m.data(m.index(r, 8)) for r in range(m.rowCount())]
    assert any(ids) and all("*" in i for i in ids if i)
    assert any(phones) and all("****" in p for p in phones if p)
    full = {p.id_number for p in Person.select() if p.id_number}
    assert not full & set(ids)
    assert {m.data(m.index(r, 1)) for r in range(m.rowCount())} <= {"男", "女", ""}
    assert {m.data(m.index(r, 5)) for r in range(m.rowCount())} <= {"在外", "已返乡"}


def test_search_by_name_initials_and_id_narrows_the_list(main_window, qtbot):
    tab = main_window.returnees
    person = Person.select().join(Returnee, on=(Returnee.person == Person.id)).first()
    surname = person.name[0]
    expected = (Person.select().join(Returnee, on=(Returnee.person == Person.id))
                .where(Person.name.contains(surname)).count())
    assert expected < 60
    with qtbot.waitSignal(tab.model.modelReset):
        tab.search.insert(surname)        # as an input method commits it; runs when typing pauses
    assert tab.model.total() == expected
    assert all(surname in tab.model.data(tab.model.index(r, 0)) for r in range(tab.model.rowCount()))
    assert f"返乡人员 {expected} / 60 人" in main_window.counts.text()

    tab.search.clear()
    with qtbot.waitSignal(tab.model.modelReset):
        qtbot.keyClicks(tab.search, person.name_initials)
    names = {tab.model.data(tab.model.index(r, 0)) for r in range(tab.model.rowCount())}
    assert person.name in names and tab.model.total() < 60

    tab.search.setText(person.id_number[-8:])
    tab.apply_search()
    assert tab.model.total() == 1
    assert tab.model.data(tab.model.index(0, 0)) == person.name

    tab.search.setText("不存在的名字")
    tab.apply_search()
    assert tab.model.total() == 0 and tab.model.rowCount() == 0

    tab.search.clear()
    tab.apply_search()
    assert tab.model.total() == 60


def test_search_wildcards_are_literal(main_window):
    tab = main_window.returnees
    tab.search.setText("%")
    tab.apply_search()
    assert tab.model.total() == 0


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
    assert titles == ["文件(&F)", "设置(&S)", "帮助(&H)"]
    assert w.quit_action.shortcut().toString() == "Ctrl+Q"
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentWidget() is w.reserves
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


def test_default_order_is_by_village_then_surname_strokes(main_window):
    m = main_window.returnees.model
    from rural_cadre_desktop.core import regions
    order = {v.name: i for i, v in enumerate(regions.villages())}
    villages = [m.data(m.index(r, 4)) for r in range(m.rowCount())]
    assert [order[v] for v in villages] == sorted(order[v] for v in villages)
    assert main_window.returnees.view.horizontalHeader().sortIndicatorSection() == -1
