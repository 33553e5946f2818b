"""Helpers for the document tests: real demo databases with rare-character names."""
import pytest

MM = 72 / 25.4
RARE = ["王䶮", "李𠇔", "张堃", "刘喆"]


@pytest.fixture
def rare_store(demo_store):
    """The demo store with four returnees renamed to names the usual fonts lack; returns their ids."""
    from rural_cadre_desktop.core.models import Person, Returnee
    from rural_cadre_desktop.core.people import update_person
    ids = []
    rows = (Returnee.alive().join(Person).order_by(Person.name_strokes).limit(len(RARE)))
    for ret, name in zip(list(rows), RARE):
        update_person(ret.person, {"name": name})
        ids.append(ret.person_id)
    return ids


def text_of(path) -> str:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)
