"""The reserve pool as a list: every membership in and out of the pool (一乡一库), with filters
(village, track, status), search (name or pinyin initials) and sort, as SQL over
`reserve_cadre ⋈ person ⋈ village`, fetched as tuples. The 后备干部 tab's lazy model and the
command line ask the same `RESERVES` list (core/listing.SqlList)."""
from __future__ import annotations

from dataclasses import dataclass

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.listing import ListColumn, ListQuery, SqlList, db, ids_param, name_search

COLUMNS = [
    ListColumn("name", "姓名", "p.name", sort="p.name_strokes"),
    ListColumn("village", "村(社区)", "v.name", sort="v.sort_order"),
    ListColumn("track", "类别", "rc.track"),
    ListColumn("status", "在库状态", "rc.status"),
    ListColumn("entered_date", "入库时间", "rc.entered_date"),
    ListColumn("recommended_by", "推荐方式", "rc.recommended_by"),
    ListColumn("education", "学历", "p.education"),
    ListColumn("political_status", "政治面貌", "p.political_status"),
    ListColumn("mentor", "帮带人", "rc.mentor"),
]
FROM = ("reserve_cadre rc JOIN person p ON p.id = rc.person_id "
        "LEFT JOIN village v ON v.id = rc.village_id")
BASE = "rc.deleted = 0 AND p.deleted = 0"
DEFAULT_ORDER = "v.sort_order, rc.track DESC, p.name_strokes"


@dataclass(frozen=True)
class ReserveQuery(ListQuery):
    """Filters of the reserve list; None / empty means all. `only`: just these memberships
    (reserve_cadre.id), still in the list's order ("选中的 N 人")."""
    village_id: str | None = None
    track: str | None = None            # codes.RESERVE_TRACKS
    status: str | None = None           # codes.RESERVE_STATUS
    only: tuple[str, ...] | None = None


class ReserveList(SqlList):
    query_class = ReserveQuery

    def conditions(self, q: ReserveQuery) -> tuple[list[str], list]:
        conds, params = [], []
        if q.village_id:
            conds.append("rc.village_id = ?"); params.append(q.village_id)
        if q.track:
            if q.track not in codes.RESERVE_TRACKS:
                raise ValueError(q.track)
            conds.append("rc.track = ?"); params.append(q.track)
        if q.status:
            if q.status not in codes.RESERVE_STATUS:
                raise ValueError(q.status)
            conds.append("rc.status = ?"); params.append(q.status)
        if q.search.strip():
            c, p = name_search(q.search)
            conds.append(c); params += p
        if q.only is not None:
            conds.append("rc.id IN (SELECT value FROM json_each(?))"); params.append(ids_param(q.only))
        return conds, params


RESERVES = ReserveList(COLUMNS, FROM, "rc.id", base_where=BASE, default_order=DEFAULT_ORDER, page_key="rc.rowid")


def count(q: ReserveQuery | None = None) -> int:
    return RESERVES.count(q)


def reserve_ids(q: ReserveQuery | None = None) -> list[str]:
    """The listed memberships' ids (reserve_cadre.id) in the list's order: "the current list"."""
    return RESERVES.keys(q)


def rows(q: ReserveQuery | None = None, offset: int = 0, limit: int | None = None) -> list[tuple]:
    """(id, *COLUMNS values, rowid) in the list's order."""
    return RESERVES.rows(q, offset, limit)


def person_ids_of(reserve_ids: list[str]) -> list[str]:
    """The people of these memberships, in the order given (the archive prints a selection)."""
    found = dict(db().execute_sql(
        "SELECT rc.id, rc.person_id FROM reserve_cadre rc WHERE rc.id IN (SELECT value FROM json_each(?))",
        [ids_param(reserve_ids)]))
    return [found[r] for r in reserve_ids if r in found]


def active_membership(person_id: str) -> str | None:
    """The id of the person's membership still in the pool (status active), if any."""
    row = db().execute_sql("SELECT rc.id FROM reserve_cadre rc WHERE rc.person_id = ? AND rc.deleted = 0 "
                            "AND rc.status = 'active' ORDER BY rc.rowid DESC LIMIT 1", [person_id]).fetchone()
    return row[0] if row else None
