"""村两委 posts (core/reserves/cadres.py): 修改 / 离任 / 删除 and a post for a new person, each
refusal one sentence that changes nothing; the page's listing (current first, past after)."""
from __future__ import annotations

import datetime as dt

import pytest

from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import AuditLog, History, Person, VillageCadre
from rural_cadre_desktop.core.reserves import cadres, services

TODAY = dt.date(2026, 12, 1)


def _id(first17):
    from rural_cadre_desktop.core.validation import id_check_char
    return first17 + id_check_char(first17)


@pytest.fixture
def town(store):
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.regions import add_village
    vs = {n: add_village(n) for n in ("东村", "西村")}
    ps = {k: create_person({"name": n, "birth_date": b, "education": "20", "political_status": "01"}, vs["东村"])
          for k, n, b in (("a", "王一", "1980-01-01"), ("b", "李二", "1985-02-02"), ("c", "张三", "1990-03-03"))}
    return vs, ps


def _counts():
    return (VillageCadre.select().count(), Person.select().count(), AuditLog.select().count(),
            History.select().count())


def test_future_dates_and_unknown_person_are_refused(town):
    vs, ps = town
    before = _counts()
    with pytest.raises(ValidationError, match="晚于今天"):
        cadres.add_post(ps["a"].id, "东村", "secretary", False, "2026-12-02", today=TODAY)
    with pytest.raises(ValidationError, match="离任时间2027-01-01晚于今天"):
        cadres.add_post(ps["a"].id, "东村", "member", False, "2021-10-01", "2027-01-01", today=TODAY)
    with pytest.raises(UserError, match="找不到人员"):
        cadres.add_post("no-such-person", "东村", "member", False, "2021-10-01", today=TODAY)
    assert _counts() == before
    assert cadres.add_post(ps["a"].id, "东村", "secretary", False, "2026-12-01", today=TODAY).term_start == "2026-12-01"


def test_director_refused_while_the_secretary_holds_both_and_says_who(town):
    vs, ps = town
    cadres.add_post(ps["a"].id, "东村", "secretary", True, "2021-10-01", today=TODAY)
    before = _counts()
    with pytest.raises(UserError) as e:
        cadres.add_post(ps["b"].id, "东村", "director", False, "2022-01-01", today=TODAY)
    assert e.value.zh.startswith("东村已有现任主任“王一”（书记一肩挑）")
    with pytest.raises(UserError, match="已有现任书记“王一”"):
        cadres.add_post(ps["b"].id, "东村", "secretary", False, "2022-01-01", today=TODAY)
    assert _counts() == before
    # a director in another village is fine
    assert cadres.add_post(ps["b"].id, "西村", "director", False, "2022-01-01", today=TODAY).post == "director"


def test_edit_end_and_delete(town):
    vs, ps = town
    sec = cadres.add_post(ps["a"].id, "东村", "secretary", False, "2021-10-01", today=TODAY)
    director = cadres.add_post(ps["b"].id, "东村", "director", False, "2021-10-01", today=TODAY)
    before = _counts()
    # the secretary cannot take 一肩挑 while someone else is the sitting director
    with pytest.raises(UserError, match="已有现任主任“李二”"):
        cadres.edit_post(sec.id, "secretary", True, "2021-10-01", None, today=TODAY)
    with pytest.raises(ValidationError, match="早于任职时间"):
        cadres.end_post(director.id, "2020-01-01", today=TODAY)
    assert _counts() == before
    cadres.end_post(director.id, "2024-06-30", today=TODAY)
    assert VillageCadre.get_by_id(director.id).term_end == "2024-06-30"
    with pytest.raises(UserError, match="已于2024-06-30离任"):
        cadres.end_post(director.id, None, today=TODAY)
    assert cadres.edit_post(sec.id, "secretary", True, "2021-10-01", None, today=TODAY) == ["holds_both_posts"]
    assert [a.action for a in AuditLog.select().order_by(AuditLog.seq)][-2:] == ["cadre-end", "cadre-edit"]
    listed = cadres.posts(vs["东村"].id, today=TODAY)
    assert [(r["name"], r["post"], r["holds_both"], r["current"]) for r in listed] == \
        [("王一", "secretary", True, True), ("李二", "director", False, False)]
    assert listed[0]["age"] == 46 and listed[0]["education"] == "大学本科" and listed[0]["political"] == "中共党员"
    cadres.delete_post(director.id)
    assert VillageCadre.get_by_id(director.id).deleted is True
    assert [r["name"] for r in cadres.posts(vs["东村"].id, today=TODAY)] == ["王一"]
    with pytest.raises(UserError, match="找不到村两委任职记录"):
        cadres.end_post(director.id, None, today=TODAY)


def test_post_for_a_new_person(town):
    vs, _ = town
    idn = _id("61010219880808123")
    row = cadres.add_post_for_new("赵新", idn, "西村", "secretary", True, "2024-01-01", today=TODAY)
    p = Person.get_by_id(row.person_id)
    assert (p.name, p.id_number, p.birth_date, p.village_id) == ("赵新", idn, "1988-08-08", vs["西村"].id)
    assert p.name_pinyin                                   # the dictionary-order key every insert stores
    before = _counts()
    with pytest.raises(ValidationError, match="已登记在“赵新”名下"):
        cadres.add_post_for_new("赵新", idn, "西村", "member", False, "2024-01-01", today=TODAY)
    with pytest.raises(UserError, match="已有现任书记"):
        cadres.add_post_for_new("钱另", _id("61010219900101123"), "西村", "secretary", False, "2024-01-01",
                                today=TODAY)
    with pytest.raises(ValidationError, match="身份证号"):
        cadres.add_post_for_new("钱另", "", "西村", "member", False, "2024-01-01", today=TODAY)
    assert _counts() == before


def test_candidates_beside_the_posts(town):
    vs, ps = town
    services.add(ps["c"].id, "东村", "two_committees", date="2025-01-01")
    services.add(ps["b"].id, "东村", "secretary", date="2025-01-01")
    got = [(r["name"], r["track"], r["age"]) for r in cadres.candidates(vs["东村"].id, today=TODAY)]
    assert got == [("李二", "secretary", 41), ("张三", "two_committees", 36)]
    assert cadres.candidates(vs["西村"].id, today=TODAY) == []
