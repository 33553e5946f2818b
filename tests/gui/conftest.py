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
