"""The yearly "八个一" grid, each kind counted the way the practice counts it (eight_ones.py):

- people × the eight kinds (`grid_rows`): one aggregate SQL query. Only the per-person kinds
  (invitation, outlook_report) can be missing for a person; the other six are shown as how often
  the person took part, never as a gap;
- per village (`village_counts`): returnees and, for the per-person kinds, how many got it and how
  many not (from the rows above, summed in Python: no second pass over 100k people); for the
  meeting, batch and item kinds, how many times (件/条 for items, with how many are open) they were
  done for the village this year — one small aggregate query over that year's activities;
- the 合计 line (`summary(...)[1]`): people for the per-person kinds, villages covered for the others;
- `summary` gives both from one pass, `summary_table` the texts and red flags the page shows.

A person's participations are found through activity_participant(person_id) and joined to the
activity of that year, so a village's grid reads only that village's people (a few ms), while the
whole township (100k people) is 1–3 s and belongs off the UI thread (the old second per-person
aggregate for the village counts is gone: loading the page is about twice as fast as before).
"""
from __future__ import annotations

from dataclasses import dataclass

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.models import Person
from rural_cadre_desktop.core.returnees.eight_ones import COUNTING, KINDS, PER_PERSON, PER_VILLAGE, UNIT

ANY = "any"                          # missing_kind: lacks at least one per-person kind
_SUMS = ", ".join(f"sum(a.kind = '{k}')" for k in KINDS)     # identifiers from code, not user input
_PERSONAL = [KINDS.index(k) for k in PER_PERSON]
_ITEMS = [k for k in PER_VILLAGE if COUNTING[k] == "items"]

_PEOPLE = f"""
SELECT p.id, p.name, (SELECT v.name FROM village v WHERE v.id = p.village_id) AS village,
       p.village_id, {_SUMS}
FROM person p CROSS JOIN returnee r ON r.person_id = p.id AND r.deleted = 0
LEFT JOIN activity_participant ap ON ap.person_id = p.id AND ap.deleted = 0
LEFT JOIN activity a ON a.id = ap.activity_id AND a.deleted = 0 AND a.year = ?
WHERE p.deleted = 0 AND +p.alias_of_id IS NULL {{where}}
GROUP BY p.id"""

# Activities of the per-village kinds, each attributed to its own village and to the village of every
# participant (a township-wide 恳谈会 counts for each village whose people came). Per village: how
# many activities and how many still open; the row with vid NULL is the whole scope, each activity once.
_VILLAGE_ACTS = f"""
WITH a AS (SELECT id, kind, status, village_id FROM activity
           WHERE deleted = 0 AND year = ?1 AND kind IN ({", ".join(f"'{k}'" for k in PER_VILLAGE)})),
av AS (SELECT id AS aid, kind, status, village_id AS vid FROM a WHERE village_id IS NOT NULL
       UNION
       SELECT a.id, a.kind, a.status, p.village_id FROM a CROSS JOIN activity_participant ap
         ON ap.activity_id = a.id AND ap.deleted = 0
       JOIN person p ON p.id = ap.person_id AND p.deleted = 0 AND p.village_id IS NOT NULL),
sel AS (SELECT * FROM av WHERE ?2 IS NULL OR vid = ?2)
SELECT vid, kind, count(*), coalesce(sum(status = 'open'), 0) FROM sel GROUP BY vid, kind
UNION ALL
SELECT NULL, kind, count(DISTINCT aid), count(DISTINCT CASE WHEN status = 'open' THEN aid END)
FROM sel GROUP BY kind"""


@dataclass(frozen=True)
class GridRow:
    person_id: str
    name: str
    village: str | None
    counts: tuple[int, ...]          # per kind, in KINDS (codes.EIGHT_ONES) order

    @property
    def missing(self) -> list[str]:
        """The per-person kinds this person has not had this year (batches and meetings are never
        owed by one person)."""
        return [k for k, n in zip(KINDS, self.counts) if not n and COUNTING[k] == "person"]


def lacks(row: tuple, missing_kind: str) -> bool:
    """Whether a grid row lacks `missing_kind` (a per-person kind, or ANY of them) this year."""
    if missing_kind == ANY:
        return any(not row[4 + i] for i in _PERSONAL)
    return not row[4 + KINDS.index(missing_kind)]


