"""A small registry on a real database: two villages and a few returnees with known names."""
from __future__ import annotations

import pytest



def make_id(birth: str, seq: int) -> str:
    from rural_cadre_desktop.core.validation import id_check_char
    s17 = "611021" + birth.replace("-", "") + f"{seq:03d}"
    return s17 + id_check_char(s17)


@pytest.fixture
def reg(store):
    from rural_cadre_desktop.core import regions
    from rural_cadre_desktop.core.returnees.registry import add_returnee
    shimen = regions.add_village("石门村")
    liushu = regions.add_village("柳树村")
    people = {
        "张三": add_returnee({"name": "张三", "id_number": make_id("1985-03-05", 123), "phone": "13800001111",
                             "political_status": "党员"},
                            {"status": "returned", "return_date": "2024-05-01", "wants_party": "是",
                             "work_place": "浙江杭州"}, shimen),
        "李四": add_returnee({"name": "李四", "id_number": make_id("1990-07-01", 124)},
                            {"status": "away", "work_place": "广东深圳", "wants_cadre": "是"}, liushu),
        "张珊": add_returnee({"name": "张珊", "birth_date": "1992-01-02"},
                            {"status": "returned", "return_date": "2023-03-01",
                             "business_registered_date": "2023-04-01"}, shimen),
        "王五": add_returnee({"name": "王五", "phone": "13912345678"}, {}, liushu),
    }
    return {"villages": {"石门村": shimen, "柳树村": liushu}, "returnees": people}
