"""Only the first list is built before the window shows; the others when the clerk goes to them
(click, Ctrl+2) or code asks for them, and the status bar counts every list all the same."""
from __future__ import annotations

from PySide6.QtCore import Qt

from rural_cadre_desktop.core.models import ReserveCadre, TrainingSession
from rural_cadre_desktop.core.trainings import services as trainings
from rural_cadre_desktop.gui import operations

NAMES = ("returnees", "reserves", "trainings", "fill_page", "report_page")
CTRL = Qt.KeyboardModifier.ControlModifier


def _count(model) -> int:
    return model.select().where(model.deleted == False).count()  # noqa: E712


def built(w) -> list[str]:
    return [n for n in NAMES if w.lazy_tabs.is_built(n)]


def test_only_the_first_list_is_built_at_start_and_the_bar_counts_them_all(main_window):
    w = main_window
    assert built(w) == ["returnees"]
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ["返乡人员", "后备干部", "培训记录", "填报表格",
                                                                 "自定义报表"]
    text = w.counts.text()
    assert f"后备干部 {_count(ReserveCadre)} 人" in text and f"培训记录 {_count(TrainingSession)} 期" in text


def test_a_tab_is_built_when_the_clerk_goes_to_it(main_window, qtbot):
    w = main_window
    bar = w.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())       # 培训记录
    tab = w.tabs.currentWidget()
    assert built(w) == ["returnees", "trainings"] and tab is w.trainings
    assert w.tabs.currentIndex() == 2 and w.tabs.tabText(2) == "培训记录"
    assert tab.isVisible() and tab.model.total() == _count(TrainingSession) == tab.view.model().rowCount()
    qtbot.keyClick(w, Qt.Key.Key_2, CTRL)                                                # 后备干部
    assert w.tabs.currentWidget() is w.reserves and w.tabs.currentIndex() == 1
    assert built(w) == ["returnees", "reserves", "trainings"]
    assert f"后备干部 {_count(ReserveCadre)} 人" in w.counts.text()
    qtbot.keyClick(w, Qt.Key.Key_3, CTRL)             # back to a tab built before: the same one
    assert w.tabs.currentWidget() is tab and w.tabs.count() == 5


def test_asking_for_a_tab_builds_it_in_its_place_without_showing_it(main_window):
    w = main_window
    page = w.report_page
    assert w.tabs.indexOf(page) == 4 and w.tabs.currentIndex() == 0
    assert built(w) == ["returnees", "report_page"]
    assert w.report_page is page                        # built once


def test_the_count_of_a_list_not_built_yet_follows_a_change(main_window):
    w = main_window
    before = _count(TrainingSession)
    trainings.add_training({"name": "乡村振兴专题班", "kind": "集中轮训", "level": "县级",
                            "start_date": "2026-03-02", "end_date": "2026-03-04"})
    operations.changes.notify({"trainings"})
    assert not w.lazy_tabs.is_built("trainings")
    assert f"培训记录 {before + 1} 期" in w.counts.text()
