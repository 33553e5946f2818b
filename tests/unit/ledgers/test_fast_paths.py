"""The import's fast paths (core/ledgers/fast.py) answer exactly as the full validators in
core.validation: the same number back, or the same refusal, for every 身份证号; the same sex and
birth date from it."""
from __future__ import annotations

import random

import pytest

from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.ledgers import fast
from rural_cadre_desktop.core.validation import (
    check_id_agrees,
    id_birth_date,
    id_sex,
    normalise_id_number,
)

from .helpers import make_id, wrong_check


def outcome(fn, raw):
    try:
        return fn(raw)
    except ValidationError as e:
        return ("refused", e.zh)


def id_cells() -> list:
    rng = random.Random(7)
    cells = []
    for _ in range(4000):
        birth = f"{rng.randint(1890, 2040)}{rng.randint(0, 13):02d}{rng.randint(0, 32):02d}"
        idn = make_id(birth, rng.randint(0, 999), male=rng.random() < 0.5)
        cells += [idn, wrong_check(idn), idn[:17] + "x", idn[:17], " " + idn, idn.replace("1", "１", 1)]
    return cells + ["", "61102119800101123X", "6110211980010112_3", "+61102119800101123", 12345, None]


def test_id_number_as_normalise_id_number():
    for raw in id_cells():
        assert outcome(fast.id_number, raw) == outcome(normalise_id_number, raw), raw


@pytest.mark.parametrize("sex", [None, "", "1", "2"])
@pytest.mark.parametrize("birth", [None, "", "1980", "1980-01", "1980-01-01", "1981-01", "1980-01-02"])
def test_id_facts_as_check_id_agrees(sex, birth):
    for idn in (make_id("19800101", 11), make_id("19800101", 12, male=False)):
        facts = fast.id_facts(idn, sex, birth)
        try:
            check_id_agrees(idn, sex, birth)
        except ValidationError:
            assert facts is None
        else:
            assert facts == (id_sex(idn), id_birth_date(idn))
