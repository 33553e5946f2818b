"""Input no ledger should hold: names with emoji, direction overrides or other invisible
characters; birth and return dates in the future. Refused with one sentence, nothing written —
through the validators, the field specs every face shares, the card's service and `edit`."""
from __future__ import annotations

import datetime as dt

import pytest

from rural_cadre_desktop.core import validation as v
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.fields import PERSON_FIELDS, RETURNEE_FIELDS

TODAY = dt.date.today()
TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.mark.parametrize("name, what", [
    ("张伟😀", "表情"), ("李娜\U0001F1E8\U0001F1F3", "表情"), ("王芳❤️", "表情"), ("★刘洋", "表情"),
    ("\u202e伟张", "控制字符"), ("张\u202a伟", "控制字符"), ("张\u2066伟\u2069", "控制字符"),
    ("张\u200e伟", "控制字符"), ("张\u200f伟", "控制字符"), ("张\u200d伟", "控制字符"),
    ("张\x7f伟", "控制字符"), ("张\ue000伟", "控制字符"),
])
def test_names_with_emoji_or_invisible_characters_are_refused(name, what):
    with pytest.raises(ValidationError) as e:
        v.normalise_name(name)
    assert what in e.value.zh and e.value.field == "name" and "请" in e.value.zh


@pytest.mark.parametrize("name", ["张伟", "欧阳娜娜", "阿卜杜拉·买买提", "䶮", "𠇔堃喆", "李\U00031350", "Mary Smith"])
def test_real_names_including_rare_characters_still_pass(name):
    assert v.normalise_name(name) == name.replace(" ", "")


def test_the_person_field_spec_refuses_them_too():
    with pytest.raises(ValidationError):
        PERSON_FIELDS["name"].parse("\u202e张伟")


@pytest.mark.parametrize("spec, label", [(PERSON_FIELDS["birth_date"], "出生年月"),
                                         (RETURNEE_FIELDS["return_date"], "返乡时间")])
def test_birth_and_return_dates_in_the_future_are_refused(spec, label):
    with pytest.raises(ValidationError) as e:
        spec.parse(TOMORROW.isoformat())
    assert label in e.value.zh and "之后" in e.value.zh
    next_month = dt.date(TODAY.year + (TODAY.month == 12), TODAY.month % 12 + 1, 1)
    with pytest.raises(ValidationError):
        spec.parse(f"{next_month.year}.{next_month.month:02d}")
    assert spec.parse(TODAY.isoformat()) == TODAY.isoformat()
    assert spec.parse(f"{TODAY.year}.{TODAY.month:02d}") == f"{TODAY.year}-{TODAY.month:02d}"


def test_other_dates_may_lie_ahead():
    from rural_cadre_desktop.core.fields import TRAINING_FIELDS
    assert TRAINING_FIELDS["start_date"].parse(TOMORROW.isoformat()) == TOMORROW.isoformat()


def test_an_id_number_born_after_today_is_refused():
    body = "610124" + TOMORROW.strftime("%Y%m%d") + "001"
    with pytest.raises(ValidationError) as e:
        v.normalise_id_number(body + v.id_check_char(body))
    assert "出生日期" in e.value.zh


def test_the_card_refuses_a_future_return_date_and_writes_nothing(demo_store):
    from rural_cadre_desktop.core.models import Person, Village
    from rural_cadre_desktop.core.returnees.registry import add_returnee
    village = Village.select().first()
    people = Person.select().count()
    for person, record in (({"name": "赵\u202e六"}, {"status": "away"}),
                           ({"name": "赵六"}, {"status": "returned", "return_date": TOMORROW.isoformat()}),
                           ({"name": "赵六", "birth_date": TOMORROW.isoformat()}, {"status": "away"})):
        with pytest.raises(ValidationError):
            add_returnee(person, record, village.id)
    assert Person.select().count() == people


def test_edit_refuses_a_name_with_a_direction_override(demo_store):
    from rural_cadre_desktop.core.editing import edit_record
    from rural_cadre_desktop.core.models import Person
    person = Person.select().where(Person.deleted == False).first()
    with pytest.raises(ValidationError):
        edit_record("people", person.id, {"name": "\u202e" + person.name})
    assert Person.get_by_id(person.id).name == person.name
