"""People: create and edit with validation, find by 身份证号, and merge two records of one human.

Sex and birth date derive from the ID number; when the user types them too they must agree.
"""
from __future__ import annotations

import os
from functools import lru_cache

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.fields import PERSON_FIELDS
from rural_cadre_desktop.core.models import (ActivityParticipant, Assessment, Attendance, Education,
                                             FamilyMember, Person, ReserveCadre, Returnee, ResumeEntry,
                                             RewardPunishment, Village, VillageCadre, OutlookNote)
from rural_cadre_desktop.core.validation import check_id_agrees, id_birth_date, id_sex


# Surnames read differently from the character's everyday reading (单 shàn, not dān).
_SURNAME_INITIAL = {"单": "s", "曾": "z", "解": "x", "仇": "q", "区": "o", "朴": "p", "查": "z", "覃": "q",
                    "盖": "g", "乐": "y", "秘": "b", "尉": "y", "缪": "m", "长": "c", "折": "s", "召": "s",
                    "繁": "p", "员": "y", "车": "c", "沈": "s", "翟": "z", "种": "c", "重": "c"}


# Names are keyed one character at a time, where pypinyin's phrase table changes nothing (checked
# for all 41,923 characters: tests/unit/ledgers/test_pinyin_phrases.py); without it pypinyin loads
# in 0.13 s instead of 0.44 s. Set before pypinyin is first imported (it reads it at import).
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")


@lru_cache(maxsize=None)
def _char_initial(ch: str) -> str:
    # pypinyin loads its dictionaries for 0.3 s: only when a name is first keyed, not at start-up.
    from pypinyin import Style, lazy_pinyin
    p = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")
    return p[0][:1].lower() if p and p[0] else ""


def name_initials(name: str) -> str:
    """Pinyin initials for search: 张三 → zs. Cached per character, so 100k names cost little."""
    if not name:
        return ""
    first = _SURNAME_INITIAL.get(name[0]) or _char_initial(name[0])
    return first + "".join(_char_initial(c) for c in name[1:])


# Surnames' readings in full where they differ from the everyday one (pinyin with tone number).
_SURNAME_SYLLABLE = {"单": "shan4", "曾": "zeng1", "解": "xie4", "仇": "qiu2", "区": "ou1", "朴": "piao2",
                     "查": "zha1", "覃": "qin2", "盖": "ge3", "乐": "yue4", "秘": "bi4", "尉": "yu4",
                     "缪": "miao4", "长": "chang2", "折": "she2", "召": "shao4", "繁": "po2", "员": "yun4",
                     "车": "che1", "沈": "shen3", "翟": "zhai2", "种": "chong2", "重": "chong2"}


