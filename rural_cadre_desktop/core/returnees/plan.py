"""Where a returnee-list query starts (core/returnees/query.py), chosen without ANALYZE statistics.

At 100k returnees the person and returnee tables (34 + 27 MB) outgrow the page cache, so the cost
is the number of rows looked up across the join, 1–5 µs each (bench/bench_filter.py):
- the list's own order (pinyin, 姓氏笔画) is a person index: walking it stops after a page, cheap
  while the filters keep many rows (a walk reads ~page·N/m people for m matching rows);
- a filter with its own returnee index (a 返乡年份 range, an intention flag: schema v4) knows its
  size m from a count of that index (~1 ms); starting there reads m returnees and sorts them.
The two meet near m² = 60·N (~2,500 rows at 100k), where either costs ~12 ms. Several filters
together can leave far fewer rows than any one of them, which only the indexed start survives.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    person_first: bool          # CROSS JOIN order: person, else returnee, drives
    in_order: bool              # walks person_name_pinyin in list order (a page stops early)
    driver: str | None = None   # the returnee index it starts from: a year field or a wants flag
    people: tuple[int, ...] | None = None   # only these person rowids (a search's few matches)


def indexed_sizes(q, db) -> dict[str, int]:
    """Rows in each returnee index this query's filters could start from, by its column."""
    sizes = {}
    if q.year:
        f = q.year_field
        sizes[f] = db.execute_sql(f"SELECT count(*) FROM returnee WHERE {f} >= ? AND {f} < ? AND deleted = 0",
                                  [f"{int(q.year):04d}", f"{int(q.year) + 1:04d}"]).fetchone()[0]
    for w in q.wants:
        sizes[w] = db.execute_sql(f"SELECT count(*) FROM returnee WHERE {w} = 1 AND deleted = 0").fetchone()[0]
    return sizes


def choose(q, ordered_by_person_index: bool, whole: bool, db) -> Plan:
    """whole: every matching row is read (a count, an export, a column sort), else one page in the
    list's order is wanted."""
    if q.only is not None:                      # a selection: its few rows by id
        return Plan(False, False)
    sizes = indexed_sizes(q, db)
    driver = min(sizes, key=sizes.__getitem__) if sizes else None
    # people narrowed by an index of theirs (a village, initials, an ID number, the duplicates)
    # or a search that reads person_name_pinyin anyway
    people_narrowed = bool(q.village_id or q.search or q.duplicates_only)
    if ordered_by_person_index and not whole:
        if driver is not None:
            m = sizes[driver]
            n = db.execute_sql("SELECT max(rowid) FROM returnee").fetchone()[0] or 0
            filters = bool(q.status) + len(q.wants) + bool(q.political_status) + bool(q.year)
            if m * m <= 60 * n or (not people_narrowed and (filters >= 3 or (filters == 2 and 10 * m <= n))):
                return Plan(False, False, driver)
        return Plan(True, True)
    if driver is not None and not (q.village_id or q.duplicates_only):
        return Plan(False, False, driver)
    # Otherwise read people in table order: their returnee rows lie close together (a count of
    # all 100k: 67 ms; walking the pinyin index, or the returnee table, 100–140 ms).
    return Plan(True, False)


def few_people_matching(clause: str, params: list, db) -> list[int] | None:
    """The rowids of the live people a name/number search matches, if they are few; None if many.

    For the 姓氏笔画 order, which has no index carrying the searched columns: few matches are found
    in person_name_pinyin and sorted (a 14 ms scan, once: the page then looks up just these rows);
    many are better met walking the stroke index until a page is full (~page·N/m rows, at random).
    They meet near m² = 100·N, where the scan stops (typing "1" matches everyone: 0.3 ms to know,
    where sorting them all took 820 ms)."""
    n = db.execute_sql("SELECT max(rowid) FROM person").fetchone()[0] or 0
    cap = math.isqrt(100 * n) + 1
    ids = [r[0] for r in db.execute_sql(f"SELECT p.rowid FROM person p WHERE p.deleted = 0 "
                                        f"AND p.alias_of_id IS NULL AND {clause} LIMIT {cap}", params)]
    return ids if len(ids) < cap else None
