"""Regression guard for PySide6 6.12.0 on Python 3.11 (STACK-NOTES): every data() that returns None
leaked a reference to None and, after a few thousand calls, the process aborted with
`Fatal Python error: none_dealloc`. A 100,000-row model on a real SQLite table is scrolled through
tens of thousands of data() calls, many of them returning None. If an upgrade brings the bug
back this test dies (the whole pytest process aborts), in CI rather than in an office."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from rural_cadre_desktop.core.listing import ListColumn, SqlList
from rural_cadre_desktop.gui.table_model import SqlTableModel

ROWS = int(os.environ.get("RCD_STRESS_ROWS", "100000"))
ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
         Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole,
         Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.UserRole]


def _table(database):
    database.execute_sql("CREATE TABLE stress (id INTEGER PRIMARY KEY, name TEXT, note TEXT, n REAL)")
    with database.atomic():
        database.cursor().executemany(
            "INSERT INTO stress (id, name, note, n) VALUES (?, ?, ?, ?)",
            ((i, f"姓名{i}", None if i % 3 else f"备注{i}", i / 2) for i in range(ROWS)))


def test_scrolling_a_large_model_through_none_returning_roles(qtbot, store):
    _table(store)
    columns = [ListColumn("name", "姓名", "s.name"), ListColumn("note", "备注", "s.note"), ListColumn("n", "数", "s.n")]
    model = SqlTableModel(SqlList(columns, "stress s", "s.id"), align_right=("n",), batch=500)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    model.refresh()
    assert model.total() == ROWS and model.rowCount() == 500

    none_before = sys.getrefcount(None)
    calls = nones = 0
    while model.canFetchMore():
        model.fetchMore()
        last = model.rowCount() - 1
        for row in range(last - 499, last + 1, 50):
            for col in range(model.columnCount()):
                index = model.index(row, col)
                for role in ROLES:
                    # QModelIndex.data() goes through C++ into our Python data(): the path where
                    # shiboken converts the returned None (a direct Python call would not test it).
                    value = index.data(role)
                    calls += 1
                    nones += value is None
        if model.rowCount() % 10000 == 0:
            view.scrollTo(model.index(last, 0))
            view.viewport().grab()              # the view paints: its own data() calls, every role
    view.scrollToBottom()
    view.viewport().grab()
    assert model.rowCount() == ROWS
    assert calls > 30000 and nones > 20000
    assert model.data(model.index(ROWS - 1, 0)) == f"姓名{ROWS - 1}"
    assert model.data(model.index(1, 1)) == ""               # NULL shows as empty text, not None
    assert model.data(QModelIndex()) is None
    assert sys.getrefcount(None) >= none_before - 100         # None was not leaked away
