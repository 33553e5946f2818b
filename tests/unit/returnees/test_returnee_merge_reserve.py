"""Duplicates flagged; merge two people and undo it; turn a returnee into a reserve candidate."""
import datetime as dt

import pytest

from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import (Activity, ActivityParticipant, OutlookNote, Person, ReserveCadre,
                                             Returnee)
from rural_cadre_desktop.core.returnees import activities as acts
from rural_cadre_desktop.core.returnees import duplicates, merging, query, registry
from rural_cadre_desktop.core.returnees.cultivation import to_reserve


@pytest.fixture
def twin(reg):
    """A second 张珊 record: same name, birth date and village, no ID number either."""
    return registry.add_returnee({"name": "张珊", "birth_date": "1992-01-02", "phone": "13700000000"},
                                 {"status": "returned", "work_place": "江苏苏州", "wants_business": "是"}, "石门村")


def snapshot():
    return {m.__name__: sorted(tuple(r) for r in m.select().tuples())
            for m in (Person, Returnee, ActivityParticipant, OutlookNote)}


def test_duplicates_are_flagged(reg, twin):
    groups = duplicates.duplicate_groups()
    assert len(groups) == 1 and groups[0]["name"] == "张珊" and len(groups[0]["person_ids"]) == 2
    flagged = [r[0] for r in query.page(query.ReturneeQuery(duplicates_only=True))]
    assert flagged == ["张珊", "张珊"]
    assert duplicates.is_likely_duplicate(twin.person_id)
    assert not duplicates.is_likely_duplicate(reg["returnees"]["张三"].person_id)


def test_namesakes_with_two_id_numbers_are_not_duplicates(reg):
    from rural_cadre_desktop.core.validation import id_check_char
    registry.add_returnee({"name": "张三", "id_number": "61102119850305555" + id_check_char("61102119850305555")},
                          {}, "石门村")
    assert duplicates.duplicate_groups() == []


def test_merge_folds_links_and_undo_restores(reg, twin):
    a = Person.get_by_id(reg["returnees"]["张珊"].person_id)
    b = Person.get_by_id(twin.person_id)
    acts.add_activity({"year": 2024, "kind": "symposium"}, [a.id, b.id])
    acts.add_activity({"year": 2024, "kind": "visit"}, [b.id])
    registry.add_note(b, "2024-01-01", "愿意回乡")
    before = snapshot()
    rec = merging.merge(a, b)
    keep, drop = Person.get_by_id(rec["keep"]), Person.get_by_id(rec["drop"])
    assert drop.alias_of_id == keep.id and keep.id == min(a.id, b.id)
    assert query.count(query.ReturneeQuery()) == 4 and duplicates.duplicate_groups() == []
    kept = Returnee.alive().where(Returnee.person == keep).get()
    assert kept.wants_business is True and kept.work_place == "江苏苏州"   # gaps filled from the other record
    assert OutlookNote.alive().where(OutlookNote.person == keep).count() == 1

    n = merging.undo_merge(merging.find_merge(drop.id))
    assert n > 0
    after = snapshot()
    # the data columns are back; only clocks/modified stamps moved on
    def data(s):
        out = {}
        for k, rows in s.items():
            model = {"Person": Person, "Returnee": Returnee, "ActivityParticipant": ActivityParticipant,
                     "OutlookNote": OutlookNote}[k]
            names = [f.name for f in model._meta.sorted_fields]
            keep_cols = [i for i, f in enumerate(names) if f not in ("modified_at", "modified_by", "clocks")]
            out[k] = sorted(tuple(r[i] for i in keep_cols) for r in rows)
        return out
    assert data(after) == data(before)
    with pytest.raises(UserError, match="已经撤销"):
        merging.find_merge(drop.id)


def test_undo_refused_after_a_later_edit(reg, twin):
    a = Person.get_by_id(reg["returnees"]["张珊"].person_id)
    rec = merging.merge(a, Person.get_by_id(twin.person_id))
    keep = Person.get_by_id(rec["keep"])
    registry.update_returnee(Returnee.alive().where(Returnee.person == keep).get(), {"phone": "13600000000"}, {})
    before = snapshot()
    with pytest.raises(UserError, match="又被修改"):
        merging.undo_merge(rec)
    assert snapshot() == before


def test_merge_refusals(reg):
    zs = Person.get_by_id(reg["returnees"]["张三"].person_id)
    ls = Person.get_by_id(reg["returnees"]["李四"].person_id)
    before = snapshot()
    with pytest.raises(UserError, match="身份证号不同"):
        merging.merge(zs, ls)
    with pytest.raises(UserError):
        merging.merge(zs, zs)
    assert snapshot() == before


def test_to_reserve_one_transaction(reg):
    p = Person.get_by_id(reg["returnees"]["张三"].person_id)
    reserve, act = to_reserve(p, today=dt.date(2025, 3, 1))
    assert (reserve.track, reserve.status, reserve.entered_date) == ("two_committees", "active", "2025-03-01")
    assert reserve.village_id == p.village_id and reserve.person_id == p.id
    assert (act.kind, act.year) == ("reserve_cultivation", 2025)
    assert acts.participant_ids(act) == [p.id]
    before = (ReserveCadre.select().count(), Activity.select().count())
    with pytest.raises(UserError, match="已是"):
        to_reserve(p)
    assert (ReserveCadre.select().count(), Activity.select().count()) == before


def test_to_reserve_refusals_write_nothing(reg, store):
    from rural_cadre_desktop.core import people
    p = Person.get_by_id(reg["returnees"]["李四"].person_id)
    registry.delete_returnee(reg["returnees"]["李四"])
    outsider = people.create_person({"name": "赵六"})
    before = (ReserveCadre.select().count(), Activity.select().count())
    with pytest.raises(UserError, match="不在返乡人员台账"):
        to_reserve(p)
    with pytest.raises(ValidationError):
        to_reserve(Person.get_by_id(reg["returnees"]["张三"].person_id), track="captain")
    with pytest.raises(UserError):
        to_reserve(outsider)
    assert (ReserveCadre.select().count(), Activity.select().count()) == before


def test_a_merge_takes_a_verified_backup_first(reg, twin, db_path):
    """Issue 13: automatic backups before merges — the copy holds both records as they were."""
    import gzip
    import sqlite3

    from rural_cadre_desktop.core.paths import backups_dir
    from rural_cadre_desktop.core.returnees import services
    a, b = reg["returnees"]["张珊"].person_id, twin.person_id
    services.merge(a, b)
    (backup,) = backups_dir(db_path).glob("*before-merge*.db.gz")
    copy = db_path.with_name("copy.db")
    copy.write_bytes(gzip.decompress(backup.read_bytes()))
    con = sqlite3.connect(copy)
    live = con.execute("SELECT count(*) FROM person WHERE id IN (?, ?) AND alias_of_id IS NULL AND deleted = 0",
                       (a, b)).fetchone()[0]
    con.close()
    assert live == 2
