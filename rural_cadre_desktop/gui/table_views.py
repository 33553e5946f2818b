"""Table views over a RowsModel, and a combo per row for the short lists where the user chooses
(columns of a header, villages of a file: a few dozen rows at most, so always-visible index
widgets are simpler than a delegate and show every choice at once). Used by the import wizard and
the fill-a-form page."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView, QWidget

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
