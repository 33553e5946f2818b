"""Table views over a RowsModel, and a combo per row for the short lists where the user chooses
(columns of a header, villages of a file: a few dozen rows at most, so always-visible index
widgets are simpler than a delegate and show every choice at once). Used by the import wizard and
the fill-a-form page."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableView,
    QWidget,
)

from rural_cadre_desktop.gui.rows_model import RowsModel


def table_view(model: RowsModel, name: str, row_numbers: bool = False) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.verticalHeader().setVisible(row_numbers)
    head = view.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.Interactive)   # never ResizeToContents: it reads every row
    head.setStretchLastSection(True)
    return view


def place_combos(view: QTableView, column: int, combos: list[QComboBox]) -> None:
    """Put combos[r] in row r of `column`. Tab goes from the view through the combos in row order
    (index widgets otherwise join the focus chain at the end, after the wizard's buttons); arrow
    keys then change the focused choice, as in any combo box."""
    view.setTabKeyNavigation(False)
    model = view.model()
    prev = view
    for r, combo in enumerate(combos):
        view.setIndexWidget(model.index(r, column), combo)
        QWidget.setTabOrder(prev, combo)
        prev = combo


def list_view(model, name: str, parent: QWidget | None = None) -> QTableView:
    """The records lists' view: rows selected whole, read-only, one line per row, sorted by the
    model (in SQL) when a header is clicked."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    # No indicator before sorting is enabled, else Qt sorts column 0 descending on its own
    # (and, on a 100,000-row list, runs a second query at start).
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(True)
    return view
