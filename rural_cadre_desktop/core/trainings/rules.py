"""The yearly training rules (DESIGN.md, seed 002), per person and per village, for a chosen year.

  secretary_county_yearly     每年至少由县委组织部轮训一遍，每次不少于5天: each sitting village secretary
                              attended, in the year, a training organised at county level or above
                              (county/city/province) for ≥ 5 attended days. attended_days = the most
                              days at one such class; short_days = max(0, 5 − that).
  secretary_outside_biennial  每两年至少外出培训一次，每次不少于3天: a training flagged outside_county
                              (any kind, any level) with ≥ 3 attended days, ending in year−1 or year.
  returnee_yearly             the county holds ≥ 1 returnee training a year. One row with person_id
                              None for the installation: trainings targeted at returnees (target
                              `returnee`) organised by the county or a township, ending in the year
                              (attended_days = their total days; met = at least one held). Then one row
                              per returnee (any status): did they attend a returnee-targeted training of
                              any level ending in the year. required_days is 1 for these rows, meaning
                              "one class" (any attended days count): short_days is 0 or 1.

Common ground: a training counts in the year it ENDS (end_date, else start_date). Attended days =
attendance.attended_days when set, else the training's days (else its calendar span). Deleted
trainings, attendance, people and posts do not count. A sitting secretary holds the post at the end
of the year (today, for the current year): one who took over mid-year counts for that year; one
whose term ended before then does not.

The 双百 plan (`double_hundred_progress`): per year, how many distinct reserve cadres (in the pool
at some time that year) and 两委 cadres (sitting as above) attended a county-level training ending
in the year, against the targets in core/settings (off by default on a township installation).

Set-based: a fixed handful of queries whatever the number of people (bench/bench_training_rules.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.trainings.services import sitting_on

RULES = {
    "secretary_county_yearly": "村党组织书记每年县级以上轮训（不少于5天）",
    "secretary_outside_biennial": "村党组织书记每两年外出培训（不少于3天）",
    "returnee_yearly": "返乡人员年度培训",
}
COUNTY_DAYS, OUTSIDE_DAYS = 5.0, 3.0
COUNTY_OR_ABOVE = ("county", "city", "province")
INSTALLATION = "全县（乡镇）返乡人员培训"

# Attended days of one attendance row `a` of training `t`.
ATTENDED = "COALESCE(a.attended_days, t.days, julianday(t.end_date) - julianday(t.start_date) + 1, 1)"
ENDS = "substr(COALESCE(t.end_date, t.start_date), 1, 4)"


@dataclass
class RuleRow:
    person_id: str | None
    name: str
    village_id: str | None
    village: str | None
    rule: str
    rule_label: str
    required_days: float
    attended_days: float
    short_days: float
    met: bool
    detail: str | None = None           # the class that counted (or the best one short of the rule)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _db():
    from rural_cadre_desktop.core.listing import db
    return db()


def as_of(year: int, today: dt.date | None = None) -> dt.date:
    """The day whose sitting cadres a year's rules look at: 31 December, or today for the current
    (or a future) year."""
    today = today or dt.date.today()
    return min(dt.date(int(year), 12, 31), today)


def _secretaries_cte(village_id: str | None) -> tuple[str, list]:
    """`sec(person_id, name, village_id, village, sort_order, pinyin)`: the sitting secretaries."""
    where = ("vc.post = 'secretary' AND vc.deleted = 0 AND p.deleted = 0 AND p.alias_of_id IS NULL AND "
             + sitting_on())
    extra = " AND vc.village_id = ?" if village_id else ""
    sql = (f"sec AS (SELECT DISTINCT p.id AS person_id, p.name AS name, v.id AS village_id, v.name AS village, "
           f"v.sort_order AS so, p.name_pinyin AS py FROM village_cadre vc JOIN person p ON p.id = vc.person_id "
           f"JOIN village v ON v.id = vc.village_id WHERE {where}{extra})")
    return sql, [village_id] if village_id else []


def _best_cte(name: str, training_filter: str) -> str:
    """`name(person_id, days, class, end_date)`: each person's best class among live trainings
    matching the filter, from one grouped scan of the attendance. SQLite's bare columns with max()
    come from the row holding the maximum, so `class` is the class that counted."""
    return (f"{name} AS (SELECT a.person_id AS person_id, max({ATTENDED}) AS days, t.name AS class, "
            f"t.end_date AS end_date FROM attendance a JOIN training_session t ON t.id = a.training_id "
            f"WHERE a.deleted = 0 AND t.deleted = 0 AND {training_filter} GROUP BY a.person_id)")


def _row(pid, name, vid, village, rule: str, required: float, best, tname, tend) -> RuleRow:
    best = float(best or 0)
    met = best >= required
    detail = f"{tname}（{tend}，{best:g}天）" if tname else None
    return RuleRow(pid, name, vid, village, rule, RULES[rule], required, best,
                   0.0 if met else round(required - best, 2), met, detail)


def secretary_rows(year: int, today: dt.date | None = None, village_id: str | None = None) -> list[RuleRow]:
    """The two secretary rules, from one query over the sitting secretaries."""
    on = as_of(year, today).isoformat()
    cte, params = _secretaries_cte(village_id)
    levels = ", ".join(f"'{x}'" for x in COUNTY_OR_ABOVE)
    county_filter = f"t.level IN ({levels}) AND {ENDS} = ?"
    outside_filter = f"t.outside_county = '1' AND {ENDS} IN (?, ?)"
    sql = (f"WITH {cte}, {_best_cte('cty', county_filter)}, {_best_cte('outs', outside_filter)} "
           f"SELECT sec.person_id, sec.name, sec.village_id, sec.village, cty.days, cty.class, cty.end_date, "
           f"outs.days, outs.class, outs.end_date FROM sec LEFT JOIN cty ON cty.person_id = sec.person_id "
           f"LEFT JOIN outs ON outs.person_id = sec.person_id ORDER BY sec.so, sec.village, sec.py, sec.name")
    fetched = _db().execute_sql(sql, [on, on] + params + [str(year), str(year - 1), str(year)]).fetchall()
    county = [_row(*f[:4], "secretary_county_yearly", COUNTY_DAYS, *f[4:7]) for f in fetched]
    outside = [_row(*f[:4], "secretary_outside_biennial", OUTSIDE_DAYS, *f[7:10]) for f in fetched]
    return county + outside


def returnee_rows(year: int, village_id: str | None = None) -> list[RuleRow]:
    """The installation row (only without a village filter), then one row per returnee."""
    label, out, db = RULES["returnee_yearly"], [], _db()
    if not village_id:
        held = db.execute_sql(
            f"SELECT t.name, COALESCE(t.days, julianday(t.end_date) - julianday(t.start_date) + 1, 1) FROM training_session t "
            f"WHERE t.deleted = 0 AND t.target = 'returnee' AND t.level IN ('county', 'township') AND {ENDS} = ? "
            f"ORDER BY t.start_date", [str(year)]).fetchall()
        days = float(sum(d for _, d in held))
        detail = f"共{len(held)}期：{'、'.join(n for n, _ in held)}" if held else f"{year}年未举办返乡人员培训"
        out.append(RuleRow(None, INSTALLATION, None, None, "returnee_yearly", label, 1.0, days,
                           0.0 if held else 1.0, bool(held), detail))
    extra = " AND p.village_id = ?" if village_id else ""
    best = _best_cte("best", f"t.target = 'returnee' AND {ENDS} = ?")
    sql = (f"WITH {best} "
           f"SELECT p.id, p.name, v.id, v.name, best.days, best.class, best.end_date "
           f"FROM returnee r JOIN person p ON p.id = r.person_id LEFT JOIN village v ON v.id = p.village_id "
           f"LEFT JOIN best ON best.person_id = p.id "
           f"WHERE r.deleted = 0 AND p.deleted = 0 AND p.alias_of_id IS NULL{extra} "
           f"ORDER BY v.sort_order, v.name, p.name_pinyin, p.name")
    for pid, name, vid, village, best, tname, tend in db.execute_sql(
            sql, [str(year)] + ([village_id] if village_id else [])).fetchall():
        met = bool(tname)
        out.append(RuleRow(pid, name, vid, village, "returnee_yearly", label, 1.0, float(best or 0),
                           0.0 if met else 1.0, met, f"{tname}（{tend}，{float(best):g}天）" if met else None))
    return out


def evaluate(year: int, *, today: dt.date | None = None, village_id: str | None = None) -> list[RuleRow]:
    """Every rule's rows for the year: secretaries (county, outside), then returnees."""
    year = int(year)
    return secretary_rows(year, today, village_id) + returnee_rows(year, village_id)


