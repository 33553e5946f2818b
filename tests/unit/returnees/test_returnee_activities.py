"""The "八个一" log: rules for adding, participants, and the open → handled status."""
import pytest

from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import Activity, ActivityParticipant
from rural_cadre_desktop.core.returnees import activities as acts


def pids(reg, *names):
    return [reg["returnees"][n].person_id for n in names]


def n_rows():
    return Activity.select().count(), ActivityParticipant.select().count()


def test_symposium_with_many_participants(reg):
    a = acts.add_activity({"year": "2024", "kind": "symposium", "date": "2024-02-10", "place": "镇政府会议室",
                           "content": "春节恳谈会"}, pids(reg, "张三", "李四", "张珊"))
    assert sorted(acts.participant_ids(a)) == sorted(pids(reg, "张三", "李四", "张珊"))
    assert a.village_id is None and a.status is None           # two villages; no status for 恳谈会
    rows = acts.list_activities(2024, "symposium")
    rec = dict(zip(acts.LIST_KEYS, rows[0]))
    assert rec["participant_count"] == 3 and "张三" in rec["participant_names"]


def test_one_person_activity_takes_their_village_and_id_number_resolves(reg):
    idn = reg["returnees"]["张三"].person.id_number
    a = acts.add_activity({"year": 2024, "kind": "invitation"}, [idn, pids(reg, "张三")[0]])
    assert a.village_id == reg["villages"]["石门村"].id
    assert acts.participant_ids(a) == pids(reg, "张三")             # the same person counted once


@pytest.mark.parametrize("raw,people,field", [
    ({"year": 2024, "kind": "invitation", "status": "open"}, True, "status"),
    ({"year": 2024, "kind": "invitation", "answer": "x"}, True, "status"),
    ({"year": 2024, "kind": "suggestion", "status": "handled"}, True, "answer"),
    ({"year": 2024, "kind": "visit", "date": "2023-12-30"}, True, "date"),
    ({"year": 2024, "kind": "party"}, True, "kind"),
    ({"year": 1999, "kind": "visit"}, True, "year"),
    ({"kind": "visit"}, True, "year"),
    ({"year": 2024, "kind": "visit"}, False, "person_ids"),
])
def test_refusals_write_nothing(reg, raw, people, field):
    before = n_rows()
    with pytest.raises(ValidationError) as e:
        acts.add_activity(raw, pids(reg, "张三") if people else [])
    assert e.value.field == field
    assert n_rows() == before


def test_unknown_participant_refused(reg):
    before = n_rows()
    with pytest.raises(UserError):
        acts.add_activity({"year": 2024, "kind": "visit"}, pids(reg, "张三") + ["no-such-person"])
    assert n_rows() == before


def test_problem_status_open_to_handled_needs_answer(reg):
    a = acts.add_activity({"year": 2024, "kind": "problem_solved", "content": "反映子女入学问题"}, pids(reg, "李四"))
    assert a.status == "open"
    with pytest.raises(ValidationError):
        acts.set_status(a, "handled")
    assert Activity.get_by_id(a.id).status == "open"
    acts.set_status(a, "handled", "已协调镇中心小学接收入学")
    a = Activity.get_by_id(a.id)
    assert (a.status, a.answer) == ("handled", "已协调镇中心小学接收入学")
    acts.set_status(a, "open")                       # marked by mistake: back to open
    assert Activity.get_by_id(a.id).status == "open"


def test_update_participants_and_delete(reg):
    a = acts.add_activity({"year": 2024, "kind": "visit"}, pids(reg, "张三", "李四"))
    changed = acts.update_activity(a, {"place": "张三家中"}, pids(reg, "李四", "王五"))
    assert "participants" in changed and "place" in changed
    assert sorted(acts.participant_ids(a)) == sorted(pids(reg, "李四", "王五"))
    acts.delete_activity(a)
    assert acts.list_activities(2024) == []
    with pytest.raises(UserError):
        acts.get_activity(a.id)
