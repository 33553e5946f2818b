"""Structure (core/reserves/structure.py) and coverage (core/reserves/coverage.py) of the pool,
against figures computed by hand on a small fixture.

The fixture, ages on 2026-12-01:

  person  village  membership(s)          birth        age  学历        性别  政治面貌   source
  甲      东村     secretary              1991-12-01   35   20 本科      男    01 党员    returnee
  乙      东村     two_committees         1990-12-01   36   30 大专      女    02 预备    sitting 委员
  丙      西村     secretary              1990-12-02   35   60 高中      男    13 群众    —
  丁      西村     two_committees         1980-06      46   40 中职      女    03 团员    returnee + sitting 委员
  戊      东村     secretary + two_comm.  —            ?    10 研究生    —     —          —
  己      西村     two_committees         1960-01-15   66   70 初中      男    01 党员    past post (ended)
  庚      西村     secretary, LEFT        1995-05-05   31   20 本科      男    01         — (not counted)
  辛      东村     none (sitting 书记 一肩挑)                                                — (not counted)
"""
from __future__ import annotations

import pytest

from rural_cadre_desktop.core import store as st
from rural_cadre_desktop.core.models import Returnee
from rural_cadre_desktop.core.reserves import cadres, services
from rural_cadre_desktop.core.reserves.coverage import coverage
from rural_cadre_desktop.core.reserves.structure import age_band, structure

ON = "2026-12-01"


@pytest.fixture
def pool(store):
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.regions import add_village
    vs = {n: add_village(n) for n in ("东村", "西村", "南村")}

    def person(name, village, **raw):
        return create_person({"name": name, **raw}, vs[village])
    ps = {
        "甲": person("甲一", "东村", birth_date="1991-12-01", education="20", sex="1", political_status="01"),
        "乙": person("乙二", "东村", birth_date="1990-12-01", education="30", sex="2", political_status="02"),
        "丙": person("丙三", "西村", birth_date="1990-12-02", education="60", sex="1", political_status="13"),
        "丁": person("丁四", "西村", birth_date="1980-06", education="40", sex="2", political_status="03"),
        "戊": person("戊五", "东村", education="10"),
        "己": person("己六", "西村", birth_date="1960-01-15", education="70", sex="1", political_status="01"),
        "庚": person("庚七", "西村", birth_date="1995-05-05", education="20", sex="1", political_status="01"),
        "辛": person("辛八", "东村", birth_date="1970-03-03", education="20", sex="1", political_status="01"),
    }
    for key in ("甲", "丁"):
        st.insert(Returnee, person=ps[key], status="returned")
    add = services.add
    add(ps["甲"].id, "东村", "secretary", date="2025-01-01")
    add(ps["乙"].id, "东村", "two_committees", date="2025-01-01")
    add(ps["丙"].id, "西村", "secretary", date="2025-01-01")
    add(ps["丁"].id, "西村", "two_committees", date="2025-01-01")
    add(ps["戊"].id, "东村", "secretary", date="2025-01-01")
    add(ps["戊"].id, "东村", "two_committees", date="2025-01-01")
    add(ps["己"].id, "西村", "two_committees", date="2025-01-01")
    gone = add(ps["庚"].id, "西村", "secretary", date="2025-01-01").record.id
    services.remove(gone, "外出务工", "2026-03-01")
    cadres.add_post(ps["乙"].id, "东村", "member", False, "2021-10-01")
    cadres.add_post(ps["丁"].id, "西村", "member", False, "2021-10-01")
    cadres.add_post(ps["己"].id, "西村", "director", False, "2015-10-01", "2021-09-30")
    cadres.add_post(ps["辛"].id, "东村", "secretary", True, "2021-10-01")
    return vs, ps


def test_age_bands_edges():
    assert [age_band(a) for a in (None, 18, 35, 36, 45, 46, 55, 56, 80)] == \
        ["未知", "35岁及以下", "35岁及以下", "36–45岁", "36–45岁", "46–55岁", "46–55岁", "56岁以上", "56岁以上"]


def test_township_structure_by_hand(pool):
    s = structure(on=ON)
    assert s.total == 6                      # 庚 left, 辛 is not in the pool, 戊 counted once
    assert s.groups["age"] == [("35岁及以下", 2), ("36–45岁", 1), ("46–55岁", 1), ("56岁以上", 1), ("未知", 1)]
    assert s.groups["education"] == [("研究生", 1), ("大学本科", 1), ("大专", 1), ("高中/中专", 2), ("初中及以下", 1)]
    assert s.groups["gender"] == [("男", 3), ("女", 2), ("未知", 1)]
    assert s.groups["party"] == [("党员", 3), ("非党员", 3)]
    assert s.groups["source"] == [("返乡人员", 2), ("现任村干部", 1), ("其他", 3)]
    assert s.average_age == 43.6             # (35 + 36 + 35 + 46 + 66) / 5
    assert s.college == 3
    rows = s.rows()
    assert ("年龄", "35岁及以下", 2, "33.3%") in rows and ("学历", "大专", 1, "16.7%") in rows
    assert ("政治面貌", "党员", 3, "50.0%") in rows and ("来源", "其他", 3, "50.0%") in rows
    assert s.summary() == "在库后备干部6人，平均年龄43.6岁，大专及以上3人（50.0%），党员3人（50.0%）"


def test_birthday_on_the_reference_date_counts(pool):
    # 甲 turns 35 on 2026-12-01, 乙 turns 36 that day; the day before 乙 is still 35
    assert structure(on="2026-11-30").groups["age"][:2] == [("35岁及以下", 3), ("36–45岁", 0)]
    assert structure(on=ON).groups["age"][:2] == [("35岁及以下", 2), ("36–45岁", 1)]


def test_one_village_one_track(pool):
    vs, _ = pool
    east = structure(vs["东村"].id, on=ON)
    assert east.total == 3 and east.groups["age"] == [("35岁及以下", 1), ("36–45岁", 1), ("46–55岁", 0),
                                                       ("56岁以上", 0), ("未知", 1)]
    assert east.groups["source"] == [("返乡人员", 1), ("现任村干部", 1), ("其他", 1)]
    sec = structure(track="secretary", on=ON)
    assert sec.total == 3 and sec.groups["gender"] == [("男", 2), ("女", 0), ("未知", 1)]
    assert structure(vs["东村"].id, "secretary", on=ON).total == 2
    empty = structure(vs["南村"].id, on=ON)
    assert empty.total == 0 and empty.average_age is None and empty.summary() == "在库后备干部 0 人"
    assert all(n == 0 for _, _, n, _ in empty.rows())


def test_coverage_on_the_same_fixture_by_hand(pool):
    got = {r["village"]: (r["secretary_candidates"], r["two_committee_candidates"], r["lacks_secretary_candidate"],
                          r["sitting_secretary"], r["secretary_holds_both_posts"]) for r in coverage()}
    assert got == {"东村": (2, 2, False, "辛八", True), "西村": (1, 2, False, None, None),
                   "南村": (0, 0, True, None, None)}


def test_coverage_after_the_last_secretary_candidate_leaves(pool):
    from rural_cadre_desktop.core.models import ReserveCadre
    _, ps = pool
    rid = ReserveCadre.get((ReserveCadre.person == ps["丙"].id) & (ReserveCadre.status == "active")).id
    assert services.remove(rid, "调离", "2026-11-01").gap == "西村"
    west = next(r for r in coverage() if r["village"] == "西村")
    assert (west["secretary_candidates"], west["lacks_secretary_candidate"]) == (0, True)
    assert structure(on=ON).total == 5
