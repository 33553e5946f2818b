"""Lists of records as SQL, Qt-free: what a lazy table (gui/table_model.SqlTableModel) asks of a
list — how many rows match, the first batch in order, the ordered row ids, rows by id, the record
ids of every listed row — each answered by one statement over `FROM … WHERE … ORDER BY`.

A list is a `SqlList` (its columns, FROM, record key, integer page key, default order) and a query
object (`ListQuery` or a subclass: search text, the list's own filters, sort column and direction).
The list turns a query into SQL conditions (`conditions(q)`), so no SQL leaves core/: the GUI holds
a query object and hands it back. core/reserves, core/trainings, core/regions (villages) and the
"八个一" log (core/returnees/activity_list.py) each define one. The returnee list has its own
planner (core/returnees/query.py: it picks the join order per filter).

Paging (measured for the GUI, see gui/table_model.py): the first batch comes from `ORDER BY …
LIMIT` (SQLite keeps only the top N); deeper batches by id, after reading the ordered ids once,
so scrolling never re-sorts 100,000 rows per batch.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from typing import Sequence


@dataclass(frozen=True)
class ListColumn:
    """One column a list shows: its key (for sorting and formatting), label, the SQL selected and,
    when different, the SQL it sorts by (姓氏笔画 for 姓名, the village order for 村)."""
    key: str
    label: str
    expr: str
    sort: str | None = None


@dataclass(frozen=True)
class ListQuery:
    """What the clerk asked a list for. Subclasses add their filters (with defaults meaning "all");
    `sort` is a column key (None: the list's default order)."""
    search: str = ""
    sort: str | None = None
    descending: bool = False

    _NOT_FILTERS = ("sort", "descending")

    def with_(self, **changes) -> "ListQuery":
        return replace(self, **changes)

    def is_filtered(self) -> bool:
        """Does any filter (search included) narrow the list?"""
        return any(getattr(self, f.name) != f.default for f in fields(self) if f.name not in self._NOT_FILTERS)

    def cleared(self) -> "ListQuery":
        """The same list, same order, no filter (for "N / M 人")."""
        return replace(self, **{f.name: f.default for f in fields(self) if f.name not in self._NOT_FILTERS})


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches `text` literally anywhere (escape character: backslash)."""
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def name_search(text: str, name: str = "p.name", initials: str = "p.name_initials") -> tuple[str, list]:
    """Name (contains) or pinyin initials (prefix, zs → 张三): the lists' search box."""
    text = text.strip()
    return (f"({name} LIKE ? ESCAPE '\\' OR {initials} LIKE ? ESCAPE '\\')",
            [like_pattern(text), like_pattern(text.lower())[1:]])


def ids_param(ids: Sequence) -> str:
    """One parameter for any number of ids (`x IN (SELECT value FROM json_each(?))`): SQLite caps
    the number of ? in a statement."""
    return json.dumps(list(ids))


def db():
    from rural_cadre_desktop.core.db import database     # at call time: tests and 另存 move the store
    return database


class SqlList:
    """Rows of `SELECT key, <columns>, page_key FROM <from_sql> WHERE <base> AND <conditions(q)>`.

    `key` is the record id handed to whoever acts on a row; `page_key` an integer rowid (paging by
    it is faster than by a UUID). Subclasses override `conditions(q)` for their filters.
    """

    query_class: type[ListQuery] = ListQuery

    def __init__(self, columns: Sequence[ListColumn], from_sql: str, key: str, *, base_where: str = "",
                 base_params: Sequence = (), default_order: str | None = None, page_key: str | None = None):
        self.columns = list(columns)
        self.column_index = {c.key: i for i, c in enumerate(self.columns)}
        self.from_sql = from_sql
        self.key = key
        self.page_key = page_key or key
        self.base_where, self.base_params = base_where, tuple(base_params)
        self.default_order = default_order

    # -- building SQL -------------------------------------------------------------------------
    def conditions(self, q: ListQuery) -> tuple[list[str], list]:
        """The query's filters as SQL conditions and parameters (none here)."""
        return [], []

    def where(self, q: ListQuery) -> tuple[str, list]:
        parts, params = [], []
        if self.base_where:
            parts.append(f"({self.base_where})")
            params += self.base_params
        conds, cparams = self.conditions(q)
        parts += [f"({c})" for c in conds]
        params += cparams
        return (" WHERE " + " AND ".join(parts) if parts else ""), params

    def order(self, q: ListQuery) -> str:
        if q.sort is not None:
            if q.sort not in self.column_index:
                raise ValueError(q.sort)
            c = self.columns[self.column_index[q.sort]]
            direction = " DESC" if q.descending else " ASC"
            # The page key as tie-breaker keeps the order stable when values repeat.
            return f" ORDER BY {c.sort or c.expr}{direction}, {self.page_key}"
        if self.default_order:
            return f" ORDER BY {self.default_order}, {self.page_key}"
        return f" ORDER BY {self.page_key}"

    def _select(self) -> str:
        return ", ".join([self.key] + [c.expr for c in self.columns] + [self.page_key])

    # -- what a list is asked -----------------------------------------------------------------
    def count(self, q: ListQuery | None = None) -> int:
        where, params = self.where(q or self.query_class())
        return db().execute_sql(f"SELECT count(*) FROM {self.from_sql}{where}", params).fetchone()[0]

    def first_rows(self, q: ListQuery, limit: int) -> list[tuple]:
        """The first `limit` rows in order: (key, *columns, page_key)."""
        where, params = self.where(q)
        sql = f"SELECT {self._select()} FROM {self.from_sql}{where}{self.order(q)} LIMIT ?"
        return db().execute_sql(sql, params + [int(limit)]).fetchall()

    def page_ids(self, q: ListQuery) -> list:
        """Every matching row's page key, in order (read once; later batches are fetched by id)."""
        where, params = self.where(q)
        cur = db().execute_sql(f"SELECT {self.page_key} FROM {self.from_sql}{where}{self.order(q)}", params)
        return [pid for (pid,) in cur]

    def rows_for(self, page_ids: Sequence) -> list[tuple]:
        """Full rows for these page keys, in the order given; rows gone meanwhile drop out."""
        found = {}
        for i in range(0, len(page_ids), 500):          # SQLite's parameter limit
            chunk = list(page_ids[i:i + 500])
            sql = (f"SELECT {self._select()} FROM {self.from_sql} "
                   f"WHERE {self.page_key} IN ({', '.join('?' * len(chunk))})")
            found.update((row[-1], row) for row in db().execute_sql(sql, chunk))
        return [found[i] for i in page_ids if i in found]

    def keys(self, q: ListQuery | None = None) -> list:
        """The record ids (`key`) of every row the query lists, in its order: one statement,
        for a worker to run on 100,000 rows."""
        q = q or self.query_class()
        where, params = self.where(q)
        return [k for (k,) in db().execute_sql(f"SELECT {self.key} FROM {self.from_sql}{where}{self.order(q)}",
                                                params)]

    def rows(self, q: ListQuery | None = None, offset: int = 0, limit: int | None = None) -> list[tuple]:
        """Matching rows (key, *columns, page_key) in order; for the command line and exports."""
        q = q or self.query_class()
        where, params = self.where(q)
        sql = f"SELECT {self._select()} FROM {self.from_sql}{where}{self.order(q)}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = params + [int(limit), int(offset)]
        return list(db().execute_sql(sql, params))

    def dicts(self, q: ListQuery | None = None) -> list[dict]:
        """Rows as {"id": key, column key: value …} (raw stored values)."""
        keys = ["id"] + [c.key for c in self.columns]
        return [dict(zip(keys, r[:-1])) for r in self.rows(q)]
