"""core/archive.py: load and save one person's 一人一档 on real SQLite databases."""
from __future__ import annotations

import pytest

from rural_cadre_desktop.core import people
from rural_cadre_desktop.core.archive import ArchiveChanges, Row, load_archive, save_archive
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.models import AuditLog, History, Person, ResumeEntry

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 100


def _person():
    return people.create_person({"name": "王建国", "phone": "13800000000"})


def test_save_and_load_round_trip(store):
    p = _person()
    changes = ArchiveChanges(
        person={"native_place": "陕西洛南", "health": "健康", "political_status": "中共党员"},
        photo=JPEG,
        parts={"resume": [Row(None, {"start_date": "2001.09", "end_date": "2005.07", "text": "西北大学学习"}),
                          Row(None, {"start_date": "2005.07", "end_date": "", "text": "石门镇古城村务工"})],
               "family": [Row(None, {"relation": "妻子", "name": "李芳", "birth_date": "1988.03",
                                     "political_status": "群众", "work_unit": "务农"})],
               "education": [Row(None, {"kind": "全日制", "level": "大学本科", "degree": "学士",
                                        "school": "西北大学", "major": "农学"})],
               "assessments": [Row(None, {"year": "2024", "result": "优秀"})]})
    changed = save_archive(p.id, changes)
    assert {"native_place", "photo", "resume", "family", "education", "assessments"} <= set(changed)
    a = load_archive(p.id)
    assert a.person["native_place"] == "陕西洛南" and a.person["political_status"] == "中国共产党党员"
    assert a.photo == JPEG
    assert [r.values["text"] for r in a.parts["resume"]] == ["西北大学学习", "石门镇古城村务工"]
    assert a.parts["resume"][0].values["start_date"] == "2001-09"
    assert a.parts["family"][0].values["name"] == "李芳"
    assert a.parts["education"][0].values["kind"] == "全日制"
    assert AuditLog.select().where(AuditLog.action == "edit", AuditLog.detail.startswith(f"people {p.id}")).count() == 1

    # reorder, delete one line, keep the other: rows keep their ids, the deleted one is a tombstone
    first, second = a.parts["resume"]
    save_archive(p.id, ArchiveChanges(parts={"resume": [second]}))
    b = load_archive(p.id)
    assert [r.id for r in b.parts["resume"]] == [second.id]
    assert ResumeEntry.get_by_id(first.id).deleted
    # photo deleted
    save_archive(p.id, ArchiveChanges(photo=b""))
    assert load_archive(p.id).photo is None


@pytest.mark.parametrize("changes, field", [
    (ArchiveChanges(person={"id_number": "610123198803051234"}), "id_number"),
    (ArchiveChanges(person={"birth_date": "1988.13"}), "birth_date"),
    (ArchiveChanges(person={"health": "好"}, parts={"family": [Row(None, {"relation": "父亲", "name": "",
                                                                     "birth_date": "1960"})]}), "family.0.name"),
    (ArchiveChanges(parts={"resume": [Row(None, {"start_date": "2001.99", "text": "务工"})]}), "resume.0.start_date"),
    (ArchiveChanges(person={"health": "好"}, photo=b"\x89PNG not a jpeg"), "photo"),
])
def test_refusals_write_nothing(store, changes, field):
    p = _person()
    history, audits = History.select().count(), AuditLog.select().count()
    with pytest.raises(ValidationError) as e:
        save_archive(p.id, changes)
    assert e.value.field == field
    assert History.select().count() == history and AuditLog.select().count() == audits
    assert Person.get_by_id(p.id).health is None and not ResumeEntry.select().count()


def test_history_of_a_reserve_member(demo_store):
    from rural_cadre_desktop.core.models import ReserveCadre
    r = ReserveCadre.select().where(ReserveCadre.deleted == False).first()  # noqa: E712
    a = load_archive(r.person_id)
    assert a.history["reserves"] and any("后备" in line for line in a.history["reserves"])
