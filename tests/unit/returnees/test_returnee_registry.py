"""Add, edit, delete a registry entry; notes; the subsidy rule; refusals change nothing."""
import datetime as dt

import pytest

from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import Person, Returnee
from rural_cadre_desktop.core.returnees import registry
from rural_cadre_desktop.core.returnees.support import subsidy_status


def counts():
    return Person.select().count(), Returnee.select().count()


def test_add_takes_sex_and_birth_from_id(reg):
    r = reg["returnees"]["张三"]
    p = Person.get_by_id(r.person_id)
    assert (p.sex, p.birth_date, p.name_initials) == ("1", "1985-03-05", "zs")
    assert r.status == "returned" and r.wants_party is True


@pytest.mark.parametrize("person_raw,ret_raw,field", [
    ({"name": "赵六", "id_number": "611021198503051230"}, {}, "id_number"),      # wrong check digit
    ({"name": ""}, {}, "name"),
    ({"name": "赵六", "phone": "12345"}, {}, "phone"),
    ({"name": "赵六"}, {"status": "away", "return_date": "2024-01-01"}, "return_date"),
    ({"name": "赵六"}, {"wants_party": "也许"}, "wants_party"),
])
def test_invalid_add_is_refused_and_writes_nothing(reg, person_raw, ret_raw, field):
    before = counts()
    with pytest.raises(ValidationError) as e:
        registry.add_returnee(person_raw, ret_raw, reg["villages"]["石门村"])
    assert e.value.field == field and e.value.zh
    assert counts() == before


def test_same_id_number_twice_is_refused(reg):
    idn = Person.get_by_id(reg["returnees"]["张三"].person_id).id_number
    before = counts()
    with pytest.raises(UserError, match="已在返乡人员台账中"):
        registry.add_returnee({"name": "张三", "id_number": idn}, {}, "石门村")
    assert counts() == before


def test_unknown_village_refused(reg):
    before = counts()
    with pytest.raises(ValidationError):
        registry.add_returnee({"name": "赵六"}, {}, "不存在村")
    assert counts() == before


def test_edit_updates_both_records_and_keeps_history(reg):
    from rural_cadre_desktop.core.models import History
    r = reg["returnees"]["张三"]
    changed = registry.update_returnee(r, {"phone": "13911112222"}, {"status": "away"}, "柳树村")
    assert set(changed) >= {"phone", "status", "return_date", "village"}
    r = Returnee.get_by_id(r.id)
    assert r.status == "away" and r.return_date is None
    assert Person.get_by_id(r.person_id).village_id == reg["villages"]["柳树村"].id
    assert History.select().where(History.row_id == r.id, History.field == "status").get().old_value == "returned"


def test_edit_refusal_changes_nothing(reg):
    r = reg["returnees"]["张三"]
    with pytest.raises(ValidationError):
        registry.update_returnee(r, {"phone": "13911112222", "id_number": "123"}, {"status": "away"})
    assert Person.get_by_id(r.person_id).phone == "13800001111"
    assert Returnee.get_by_id(r.id).status == "returned"


def test_delete_keeps_the_person(reg):
    r = reg["returnees"]["李四"]
    registry.delete_returnee(r)
    assert Returnee.get_by_id(r.id).deleted and not Person.get_by_id(r.person_id).deleted
    with pytest.raises(UserError):
        registry.delete_returnee(Returnee.get_by_id(r.id))


def test_notes_and_card(reg):
    r = reg["returnees"]["张珊"]
    p = Person.get_by_id(r.person_id)
    registry.add_note(p, "2024-02-01", "想回村发展食用菌种植")
    with pytest.raises(ValidationError):
        registry.add_note(p, "2024-02-01", "  ")
    c = registry.card(r, today=dt.date(2024, 1, 1))
    assert [n[2] for n in c["notes"]] == ["想回村发展食用菌种植"]
    assert c["village"] == "石门村" and c["subsidy"].eligible


def test_subsidy_rule():
    day = dt.date(2024, 10, 1)
    assert subsidy_status("returned", "2024-04-01", None, day).eligible           # exactly 6 months
    assert not subsidy_status("returned", "2024-04-02", None, day).eligible
    assert not subsidy_status("away", "2023-01-01", None, day).eligible
    assert not subsidy_status("returned", "2024-04", None, day).eligible          # month: counts from its end
    assert subsidy_status("returned", "2024-03", None, day).eligible
    assert subsidy_status("returned", "2023-08-31", None, dt.date(2024, 2, 29)).eligible
    s = subsidy_status("returned", "2023-01-01", 5000.0, day)
    assert s.received and "已享受" in s.text
    assert subsidy_status("returned", None, None, day).text == ""
