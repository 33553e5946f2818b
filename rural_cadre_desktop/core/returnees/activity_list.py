"""The year's "八个一" activities as a list (the 活动记录 page): one row per activity, filtered by
year, kind, status, village and a participant's name, as SQL (core/listing.SqlList). The participant names come from a correlated
subquery limited to the first few, so a 恳谈会 with thirty people costs no more than a visit. The
raw kind and status stay in the row (the page shows their labels and decides which actions apply
without another query)."""
from __future__ import annotations

from dataclasses import dataclass

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.listing import ListColumn, ListQuery, SqlList, name_search

NAMES_SHOWN = 4
_LIVE_PARTS = "FROM activity_participant ap WHERE ap.activity_id = a.id AND ap.deleted = 0"
_COUNT = f"(SELECT count(*) {_LIVE_PARTS})"
_NAMES = (f"(SELECT group_concat(n.name, '、') FROM (SELECT p.name FROM activity_participant ap "
          f"JOIN person p ON p.id = ap.person_id WHERE ap.activity_id = a.id AND ap.deleted = 0 "
          f"ORDER BY ap.rowid LIMIT {NAMES_SHOWN}) n) "
          f"|| CASE WHEN {_COUNT} > {NAMES_SHOWN} THEN '…' ELSE '' END")

COLUMNS = [
    ListColumn("date", "日期", "a.date"),
    ListColumn("kind", "类别", "a.kind"),
    ListColumn("place", "地点", "a.place"),
    ListColumn("content", "内容", "a.content"),
    ListColumn("count", "参与人数", _COUNT),
    ListColumn("names", "参与人", _NAMES),
    ListColumn("village", "村(社区)", "(SELECT v.name FROM village v WHERE v.id = a.village_id)"),
    ListColumn("status", "办理状态", "a.status"),
    ListColumn("answer", "办理结果", "a.answer"),
]


@dataclass(frozen=True)
class ActivityQuery(ListQuery):
    year: int | None = None
    kind: str | None = None             # codes.EIGHT_ONES
    status: str | None = None           # codes.ACTIVITY_STATUS
    village_id: str | None = None       # held in the village, or with someone from it


class ActivityList(SqlList):
    query_class = ActivityQuery

    def conditions(self, q: ActivityQuery) -> tuple[list[str], list]:
        conds, params = [], []
        if q.year is not None:
            conds.append("a.year = ?"); params.append(int(q.year))
        if q.kind:
            if q.kind not in codes.EIGHT_ONES:
                raise ValueError(q.kind)
            conds.append("a.kind = ?"); params.append(q.kind)
        if q.status:
            if q.status not in codes.ACTIVITY_STATUS:
                raise ValueError(q.status)
            conds.append("a.status = ?"); params.append(q.status)
        if q.village_id:
            conds.append("(a.village_id = ? OR EXISTS (SELECT 1 FROM activity_participant ap JOIN person p "
                         "ON p.id = ap.person_id WHERE ap.activity_id = a.id AND ap.deleted = 0 "
                         "AND p.village_id = ?))")
            params += [q.village_id, q.village_id]
        if q.search.strip():
            cond, more = name_search(q.search)
            conds.append("EXISTS (SELECT 1 FROM activity_participant ap JOIN person p ON p.id = ap.person_id "
                         f"WHERE ap.activity_id = a.id AND ap.deleted = 0 AND {cond})")
            params += more
        return conds, params


ACTIVITIES = ActivityList(COLUMNS, "activity a", "a.id", base_where="a.deleted = 0",
                          default_order="a.date IS NULL, a.date", page_key="a.rowid")
