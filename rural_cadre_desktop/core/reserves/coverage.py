"""Coverage of the reserve pool per village (一乡一库): does every village keep at least one
村党组织书记后备人选 in the pool? One query over the township's live villages (merged ones left out),
counting active memberships by track, and the sitting secretary (村两委, term_end empty).

A row: village, village_id, secretary_candidates, two_committee_candidates,
lacks_secretary_candidate, sitting_secretary (name or None), sitting_secretary_id,
secretary_holds_both_posts (一肩挑, None without a sitting secretary). The counts agree with
`export reserves` (status active, by track and the membership's village)."""
from __future__ import annotations

from rural_cadre_desktop.core.models import Person

KEYS = ("village", "village_id", "secretary_candidates", "two_committee_candidates",
        "lacks_secretary_candidate", "sitting_secretary", "sitting_secretary_id", "secretary_holds_both_posts")

_SQL = """
SELECT v.name, v.id,
  (SELECT count(*) FROM reserve_cadre rc JOIN person p ON p.id = rc.person_id
    WHERE rc.village_id = v.id AND rc.deleted = 0 AND p.deleted = 0 AND rc.status = 'active'
      AND rc.track = 'secretary'),
  (SELECT count(*) FROM reserve_cadre rc JOIN person p ON p.id = rc.person_id
    WHERE rc.village_id = v.id AND rc.deleted = 0 AND p.deleted = 0 AND rc.status = 'active'
      AND rc.track = 'two_committees'),
  s.name, s.id, s.holds_both_posts
FROM village v
LEFT JOIN (SELECT vc.village_id, p.name, p.id, vc.holds_both_posts,
                  row_number() OVER (PARTITION BY vc.village_id ORDER BY vc.term_start DESC, vc.rowid DESC) AS k
             FROM village_cadre vc JOIN person p ON p.id = vc.person_id
            WHERE vc.deleted = 0 AND p.deleted = 0 AND vc.post = 'secretary' AND vc.term_end IS NULL) s
  ON s.village_id = v.id AND s.k = 1
WHERE v.deleted = 0 AND v.merged_into_id IS NULL {township}
ORDER BY v.sort_order, v.name
"""


def coverage() -> list[dict]:
    """One dict per village of the home township (all villages when none is set up), in tree order."""
    from rural_cadre_desktop.core.regions import home_township
    t = home_township()
    sql = _SQL.format(township="AND v.township_id = ?" if t is not None else "")
    rows = Person._meta.database.execute_sql(sql, [t.id] if t is not None else []).fetchall()
    return [{"village": name, "village_id": vid, "secretary_candidates": sec, "two_committee_candidates": two,
             "lacks_secretary_candidate": sec == 0, "sitting_secretary": sname, "sitting_secretary_id": sid,
             "secretary_holds_both_posts": None if sid is None else bool(both)}
            for name, vid, sec, two, sname, sid, both in rows]


def lacking(rows: list[dict] | None = None) -> list[str]:
    """The names of the villages without a secretary candidate."""
    return [r["village"] for r in (coverage() if rows is None else rows) if r["lacks_secretary_candidate"]]
