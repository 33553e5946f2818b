"""The registry card: add, edit and delete a returnee (the person's fields and the Returnee's in
one form), and the 思想动态 notes. Every field is parsed by its core.fields spec before anything is
written; each save is one transaction."""
from __future__ import annotations

import datetime as dt

from rural_cadre_desktop.core import people, regions, store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.fields import PERSON_FIELDS, RETURNEE_FIELDS
from rural_cadre_desktop.core.models import OutlookNote, Person, Returnee, Village
from rural_cadre_desktop.core.returnees.support import subsidy_status
from rural_cadre_desktop.core.validation import clean_text, parse_date


def split_fields(raw: dict) -> tuple[dict, dict, str | None]:
    """FIELD=VALUE pairs into person fields, returnee fields and the village name; unknown refused."""
    person_raw, ret_raw, village = {}, {}, None
    for key, value in raw.items():
        if key == "village":
            village = value
        elif key in PERSON_FIELDS:
            person_raw[key] = value
        elif key in RETURNEE_FIELDS:
            ret_raw[key] = value
        else:
            allowed = "、".join(list(PERSON_FIELDS) + list(RETURNEE_FIELDS) + ["village"])
            raise ValidationError(f"返乡人员台账没有“{key}”这个字段（可填：{allowed}）",
                                  f"unknown field {key!r}", key)
    return person_raw, ret_raw, village


def parse_returnee(raw: dict) -> dict:
    out = {k: RETURNEE_FIELDS[k].parse(v) for k, v in raw.items()}
    if out.get("status") == "away" and out.get("return_date"):
        raise ValidationError("状态为“在外”时不应填写返乡时间；已返乡请把状态改为“已返乡”",
                              "return_date given while status is away", "return_date")
    return out


def _village(village) -> Village | None:
    if village is None or village == "":
        return None
    if isinstance(village, Village):
        return village
    v = Village.get_or_none((Village.id == village) & (Village.deleted == False)) or \
        regions.find_village(str(village))  # noqa: E712
    if v is None:
        raise ValidationError(f"村(社区)“{village}”不在本乡镇的列表中，请先在“村(社区)”里添加",
                              "unknown village", "village")
    return v


def live_returnee(person: Person) -> Returnee | None:
    return Returnee.alive().where(Returnee.person == person).first()


def add_returnee(person_raw: dict, returnee_raw: dict, village=None) -> Returnee:
    """A new registry entry. An ID number already known joins the existing person (one person per
    human being); a person already in the registry is refused."""
    village_row = _village(village)
    if village_row is None:
        raise ValidationError("请选择户籍所在村(社区)", "village is required", "village")
    pvals = people.parse_person(person_raw)
    rvals = parse_returnee(returnee_raw)
    rvals.setdefault("status", "away")
    existing = people.find_by_id_number(pvals["id_number"]) if pvals.get("id_number") else None
    if existing is not None and live_returnee(existing) is not None:
        raise UserError(f"身份证号{pvals['id_number']}的“{existing.name}”已在返乡人员台账中，请直接修改该条记录",
                        "this person is already in the returnee registry")
    with Person._meta.database.atomic():
        person = existing or store.insert(Person, village=village_row, **pvals)
        return store.insert(Returnee, person=person, **rvals)


def update_returnee(ret: Returnee, person_raw: dict, returnee_raw: dict, village=None) -> list[str]:
    person = Person.get_by_id(ret.person_id)
    pvals = people.parse_person(person_raw, current=person)
    if "id_number" in pvals:
        people.check_unique_id(pvals["id_number"], except_id=person.id)
    rvals = parse_returnee(returnee_raw)
    status = rvals.get("status", ret.status)
    if status == "away":
        rvals["return_date"] = None          # back "away": the old return date no longer holds
    village_row = _village(village) if village is not None else None
    if village_row is not None:
        pvals["village"] = village_row.id
    with Person._meta.database.atomic():
        return store.update(person, pvals) + store.update(ret, rvals)


def delete_returnee(ret: Returnee) -> None:
    """Tombstone the registry entry; the person stays (they may be a reserve cadre, a trainee …)."""
    if ret.deleted:
        raise UserError("这条返乡人员记录已经删除", "returnee record already deleted")
    with Returnee._meta.database.atomic():
        store.soft_delete(ret)


def get_returnee(returnee_id: str) -> Returnee:
    r = Returnee.get_or_none(Returnee.id == returnee_id)
    if r is None or r.deleted:
        raise UserError(f"找不到返乡人员记录 {returnee_id}（可能已删除）", f"no returnee {returnee_id}")
    return r


def returnee_of(pid: str) -> Returnee:
    """The live registry entry of a person given by UUID or ID number (aliases followed)."""
    person = people.resolve(pid)
    r = live_returnee(person)
    if r is None:
        raise UserError(f"“{person.name}”不在返乡人员台账中", f"{pid} is not in the returnee registry")
    return r


def card(ret: Returnee, today: dt.date | None = None) -> dict:
    """Everything the registry card shows: the person, the returnee record, notes, support."""
    person = Person.get_by_id(ret.person_id)
    village = Village.get_or_none(Village.id == person.village_id) if person.village_id else None
    notes = list(OutlookNote.alive().where(OutlookNote.person == person)
                 .order_by(OutlookNote.date.desc()).tuples()
                 .select(OutlookNote.id, OutlookNote.date, OutlookNote.text))
    sub = subsidy_status(ret.status, ret.business_registered_date, ret.startup_subsidy, today)
    return {"person": {f: getattr(person, f) for f in PERSON_FIELDS} | {"id": person.id},
            "village": village.name if village else None, "village_id": village.id if village else None,
            "returnee": {f: getattr(ret, f) for f in RETURNEE_FIELDS} | {"id": ret.id},
            "notes": notes, "subsidy": sub}


def add_note(person: Person, date, text) -> OutlookNote:
    d = parse_date(date, "date", "日期") or dt.date.today().isoformat()
    t = clean_text(text)
    if not t:
        raise ValidationError("思想动态内容不能为空", "note text is required", "text")
    if len(t) > 2000:
        raise ValidationError("思想动态内容太长（最多2000字）", "note too long", "text")
    with OutlookNote._meta.database.atomic():
        return store.insert(OutlookNote, person=person, date=d, text=t)


def delete_note(note_id: str) -> None:
    n = OutlookNote.get_or_none(OutlookNote.id == note_id)
    if n is None or n.deleted:
        raise UserError("这条思想动态已不存在", "no such note")
    with OutlookNote._meta.database.atomic():
        store.soft_delete(n)


def holder_of_id_number(id_number: str, except_person: str | None = None) -> dict | None:
    """Who already holds this 身份证号 (a live person other than `except_person`): name, village
    and their returnee record if any — so the card can offer to open it instead of refusing blind."""
    person = people.find_by_id_number(id_number)
    if person is None or person.id == except_person:
        return None
    ret = live_returnee(person)
    village = Village.get_or_none(Village.id == person.village_id) if person.village_id else None
    return {"person_id": person.id, "name": person.name, "village": village.name if village else "",
            "returnee_id": ret.id if ret is not None else None}
