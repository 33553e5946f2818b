"""The yearly "八个一" grid: who among the registry has received which of the eight this year and
what is missing, with counts per village. Each is one aggregate SQL query.

A person's participations are found through activity_participant(person_id) and joined to the
activity of that year, so a village's grid reads only that village's people (a few ms), while the
whole township (100k people) is ~1 s and belongs off the UI thread.
"""
from __future__ import annotations

from dataclasses import dataclass

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.models import Person

KINDS = list(codes.EIGHT_ONES)
_SUMS = ", ".join(f"sum(a.kind = '{k}')" for k in KINDS)     # identifiers from code, not user input

_PEOPLE = f"""
SELECT p.id, p.name, (SELECT v.name FROM village v WHERE v.id = p.village_id) AS village,
       p.village_id, {_SUMS}
FROM person p CROSS JOIN returnee r ON r.person_id = p.id AND r.deleted = 0
LEFT JOIN activity_participant ap ON ap.person_id = p.id AND ap.deleted = 0
LEFT JOIN activity a ON a.id = ap.activity_id AND a.deleted = 0 AND a.year = ?
WHERE p.deleted = 0 AND +p.alias_of_id IS NULL {{where}}
GROUP BY p.id"""


@dataclass(frozen=True)
class GridRow:
    person_id: str
    name: str
    village: str | None
    counts: tuple[int, ...]          # per kind, in codes.EIGHT_ONES order

    @property
    def missing(self) -> list[str]:
        return [k for k, n in zip(KINDS, self.counts) if not n]


def _where(village_id: str | None, missing_kind: str | None) -> tuple[str, list]:
    where, params = "", []
    if village_id:
        where += " AND p.village_id = ?"
        params.append(village_id)
    return where, params


def grid_rows(year: int, village_id: str | None = None, missing_kind: str | None = None) -> list[tuple]:
    """(person_id, name, village, village_id, n_invitation … n_suggestion), 姓氏笔画 order within a
    village. `missing_kind` keeps only those who have not had that kind this year."""
    if missing_kind is not None and missing_kind not in KINDS:
        raise ValueError(missing_kind)
    where, params = _where(village_id, missing_kind)
    sql = _PEOPLE.format(where=where)
    if missing_kind:
        sql += f" HAVING sum(a.kind = '{missing_kind}') = 0"
    sql += (" ORDER BY (SELECT v.sort_order FROM village v WHERE v.id = p.village_id), p.name_strokes, p.id")
    cur = Person._meta.database.execute_sql(sql, [int(year)] + params)
    return [row[:4] + tuple(n or 0 for n in row[4:]) for row in cur]


def as_grid_row(row: tuple) -> GridRow:
    return GridRow(row[0], row[1], row[2], tuple(row[4:]))


_VILLAGES = f"""
SELECT v.id, v.name, count(g.pid), {", ".join(f"coalesce(sum(g.k{i} > 0), 0)" for i in range(len(KINDS)))}
FROM village v LEFT JOIN (
  SELECT p.id AS pid, p.village_id AS vid, {", ".join(f"sum(a.kind = '{k}') AS k{i}" for i, k in enumerate(KINDS))}
  FROM person p CROSS JOIN returnee r ON r.person_id = p.id AND r.deleted = 0
  LEFT JOIN activity_participant ap ON ap.person_id = p.id AND ap.deleted = 0
  LEFT JOIN activity a ON a.id = ap.activity_id AND a.deleted = 0 AND a.year = ?
  WHERE p.deleted = 0 AND +p.alias_of_id IS NULL {{where}}
  GROUP BY p.id) g ON g.vid = v.id
WHERE v.deleted = 0 AND v.merged_into_id IS NULL {{vwhere}}
GROUP BY v.id ORDER BY v.sort_order, v.name"""


def village_counts(year: int, village_id: str | None = None) -> list[dict]:
    """Per village: returnees, and per kind how many have received it and how many have not."""
    where, params = _where(village_id, None)
    vwhere = " AND v.id = ?" if village_id else ""
    sql = _VILLAGES.format(where=where, vwhere=vwhere)
    out = []
    for row in Person._meta.database.execute_sql(sql, [int(year)] + params + ([village_id] if village_id else [])):
        total = row[2]
        covered = dict(zip(KINDS, row[3:]))
        out.append({"village_id": row[0], "village": row[1], "returnees": total, "covered": covered,
                    "missing": {k: total - n for k, n in covered.items()}})
    return out


def grid_json(year: int, village_id: str | None = None) -> dict:
    """The command line's `activity grid --format json`."""
    people = []
    for row in grid_rows(year, village_id):
        g = as_grid_row(row)
        people.append({"person_id": g.person_id, "name": g.name, "village": g.village,
                       "counts": dict(zip(KINDS, g.counts)), "missing": g.missing})
    return {"year": int(year), "kinds": KINDS, "villages": village_counts(year, village_id), "people": people}
