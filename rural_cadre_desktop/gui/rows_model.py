"""RowsModel: a read-only table model over a list of tuples already in memory, for the wizard's
previews, the dry run's lists and other small-to-large lists that need no SQL paging.

Why not the item-based table widget: it builds an item object per cell, which for a 50,000-row
refused list is slow and memory-hungry; here the view asks only for the cells it paints. data() is called for
every visible cell on every repaint, so it does one tuple lookup and nothing else, and returns
None for every role it does not handle (Qt's default).
"""
from __future__ import annotations

from typing import Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


class RowsModel(QAbstractTableModel):
    """`headers` name the columns; a row shorter than the headers shows empty cells.

    `checkable` puts a check box in column 0 (the user ticks rows; `checked_rows()` reads them).
    `tooltips` repeats a cell's full text as its tooltip, for columns too narrow to show it.
    """

    def __init__(self, headers: list[str], rows: list[tuple], checkable: bool = False, parent=None,
                 *, tooltips: bool = False, centered: Iterable[int] = ()):
        super().__init__(parent)
        self._headers = list(headers)
        self._centered = frozenset(centered)     # columns whose text is centred (counts, figures)
        self._marked: frozenset[int] = frozenset()
        self._mark = None                        # QBrush for marked rows (set_marked)
        self._checkable = checkable
        self._tooltips = tooltips
        self._rows: list[tuple] = []
        self._checked: list[bool] = []
        self._replace(rows, None)

    # -- contents -----------------------------------------------------------------------------
    def _replace(self, rows: Sequence[tuple], checked: Iterable[bool] | None) -> None:
        self._rows = list(rows)
        marks = [bool(c) for c in checked] if checked is not None else []
        self._checked = (marks + [False] * len(self._rows))[:len(self._rows)]

    def set_rows(self, rows: Sequence[tuple], checked: Iterable[bool] | None = None,
                 headers: list[str] | None = None) -> None:
        """New contents (one reset, not a signal per row); `checked` gives the initial ticks,
        `headers` new columns (a sheet preview is as wide as its widest row)."""
        self.beginResetModel()
        if headers is not None:
            self._headers = list(headers)
        self._replace(rows, checked)
        self.endResetModel()

    def row(self, i: int) -> tuple:
        return self._rows[i]

    def checked_rows(self) -> list[int]:
        return [i for i, c in enumerate(self._checked) if c]

    def set_checked(self, row: int, checked: bool) -> None:
        if self._checked[row] != bool(checked):
            self._checked[row] = bool(checked)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [_CHECK])

    def set_all(self, checked: bool) -> None:
        if not self._rows:
            return
        self._checked = [bool(checked)] * len(self._rows)
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0), [_CHECK])

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = _DISPLAY):
        if not index.isValid():
            return None
        if role == _DISPLAY or (role == _TOOLTIP and self._tooltips):
            row = self._rows[index.row()]
            c = index.column()
            value = row[c] if c < len(row) else None
            return "" if value is None else str(value)
        if role == _CHECK and self._checkable and index.column() == 0:
            return _CHECKED if self._checked[index.row()] else _UNCHECKED
        if role == _ALIGN and index.column() in self._centered:
            return Qt.AlignmentFlag.AlignCenter
        if role == _BACKGROUND and index.row() in self._marked:
            return self._mark
        return None

    def set_marked(self, rows: Iterable[int], color) -> None:
        """Paint these rows' background (e.g. a template column nothing is mapped to)."""
        self._marked, self._mark = frozenset(rows), QBrush(color)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1),
                                  [_BACKGROUND])

    def is_marked(self, row: int) -> bool:
        return row in self._marked

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != _CHECK or not self._checkable or index.column() != 0:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value     # views pass an int
        self.set_checked(index.row(), state == _CHECKED)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return str(section + 1)
