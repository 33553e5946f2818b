"""Writes keep clocks, history and tombstones; identity rules hold in the schema."""
import json

import peewee
import pytest

from rural_cadre_desktop.core import people, regions
from rural_cadre_desktop.core import store as st
from rural_cadre_desktop.core.clock import Clock, parse_stamp, stamp_to_iso
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.validation import id_check_char
from rural_cadre_desktop.core.models import (Activity, ActivityParticipant, History, Person, ReserveCadre,
                                             Returnee, Village)

ID_A = "11010519491231002X"


def test_clock_is_monotonic_even_when_the_wall_clock_stands_still():
    c = Clock("n1", wall=lambda: 1000)
    stamps = [c.tick() for _ in range(5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5
    c.observe("000000000005000-00007-other")
    assert c.tick() > "000000000005000-00007-other"
    assert parse_stamp(stamps[0]) == (1000, 0, "n1")
    assert stamp_to_iso(stamps[0]) == "1970-01-01T00:00:01.000Z"


def test_update_writes_only_changed_fields_with_their_own_clocks_and_history(store):
    v = regions.add_village("石门村")
    p = people.create_person({"name": "张三", "id_number": ID_A}, village=v)
    assert p.sex == "2" and p.birth_date == "1949-12-31" and p.name_initials == "zs"
    created = p.modified_at
    assert store.execute_sql("SELECT clocks FROM person WHERE id=?", (p.id,)).fetchone()[0] == "{}"
    changed = people.update_person(p, {"phone": "13812345678", "name": "张三"})
    assert changed == ["phone"]
    fresh = Person.get_by_id(p.id)
    clocks = json.loads(fresh.clocks)
    assert set(clocks) == {"phone"} and clocks["phone"] == fresh.modified_at > created
    h = History.get((History.row_id == p.id) & (History.field == "phone"))
    assert (h.old_value, h.new_value) == (None, "13812345678")


def test_a_second_live_person_with_the_same_id_number_is_refused(store):
    people.create_person({"name": "张三", "id_number": ID_A})
    with pytest.raises(ValidationError) as e:
        people.create_person({"name": "张叁", "id_number": ID_A.lower()})
    assert "已登记" in e.value.zh
    rows = Person.select().count()
    with pytest.raises(peewee.IntegrityError):      # and the schema itself says so
        Person.insert(id="x", created_at="0", modified_at="0", name="x", id_number=ID_A).execute()
    assert Person.select().count() == rows


def test_one_live_returnee_record_per_person(store):
    p = people.create_person({"name": "李四"})
    st.insert(Returnee, person=p)
    with pytest.raises(peewee.IntegrityError):
        with store.atomic():
            st.insert(Returnee, person=p)
    assert Returnee.select().count() == 1


def test_soft_delete_leaves_a_tombstone(store):
    p = people.create_person({"name": "王五"})
    st.soft_delete(p)
    row = Person.get_by_id(p.id)
    assert row.deleted is True and "deleted" in json.loads(row.clocks)
    assert Person.alive().count() == 0


def test_merge_people_keeps_the_smaller_uuid_and_repoints_links(store):
    v = regions.add_village("柳树村")
    a = people.create_person({"name": "赵六", "phone": "13800000001"}, village=v)
    b = people.create_person({"name": "赵六", "id_number": ID_A}, village=v)
    st.insert(Returnee, person=a, work_place="浙江杭州")
    st.insert(Returnee, person=b, industry="建筑业")
    act = st.insert(Activity, year=2026, kind="symposium")
    st.insert(ActivityParticipant, activity=act, person=b)
    st.insert(ActivityParticipant, activity=act, person=a)
    rc = st.insert(ReserveCadre, person=b, village=v)
    keep = people.merge_people(a, b)
    survivor, other = sorted([a.id, b.id])
    assert keep.id == survivor
    dropped = Person.get_by_id(other)
    assert dropped.alias_of_id == survivor
    kept = Person.get_by_id(survivor)
    assert kept.id_number == ID_A and kept.phone == "13800000001"
    live_ret = list(Returnee.alive().where(Returnee.person == survivor))
    assert len(live_ret) == 1 and live_ret[0].work_place == "浙江杭州" and live_ret[0].industry == "建筑业"
    assert ActivityParticipant.alive().where(ActivityParticipant.activity == act).count() == 1
    assert ReserveCadre.get_by_id(rc.id).person_id == survivor
    assert people.resolve(other).id == survivor and people.resolve(ID_A).id == survivor


def test_merging_two_different_id_numbers_is_refused(store):
    a = people.create_person({"name": "甲", "id_number": ID_A})
    b = people.create_person({"name": "甲", "id_number": "11010519800101001" + id_check_char("11010519800101001")})
    with pytest.raises(UserError):
        people.merge_people(a, b)
    assert Person.get_by_id(a.id).alias_of_id is None and Person.get_by_id(b.id).alias_of_id is None


def test_village_names_in_any_spelling_are_one_village(store):
    v = regions.add_village("石门村")
    assert regions.find_village("石门").id == v.id
    assert regions.find_village("石门村委会").id == v.id
    assert regions.find_village(" 石门村民委员会 ").id == v.id
    with pytest.raises(UserError):
        regions.add_village("石门")
    s = regions.add_village("新民社区")
    assert regions.find_village("新民社区居委会").id == s.id


def test_merging_villages_moves_records_and_keeps_the_old_name_findable(store):
    a = regions.add_village("古城村")
    b = regions.add_village("东坡村")
    p = people.create_person({"name": "孙七"}, village=b)
    moved = regions.merge_villages(b, a)
    assert moved == 1
    assert Person.get_by_id(p.id).village_id == a.id
    assert regions.find_village("东坡").id == a.id
    assert [x.name for x in regions.villages()] == ["古城村"]
    with pytest.raises(UserError):
        regions.merge_villages(a, a)


def test_renaming_onto_another_village_is_refused(store):
    a = regions.add_village("古城村")
    regions.add_village("东坡村")
    with pytest.raises(UserError):
        regions.rename_village(a, "东坡")
    assert Village.get_by_id(a.id).name == "古城村"
    regions.rename_village(a, "古城社区", "611021100201")
    assert Village.get_by_id(a.id).code == "611021100201"


def test_a_region_code_belongs_to_one_village(store):
    a = regions.add_village("古城村", "611021100201")
    b = regions.add_village("东坡村")
    with pytest.raises(UserError) as e:
        regions.set_village_code(b, "611021100201")
    assert "古城村" in e.value.zh
    with pytest.raises(UserError):
        regions.add_village("柳树村", "611021100201")
    regions.set_village_code(a, "611021100201")          # its own code again is fine
    assert Village.get_by_id(b.id).code is None