def village_summary(rows: list[RuleRow]) -> list[tuple[str, str, int, int]]:
    """(village, rule, total, met) per village and rule, in the rows' order; the installation row
    (no person) is left out."""
    out: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        if r.person_id is None:
            continue
        counts = out.setdefault((r.village or "（未填村）", r.rule), [0, 0])
        counts[0] += 1
        counts[1] += r.met
    return [(v, rule, total, met) for (v, rule), (total, met) in out.items()]


# -- 双百 ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DoubleHundred:
    year: int
    enabled: bool
    reserve_target: int
    reserve_trained: int
    two_committees_target: int
    two_committees_trained: int

    @property
    def met(self) -> bool:
        return (self.reserve_trained >= self.reserve_target
                and self.two_committees_trained >= self.two_committees_target)


def double_hundred_progress(year: int, today: dt.date | None = None) -> DoubleHundred:
    """How many reserve cadres and 两委 cadres attended a county-level class ending in the year
    (distinct people), against the 双百 targets."""
    year = int(year)
    conf = settings.double_hundred()
    first, last = f"{year:04d}-01-01", f"{year:04d}-12-31"
    on = as_of(year, today).isoformat()
    trained = (f"SELECT a.person_id FROM attendance a JOIN training_session t ON t.id = a.training_id "
               f"WHERE a.deleted = 0 AND t.deleted = 0 AND t.level = 'county' AND {ENDS} = ?")
    db = _db()
    reserves = db.execute_sql(
        f"SELECT count(DISTINCT rc.person_id) FROM reserve_cadre rc JOIN person p ON p.id = rc.person_id "
        f"WHERE rc.deleted = 0 AND p.deleted = 0 AND (rc.entered_date IS NULL OR rc.entered_date <= ?) "
        f"AND (rc.status = 'active' OR rc.left_date IS NULL OR rc.left_date >= ?) "
        f"AND rc.person_id IN ({trained})", [last, first, str(year)]).fetchone()[0]
    cadres = db.execute_sql(
        f"SELECT count(DISTINCT vc.person_id) FROM village_cadre vc JOIN person p ON p.id = vc.person_id "
        f"WHERE vc.deleted = 0 AND p.deleted = 0 AND {sitting_on()} AND vc.person_id IN ({trained})",
        [on, on, str(year)]).fetchone()[0]
    return DoubleHundred(year, conf["enabled"], conf["reserve_target"], reserves,
                         conf["two_committees_target"], cadres)
