"""The registry's table model shows its first page at once and counts afterwards (issue 16): the
count runs on a reader thread when asked to, the label says "…" until it arrives, and scrolling
loads the rest in the list's order."""
from __future__ import annotations

from rural_cadre_desktop.core.returnees import query
from rural_cadre_desktop.gui.returnees.model import ReturneeTableModel


def test_first_page_then_the_count_from_a_reader_thread(qtbot, demo_store):
    model = ReturneeTableModel()
    model.FIRST, model.BATCH = 10, 13
    model.background_count = True
    with qtbot.waitSignal(model.counted, timeout=10000):
        model.refresh()
        assert model.rowCount() == 10 and not model.is_counted()    # shown before it is counted
    assert model.is_counted() and model.total() == 60
    while model.canFetchMore():
        model.fetchMore()
    whole = query.page(model.q)
    assert [model.returnee_id(r) for r in range(model.rowCount())] == [r[query.ID_COLUMNS] for r in whole]


def test_a_count_for_an_older_filter_is_dropped(qtbot, demo_store):
    model = ReturneeTableModel()
    model.FIRST = 5
    model.background_count = True
    model.set_query(model.q.with_(status="away"))
    with qtbot.waitSignal(model.counted, timeout=10000):
        model.set_query(model.q.with_(status="returned"))
    from PySide6.QtCore import QCoreApplication, QThreadPool
    QThreadPool.globalInstance().waitForDone(10000)     # the older count has answered too …
    QCoreApplication.processEvents()                    # … and its answer was delivered
    assert model.total() == query.count(model.q)


def test_a_new_filter_stops_the_count_of_the_list_before(qtbot, demo_store):
    """Counts do not pile up beside the keystrokes: the one still running for the previous list is
    asked to stop (an interruptible read) and ends cancelled or, if it had finished, unheard."""
    model = ReturneeTableModel()
    model.FIRST = 5
    model.background_count = True
    model.set_query(model.q.with_(status="away"))
    first = model._count_op
    ended = []
    first.cancelled.connect(lambda: ended.append("cancelled"))
    first.succeeded.connect(lambda _n: ended.append("counted"))
    with qtbot.waitSignal(model.counted, timeout=10000):
        model.set_query(model.q.with_(status="returned"))
        assert first._cancel.is_set() and model._count_op is not first
    qtbot.waitUntil(lambda: bool(ended), timeout=10000)
    assert model.total() == query.count(model.q)


def test_the_tab_says_counting_until_the_count_arrives(qtbot, tab):
    tab.model.background_count = True
    tab.model.FIRST = 5
    with qtbot.waitSignal(tab.model.counted, timeout=10000):
        tab.apply_filters()
        assert tab.count_label.text() == "共 … 人"
    assert tab.count_label.text() == f"共 {query.count(tab.model.q)} 人"
