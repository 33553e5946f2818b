"""core.trainings.rules on the edge cases of the issue: a class spanning New Year, the two-year
window, partial attendance, a secretary who took over mid-year, a deleted class; the returnee rule,
the per-village summary and the 双百 plan."""
from __future__ import annotations

import datetime as dt

import pytest

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.models import Attendance, AuditLog
from rural_cadre_desktop.core.trainings import rules
from rural_cadre_desktop.core.trainings import services as ts

END_2026 = dt.date(2027, 3, 1)          # "today" after 2026: the year's rules look at 31 December


def _training(name, start, end, level="county", days=None, outside=False, target="secretary", kind="rotation"):
    return ts.add_training({"name": name, "kind": kind, "level": level, "target": target, "start_date": start,
                            "end_date": end, "days": days, "outside_county": outside})


def _row(person, rule, year=2026, today=END_2026, **kw):
    rows = [r for r in rules.evaluate(year, today=today, **kw) if r.person_id == person.id and r.rule == rule]
    assert len(rows) <= 1
    return rows[0] if rows else None


def _state(person, rule, year=2026, today=END_2026):
    r = _row(person, rule, year, today)
    return (r.attended_days, r.short_days, r.met)


def test_a_secretary_without_training_is_short_of_both_rules(town):
    vs, p = town
    rows = rules.evaluate(2026, today=END_2026)
    sec = [(r.name, r.village, r.rule) for r in rows if r.rule.startswith("secretary")]
    assert sec == [("周书", "东村", "secretary_county_yearly"), ("郑新", "西村", "secretary_county_yearly"),
                   ("周书", "东村", "secretary_outside_biennial"), ("郑新", "西村", "secretary_outside_biennial")]
    east = _row(p["east"], "secretary_county_yearly")
    assert (east.required_days, east.attended_days, east.short_days, east.met, east.detail) == (5, 0, 5, False, None)
    assert east.rule_label == rules.RULES["secretary_county_yearly"] and east.village_id == vs["东村"].id
    assert _state(p["east"], "secretary_outside_biennial") == (0, 3, False)


def test_partial_attendance_counts_the_attended_days_of_the_best_single_class(town):
    _, p = town
    three = _training("乡村振兴专题培训", "2026-04-07", "2026-04-09", kind="special")
    ts.attend(three, [p["east"].id])
    assert _state(p["east"], "secretary_county_yearly") == (3, 2, False)
    five = _training("村党组织书记集中轮训班", "2026-09-14", "2026-09-18")
    ts.attend(five, [p["east"].id], days=4)
    assert _state(p["east"], "secretary_county_yearly") == (4, 1, False)      # 3 + 4 days do not add up
    ts.attend(five, [p["east"].id], days=5)
    row = _row(p["east"], "secretary_county_yearly")
    assert (row.attended_days, row.short_days, row.met) == (5, 0, True)
    assert row.detail.startswith("村党组织书记集中轮训班")
    assert Attendance.alive().where(Attendance.training == five).count() == 1


def test_only_county_level_or_above_counts_for_the_yearly_rotation(town):
    _, p = town
    ts.attend(_training("乡级培训", "2026-05-01", "2026-05-06", level="township"), [p["east"].id])
    assert _state(p["east"], "secretary_county_yearly") == (0, 5, False)
    ts.attend(_training("市级示范培训", "2026-06-01", "2026-06-05", level="市级"), [p["east"].id])
    assert _state(p["east"], "secretary_county_yearly") == (5, 0, True)


def test_a_class_spanning_new_year_counts_in_the_year_it_ends(town):
    _, p = town
    t = _training("跨年轮训班", "2025-12-29", "2026-01-02")
    ts.attend(t, [p["east"].id])
    assert _state(p["east"], "secretary_county_yearly", 2026) == (5, 0, True)
    assert _state(p["east"], "secretary_county_yearly", 2025, today=END_2026) == (0, 5, False)


def test_the_two_year_window_for_training_outside_the_county(town):
    _, p = town
    ts.attend(_training("赴浙江学习考察", "2024-06-02", "2024-06-05", kind="external", outside=True), [p["east"].id])
    assert _state(p["east"], "secretary_outside_biennial", 2025) == (4, 0, True)      # 2024 is year − 1
    assert _state(p["east"], "secretary_outside_biennial", 2026) == (0, 3, False)     # year − 2 is out
    ts.attend(_training("赴江苏跟岗", "2025-11-03", "2025-11-04", kind="shadowing", outside=True),
              [p["east"].id])
    assert _state(p["east"], "secretary_outside_biennial", 2026) == (2, 1, False)     # 2 days are too few
    ts.attend(_training("县外观摩", "2026-04-01", "2026-04-03", kind="site_visit", level="township",
                        outside=True), [p["east"].id])
    assert _state(p["east"], "secretary_outside_biennial", 2026) == (3, 0, True)      # any level, any kind
    assert _state(p["east"], "secretary_county_yearly", 2026) == (0, 5, False)       # not a county class


def test_who_is_a_sitting_secretary_depends_on_the_year(town):
    _, p = town
    t = _training("轮训", "2026-03-02", "2026-03-06")
    ts.attend(t, [p["old"].id, p["new"].id])
    # took over on 2026-07-01: counts for 2026, with the class attended before taking over
    assert _state(p["new"], "secretary_county_yearly") == (5, 0, True)
    assert _row(p["old"], "secretary_county_yearly") is None                 # left on 2026-06-30
    assert _row(p["old"], "secretary_county_yearly", 2025) is not None       # sat through 2025
    assert _row(p["new"], "secretary_county_yearly", 2025) is None
    # the current year looks at today: in May 2026 the old secretary still sits
    may = dt.date(2026, 5, 1)
    assert _row(p["old"], "secretary_county_yearly", today=may) is not None
    assert _row(p["new"], "secretary_county_yearly", today=may) is None
    assert _row(p["member"], "secretary_county_yearly") is None              # not a secretary


