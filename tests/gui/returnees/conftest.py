"""The returnee tab on the demo database, shown at the size of a township office screen."""
from __future__ import annotations

import pytest


@pytest.fixture
def tab(qtbot, demo_store):
    from rural_cadre_desktop.gui.returnees import ReturneesTab
    t = ReturneesTab(demo_store, run_async=False)
    qtbot.addWidget(t)
    t.resize(1400, 850)
    t.show()
    t.load()
    t.confirm = lambda title, text: True          # the clerk answers 是 to every question
    return t
