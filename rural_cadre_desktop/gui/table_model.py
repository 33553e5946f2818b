"""A lazy table model over a core list (core/listing.SqlList): counts with count(*), fetches
tuples in batches, sorts in SQL. The model holds a query object (core/listing.ListQuery or the
list's subclass) and hands it back to the list; every statement lives in core/.

Why not QSqlQueryModel: it needs Qt's own SQLite driver and a second connection setup, and it
would bypass our peewee database (pragmas, thread-local connections). Why not a proxy for
sorting and filtering: a proxy would force every row of a 100,000-row list into memory.
Pattern after Vorta's archive_table_model and Anki's browser table model.

Paging: the first batch comes from `ORDER BY … LIMIT` (SQLite keeps only the top N, so a
100,000-row list opens in a fraction of a second). Deeper batches with OFFSET would re-sort the
whole list every time (0.4 s per batch near the end of 100,000 rows), so on the first fetchMore
the model reads the ordered list of row ids once (~0.45 s for 100,000) and then fetches each
batch by id: scrolling to the bottom costs the same per batch as at the top.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

from rural_cadre_desktop.core.listing import ListColumn, ListQuery, SqlList

log = logging.getLogger("rcd.gui.table")

_Index = QModelIndex | QPersistentModelIndex
KEEP_PLACE_ROWS = 3000          # a reload keeps the place only this deep (refetching costs)


class SqlTableModel(QAbstractTableModel):
    """The rows of `source` for the query `q`: (key, *columns, page_key) tuples, shown through
    `formats` (column key → value → text) with the `align_right` columns right-aligned.

    `row_key(row)` gives the record id to whoever acts on a selection."""

    def __init__(self, source: SqlList, query: ListQuery | None = None, *,
                 formats: dict[str, Callable[[Any], str]] | None = None, align_right: Iterable[str] = (),
                 batch: int = 500, parent=None):
        super().__init__(parent)
        self.source = source
        self.q = query if query is not None else source.query_class()
        self._columns: list[ListColumn] = list(source.columns)
        self._formats = [(formats or {}).get(c.key) for c in self._columns]
        self._right = [c.key in set(align_right) for c in self._columns]
        self._batch = batch
        self._rows: list[tuple] = []
        self._page_ids: list | None = None         # ordered ids of every matching row, read lazily
        self._consumed = 0           # how many of the ordered ids have been fetched
        self._total = 0
        self._unfiltered_total: int | None = None     # kept while only the filter or sort changes
        self.loaded = False          # read once: a page not shown yet is not reloaded on a notice

    # -- control from outside ---------------------------------------------------------------
    def refresh(self) -> None:
        """Re-count and reload the first batch (after a data change)."""
        self._reload(recount_all=True)

    def set_query(self, q: ListQuery) -> None:
        """Show the list for another query (filter, search or order)."""
        self.q = q
        self._reload(recount_all=False)

    def _reload(self, recount_all: bool) -> None:
        self.loaded = True
        self.beginResetModel()
        try:
            self._total = self.source.count(self.q)
            if not self.q.is_filtered():
                self._unfiltered_total = self._total
            elif recount_all:
                self._unfiltered_total = None         # counted again when asked
            self._page_ids = None
            self._rows = self.source.first_rows(self.q, self._batch)
            self._consumed = len(self._rows)
        finally:
            self.endResetModel()

    def total(self) -> int:
        """Rows matching the query (loaded or not)."""
        return self._total

    def unfiltered_total(self) -> int:
        if self._unfiltered_total is None:
            self._unfiltered_total = self.source.count(self.q.cleared())
        return self._unfiltered_total

    def is_filtered(self) -> bool:
        return self.q.is_filtered()

    def row_key(self, row: int):
        return self._rows[row][0]

    def value(self, row: int, key: str):
        """The stored value behind a cell of a loaded row (identifier, not label)."""
        return self._rows[row][self.source.column_index[key] + 1]

    def find(self, key) -> int:
        """The loaded row of a record id, or -1."""
        for i, r in enumerate(self._rows):
            if r[0] == key:
                return i
        return -1

    def keys_fetcher(self) -> Callable[[], list]:
        """A function returning the ids of every row the list shows now, in its order: one query,
        run wherever the function is called (a worker, for 100,000 rows)."""
        source, q = self.source, self.q
        return lambda: source.keys(q)

    def keys(self) -> list:
        """The ids of every row the list shows, in its order (queried here)."""
        return self.keys_fetcher()()

    def columns(self) -> list[ListColumn]:
        return list(self._columns)

    # -- lazy loading -----------------------------------------------------------------------
    def _fetch(self, offset: int, limit: int) -> list[tuple]:
        if self._page_ids is None:
            self._page_ids = self.source.page_ids(self.q)
            self._total = len(self._page_ids)        # the truth now, if rows came or went
        return self.source.rows_for(self._page_ids[offset:offset + limit])

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._consumed < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        more = self._fetch(self._consumed, self._batch)
        self._consumed = min(self._consumed + self._batch, self._total)
        if not more:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._rows[index.row()][index.column() + 1]
            fmt = self._formats[index.column()]
            if fmt is not None:
                return fmt(value) or ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._right[index.column()]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None              # every other role: Qt's default (the none_dealloc path, STACK-NOTES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].label
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in the new order; column -1 means the list's default order."""
        if 0 <= column < len(self._columns):
            sort, desc = self._columns[column].key, order == Qt.SortOrder.DescendingOrder
        else:
            sort, desc = None, False
        if (sort, desc) == (self.q.sort, self.q.descending if sort is not None else False):
            return               # the view asks again on setSortingEnabled: no second query
        self.set_query(self.q.with_(sort=sort, descending=desc))


def reload_keeping_place(view: QAbstractItemView, reload: Callable[[], None], key_of: Callable[[int], Any]) -> None:
    """Run `reload` (which resets the view's model) and put the clerk back where they were: the
    same records selected and current, the list scrolled as before — as far as the rows loaded
    before (up to KEEP_PLACE_ROWS) still hold them."""
    model = view.model()
    sel = view.selectionModel()
    selected = {key_of(i.row()) for i in sel.selectedRows()} if sel is not None else set()
    cur = view.currentIndex()
    current = (key_of(cur.row()), cur.column()) if cur.isValid() else None
    loaded = model.rowCount()
    bar = view.verticalScrollBar()
    scrolled = bar.value()
    reload()
    if not (selected or current or scrolled):
        return
    if loaded <= KEEP_PLACE_ROWS:
        while model.rowCount() < loaded and model.canFetchMore():
            model.fetchMore()
    sel = view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in range(model.rowCount()):
        k = key_of(r)
        if current is not None and k == current[0]:
            sel.setCurrentIndex(model.index(r, current[1]), QItemSelectionModel.SelectionFlag.NoUpdate)
        if k in selected:
            sel.select(model.index(r, 0), flags)
    bar.setValue(min(scrolled, bar.maximum()))
