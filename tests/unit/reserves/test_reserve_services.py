"""core.reserves.services: a returnee enters the pool in one audited transaction; a refusal
writes nothing, not even an audit row."""
from __future__ import annotations

import pytest
from peewee import SQL

from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import (Activity, AnnualReview, AuditLog, History, ReserveCadre, Returnee,
                                             Vetting, VillageCadre)
from rural_cadre_desktop.core.reserves import cadres
from rural_cadre_desktop.core.reserves import query as rq
from rural_cadre_desktop.core.reserves import services
from rural_cadre_desktop.core.reserves.coverage import coverage


def _audits(action):
    return [a.detail for a in AuditLog.select().where(AuditLog.action == action)]


def test_from_returnee_opens_a_membership_and_logs_the_activity(demo_store):
    r = next(r for r in Returnee.alive() if rq.active_membership(r.person_id) is None)
    before = (rq.count(), Activity.alive().count())
    reserve, act = services.from_returnee(r.person_id, "secretary", "masses")
    assert (rq.count(), Activity.alive().count()) == (before[0] + 1, before[1] + 1)
    assert rq.active_membership(r.person_id) == reserve.id
    assert reserve.track == "secretary" and act.kind == "reserve_cultivation"
    assert _audits("to-reserve") == [f"{r.person_id} secretary"]


def test_twice_is_refused_and_writes_nothing(demo_store):
    r = next(r for r in Returnee.alive() if rq.active_membership(r.person_id) is None)
    services.from_returnee(r.person_id)
    counts = (ReserveCadre.select().count(), Activity.select().count(), AuditLog.select().count())
    with pytest.raises(UserError, match="无需重复转入"):
        services.from_returnee(r.person_id)
    assert (ReserveCadre.select().count(), Activity.select().count(), AuditLog.select().count()) == counts
    with pytest.raises(UserError):
        services.from_returnee("no-such-person")


# -- issue 11: add / vet / review / remove, posts, coverage ----------------------------------------
def _id(first17):
    """A 身份证号 with its check character (born 1990-03-07, 1970-01-01, 2015-06-01 below)."""
    from rural_cadre_desktop.core.validation import id_check_char
    return first17 + id_check_char(first17)


@pytest.fixture
def small(store):
    """Three villages (东村, 西村, 南村), four people; 东村 has a sitting 一肩挑 secretary."""
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.regions import add_village
    vs = {n: add_village(n) for n in ("东村", "西村", "南村")}
    people = {
        "young": create_person({"name": "王青", "id_number": _id("61010219900307231"), "political_status": "01",
                                "education": "30"}, vs["东村"]),
        "old": create_person({"name": "李老", "id_number": _id("61010219700101002"), "political_status": "13",
                              "education": "70"}, vs["西村"]),
        "child": create_person({"name": "赵小", "id_number": _id("61010220150601001")}, vs["南村"]),
        "sec": create_person({"name": "周书", "political_status": "01", "education": "20",
                              "birth_date": "1980-05-01"}, vs["东村"]),
    }
    cadres.add_post(people["sec"].id, "东村", "secretary", True, "2021-10-01")
    return vs, people


def _counts():
    return (ReserveCadre.select().count(), Vetting.select().count(), AnnualReview.select().count(),
            VillageCadre.select().count(), AuditLog.select().count(), History.select().count())


def _cov():
    return {r["village"]: r for r in coverage()}


def test_add_is_active_at_once_by_id_number_and_audited(small):
    vs, ps = small
    o = services.add(ps["young"].id_number, "东村", "secretary", "masses", "2026-01-10")
    r = ReserveCadre.get_by_id(o.record.id)
    assert (r.person_id, r.village_id, r.track, r.status, r.entered_date, r.recommended_by) == \
        (ps["young"].id, vs["东村"].id, "secretary", "active", "2026-01-10", "masses")
    assert o.warnings == []                      # 36, 党员, 大专: nothing to warn about
    assert _audits("reserve-add") == [f"{r.id} {ps['young'].id} secretary"]


def test_add_warns_but_takes_an_old_non_member_with_little_schooling(small):
    _, ps = small
    o = services.add(ps["old"].id, "西村", "secretary", date="2026-01-10")
    text = " ".join(o.warnings)
    assert "56岁" in text and "中共党员" in text and "低于高中" in text and len(o.warnings) == 3
    assert ReserveCadre.get_by_id(o.record.id).status == "active"
    # the same person as a two_committees candidate: no age/party warning, schooling still warned
    o2 = services.add(ps["old"].id, "西村", "two_committees", date="2026-01-10")
    assert len(o2.warnings) == 1 and "低于高中" in o2.warnings[0]


