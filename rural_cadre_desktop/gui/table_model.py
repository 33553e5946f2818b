"""A lazy table model over SQL: counts with count(*), fetches tuples in batches, sorts in SQL.

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
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

log = logging.getLogger("rcd.gui.table")

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One visible column: header label, the SQL expression selected, how a value is shown."""
    label: str
    expr: str
    fmt: Callable[[Any], str] | None = None
    sort_expr: str | None = None          # e.g. 姓氏笔画 key for 姓名; defaults to expr
    align_right: bool = False             # numbers line up on the right


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches `text` literally anywhere (escape character: backslash)."""
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


class SqlTableModel(QAbstractTableModel):
    """Rows of `SELECT key, <columns> FROM <from_sql> WHERE <base> AND <filter> ORDER BY …`.

    `key_expr` (the record id) is fetched with every row but not shown; `row_key(row)` gives it
    to whoever acts on a selection.
    """

    def __init__(self, database, columns: Sequence[Column], from_sql: str, key_expr: str,
                 base_where: str = "", base_params: Sequence = (), batch: int = 500,
                 default_order: str | None = None, page_key: str | None = None, parent=None):
        super().__init__(parent)
        self._db = database
        self._columns = list(columns)
        self._from = from_sql
        self._key = key_expr
        self._page_key = page_key or key_expr      # an integer rowid pages faster than a UUID
        self._page_ids: list | None = None         # ordered ids of every matching row, read lazily
        self._base_where, self._base_params = base_where, tuple(base_params)
        self._filter, self._filter_params = "", ()
        self._batch = batch
        self._default_order = default_order
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._rows: list[tuple] = []
        self._consumed = 0           # how many of the ordered ids have been fetched
        self._total = 0
        self._unfiltered_total: int | None = None     # kept while only the filter or sort changes

    # -- queries ----------------------------------------------------------------------------
    def _where(self, with_filter: bool = True) -> tuple[str, tuple]:
        parts, params = [], []
        if self._base_where:
            parts.append(f"({self._base_where})")
            params += self._base_params
        if with_filter and self._filter:
            parts.append(f"({self._filter})")
            params += self._filter_params
        return (" WHERE " + " AND ".join(parts) if parts else ""), tuple(params)

    def _order(self) -> str:
        if self._sort is not None:
            col, order = self._sort
            c = self._columns[col]
            direction = "DESC" if order == Qt.SortOrder.DescendingOrder else "ASC"
            # The key as tie-breaker keeps OFFSET paging stable when values repeat.
            return f" ORDER BY {c.sort_expr or c.expr} {direction}, {self._page_key}"
        if self._default_order:
            return f" ORDER BY {self._default_order}, {self._page_key}"
        return f" ORDER BY {self._page_key}"

    def _count(self, with_filter: bool) -> int:
        where, params = self._where(with_filter)
        return self._db.execute_sql(f"SELECT count(*) FROM {self._from}{where}", params).fetchone()[0]

    def _select(self) -> str:
        return ", ".join([self._key] + [c.expr for c in self._columns] + [self._page_key])

    def _first_batch(self) -> list[tuple]:
        where, params = self._where()
        sql = f"SELECT {self._select()} FROM {self._from}{where}{self._order()} LIMIT ?"
        return self._db.execute_sql(sql, params + (self._batch,)).fetchall()

    def _fetch(self, offset: int, limit: int) -> list[tuple]:
        if self._page_ids is None:
            where, params = self._where()
            cur = self._db.execute_sql(f"SELECT {self._page_key} FROM {self._from}{where}{self._order()}", params)
            self._page_ids = [pid for (pid,) in cur]
            self._total = len(self._page_ids)        # the truth now, if rows came or went
        ids = self._page_ids[offset:offset + limit]
        if not ids:
            return []
        sql = f"SELECT {self._select()} FROM {self._from} WHERE {self._page_key} IN ({', '.join('?' * len(ids))})"
        found = {row[-1]: row for row in self._db.execute_sql(sql, ids)}
        return [found[i] for i in ids if i in found]        # rows deleted meanwhile drop out

    # -- control from outside ---------------------------------------------------------------
    def refresh(self) -> None:
        """Re-count and reload the first batch (after a data change)."""
        self._reload(recount_all=True)

    def _reload(self, recount_all: bool) -> None:
        self.beginResetModel()
        try:
            self._total = self._count(True)
            if not self._filter:
                self._unfiltered_total = self._total
            elif recount_all or self._unfiltered_total is None:
                self._unfiltered_total = self._count(False)
            self._page_ids = None
            self._rows = self._first_batch()
            self._consumed = len(self._rows)
        finally:
            self.endResetModel()

    def set_filter(self, where: str = "", params: Sequence = ()) -> None:
        self._filter, self._filter_params = where, tuple(params)
        self._reload(recount_all=False)

    def total(self) -> int:
        """Rows matching the filter (loaded or not)."""
        return self._total

    def unfiltered_total(self) -> int:
        return self._unfiltered_total or 0

    def is_filtered(self) -> bool:
        return bool(self._filter)

    def row_key(self, row: int):
        return self._rows[row][0]

    def keys_query(self) -> tuple[str, tuple]:
        """SQL + parameters for the record ids (`key_expr`) of every row the list shows — the
        current filter, in the current order — for a worker to run (one query, not per row)."""
        where, params = self._where()
        return f"SELECT {self._key} FROM {self._from}{where}{self._order()}", params

    def keys_fetcher(self):
        """A function returning the ids of every row the list shows now, in its order: one query,
        run wherever the function is called (a worker, for 100,000 rows)."""
        db, (sql, params) = self._db, self.keys_query()
        return lambda: [k for (k,) in db.execute_sql(sql, params)]

    def keys(self) -> list:
        """The ids of every row the list shows, in its order (queried here)."""
        return self.keys_fetcher()()

    def columns(self) -> list[Column]:
        return list(self._columns)

    # -- lazy loading -----------------------------------------------------------------------
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
            col = self._columns[index.column()]
            value = self._rows[index.row()][index.column() + 1]
            if col.fmt is not None:
                return col.fmt(value) or ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None              # every other role: Qt's default (the none_dealloc path, STACK-NOTES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].label
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in the new order; column -1 means the model's default order."""
        new = (column, order) if 0 <= column < len(self._columns) else None
        if new == self._sort:
            return               # the view asks again on setSortingEnabled: no second query
        self._sort = new
        self._reload(recount_all=False)
