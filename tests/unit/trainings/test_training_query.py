"""The trainings list (core.trainings.query) and the attendance of one training on the demo data."""
from __future__ import annotations

import pytest

from rural_cadre_desktop.core.models import Attendance, TrainingSession
from rural_cadre_desktop.core.trainings import query as tq
from rural_cadre_desktop.core.trainings.query import (
    TRAININGS,
    AttendanceQuery,
    TrainingQuery,
)

COL = {k: 1 + i for k, i in TRAININGS.column_index.items()}


def test_lists_every_live_training_newest_first_with_attendee_counts(demo_store):
    rows = tq.rows()
    assert len(rows) == tq.count() == TrainingSession.alive().count() > 3
    starts = [r[COL["start_date"]] for r in rows]
    assert starts == sorted(starts, reverse=True)
    for r in rows:
        assert r[COL["attendees"]] == Attendance.alive().where(Attendance.training == r[0]).count()
    assert [c[0] for c in tq.choices()] == tq.training_ids()


def test_filters_search_and_refusals(demo_store):
    rows = tq.rows()
    kind = rows[0][COL["kind"]]
    assert {r[COL["kind"]] for r in tq.rows(TrainingQuery(kind=kind))} == {kind}
    year = int(rows[-1][COL["start_date"]][:4])
    assert all(r[COL["start_date"]].startswith(str(year)) for r in tq.rows(TrainingQuery(year=year)))
    assert 0 < tq.count(TrainingQuery(year=year)) <= tq.count()
    place = rows[0][COL["place"]]
    assert all(place in (r[COL["place"]] or "") or place in r[COL["name"]] for r in tq.rows(TrainingQuery(search=place)))
    assert tq.count(TrainingQuery(search="_")) == 0                  # LIKE characters are literal
    for bad in (TrainingQuery(kind="party"), TrainingQuery(level="galaxy"), TrainingQuery(target="x")):
        with pytest.raises(ValueError):
            tq.count(bad)


def test_sort_by_days_and_the_unfiltered_count(demo_store):
    ids = tq.training_ids(TrainingQuery(sort="days", descending=True))
    days = {r[0]: r[COL["days"]] or 0 for r in tq.rows()}
    assert [days[i] for i in ids] == sorted(days.values(), reverse=True)
    q = TrainingQuery(search="书记", sort="days")
    assert q.is_filtered() and tq.count(q.cleared()) == tq.count()


def test_attendance_of_one_training(demo_store):
    tid = next(r[0] for r in tq.rows() if r[COL["attendees"]] > 2)
    roster = tq.attendance(tid)
    live = Attendance.alive().where(Attendance.training == tid)
    assert {a["id"] for a in roster} == {a.id for a in live}
    assert {a["person_id"] for a in roster} == {a.person_id for a in live}
    assert len(roster) == tq.attendance_count(tid)
    assert all(a["name"] and a["village"] for a in roster)
    one = roster[0]["name"]
    found = tq.ATTENDANCE.rows(AttendanceQuery(training_id=tid, search=one))
    assert found and all(one in r[1] for r in found)
    assert AttendanceQuery(training_id=tid).is_filtered() is False      # the training is the list, not a filter
    assert tq.attendance("no-such-training") == [] and tq.attendance_count("no-such-training") == 0


def test_one_training_and_unknown(demo_store):
    tid = tq.training_ids()[0]
    t = tq.training(tid)
    assert t["id"] == tid and t["name"] == TrainingSession.get_by_id(tid).name
    assert tq.training("nope") is None
