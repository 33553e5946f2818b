"""一村一册 content: what the village book prints, collected into plain dataclasses (reports/
village_book.py lays it out and never queries).

The book of a village: its coverage line (书记后备人选 yes/no, “待补充”), the sitting 两委
(cadres.posts, current ones), the roster of its active reserves, the structure of its pool
(structure.py) and each reserve's archive sheet. A sheet is core.documents.archive — the EDITED
archive (education, résumé, family, rewards, assessments, photo, 推荐方式/培养措施/帮带人/考察评议) —
plus the 资格联审 steps and the training history from attendance (class, dates, days attended:
`attended_days` when recorded, else the class's days).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.documents import Archive, VillageBook, archive, ym
from rural_cadre_desktop.core.models import Person
from rural_cadre_desktop.core.reserves.structure import Structure

CADRE_COLUMNS = ("职务", "姓名", "性别", "出生年月", "学历", "政治面貌", "任职时间")


@dataclass
class SheetArchive(Archive):
    trainings: list[tuple[str, str, str]] = field(default_factory=list)    # (班次, 2025.03.01—03.05, 5天)
    vettings: str = ""                                  # one line per step: 村级摸排：通过 2026.03（村党组织）


@dataclass
class Book(VillageBook):
    coverage: str = ""                       # 书记后备人选2人；两委后备干部3人；现任书记…
    lacks_secretary_candidate: bool = False
    cadres: list[list[str]] = field(default_factory=list)        # CADRE_COLUMNS, current posts
    structure: Structure | None = None


def _sql(query: str, params=()) -> list[tuple]:
    return list(Person._meta.database.execute_sql(query, params).fetchall())


def _days(n) -> str:
    return "" if n is None else f"{n:g}天"


def _span(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    if not end or end == start:
        return start.replace("-", ".")
    same_year = end[:4] == start[:4]
    return f"{start.replace('-', '.')}—{(end[5:] if same_year else end).replace('-', '.')}"


def trainings_of(pid: str) -> list[tuple[str, str, str]]:
    return [(name, _span(s, e), _days(att if att is not None else days)) for name, s, e, days, att in _sql(
        "SELECT t.name, t.start_date, t.end_date, t.days, a.attended_days FROM attendance a "
        "JOIN training_session t ON t.id = a.training_id WHERE a.person_id = ? AND a.deleted = 0 "
        "AND t.deleted = 0 ORDER BY t.start_date, t.name", (pid,))]


def vettings_of(pid: str) -> str:
    """The 资格联审 steps of the person's latest membership (active first), in order."""
    rows = _sql("""SELECT vt.step, vt.result, vt.date, vt.reviewer FROM vetting vt
        WHERE vt.deleted = 0 AND vt.reserve_id = (SELECT r.id FROM reserve_cadre r WHERE r.person_id = ?
          AND r.deleted = 0 ORDER BY r.status = 'active' DESC, r.entered_date DESC LIMIT 1)
        ORDER BY CASE vt.step WHEN 'village' THEN 1 WHEN 'township' THEN 2 ELSE 3 END""", (pid,))
    return "\n".join(f"{codes.VETTING_STEPS.get(s, s)}：{codes.VETTING_RESULTS.get(r, r)}"
                     + (f" {ym(d)}" if d else "") + (f"（{who}）" if who else "") for s, r, d, who in rows)


def sheet(pid: str, full_id: bool = False) -> SheetArchive:
    """One person's archive sheet with the vetting steps and the training history."""
    return _extended(archive(pid, full_id))


def _extended(a: Archive) -> SheetArchive:
    out = SheetArchive(**{f.name: getattr(a, f.name) for f in fields(Archive)})
    out.trainings = trainings_of(a.person_id)
    out.vettings = vettings_of(a.person_id)
    return out


def village_book(name: str, year: int | None = None, full_id: bool = False, today: dt.date | None = None) -> Book:
    """The book of one village (by name, as `pdf village-book --village`)."""
    from rural_cadre_desktop.core import documents, regions
    from rural_cadre_desktop.core.reserves import cadres
    from rural_cadre_desktop.core.reserves.coverage import coverage
    from rural_cadre_desktop.core.reserves.structure import structure
    base = documents.village_book(name, year, full_id)           # refuses an unknown village
    vid = regions.find_village(name).id
    row = next((r for r in coverage() if r["village_id"] == vid), None)
    sec = row["secretary_candidates"] if row else 0
    two = row["two_committee_candidates"] if row else 0
    sitting = (row or {}).get("sitting_secretary")
    line = (f"书记后备人选{sec}人" + ("" if sec else "（待补充）") + f"；两委后备干部{two}人；现任村党组织书记："
            + (f"{sitting}{'（一肩挑）' if row['secretary_holds_both_posts'] else ''}" if sitting else "空缺"))
    births = dict(_sql("SELECT vc.id, p.birth_date FROM village_cadre vc JOIN person p ON p.id = vc.person_id "
                       "WHERE vc.village_id = ? AND vc.deleted = 0", (vid,)))
    sitting_posts = [[cadres.post_label(p["post"], p["holds_both"]), p["name"], p["sex"], ym(births.get(p["id"])),
                      p["education"], p["political"], ym(p["term_start"])]
                     for p in cadres.posts(vid, today) if p["current"]]
    book = Book(base.village, base.township, base.year, base.roster,
                [_extended(a) for a in base.archives], coverage=line,
                lacks_secretary_candidate=sec == 0, cadres=sitting_posts,
                structure=structure(vid, on=today))
    return book


# -- 一乡一库 summary ----------------------------------------------------------------------------------
POOL_COLUMNS = ("村(社区)", "书记后备人选", "两委后备干部", "现任村党组织书记", "书记后备")


@dataclass
class PoolSummary:
    """The township's coverage (one row per village, POOL_COLUMNS) and the structure of its pool."""
    township: str
    year: int
    rows: list[list[str]]
    lacking: list[str]
    structure: Structure


def pool_summary(year: int | None = None, today: dt.date | None = None) -> PoolSummary:
    from rural_cadre_desktop.core.documents import township_name
    from rural_cadre_desktop.core.reserves.coverage import coverage
    from rural_cadre_desktop.core.reserves.structure import structure
    cov = coverage()
    rows = [[r["village"], str(r["secretary_candidates"]), str(r["two_committee_candidates"]),
             (r["sitting_secretary"] or "（空缺）") + ("（一肩挑）" if r["secretary_holds_both_posts"] else ""),
             "待补充" if r["lacks_secretary_candidate"] else "有"] for r in cov]
    return PoolSummary(township_name(), year or (today or dt.date.today()).year, rows,
                       [r["village"] for r in cov if r["lacks_secretary_candidate"]], structure(on=today))
