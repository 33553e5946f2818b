"""core.trainings.services: trainings added, edited, copied and deleted, attendance recorded once per
person and class; every refusal changes nothing (not even an audit row)."""
from __future__ import annotations

import datetime as dt

import pytest

from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import (
    Attendance,
    AuditLog,
    History,
    TrainingSession,
)
from rural_cadre_desktop.core.trainings import services as ts

ROTATION = {"name": "2025年村党组织书记集中轮训班", "kind": "rotation", "level": "county", "target": "secretary",
            "start_date": "2025-09-14", "end_date": "2025-09-18"}


def _snapshot():
    return (TrainingSession.select().count(), Attendance.select().count(), AuditLog.select().count(),
            History.select().count(),
            sorted((a.person_id, a.attended_days, a.exam_result, a.deleted) for a in Attendance.select()))


def _audits(action):
    return [a.detail for a in AuditLog.select().where(AuditLog.action == action)]


def test_add_takes_labels_or_identifiers_and_defaults_the_days_to_the_span(town):
    tid = ts.add_training({**ROTATION, "kind": "集中轮训", "level": "县级", "hours": "36", "outside_county": False,
                           "place": " 县委党校 ", "content": "党的建设"})
    t = TrainingSession.get_by_id(tid)
    assert (t.kind, t.level, t.target, t.days, t.hours, t.place, t.outside_county, t.content) == \
        ("rotation", "county", "secretary", 5.0, 36.0, "县委党校", None, "党的建设")
    one = ts.add_training({"name": "书记讲堂", "kind": "lecture", "level": "township", "start_date": "2026.3.5",
                           "days": "0.5", "outside_county": True})
    o = TrainingSession.get_by_id(one)
    assert (o.start_date, o.end_date, o.days, o.outside_county) == ("2026-03-05", "2026-03-05", 0.5, "1")
    assert _audits("training-add") == [tid, one]


@pytest.mark.parametrize("change, field, words", [
    ({"name": "  "}, "name", "请填写培训班名称"),
    ({"kind": "party"}, "kind", "不是可选值"),
    ({"level": None}, "level", "请选择举办层级"),
    ({"end_date": "2025-09-10"}, "end_date", "早于开始日期"),
    ({"start_date": "2025-09"}, "start_date", "请写到日"),
    ({"start_date": "明天"}, "start_date", "看不懂"),
    ({"days": "6"}, "days", "超过了2025-09-14至2025-09-18的5天"),
    ({"days": 0}, "days", "应大于0"),
    ({"hours": "-2"}, "hours", "不能为负数"),
    ({"colour": "red"}, "colour", "没有"),
])
def test_add_refusals_name_the_field_and_change_nothing(town, change, field, words):
    before = _snapshot()
    with pytest.raises(ValidationError, match=words) as e:
        ts.add_training({**ROTATION, **change})
    assert e.value.field == field and e.value.en
    assert _snapshot() == before


def test_attend_by_uuid_or_id_number_then_again_updates_the_one_record(town):
    _, p = town
    tid = ts.add_training(ROTATION)
    out = ts.attend(tid, [p["east"].id, p["new"].id_number, p["east"].id_number])     # the same person twice
    assert out == ts.AttendOutcome(added=2, updated=0)
    out = ts.attend(tid, [p["new"].id], days=4, exam="合格", certificate_no="LN2025-007")
    assert out == ts.AttendOutcome(added=0, updated=1)
    rows = list(Attendance.alive().where(Attendance.training == tid))
    assert len(rows) == 2
    mine = next(a for a in rows if a.person_id == p["new"].id)
    assert (mine.attended_days, mine.exam_result, mine.certificate_no) == (4.0, "合格", "LN2025-007")
    # attending in full again: the whole class (stored empty), the exam result kept
    assert ts.attend(tid, [p["new"].id], days=5) == ts.AttendOutcome(0, 1)
    mine = Attendance.get_by_id(mine.id)
    assert (mine.attended_days, mine.exam_result) == (None, "合格")
    assert ts.attend(tid, [p["new"].id], days=5) == ts.AttendOutcome(0, 0)     # nothing new to write
    assert _audits("training-attend") == [f"{tid} +2 ~0", f"{tid} +0 ~1", f"{tid} +0 ~1", f"{tid} +0 ~0"]


