"""GUI test setup: unexpected Qt warnings fail a test (qutebrowser logfail), and the writer
thread is stopped after each test so its connection never outlives the test's database."""
from __future__ import annotations

import pytest

# The offscreen platform says this for every top-level window; it is not about our code.
_HARMLESS = [r"This plugin does not support propagateSizeHints\(\)"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*_HARMLESS))


@pytest.fixture(autouse=True)
def _stop_writer():
    yield
    from rural_cadre_desktop.gui.operations import writer
    writer.shutdown()


@pytest.fixture
def main_window(qtbot, demo_store):
    from rural_cadre_desktop.gui.main_window import MainWindow
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.show()
    return w


class Driver:
    """Drives the GUI as a person would: menu items found through the menu bar, the buttons of
    the message box that pops up next (a modal box blocks the test until one is pressed)."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.boxes: list[str] = []          # the text of every box answered, in order
        self.generation = 0

    def stop(self) -> None:
        """Withdraw the answers still waiting for a box."""
        self.generation += 1

    def click(self, widget) -> None:
        """A left click where a person clicks: a check box or radio button on its indicator (the
        widget may be wider than its text, and a click on the empty end does nothing)."""
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtWidgets import QCheckBox, QRadioButton
        pos = (QPoint(8, widget.height() // 2) if isinstance(widget, (QCheckBox, QRadioButton))
               else widget.rect().center())
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    @staticmethod
    def menu_action(window, text: str):
        """The QAction whose text starts with `text`, searched through every menu of the menu bar."""
        for top in window.menuBar().actions():
            menu = top.menu()
            if menu:
                menu.aboutToShow.emit()        # as when the clerk opens it (some items come then)
            for action in (menu.actions() if menu else []):
                if action.text().replace("&", "").startswith(text.replace("&", "")):
                    return action
        raise LookupError(f"no menu item {text!r}")

    @staticmethod
    def all_menu_actions(window):
        out = []
        for top in window.menuBar().actions():
            menu = top.menu()
            if menu:
                menu.aboutToShow.emit()        # as when the clerk opens it (some items come then)
            out += [a for a in (menu.actions() if menu else []) if not a.isSeparator()]
        return out

    def answer(self, button: str, times: int = 1) -> None:
        """Press `button` ("是", "否", or the start of a button's text) in the next `times` message
        boxes that appear (Yes/No standard buttons are matched whatever language they show)."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox
        standard = {"是": QMessageBox.StandardButton.Yes, "否": QMessageBox.StandardButton.No}
        left, polls = [times], [0]
        generation = self.generation

        def poll():
            if generation != self.generation:       # stop() was called: this answer is withdrawn
                return
            polls[0] += 1
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and box.isVisible():
                target = box.button(standard[button]) if button in standard else None
                if target is None:
                    target = next((b for b in box.buttons() if b.text().replace("&", "").startswith(button)), None)
                if target is not None:
                    self.boxes.append(box.text())
                    target.click()
                    left[0] -= 1
            if left[0] > 0 and polls[0] < 1500:        # gives up after ~30 s
                QTimer.singleShot(20, poll)
        QTimer.singleShot(20, poll)


@pytest.fixture
def driver(qtbot):
    d = Driver(qtbot)
    yield d
    d.stop()                 # no answer left waiting to press a later test's box