def grid_rows(year: int, village_id: str | None = None, missing_kind: str | None = None) -> list[tuple]:
    """(person_id, name, village, village_id, n_invitation … n_suggestion), 姓氏笔画 order within a
    village. `missing_kind` keeps only those who have not had that kind this year (a per-person kind,
    or ANY for those lacking either)."""
    if missing_kind is not None and missing_kind != ANY and missing_kind not in PER_PERSON:
        raise ValueError(f"{missing_kind!r} is not owed per person")
    where, params = "", []
    if village_id:
        where += " AND p.village_id = ?"
        params.append(village_id)
    sql = _PEOPLE.format(where=where)
    if missing_kind == ANY:
        sql += " HAVING " + " OR ".join(f"coalesce(sum(a.kind = '{k}'), 0) = 0" for k in PER_PERSON)
    elif missing_kind:
        sql += f" HAVING coalesce(sum(a.kind = '{missing_kind}'), 0) = 0"
    sql += " ORDER BY (SELECT v.sort_order FROM village v WHERE v.id = p.village_id), p.name_strokes, p.id"
    cur = Person._meta.database.execute_sql(sql, [int(year)] + params)
    return [row[:4] + tuple(n or 0 for n in row[4:]) for row in cur]


def as_grid_row(row: tuple) -> GridRow:
    return GridRow(row[0], row[1], row[2], tuple(row[4:]))


def _villages(village_id: str | None) -> list[tuple[str, str]]:
    sql = "SELECT id, name FROM village WHERE deleted = 0 AND merged_into_id IS NULL"
    params = []
    if village_id:
        sql += " AND id = ?"
        params.append(village_id)
    return list(Person._meta.database.execute_sql(sql + " ORDER BY sort_order, name", params))


def _activity_counts(year: int, village_id: str | None) -> tuple[dict, dict]:
    """({(village_id, kind): (times, open)}, {kind: (times, open)} for the whole scope)."""
    per, whole = {}, {}
    for vid, kind, times, open_ in Person._meta.database.execute_sql(_VILLAGE_ACTS, [int(year), village_id]):
        (per if vid is not None else whole)[(vid, kind) if vid is not None else kind] = (times, open_)
    return per, whole


def summary(year: int, village_id: str | None = None, rows: list[tuple] | None = None) -> tuple[list[dict], dict]:
    """(village_counts, totals) with one query over the year's activities; `rows` are this year's
    unfiltered grid_rows when the caller already has them (else they are queried)."""
    if rows is None:
        rows = grid_rows(year, village_id)
    people: dict[str, list[int]] = {}
    n = len(KINDS)
    for row in rows:
        c = people.get(row[3])
        if c is None:
            c = people[row[3]] = [0] * (n + 1)
        c[n] += 1
        for i in range(n):
            if row[4 + i]:
                c[i] += 1
    acts, whole = _activity_counts(year, village_id)
    villages = []
    for vid, name in _villages(village_id):
        c = people.get(vid, [0] * (n + 1))
        total = c[n]
        covered = dict(zip(KINDS, c[:n]))
        times = {k: acts.get((vid, k), (0, 0))[0] for k in PER_VILLAGE}
        villages.append({"village_id": vid, "village": name, "returnees": total, "covered": covered,
                         "missing": {k: total - covered[k] for k in PER_PERSON},
                         "times": times,
                         "open": {k: acts.get((vid, k), (0, 0))[1] for k in _ITEMS},
                         "lacking": [k for k in PER_VILLAGE if total and not times[k]]})
    with_people = [v for v in villages if v["returnees"]]
    returnees = sum(v["returnees"] for v in villages)
    covered = {k: sum(v["covered"][k] for v in villages) for k in PER_PERSON}
    total = {"villages": len(villages), "villages_with_returnees": len(with_people), "returnees": returnees,
             "covered": covered, "missing": {k: returnees - covered[k] for k in PER_PERSON},
             "villages_done": {k: sum(1 for v in with_people if v["times"][k]) for k in PER_VILLAGE},
             "times": {k: whole.get(k, (0, 0))[0] for k in PER_VILLAGE},
             "open": {k: whole.get(k, (0, 0))[1] for k in _ITEMS}}
    return villages, total


def village_counts(year: int, village_id: str | None = None, rows: list[tuple] | None = None) -> list[dict]:
    """One dict per village (sort order), counted per eight_ones.COUNTING: returnees; covered {kind:
    returnees who took part, all eight}; missing {per-person kind: returnees without it}; times
    {per-village kind: activities done for the village}; open {problem_solved, suggestion: still
    open}; lacking [per-village kinds not done, only for a village with returnees]."""
    return summary(year, village_id, rows)[0]


