"""Likely duplicates: live people who share name + birth date + village where at least one of the
two has no ID number (DESIGN.md: people without a known ID number are matched by UUID only, so the
UI warns and a clerk merges by hand). Two different ID numbers are two people and never flagged."""
from __future__ import annotations

from rural_cadre_desktop.core.models import Person
from rural_cadre_desktop.core.returnees.query import DUPLICATE_IDS_SQL, DUPLICATE_SQL

_GROUPS = f"""
SELECT p.name, p.birth_date, p.village_id, (SELECT v.name FROM village v WHERE v.id = p.village_id),
       group_concat(p.id, ',')
FROM person p WHERE p.id IN ({DUPLICATE_IDS_SQL}) {{where}}
GROUP BY p.name, p.birth_date, p.village_id
ORDER BY p.village_id, p.name"""


def duplicate_groups(village_id: str | None = None) -> list[dict]:
    """Groups of likely duplicates (each group: same name, birth date and village)."""
    where, params = "", []
    if village_id:
        where += " AND p.village_id = ?"
        params.append(village_id)
    out = []
    for name, birth, vid, vname, ids in Person._meta.database.execute_sql(_GROUPS.format(where=where), params):
        out.append({"name": name, "birth_date": birth, "village_id": vid, "village": vname,
                    "person_ids": sorted(ids.split(","))})
    return out


def is_likely_duplicate(person_id: str) -> bool:
    sql = f"SELECT {DUPLICATE_SQL} FROM person p WHERE p.id = ?"
    row = Person._meta.database.execute_sql(sql, [person_id]).fetchone()
    return bool(row and row[0])
