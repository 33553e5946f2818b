"""The year's "八个一" activities as a lazy SQL table (gui/table_model.SqlTableModel): count(*)
for the total, the first 500 rows, more as the view scrolls. One row per activity; the
participant names come from a correlated subquery limited to the first few, so a 恳谈会 with
thirty people costs no more than a visit. The raw kind and status stay in the row (the columns
show their labels), so the page can tell which actions apply without another query."""
from __future__ import annotations

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.gui.table_model import Column, SqlTableModel

NAMES_SHOWN = 4
_LIVE_PARTS = "FROM activity_participant ap WHERE ap.activity_id = a.id AND ap.deleted = 0"
_COUNT = f"(SELECT count(*) {_LIVE_PARTS})"
_NAMES = (f"(SELECT group_concat(n.name, '、') FROM (SELECT p.name FROM activity_participant ap "
          f"JOIN person p ON p.id = ap.person_id WHERE ap.activity_id = a.id AND ap.deleted = 0 "
          f"ORDER BY ap.rowid LIMIT {NAMES_SHOWN}) n) "
          f"|| CASE WHEN {_COUNT} > {NAMES_SHOWN} THEN '…' ELSE '' END")


def _label(labels: dict):
    return lambda v: labels.get(v, v or "")


COLUMNS = [
    Column("日期", "a.date"),
    Column("类别", "a.kind", _label(codes.EIGHT_ONES_SHORT)),
    Column("地点", "a.place"),
    Column("内容", "a.content"),
    Column("参与人数", _COUNT, align_right=True),
    Column("参与人", _NAMES),
    Column("村(社区)", "(SELECT v.name FROM village v WHERE v.id = a.village_id)"),
    Column("办理状态", "a.status", _label(codes.ACTIVITY_STATUS)),
    Column("办理结果", "a.answer"),
]
KEYS = ["date", "kind", "place", "content", "count", "names", "village", "status", "answer"]
COL = {k: i for i, k in enumerate(KEYS)}
WIDTHS = {"date": 96, "kind": 100, "place": 130, "content": 240, "count": 72, "names": 230,
          "village": 90, "status": 72, "answer": 200}


class ActivityLogModel(SqlTableModel):
    def __init__(self, database, parent=None):
        super().__init__(database, COLUMNS, "activity a", "a.id", base_where="a.deleted = 0",
                         default_order="a.date IS NULL, a.date", page_key="a.rowid", parent=parent)

    def set_filters(self, year: int, kind: str | None = None, status: str | None = None) -> None:
        where, params = ["a.year = ?"], [int(year)]
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        if status:
            where.append("a.status = ?")
            params.append(status)
        self.set_filter(" AND ".join(where), params)

    def value(self, row: int, key: str):
        """The stored value behind a cell (identifier, not label)."""
        return self._rows[row][COL[key] + 1]

    def find(self, activity_id: str) -> int:
        """The loaded row of an activity, or -1."""
        for i, r in enumerate(self._rows):
            if r[0] == activity_id:
                return i
        return -1