def test_add_refusals_change_nothing(small):
    _, ps = small
    services.add(ps["young"].id, "东村", "secretary")
    before = _counts()
    with pytest.raises(UserError, match="不能重复纳入"):
        services.add(ps["young"].id, "西村", "secretary")
    with pytest.raises(ValidationError, match="未满18岁"):
        services.add(ps["child"].id, "南村", "two_committees", date="2026-01-10")
    with pytest.raises(ValidationError, match="不在本乡镇"):
        services.add(ps["old"].id, "没有村", "secretary")
    with pytest.raises(ValidationError, match="后备类别"):
        services.add(ps["old"].id, "西村", "chief")
    with pytest.raises(UserError, match="找不到人员"):
        services.add("110101199001010000", "西村", "secretary")
    with pytest.raises(ValidationError, match="看不懂"):
        services.add(ps["old"].id, "西村", "secretary", date="明天")
    assert _counts() == before
    # another track is a membership of its own
    services.add(ps["young"].id, "东村", "two_committees")


def test_vet_steps_in_order(small):
    _, ps = small
    rid = services.add(ps["young"].id, "东村", "secretary").record.id
    before = _counts()
    with pytest.raises(UserError, match="还没有通过村级摸排"):
        services.vet(rid, "township", "pass")
    with pytest.raises(UserError, match="还没有通过乡级初审"):
        services.vet(rid, "county", "pass")
    with pytest.raises(UserError, match="找不到后备干部记录"):
        services.vet("no-such-id", "village", "pass")
    with pytest.raises(ValidationError, match="审查环节"):
        services.vet(rid, "province", "pass")
    with pytest.raises(ValidationError, match="审查结果"):
        services.vet(rid, "village", "pending")
    assert _counts() == before
    for step, reviewer in (("village", "村党组织"), ("township", "镇党委"), ("county", "县委组织部")):
        o = services.vet(rid, step, "pass", "2026-03-01", reviewer, "材料齐全")
        assert (o.record.step, o.record.result, o.record.date, o.record.reviewer, o.record.remarks) == \
            (step, "pass", "2026-03-01", reviewer, "材料齐全")
        assert not o.left
    with pytest.raises(UserError, match="已经通过"):
        services.vet(rid, "township", "pass")
    assert [v.step for v in Vetting.select().where(Vetting.reserve == rid).order_by(SQL("rowid"))] == \
        ["village", "township", "county"]
    assert ReserveCadre.get_by_id(rid).status == "active"
    assert _audits("reserve-vet") == [f"{rid} village pass", f"{rid} township pass", f"{rid} county pass"]


def test_a_failed_step_takes_the_person_out(small):
    _, ps = small
    rid = services.add(ps["young"].id, "东村", "secretary").record.id
    services.vet(rid, "village", "pass", "2026-03-01")
    assert _cov()["东村"]["secretary_candidates"] == 1
    o = services.vet(rid, "township", "fail", "2026-04-02", "镇党委")
    r = ReserveCadre.get_by_id(rid)
    assert (r.status, r.left_date, r.left_reason) == ("left", "2026-04-02", "资格联审：乡级初审未通过")
    assert o.left and o.gap == "东村"
    assert _cov()["东村"]["lacks_secretary_candidate"] is True
    before = _counts()
    with pytest.raises(UserError, match="已出库"):
        services.vet(rid, "township", "pass")
    assert _counts() == before


def test_review_once_a_year_and_incompetent_leaves_and_coverage_flips(small):
    _, ps = small
    rid = services.add(ps["young"].id, "东村", "secretary").record.id
    services.review(rid, 2025, "competent", "镇党委")
    before = _counts()
    with pytest.raises(UserError, match="每年只评议一次"):
        services.review(rid, 2025, "excellent")
    with pytest.raises(ValidationError):
        services.review(rid, 2026, "bad")
    with pytest.raises(ValidationError):
        services.review(rid, 1900, "competent")
    assert _counts() == before
    assert _cov()["东村"]["lacks_secretary_candidate"] is False
    o = services.review(rid, "2026", "incompetent", "镇党委", "年度考察不称职", date="2026-12-20")
    r = ReserveCadre.get_by_id(rid)
    assert (r.status, r.left_reason, r.left_date) == ("left", "年度考察评议不称职", "2026-12-20")
    assert o.left and o.gap == "东村"
    assert _cov()["东村"] == {**_cov()["东村"], "secretary_candidates": 0, "lacks_secretary_candidate": True}
    assert _audits("reserve-review") == [f"{rid} 2025 competent", f"{rid} 2026 incompetent"]
    with pytest.raises(UserError, match="已出库"):
        services.review(rid, 2027, "competent")


