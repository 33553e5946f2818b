"""Lazy table models over the Qt-free query layer.

ReturneeTableModel: a filter or sort change reads the first page only, in the list's order
(core.returnees.query.first_page: ORDER BY … LIMIT, from an index for the default order); more
rows come a batch at a time as the view scrolls, each continuing after the last row's sort keys
(page_after), so no keystroke sorts or reads the whole list. The count is its own query; with
`background_count` it runs on a reader thread and `counted` follows (the window shows its first
page without waiting for it). (The shell's generic
gui/table_model.SqlTableModel takes a FROM + WHERE fragment; our query picks its join order per
filter, which is what keeps 100k-row filters fast, so it has its own small model.)
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.returnees import display, query

_Index = QModelIndex | QPersistentModelIndex
_WARN = QBrush(QColor("#b45309"))


class ReturneeTableModel(QAbstractTableModel):
    FIRST = 100          # a screenful and more: what a keystroke waits for
    BATCH = 300
    counted = Signal()   # the total is known (at once, or from the reader thread)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.q = query.ReturneeQuery()
        self.background_count = False
        self._total: int | None = 0
        self._after: tuple | None = None          # sort keys of the last loaded row
        self._more = False
        self._generation = 0                      # a count answering an older query is dropped
        self._count_op = None                     # the count on the reader thread, while it runs
        self._rows: list[tuple] = []
        self._texts: list[list[str]] = []
        self.revealed: set[str] = set()          # person ids whose numbers show in full
        self.reveal_all = False

    # -- control ------------------------------------------------------------------------------
    def set_query(self, q: query.ReturneeQuery) -> None:
        self.q = q
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        self.beginResetModel()
        rows, keys = query.first_page(self.q, self.FIRST + 1)
        self._more = len(rows) > self.FIRST     # one row beyond the page says whether there are more
        rows, keys = rows[:self.FIRST], keys[:self.FIRST]
        self._after = keys[-1] if keys else None
        self._rows, self._texts = rows, [self._row_texts(r) for r in rows]
        self._total = None
        self.endResetModel()
        self._count()

    def _count(self) -> None:
        if self._count_op is not None:          # the list it counted is gone: no count piles up
            self._count_op.cancel()             # per keystroke beside the next first page
            self._count_op = None
        if not self._more:                      # the page is the whole list
            self._set_total(len(self._rows), self._generation)
        elif not self.background_count:
            self._set_total(query.count(self.q), self._generation)
        else:
            from rural_cadre_desktop.gui.operations import interruptible, run_op
            q, generation = self.q, self._generation
            op = run_op(None, interruptible(lambda: query.count(q)), progress=False,
                        on_success=lambda n: self._set_total(n, generation))
            op.done.connect(lambda: self._count_done(op))
            self._count_op = op

    def _count_done(self, op) -> None:
        if self._count_op is op:
            self._count_op = None

    def _set_total(self, n: int, generation: int) -> None:
        if generation == self._generation:
            self._total = n
            self.counted.emit()

    def _row_texts(self, row: tuple) -> list[str]:
        reveal = self.reveal_all or row[query.ID_COLUMNS + 1] in self.revealed
        return display.row_texts(row, reveal)

    def total(self) -> int:
        """How many rows the list holds; until counted, the rows loaded so far."""
        return self._total if self._total is not None else len(self._rows)

    def is_counted(self) -> bool:
        return self._total is not None

    def row(self, i: int) -> tuple:
        return self._rows[i]

    def returnee_id(self, i: int) -> str:
        return self._rows[i][query.ID_COLUMNS]

    def person_id(self, i: int) -> str:
        return self._rows[i][query.ID_COLUMNS + 1]

    def status(self, i: int) -> str | None:
        """away / returned (raw) of a loaded row."""
        return self._rows[i][query.COLUMN_INDEX["status"]]

    def query_for(self, rows: list[int] | None = None) -> query.ReturneeQuery:
        """The list's query — its filter and order — narrowed to these rows when given: exports and
        printouts of "选中的 N 人" keep the list's order. Rows are loaded rows (a selection)."""
        if rows is None:
            return self.q
        return self.q.with_(only=tuple(self.returnee_id(r) for r in sorted(rows)))

    def reveal(self, person_ids: set[str] | None = None, all_rows: bool | None = None) -> None:
        if person_ids:
            self.revealed |= person_ids
        if all_rows is not None:
            self.reveal_all = all_rows
        self._texts = [self._row_texts(r) for r in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(query.COLUMNS) - 1))

    # -- lazy loading -------------------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or not self._more:
            return
        start = len(self._rows)
        more, keys = query.page_after(self.q, self._after, self.BATCH)
        self._more = len(more) == self.BATCH
        if not more:
            return
        self._after = keys[-1]
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self._texts.extend(self._row_texts(r) for r in more)
        self.endInsertRows()

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(query.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and query.COLUMNS[index.column()].kind == "flag":
            return _WARN
        if role == Qt.ItemDataRole.ToolTipRole and query.COLUMNS[index.column()].kind == "flag" \
                and self._texts[index.row()][index.column()]:
            return "与另一条记录姓名、出生日期、村相同且缺身份证号，可能是同一人；选中两条后点“合并”"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return query.COLUMNS[section].label
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(query.COLUMNS):
            return
        self.set_query(self.q.with_(sort=query.COLUMNS[column].key,
                                    descending=order == Qt.SortOrder.DescendingOrder))


class GridModel(QAbstractTableModel):
    """People × the eight kinds for one year: rows from one aggregate query (core.returnees.grid),
    shown a batch at a time. A cell shows how many times; an empty cell is what is still missing."""
    BATCH = 500
    HEADERS = ["姓名", "村(社区)"] + [codes.EIGHT_ONES_SHORT[k] for k in codes.EIGHT_ONES] + ["缺项"]
    _MISSING = QBrush(QColor("#fde2e1"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[tuple] = []
        self._shown = 0

    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self._all = rows
        self._shown = min(self.BATCH, len(rows))
        self.endResetModel()

    def total(self) -> int:
        return len(self._all)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        n = min(self.BATCH, len(self._all) - self._shown)
        if n <= 0 or parent.isValid():
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + n - 1)
        self._shown += n
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, c = self._all[index.row()], index.column()
        counts = row[4:12]
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return row[1]
            if c == 1:
                return row[2] or ""
            if c == len(self.HEADERS) - 1:
                return str(sum(1 for n in counts if not n))
            n = counts[c - 2]
            return str(n) if n else ""
        if role == Qt.ItemDataRole.BackgroundRole and 2 <= c < len(self.HEADERS) - 1 and not counts[c - 2]:
            return self._MISSING
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return str(section + 1)