# -- the summary as shown ----------------------------------------------------------------------------
_SHORT = codes.EIGHT_ONES_SHORT
_LACK_SHORT = {"symposium": "恳谈会", "visit": "慰问", "party_activist": "积极分子", "reserve_cultivation": "后备",
               "problem_solved": "问题", "suggestion": "建议"}          # short enough for one cell
SUMMARY_HEADS = (["村(社区)", "返乡\n人数"] + [f"{_SHORT[k]}\n(每人)" for k in PER_PERSON]
                 + [f"{_SHORT[k]}\n(按村)" for k in PER_VILLAGE] + ["本村尚缺\n(按村各项)"])


def _person_cell(missing: int, covered: int) -> tuple[str, bool, str]:
    tip = f"已有 {covered} 人，尚缺 {missing} 人"
    return (f"缺{missing}人" if missing else "齐全"), bool(missing), tip


def _village_cell(kind: str, times: int, open_: int | None) -> tuple[str, bool, str]:
    unit = UNIT[kind]
    if COUNTING[kind] == "items":
        text = f"{times}{unit}" + (f"（{open_}待办）" if open_ else "")
        return text, not times, f"本年度记录 {times} {unit}，其中待办 {open_ or 0} {unit}"
    if not times:
        return "未开展", True, "本年度本村尚未开展"
    return f"{times}{unit}", False, f"本年度已开展 {times} {unit}"


def summary_table(villages: list[dict], totals: dict) -> list[tuple[tuple, tuple, tuple]]:
    """The summary as shown (the grid page; `activity grid --format text` can print the texts): per
    row (texts, missing flags, tooltips) under SUMMARY_HEADS — each village, then 合计. A village
    with no returnees shows — and owes nothing."""
    out = []
    blank = len(SUMMARY_HEADS) - 2
    for v in villages:
        if not v["returnees"]:
            out.append(((v["village"], 0) + ("—",) * blank, (False,) * len(SUMMARY_HEADS),
                        ("", "") + ("本村没有登记返乡人员，不计缺项",) * blank))
            continue
        cells = [_person_cell(v["missing"][k], v["covered"][k]) for k in PER_PERSON]
        cells += [_village_cell(k, v["times"][k], v["open"].get(k)) for k in PER_VILLAGE]
        lacking = "、".join(_LACK_SHORT[k] for k in v["lacking"])
        cells.append((lacking, bool(lacking),
                      lacking and "本村本年度尚缺：" + "、".join(codes.EIGHT_ONES[k] for k in v["lacking"])))
        out.append(_line(v["village"], v["returnees"], cells))
    n_v = totals["villages_with_returnees"]
    cells = [_person_cell(totals["missing"][k], totals["covered"][k]) for k in PER_PERSON]
    for k in PER_VILLAGE:
        done = totals["villages_done"][k]
        extra = f"，待办 {totals['open'][k]} {UNIT[k]}" if k in totals["open"] else ""
        cells.append((f"{done}/{n_v}村", done < n_v,
                      f"已开展的村 {done} 个，有返乡人员的村 {n_v} 个；全部共 {totals['times'][k]} {UNIT[k]}{extra}"))
    short = sum(1 for v in villages if v["lacking"])
    cells.append((f"{short}个村有缺项" if short else "各村齐全", bool(short), ""))
    out.append(_line("合计", totals["returnees"], cells))
    return out


def _line(name: str, returnees: int, cells: list[tuple[str, bool, str]]) -> tuple[tuple, tuple, tuple]:
    return ((name, returnees, *(c[0] for c in cells)), (False, False, *(c[1] for c in cells)),
            ("", "", *(c[2] for c in cells)))


def grid_json(year: int, village_id: str | None = None) -> dict:
    """The command line's `activity grid --format json`."""
    rows = grid_rows(year, village_id)
    people = []
    for row in rows:
        g = as_grid_row(row)
        people.append({"person_id": g.person_id, "name": g.name, "village": g.village,
                       "counts": dict(zip(KINDS, g.counts)), "missing": g.missing})
    villages, total = summary(year, village_id, rows)
    return {"year": int(year), "kinds": KINDS, "counting": dict(COUNTING), "villages": villages,
            "totals": total, "people": people}