def test_attend_refusals_write_nothing(town):
    _, p = town
    tid = ts.add_training(ROTATION)
    ts.attend(tid, [p["east"].id], days=3)
    before = _snapshot()
    with pytest.raises(UserError, match="找不到人员“110101199001011237”"):
        ts.attend(tid, [p["new"].id, "110101199001011237"])           # a known one first: not written either
    with pytest.raises(ValidationError, match="参训天数应在0到5天之间"):
        ts.attend(tid, [p["east"].id, p["new"].id], days=6)
    with pytest.raises(ValidationError, match="参训天数"):
        ts.attend(tid, [p["new"].id], days="0")
    with pytest.raises(UserError, match="没有选择参训人员"):
        ts.attend(tid, [])
    with pytest.raises(UserError, match="找不到培训班"):
        ts.attend("no-such-training", [p["new"].id])
    assert _snapshot() == before
    ts.delete_training(tid)
    before = _snapshot()
    with pytest.raises(UserError, match="可能已删除"):
        ts.attend(tid, [p["new"].id])
    assert _snapshot() == before


def test_remove_attendance_tombstones_all_or_nothing_and_one_may_attend_again(town):
    _, p = town
    tid = ts.add_training(ROTATION)
    ts.attend(tid, [p["east"].id, p["new"].id])
    ids = [a.id for a in Attendance.alive().where(Attendance.training == tid)]
    before = _snapshot()
    with pytest.raises(UserError, match="找不到参训记录“nope”"):
        ts.remove_attendance([ids[0], "nope"])
    with pytest.raises(UserError):
        ts.remove_attendance([])
    assert _snapshot() == before
    ts.remove_attendance(ids)
    assert Attendance.alive().where(Attendance.training == tid).count() == 0
    assert Attendance.select().where(Attendance.training == tid).count() == 2          # tombstones kept
    assert ts.attend(tid, [p["east"].id]) == ts.AttendOutcome(1, 0)
    with pytest.raises(UserError, match="可能已移除"):
        ts.remove_attendance(ids[:1])


def test_update_returns_the_changed_fields_and_guards_attended_days(town):
    _, p = town
    tid = ts.add_training(ROTATION)
    assert ts.update_training(tid, {"place": "县委党校", "outside_county": True}) == ["place", "outside_county"]
    assert ts.update_training(tid, {"place": "县委党校"}) == []
    # the days were the whole span: they follow new dates
    assert set(ts.update_training(tid, {"end_date": "2025-09-20"})) == {"end_date", "days"}
    assert TrainingSession.get_by_id(tid).days == 7.0
    ts.attend(tid, [p["east"].id], days=6)
    before = _snapshot()
    with pytest.raises(ValidationError, match="已有1人登记的参训天数超过5天"):
        ts.update_training(tid, {"days": 5})
    with pytest.raises(ValidationError, match="请填写培训班名称"):
        ts.update_training(tid, {"name": ""})
    assert _snapshot() == before
    assert ts.update_training(tid, {"days": 6.5}) == ["days"]
    assert _audits("training-edit")[-1] == f"{tid} days"


def test_delete_keeps_the_attendance_and_copy_moves_a_year_on(town):
    _, p = town
    tid = ts.add_training({**ROTATION, "place": "县委党校", "hours": 40})
    ts.attend(tid, [p["east"].id])
    new = ts.copy_training(tid)
    c = TrainingSession.get_by_id(new)
    assert (c.name, c.start_date, c.end_date, c.days, c.place, c.hours, c.kind) == \
        ("2026年村党组织书记集中轮训班", "2026-09-14", "2026-09-18", 5.0, "县委党校", 40.0, "rotation")
    assert Attendance.alive().where(Attendance.training == new).count() == 0
    ts.delete_training(tid)
    assert TrainingSession.get_by_id(tid).deleted
    assert Attendance.alive().where(Attendance.training == tid).count() == 1
    with pytest.raises(UserError, match="可能已删除"):
        ts.delete_training(tid)
    with pytest.raises(UserError):
        ts.copy_training(tid)
    leap = ts.copy_training(ts.add_training({"name": "观摩（无年份）", "kind": "site_visit", "level": "city",
                                            "start_date": "2024-02-28", "end_date": "2024-02-29"}))
    t = TrainingSession.get_by_id(leap)
    assert (t.name, t.start_date, t.end_date, t.days) == ("观摩（无年份）", "2025-02-28", "2025-03-01", 2.0)
    assert _audits("training-delete") == [tid]


