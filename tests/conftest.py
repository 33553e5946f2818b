"""Shared fixtures: a fresh real SQLite database per test (no mocks), set up as a township."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ledger.db"


@pytest.fixture
def store(db_path):
    """An open, migrated store with 洛南县 石门镇 set up and no records."""
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.setup import init_installation
    from rural_cadre_desktop.core.store import open_store
    database = open_store(db_path)
    init_installation("洛南县", "石门镇")
    yield database
    db.close()


@pytest.fixture
def demo_store(store):
    """The store with a small deterministic demo (4 villages, 60 returnees)."""
    from rural_cadre_desktop.core.demo import generate
    generate(villages=4, returnees=60, seed=3)
    return store