@lru_cache(maxsize=None)
def _char_syllable(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin
    p = lazy_pinyin(ch, style=Style.TONE3, errors="ignore", neutral_tone_with_five=True)
    return p[0] if p and p[0] else "~"      # not a Han character: after every syllable


def name_pinyin(name: str) -> str:
    """Dictionary order key: syllable by syllable (陈 chen < 崔 cui), each syllable followed by its
    character so that one surname stays together among its homophones; the surname read as one."""
    if not name:
        return ""
    first = _SURNAME_SYLLABLE.get(name[0]) or _char_syllable(name[0])
    return " ".join([first + name[0]] + [_char_syllable(c) + c for c in name[1:]])


@lru_cache(maxsize=None)
def _char_keys(ch: str, surname: bool) -> tuple[str, str, str]:
    """(initial, stroke part, syllable + character) of one character of a name; `surname`: in
    first place, read as a surname (单 shàn)."""
    from rural_cadre_desktop.core.strokes import stroke_key
    initial = (_SURNAME_INITIAL.get(ch) if surname else None) or _char_initial(ch)
    syllable = (_SURNAME_SYLLABLE.get(ch) if surname else None) or _char_syllable(ch)
    return initial, stroke_key(ch), syllable + ch


def name_keys(name: str) -> tuple[str, str, str]:
    """(initials for search, 姓氏笔画 key, pinyin key): the three derived columns every path that
    writes a person's name stores with it — name_initials, strokes.stroke_key and name_pinyin, put
    together from per-character parts (an import keys 50,000 names: twice as fast as each whole)."""
    if not name:
        return "", "", ""
    parts = [_char_keys(name[0], True), *[_char_keys(c, False) for c in name[1:]]]
    return ("".join([p[0] for p in parts]), "".join([p[1] for p in parts[:8]]),
            " ".join([p[2] for p in parts]))


def parse_person(raw: dict, current: Person | None = None) -> dict:
    """Validate the person fields present in `raw`; returns column values ready to store."""
    out = {}
    for key, value in raw.items():
        if key == "village":
            continue
        spec = PERSON_FIELDS.get(key)
        if spec is None:
            raise ValidationError(f"没有“{key}”这个字段", f"unknown field {key!r}", key)
        out[key] = spec.parse(value)
    if current is None and "name" not in out:
        raise ValidationError("姓名不能为空", "name is required", "name")
    id_number = out["id_number"] if "id_number" in out else (current.id_number if current else None)
    if id_number:
        check_id_agrees(id_number, out.get("sex"), out.get("birth_date"))
        if "id_number" in out:         # the ID number is the more precise source of both
            out["sex"], out["birth_date"] = id_sex(id_number), id_birth_date(id_number)
    if "name" in out:
        out["name_initials"], out["name_strokes"], out["name_pinyin"] = name_keys(out["name"])
    return out


def check_unique_id(id_number: str | None, except_id: str | None = None) -> None:
    if not id_number:
        return
    q = Person.alive().where((Person.id_number == id_number) & Person.alias_of.is_null())
    if except_id:
        q = q.where(Person.id != except_id)
    other = q.first()
    if other:
        raise ValidationError(f"身份证号{id_number}已登记在“{other.name}”名下，同一人请勿重复录入",
                              "ID number already belongs to another person", "id_number")


def find_by_id_number(id_number: str) -> Person | None:
    return Person.alive().where((Person.id_number == id_number) & Person.alias_of.is_null()).first()


def resolve(pid: str) -> Person:
    """A person by UUID or 身份证号, following aliases to the surviving record."""
    from rural_cadre_desktop.core.validation import normalise_id_number
    p = Person.get_or_none(Person.id == pid)
    if p is None:
        try:
            idn = normalise_id_number(pid)
        except ValidationError:
            idn = None
        p = find_by_id_number(idn) if idn else None
    while p is not None and p.alias_of_id:
        p = Person.get_by_id(p.alias_of_id)
    if p is None or p.deleted:
        raise UserError(f"找不到人员“{pid}”，请用导出的 id 或身份证号", f"no person {pid!r}")
    return p


def create_person(raw: dict, village: Village | None = None) -> Person:
    values = parse_person(raw)
    check_unique_id(values.get("id_number"))
    return store.insert(Person, village=village, **values)


def update_person(person: Person, raw: dict) -> list[str]:
    values = parse_person(raw, current=person)
    if "id_number" in values:
        check_unique_id(values["id_number"], except_id=person.id)
    if "village" in raw:
        from rural_cadre_desktop.core.regions import find_village
        v = find_village(raw["village"]) if raw["village"] else None
        if raw["village"] and v is None:
            raise ValidationError(f"村(社区)“{raw['village']}”不在本乡镇的列表中，请先在“村(社区)”里添加",
                                  "unknown village", "village")
        values["village"] = v.id if v else None
    return store.update(person, values)


# Records that name a person, re-pointed on merge.
_PERSON_LINKS = [(Returnee, Returnee.person), (ReserveCadre, ReserveCadre.person),
                 (VillageCadre, VillageCadre.person), (Attendance, Attendance.person),
                 (ActivityParticipant, ActivityParticipant.person), (Education, Education.person),
                 (ResumeEntry, ResumeEntry.person), (FamilyMember, FamilyMember.person),
                 (RewardPunishment, RewardPunishment.person), (Assessment, Assessment.person),
                 (OutlookNote, OutlookNote.person)]


def merge_people(a: Person, b: Person) -> Person:
    """Two records of one human become one: the smaller UUID survives, the other becomes its alias.

    Empty fields of the survivor are filled from the other; links are re-pointed; a second returnee
    record is folded into the first (its non-empty fields fill the gaps) and tombstoned. Every
    change goes through the store, so history can undo it.
    """
    if a.id == b.id:
        raise UserError("不能把一个人和自己合并", "cannot merge a person with itself")
    keep, drop = (a, b) if a.id < b.id else (b, a)
    if keep.id_number and drop.id_number and keep.id_number != drop.id_number:
        raise UserError("两人的身份证号不同，不是同一个人，不能合并", "different ID numbers: not one person")
    with Person._meta.database.atomic():
        fill = {f: getattr(drop, f) for f in Person.data_fields()
                if f not in ("alias_of",) and getattr(keep, f) in (None, "") and getattr(drop, f) not in (None, "")}
        fill = {f: (val.id if hasattr(val, "id") else val) for f, val in fill.items()}
        if "id_number" in fill:        # the unique index must not see the same number twice
            store.update(drop, {"id_number": None}, source="merge")
        store.update(keep, fill, source="merge")
        kept_ret = Returnee.alive().where(Returnee.person == keep).first()
        for model, field in _PERSON_LINKS:
            for row in model.alive().where(field == drop):
                if model is Returnee and kept_ret is not None:
                    gaps = {f: getattr(row, f) for f in Returnee.data_fields()
                            if f != "person" and getattr(kept_ret, f) in (None, "") and getattr(row, f) not in (None, "")}
                    store.update(kept_ret, gaps, source="merge")
                    store.soft_delete(row, source="merge")
                    continue
                if model is ActivityParticipant and ActivityParticipant.alive().where(
                        (ActivityParticipant.activity == row.activity_id) & (ActivityParticipant.person == keep)).exists():
                    store.soft_delete(row, source="merge")
                    continue
                if model is Attendance and Attendance.alive().where(
                        (Attendance.training == row.training_id) & (Attendance.person == keep)).exists():
                    store.soft_delete(row, source="merge")
                    continue
                store.update(row, {"person": keep.id}, source="merge")
        store.update(drop, {"alias_of": keep.id}, source="merge")
    return keep