def test_a_deleted_class_or_removed_attendance_no_longer_counts(town):
    _, p = town
    t = _training("轮训", "2026-03-02", "2026-03-06")
    ts.attend(t, [p["east"].id, p["new"].id])
    assert _state(p["east"], "secretary_county_yearly") == (5, 0, True)
    ts.delete_training(t)
    assert _state(p["east"], "secretary_county_yearly") == (0, 5, False)
    t2 = _training("轮训（补）", "2026-10-12", "2026-10-16")
    ts.attend(t2, [p["new"].id])
    assert _state(p["new"], "secretary_county_yearly") == (5, 0, True)
    ts.remove_attendance([a.id for a in Attendance.alive().where(Attendance.training == t2)])
    assert _state(p["new"], "secretary_county_yearly") == (0, 5, False)


def test_returnee_rule_has_an_installation_row_and_one_row_per_returnee(town):
    vs, p = town
    rows = [r for r in rules.evaluate(2026, today=END_2026) if r.rule == "returnee_yearly"]
    inst, *people = rows
    assert (inst.person_id, inst.met, inst.short_days, inst.required_days) == (None, False, 1, 1)
    assert {r.person_id for r in people} == {p["ret1"].id, p["ret2"].id}
    assert not any(r.met for r in people)
    t = _training("返乡创业培训", "2026-05-20", "2026-05-22", level="township", target="returnee", kind="special")
    ts.attend(t, [p["ret1"].id], days=1)
    rows = {r.person_id: r for r in rules.evaluate(2026, today=END_2026) if r.rule == "returnee_yearly"}
    assert (rows[None].met, rows[None].attended_days, rows[None].short_days) == (True, 3, 0)
    assert "返乡创业培训" in rows[None].detail
    assert (rows[p["ret1"].id].met, rows[p["ret1"].id].attended_days, rows[p["ret1"].id].short_days) == (True, 1, 0)
    assert (rows[p["ret2"].id].met, rows[p["ret2"].id].short_days) == (False, 1)
    west = rules.evaluate(2026, today=END_2026, village_id=vs["西村"].id)
    assert {(r.name, r.rule) for r in west} == {("郑新", "secretary_county_yearly"),
                                               ("郑新", "secretary_outside_biennial"), ("李外", "returnee_yearly")}


def test_village_summary_counts_people_and_those_who_met(town):
    _, p = town
    ts.attend(_training("轮训", "2026-03-02", "2026-03-06"), [p["east"].id])
    summary = rules.village_summary(rules.evaluate(2026, today=END_2026))
    assert ("东村", "secretary_county_yearly", 1, 1) in summary
    assert ("西村", "secretary_county_yearly", 1, 0) in summary
    assert ("东村", "returnee_yearly", 1, 0) in summary
    assert all(v is not None for v, *_ in summary)


def test_double_hundred_is_off_on_a_township_and_counts_distinct_people(town):
    _, p = town
    from rural_cadre_desktop.core.reserves import services as reserves
    assert settings.double_hundred() == {"enabled": False, "reserve_target": 100, "two_committees_target": 100}
    reserves.add(p["ret1"].id, "东村", "two_committees", date="2026-01-10")
    a = _training("两委干部培训", "2026-03-02", "2026-03-04", target="two_committees")
    b = _training("两委干部培训（二期）", "2026-08-02", "2026-08-04", target="two_committees")
    c = _training("市级培训", "2026-09-02", "2026-09-04", level="city", target="two_committees")
    ts.attend(a, [p["east"].id, p["member"].id, p["ret1"].id, p["old"].id])
    ts.attend(b, [p["east"].id])                              # counted once
    ts.attend(c, [p["new"].id])                               # city level: not the county's plan
    prog = rules.double_hundred_progress(2026, today=END_2026)
    assert (prog.enabled, prog.reserve_trained, prog.two_committees_trained) == (False, 1, 2)
    assert not prog.met
    before = AuditLog.select().count()
    with pytest.raises(ValidationError, match="超出范围"):
        settings.set_double_hundred(True, reserve_target="-1")
    assert settings.double_hundred()["enabled"] is False and AuditLog.select().count() == before
    assert settings.set_double_hundred(True, 1, "2") == ["enabled", "reserve_target", "two_committees_target"]
    prog = rules.double_hundred_progress(2026, today=END_2026)
    assert (prog.enabled, prog.reserve_target, prog.two_committees_target, prog.met) == (True, 1, 2, True)
    settings.put("role", "county")
    settings.put(settings.DOUBLE_HUNDRED_KEYS["enabled"], None)
    assert settings.double_hundred()["enabled"] is True                 # a county installation: on by default


def test_evaluation_is_a_fixed_number_of_queries(town):
    """Set-based: the number of statements does not grow with the people evaluated."""
    from rural_cadre_desktop.core.listing import db

    def statements():
        seen = []
        conn = db().connection()
        conn.set_trace_callback(seen.append)
        try:
            rules.evaluate(2026, today=END_2026)
        finally:
            conn.set_trace_callback(None)
        return len(seen)

    few = statements()
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.reserves import cadres
    for i, v in enumerate(("南村", "北村", "中村")):
        from rural_cadre_desktop.core.regions import add_village
        add_village(v)
        person = create_person({"name": "甲乙丙"[i] + "书记"})
        cadres.add_post(person.id, v, "secretary", False, "2020-01-01")
    assert len([r for r in rules.evaluate(2026, today=END_2026) if r.rule == "secretary_county_yearly"]) == 5
    assert statements() == few <= 6
