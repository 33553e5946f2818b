"""A small township for the training tests: two villages, their secretaries (one who took over in
mid-2026 from one who left), a member of the committee and two returnees."""
from __future__ import annotations

import pytest


def id_number(first17: str) -> str:
    from rural_cadre_desktop.core.validation import id_check_char
    return first17 + id_check_char(first17)


@pytest.fixture
def town(store):
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.regions import add_village
    from rural_cadre_desktop.core.reserves import cadres
    from rural_cadre_desktop.core.returnees.services import add_returnee
    vs = {n: add_village(n) for n in ("东村", "西村")}
    p = {
        "east": create_person({"name": "周书", "id_number": id_number("61010219800501231")}, vs["东村"]),
        "old": create_person({"name": "吴老", "id_number": id_number("61010219600101231")}, vs["西村"]),
        "new": create_person({"name": "郑新", "id_number": id_number("61010219850707231")}, vs["西村"]),
        "member": create_person({"name": "钱委", "id_number": id_number("61010219900909231")}, vs["东村"]),
    }
    cadres.add_post(p["east"].id, "东村", "secretary", True, "2021-10-01")
    cadres.add_post(p["old"].id, "西村", "secretary", False, "2018-01-01", "2026-06-30")
    cadres.add_post(p["new"].id, "西村", "secretary", False, "2026-07-01")
    cadres.add_post(p["member"].id, "东村", "member", False, "2021-10-01")
    r1 = add_returnee({"name": "孙归", "id_number": id_number("61010219950303231")}, {"status": "returned"}, vs["东村"])
    r2 = add_returnee({"name": "李外", "id_number": id_number("61010219960404231")}, {"status": "away"}, vs["西村"])
    p["ret1"], p["ret2"] = r1.person, r2.person
    return vs, p
