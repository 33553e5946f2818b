"""The rows behind a filled form or a custom report: one plain dict per row, joined through the
person, filtered and sorted the way offices ask (姓氏笔画, 拼音, by village).

Rows come from core.kinds.export_records (one SQL query per kind); what lives only on the person
(入党时间, 籍贯 …) and the derived yearly figures are fetched once per run as lookups keyed by
person id, and only when a chosen column needs them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rural_cadre_desktop.core import codes, kinds
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.kinds import export_records
from rural_cadre_desktop.core.models import Person
from rural_cadre_desktop.core.people import name_initials
from rural_cadre_desktop.core.regions import norm_village
from rural_cadre_desktop.core.strokes import stroke_key
from rural_cadre_desktop.core.templates.columns import KINDS, Column

SORTS = {"": "录入顺序", "strokes": "姓氏笔画", "pinyin": "姓名拼音", "village": "按村(社区)"}


@dataclass
class Query:
    """What to include: every filter is optional; `at` is the date ages and 党龄 are counted at,
    `year` the year of "八个一", training days and of attendance/activity rows."""
    kind: str
    village: str | None = None
    status: str | None = None
    track: str | None = None
    year: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    at: dt.date = field(default_factory=dt.date.today)
    sort: str = ""

    @property
    def stats_year(self) -> int:
        return self.year or self.at.year


def check_query(q: Query) -> None:
    """Refuse unknown kinds and values before anything is read or written."""
    if q.kind not in KINDS:
        raise UserError(f"记录类别只能是 {'、'.join(KINDS)}", f"kind must be one of {', '.join(KINDS)}")
    form = kinds.form(q.kind)
    if q.status:
        choices = form.statuses
        if not choices:
            raise UserError(f"“{KINDS[q.kind][0]}”没有状态可筛选", f"kind {q.kind} has no status filter")
        q.status = _enum_value(choices, q.status, "状态", "status")
    if q.track:
        if not form.track:
            which = "、".join(f"{f.label}（--kind {f.name}）" for f in kinds.fillable() if f.track)
            raise UserError(f"后备类别只能用于{which}", "--track applies to " +
                            ", ".join(f.name for f in kinds.fillable() if f.track) + " only")
        q.track = _enum_value(codes.RESERVE_TRACKS, q.track, "后备类别", "track")
    if q.sort not in SORTS:
        raise UserError("排序只能是 strokes（姓氏笔画）、pinyin（拼音）或 village（按村）",
                        "sort must be strokes, pinyin or village")
    if q.age_min is not None and q.age_max is not None and q.age_min > q.age_max:
        raise UserError("年龄范围的下限大于上限，请改正", "age range: minimum above maximum")


def _enum_value(choices: dict, value: str, label: str, en: str) -> str:
    for key, text in choices.items():
        if value in (key, text):
            return key
    raise UserError(f"{label}“{value}”不是可选值（可选：{'、'.join(choices)}）",
                    f"{en} must be one of {', '.join(choices)}")


def age_at(date_text: str | None, at: dt.date) -> int | None:
    """Whole years from a 'YYYY-MM-DD' or 'YYYY-MM' date to `at`; None when unknown."""
    if not date_text or len(date_text) < 7:
        return None
    y, m = int(date_text[:4]), int(date_text[5:7])
    d = int(date_text[8:10]) if len(date_text) >= 10 else 1
    return at.year - y - ((at.month, at.day) < (m, d))


def _sql(query: str, params=()) -> list[tuple]:
    return Person._meta.database.execute_sql(query, params).fetchall()


def _person_extras() -> dict[str, dict]:
    return {r["id"]: r for r in export_records("people")}


def _eight_ones(year: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pid, kind in _sql("SELECT ap.person_id, a.kind FROM activity_participant ap JOIN activity a "
                          "ON a.id = ap.activity_id WHERE ap.deleted = 0 AND a.deleted = 0 AND a.year = ? "
                          "ORDER BY a.date", (year,)):
        out.setdefault(pid, []).append(kind)
    return out


def _training_days(year: int) -> dict[str, float]:
    return {pid: days or 0 for pid, days in _sql(
        "SELECT at.person_id, sum(ts.days) FROM attendance at JOIN training_session ts ON ts.id = at.training_id "
        "WHERE at.deleted = 0 AND ts.deleted = 0 AND substr(ts.start_date, 1, 4) = ? GROUP BY at.person_id",
        (str(year),))}


def _covered_villages() -> set[str]:
    return {v for (v,) in _sql("SELECT DISTINCT village_id FROM reserve_cadre WHERE deleted = 0 "
                               "AND status = 'active' AND track = 'secretary'")}


def _in_year(value, year: int | None) -> bool:
    """Whether a year (2025) or a date (2025-04-08) falls in `year` (any, when none is asked)."""
    text = str(value or "")
    return not year or text == str(year) or text.startswith(f"{year}-")


def _base_rows(q: Query) -> list[dict]:
    """The view's rows (core/kinds FormSpec): its kind's export rows as they are ("records"),
    summed per person ("per_person": 参训人员), or one per participant ("participants": 八个一)."""
    form = kinds.form(q.kind)
    year, key = q.year, form.year_key
    source = form.source or kinds.form_kind(form.name).name
    if form.rows == "per_person":
        rows: dict[str, dict] = {}
        for r in export_records(source):
            if key and not _in_year(r.get(key), year):
                continue
            t = rows.setdefault(r["person_id"], {**r, "sessions": 0, "days": 0, "trainings": []})
            t["sessions"] += 1
            t["days"] += r.get("days") or 0
            t["trainings"].append(r.get("training") or "")
        for t in rows.values():
            t["trainings"] = "、".join(t["trainings"])
        return list(rows.values())
    if form.rows == "participants":
        people = _person_extras()
        out = []
        for a in export_records(source):
            if key and not _in_year(a.get(key), year):
                continue
            for pid in a["person_ids"]:
                p = people.get(pid)
                if p is not None:
                    out.append({**p, "person_id": pid, "year": a["year"], "activity_kind": a["kind"],
                                "date": a["date"], "place": a["place"], "content": a["content"]})
        return out
    rows = export_records(source)
    if key and year:
        rows = [r for r in rows if _in_year(r.get(key), year)]
    return rows


def load_rows(q: Query, columns: list[Column]) -> list[dict]:
    """The filtered, sorted rows with every chosen column's value under its key (raw, unformatted)."""
    check_query(q)
    rows = _base_rows(q)
    if q.village:
        want = norm_village(q.village)
        names = {r.get("village") for r in rows if r.get("village")}
        if not any(norm_village(n) == want for n in names) and not _village_exists(want):
            raise UserError(f"本乡镇没有“{q.village}”这个村(社区)，请检查名称", f"no village named {q.village}")
        rows = [r for r in rows if r.get("village") and norm_village(r["village"]) == want]
    if q.status:
        rows = [r for r in rows if r.get("status") == q.status]
    if q.track:
        rows = [r for r in rows if r.get("track") == q.track]
    keys = {c.key for c in columns}
    if q.age_min is not None or q.age_max is not None:
        lo, hi = q.age_min if q.age_min is not None else -1, q.age_max if q.age_max is not None else 999
        rows = [r for r in rows if (a := age_at(r.get("birth_date"), q.at)) is not None and lo <= a <= hi]
    extras = _person_extras() if any(c.person_only for c in columns) or "derived.party_years" in keys else {}
    want_eight = bool(keys & {"derived.eight_ones_count", "derived.eight_ones_kinds"})
    eight = _eight_ones(q.stats_year) if want_eight else {}
    days = _training_days(q.stats_year) if "derived.training_days" in keys else {}
    covered = _covered_villages() if "derived.village_secretary_reserve" in keys else set()
    out = []
    for r in rows:
        pid = r.get("person_id")
        p = extras.get(pid, {})
        rec = {}
        for c in columns:
            if c.person_only:
                rec[c.key] = p.get(c.source)
            elif c.source:
                rec[c.key] = r.get(c.source)
        if "derived.age" in keys:
            rec["derived.age"] = age_at(r.get("birth_date"), q.at)
        if "derived.party_years" in keys:
            rec["derived.party_years"] = age_at(p.get("party_join_date"), q.at)
        if want_eight:
            got = eight.get(pid, [])
            rec["derived.eight_ones_count"] = len(got)
            rec["derived.eight_ones_kinds"] = "、".join(codes.EIGHT_ONES_SHORT[k] for k in codes.EIGHT_ONES
                                                        if k in got)
        if "derived.training_days" in keys:
            rec["derived.training_days"] = days.get(pid, 0)
        if "derived.village_secretary_reserve" in keys:
            rec["derived.village_secretary_reserve"] = r.get("village_id") in covered if r.get("village_id") else None
        rec["_sort"] = (r.get("name") or "", r.get("village") or "", r.get("village_id"))
        out.append(rec)
    _sort(out, q.sort)
    for rec in out:
        del rec["_sort"]
    return out


def _village_exists(norm: str) -> bool:
    return bool(_sql("SELECT 1 FROM village WHERE deleted = 0 AND norm_name = ?", (norm,)))


def _sort(rows: list[dict], how: str) -> None:
    if how == "strokes":
        rows.sort(key=lambda r: stroke_key(r["_sort"][0]))
    elif how == "pinyin":
        rows.sort(key=lambda r: (name_initials(r["_sort"][0]), r["_sort"][0]))
    elif how == "village":
        order = {vid: i for i, (vid,) in enumerate(_sql("SELECT id FROM village ORDER BY sort_order, name"))}
        rows.sort(key=lambda r: (order.get(r["_sort"][2], 1 << 30), r["_sort"][1], stroke_key(r["_sort"][0])))