def test_people_by_post_village_and_search(town):
    vs, p = town
    today = ts.people_by_post(None)
    assert [(r[1], r[2], r[3]) for r in today] == [("周书", "东村", "secretary"), ("郑新", "西村", "secretary")]
    assert [r[0] for r in ts.people_by_post(vs["西村"].id, on=dt.date(2026, 3, 1))] == [p["old"].id]
    assert {r[1] for r in ts.people_by_post(vs["东村"].id, post=None)} == {"周书", "钱委"}
    assert ts.people_by_post(vs["东村"].id, post="director") == []
    assert {r[1] for r in ts.people_by_village(vs["西村"].id)} == {"吴老", "郑新", "李外"}
    found = ts.search_people("郑")
    assert [f["id"] for f in found] == [p["new"].id] and "现任村干部" in found[0]["what"]
    assert [f["id"] for f in ts.search_people(p["ret1"].id_number[-6:])] == [p["ret1"].id]


def test_a_persons_training_history_for_the_archive(town):
    from rural_cadre_desktop.core.trainings.query import person_history
    _, p = town
    later = ts.add_training({**ROTATION, "name": "2026年轮训", "start_date": "2026-09-14", "end_date": "2026-09-18"})
    first = ts.add_training(ROTATION)
    gone = ts.add_training({**ROTATION, "name": "已删除的班"})
    ts.attend(later, [p["east"].id], days=4, certificate_no="C-1")
    ts.attend(first, [p["east"].id], exam="优秀")
    ts.attend(gone, [p["east"].id])
    ts.delete_training(gone)
    hist = person_history(p["east"].id)
    assert [(h["training_id"], h["attended_days"], h["exam_result"], h["certificate_no"]) for h in hist] == \
        [(first, 5.0, "优秀", None), (later, 4.0, None, "C-1")]
    assert person_history(p["new"].id) == []


def test_edit_of_a_training_or_an_attendance_goes_through_the_same_checks(town):
    from rural_cadre_desktop.core.editing import edit_record
    _, p = town
    tid = ts.add_training(ROTATION)
    ts.attend(tid, [p["east"].id])
    aid = Attendance.get(Attendance.training == tid).id
    assert set(edit_record("trainings", tid, {"hours": "40", "content": "乡村振兴", "outside_county": "是"})) == \
        {"hours", "outside_county", "content"}
    assert edit_record("attendance", aid, {"attended_days": "3", "certificate_no": "N-1"}) == \
        ["attended_days", "certificate_no"]
    a = Attendance.get_by_id(aid)
    assert (a.attended_days, a.certificate_no) == (3.0, "N-1")
    assert ts.update_attendance(aid, {"attended_days": ""}) == ["attended_days"]       # empty: the whole class
    assert Attendance.get_by_id(aid).attended_days is None
    before = _snapshot()
    with pytest.raises(ValidationError, match="超过了"):
        edit_record("trainings", tid, {"days": "9"})
    with pytest.raises(ValidationError, match="参训天数应在0到5天之间"):
        edit_record("attendance", aid, {"attended_days": "5.5"})
    with pytest.raises(ValidationError, match="没有可修改的字段“training”"):
        ts.update_attendance(aid, {"training": "x"})
    with pytest.raises(UserError, match="找不到参训记录"):
        ts.update_attendance("nope", {"remarks": "x"})
    assert _snapshot() == before