def test_negative_list_is_recorded_warned_and_remembered(small):
    _, ps = small
    rid = services.add(ps["young"].id, "东村", "two_committees").record.id
    o = services.review(rid, 2026, "basically_competent", negative_list="涉黑涉恶线索")
    assert AnnualReview.get_by_id(o.record.id).negative_list == "涉黑涉恶线索"
    assert any("负面清单" in w for w in o.warnings)
    o2 = services.add(ps["young"].id, "东村", "secretary")
    assert any("涉黑涉恶线索" in w for w in o2.warnings)


def test_remove_keeps_the_record(small):
    _, ps = small
    rid = services.add(ps["young"].id, "东村", "secretary").record.id
    services.add(ps["old"].id, "东村", "secretary")
    before = _counts()
    with pytest.raises(ValidationError, match="出库原因"):
        services.remove(rid, "  ")
    with pytest.raises(UserError, match="找不到"):
        services.remove("nope", "x")
    assert _counts() == before
    o = services.remove(rid, "外出务工，不再担任", "2026-05-01")
    assert o.gap is None                         # 李老 still stands for 东村
    r = ReserveCadre.get_by_id(rid)
    assert (r.deleted, r.status, r.left_date, r.left_reason) == (False, "left", "2026-05-01", "外出务工，不再担任")
    assert rid in rq.reserve_ids(rq.ReserveQuery(status="left"))
    assert _audits("reserve-remove") == [rid]
    with pytest.raises(UserError, match="已出库"):
        services.remove(rid, "again")
    # leaving the pool for good does not block entering again later
    services.add(ps["young"].id, "东村", "secretary")


def test_cadre_posts_and_refusals(small):
    vs, ps = small
    sitting = cadres.sitting_secretary(vs["东村"].id)
    assert sitting.person_id == ps["sec"].id and sitting.holds_both_posts is True
    before = _counts()
    with pytest.raises(UserError, match="已有现任书记"):
        cadres.add_post(ps["young"].id, "东村", "secretary", False, "2024-01-01")
    with pytest.raises(UserError, match="已有现任主任"):
        cadres.add_post(ps["young"].id, "东村", "director", False, "2024-01-01")
    with pytest.raises(ValidationError, match="只适用于书记"):
        cadres.add_post(ps["young"].id, "西村", "director", True, "2024-01-01")
    with pytest.raises(ValidationError, match="任职时间"):
        cadres.add_post(ps["young"].id, "西村", "member", False, None)
    with pytest.raises(ValidationError, match="早于"):
        cadres.add_post(ps["young"].id, "西村", "member", False, "2024-01", "2023-12-31")
    with pytest.raises(ValidationError, match="职务"):
        cadres.add_post(ps["young"].id, "西村", "mayor", False, "2024-01-01")
    with pytest.raises(UserError, match="无需重复"):
        cadres.add_post(ps["sec"].id, "东村", "secretary", True, "2024-01-01")
    assert _counts() == before
    # a past secretary of 东村 (with an end date) is a record of history, not a second sitting one
    past = cadres.add_post(ps["old"].id, "东村", "secretary", False, "2015-10-01", "2021-09-30")
    assert (past.term_end, past.holds_both_posts) == ("2021-09-30", False)
    c = cadres.add_post(ps["young"].id, "西村", "secretary", True, "2024-01-01")
    assert (c.post, c.holds_both_posts, c.term_start, c.term_end) == ("secretary", True, "2024-01-01", None)
    assert _audits("cadre-add")[-1] == f"{c.id} {ps['young'].id} secretary"
    cov = _cov()
    assert (cov["东村"]["sitting_secretary"], cov["西村"]["sitting_secretary"], cov["南村"]["sitting_secretary"]) == \
        ("周书", "王青", None)
    assert cov["西村"]["secretary_holds_both_posts"] is True and cov["南村"]["secretary_holds_both_posts"] is None


def test_coverage_figures_by_hand(small):
    vs, ps = small
    from rural_cadre_desktop.core.people import create_person
    extra = create_person({"name": "孙二", "birth_date": "1995-01-01", "education": "20"}, vs["南村"])
    services.add(ps["young"].id, "东村", "secretary")
    services.add(ps["young"].id, "东村", "two_committees")
    services.add(ps["old"].id, "西村", "two_committees")
    left = services.add(extra.id, "南村", "secretary").record.id
    services.add(extra.id, "南村", "two_committees")
    services.remove(left, "调离")
    rows = coverage()
    assert [r["village"] for r in rows] == ["东村", "西村", "南村"]
    got = {r["village"]: (r["secretary_candidates"], r["two_committee_candidates"], r["lacks_secretary_candidate"],
                          r["sitting_secretary"]) for r in rows}
    assert got == {"东村": (1, 1, False, "周书"), "西村": (0, 1, True, None), "南村": (0, 1, True, None)}
    assert all(r["village_id"] == vs[r["village"]].id for r in rows)
