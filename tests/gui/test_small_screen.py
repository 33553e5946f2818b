"""Every window and dialog works on a 1024×768 screen (issue 16): the main window with each of its
pages, and every window that a menu item or a button of those opens — none asks for more room than
the screen has, and shown at that size nothing of it lies outside it (what does not fit scrolls)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from rural_cadre_desktop.gui import file_dialogs, operations
from rural_cadre_desktop.gui.screen_fit import FRAME, SMALLEST

ROOM = QSize(SMALLEST.width() - FRAME.width(), SMALLEST.height() - FRAME.height())


def _scrolls(w: QWidget, top: QWidget) -> bool:
    """Inside a scroll area or a list: it may lie beyond the visible part, and scrolls into view."""
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, (QAbstractScrollArea, QAbstractItemView)):
            return True
        p = p.parentWidget()
    return False


def outside(window: QWidget) -> list[str]:
    """Visible widgets of `window` that reach beyond its rectangle (not counting scrolled content)."""
    frame = window.rect().adjusted(-1, -1, 1, 1)
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.isWindow() or _scrolls(w, window) or w.width() <= 1:
            continue
        rect = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
        if not frame.contains(rect):
            out.append(f"{type(w).__name__}:{w.objectName() or getattr(w, 'text', lambda: '')()}")
    return out


def check(window: QWidget, what: str) -> list[str]:
    problems = []
    need = window.minimumSizeHint().expandedTo(window.minimumSize())
    if need.width() > ROOM.width() or need.height() > ROOM.height():
        problems.append(f"{what}: needs {need.width()}×{need.height()}, the screen has {ROOM.width()}×{ROOM.height()}")
    window.resize(min(window.width(), ROOM.width()), min(window.height(), ROOM.height()))
    QApplication.processEvents()
    bad = outside(window)
    if bad:
        problems.append(f"{what}: outside at {window.width()}×{window.height()}: {bad[:5]}")
    return problems


def _pages(tabs: QTabWidget):
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        QApplication.processEvents()
        yield tabs.tabText(i), tabs.widget(i)
        for inner in tabs.widget(i).findChildren(QTabWidget):
            if inner.parent() is not None and inner.isVisible():
                for j in range(inner.count()):
                    inner.setCurrentIndex(j)
                    QApplication.processEvents()
                    yield f"{tabs.tabText(i)} / {inner.tabText(j)}", inner.widget(j)
                inner.setCurrentIndex(0)


def test_the_main_window_and_every_page_fit(main_window, qtbot):
    w = main_window
    w.resize(ROOM)
    problems = []
    for name, _page in _pages(w.tabs):
        problems += check(w, f"主窗口 · {name}")
    assert problems == []


@pytest.fixture
def every_dialog_checked(monkeypatch):
    """Modal dialogs are measured when they would block, then closed; questions answered 否."""
    seen: list[str] = []
    problems: list[str] = []

    def measured_exec(self):
        self.show()
        QApplication.processEvents()
        problems.extend(check(self, self.windowTitle() or type(self).__name__))
        seen.append(self.windowTitle())
        self.hide()
        return 0
    monkeypatch.setattr(QDialog, "exec", measured_exec)
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: ("", ""))
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: ("", ""))
    monkeypatch.setattr(file_dialogs, "existing_directory", lambda *a, **k: "")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    for name in ("information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: 0)
    return seen, problems


def _windows() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if w.isVisible()}


def _settle(qtbot):
    qtbot.waitUntil(lambda: not operations._live, timeout=30000)


def test_every_window_a_menu_or_button_opens_fits(main_window, qtbot, every_dialog_checked, driver):
    seen, problems = every_dialog_checked
    w = main_window
    w.resize(ROOM)
    start = _windows()
    opened_titles = []
    for tab in (w.returnees, w.reserves, w.trainings):
        w.tabs.setCurrentWidget(tab)
        tab.view.selectRow(0)
        sources = [(a.text(), a.trigger) for a in driver.all_menu_actions(w) if not a.text().startswith("退出")]
        sources += [(b.text(), b.click) for b in tab.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
        for text, press in sources:
            before = _windows()
            press()
            _settle(qtbot)
            for opened in _windows() - before:
                title = opened.windowTitle() or type(opened).__name__
                opened_titles.append(title)
                problems.extend(check(opened, title))
                opened.close()
            for extra in _windows() - start:
                extra.close()
    assert len(opened_titles) + len(seen) >= 10, (opened_titles, seen)      # the walk reached the dialogs
    assert problems == []
