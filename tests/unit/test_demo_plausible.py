"""Demo data is the first thing anyone sees: every person and family member in a generated demo
database obeys the rules a clerk would check (SQL over the real file, every row, not a sample).

- 政治面貌 agrees with age: 共青团员 14–28; 党员/预备党员 18+, with 入党时间 after the 18th birthday
  and after 参加工作, before today (预备党员 within the last year, 党员 more than a year ago);
  群众 and 团员 have no 入党时间;
- dates in order: birth < 参加工作 < 入党, 返乡 and 创业 after working and not in the future;
- work fits: a 厂长 or 项目经理 is 28 or older, the enterprise is of the industry, a party member has
  no 入党意向;
- given names agree with sex (persons and family members);
- family members: 妻子 for a man and 丈夫 for a woman, of similar age; 儿子/女儿 20–40 years younger
  with the person's (or the husband's) surname; 父亲/母亲 20–40 years older, the father with the
  person's surname; 退休 only from 60 (men) / 55 (women); 在校学生 only 6–21 and everyone under 22
  at school (or not yet); 党员 only 18+, 共青团员 only 14–28;
- the "八个一" as the practice does them: batches and meetings per village, not per person.
"""
from __future__ import annotations

import datetime as dt

import pytest

from rural_cadre_desktop.core import demo
from rural_cadre_desktop.core.models import Person

TODAY = dt.date.today()
MALE_RELATIONS, FEMALE_RELATIONS = {"父亲", "丈夫", "儿子"}, {"母亲", "妻子", "女儿"}


def age(birth: str) -> int:
    y, m = int(birth[:4]), int(birth[5:7])
    d = int(birth[8:10]) if len(birth) >= 10 else 1
    return TODAY.year - y - ((TODAY.month, TODAY.day) < (m, d))


def plus_years(date: str, n: int) -> str:
    return f"{int(date[:4]) + n:04d}{date[4:]}"


def given_of(name: str) -> str:
    return name[1:]


def given_fits(sex: str, given: str) -> bool:
    """A given name of that sex's characters (a few have their last one swapped for a rare one); a
    one-character name is one that stands alone (never 白家, 李子)."""
    chars, rare = (demo.MALE_CHARS if sex == "1" else demo.FEMALE_CHARS), demo.RARE_GIVEN[sex]
    if len(given) == 1:
        return given in demo.ALONE and given in chars or given in rare
    return len(given) == 2 and given[0] in chars and (given[1] in chars or given[1] in rare)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A demo of a few thousand people (and their activities, cadres, reserves and families)."""
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.setup import init_installation
    from rural_cadre_desktop.core.store import open_store
    database = open_store(tmp_path_factory.mktemp("demo") / "demo.db")
    init_installation("洛南县", "石门镇")
    demo.generate(villages=8, returnees=3000, seed=11)
    yield database
    db.close()


def rows(sql: str, params=()) -> list[tuple]:
    return list(Person._meta.database.execute_sql(sql, params))


def test_every_person_agrees_with_age_and_dates(demo_db):
    people = rows("SELECT name, sex, birth_date, political_status, party_join_date, work_start_date, id_number "
                  "FROM person WHERE deleted = 0")
    assert len(people) > 3000
    year_ago = TODAY - dt.timedelta(days=365)
    bad = []
    for name, sex, birth, ps, joined, work, idn in people:
        a = age(birth)
        why = []
        if idn[6:14] != birth.replace("-", "") or (int(idn[16]) % 2 == 1) != (sex == "1"):
            why.append("ID number disagrees")
        if not given_fits(sex, given_of(name)):
            why.append("given name of the other sex")
        if ps == "03" and not 14 <= a <= 28:
            why.append(f"共青团员 aged {a}")
        if ps in ("01", "02"):
            if a < 18 or not joined:
                why.append("党员 under 18 or without 入党时间")
            else:
                if not plus_years(birth, 18) < joined < TODAY.isoformat():
                    why.append(f"入党 {joined} not between the 18th birthday and today")
                if ps == "02" and joined < year_ago.isoformat():
                    why.append(f"预备党员 since {joined}")
                if ps == "01" and joined > year_ago.isoformat():
                    why.append(f"正式党员 only since {joined}")
                if work and not work < joined:
                    why.append(f"入党 {joined} before 参加工作 {work}")
        elif joined:
            why.append(f"{ps} with 入党时间")
        if ps not in ("01", "02", "03", "13"):
            why.append(f"政治面貌 {ps}")
        if work and not (plus_years(birth, 16)[:7] < work <= TODAY.isoformat()):
            why.append(f"参加工作 {work} for a person born {birth}")
        if why:
            bad.append((name, birth, ps, joined, work, why))
    assert not bad, bad[:10]


def test_returnee_dates_in_order(demo_db):
    bad = rows("""
        SELECT p.name, p.birth_date, p.work_start_date, r.return_date, r.business_registered_date, r.startup_subsidy
        FROM returnee r JOIN person p ON p.id = r.person_id
        WHERE (r.return_date IS NOT NULL AND (r.return_date > date('now', 'localtime')
                 OR r.return_date <= p.work_start_date OR r.status <> 'returned'))
           OR (r.business_registered_date IS NOT NULL AND (r.return_date IS NULL
                 OR r.business_registered_date < r.return_date OR r.business_registered_date > date('now', 'localtime')))
           OR (r.startup_subsidy IS NOT NULL AND r.business_registered_date > date('now', 'localtime', '-6 months'))
           OR (r.status = 'returned' AND r.return_date IS NULL)""")
    assert not bad, bad[:10]


def test_returnee_work_fits_the_person(demo_db):
    senior = {row[1] for row in demo.INDUSTRIES}
    pairs = {(row[0], row[3]) for row in demo.INDUSTRIES}
    bad = []
    for birth, ps, industry, enterprise, position, wants_party in rows(
            "SELECT p.birth_date, p.political_status, r.industry, r.enterprise, r.position, r.wants_party "
            "FROM returnee r JOIN person p ON p.id = r.person_id"):
        if position in senior and age(birth) < 28 and position not in {row[2] for row in demo.INDUSTRIES}:
            bad.append((birth, position))
        if (industry, enterprise) not in pairs:
            bad.append((industry, enterprise))
        if wants_party and ps in ("01", "02"):
            bad.append((ps, "入党意向"))
    assert not bad, bad[:10]


def test_every_family_member_fits_the_relation(demo_db):
    family = rows("SELECT p.name, p.sex, p.birth_date, f.relation, f.name, f.birth_date, f.political_status, "
                  "f.work_unit FROM family_member f JOIN person p ON p.id = f.person_id WHERE f.deleted = 0")
    husbands = {(pn, pb): fn[0] for pn, _s, pb, rel, fn, *_ in family if rel == "丈夫"}
    assert len(family) > 50 and {f[3] for f in family} == MALE_RELATIONS | FEMALE_RELATIONS
    bad = []
    for pname, psex, pbirth, rel, name, birth, ps, work in family:
        a, gap = age(birth), int(pbirth[:4]) - int(birth[:4])        # gap > 0: older than the person
        sex = "1" if rel in MALE_RELATIONS else "2"
        why = []
        if not given_fits(sex, given_of(name)):
            why.append("given name of the other sex")
        if birth > TODAY.isoformat()[:7]:
            why.append("born in the future")
        if rel == "妻子" and psex != "1" or rel == "丈夫" and psex != "2":
            why.append("spouse of the wrong sex")
        if rel in ("妻子", "丈夫") and (abs(gap) > 5 or a < 20):
            why.append(f"spouse {gap} years apart, aged {a}")
        if rel in ("儿子", "女儿"):
            if not 20 <= -gap <= 40:
                why.append(f"child {-gap} years younger")
            father_surname = pname[0] if psex == "1" else husbands.get((pname, pbirth))
            if name[0] != father_surname:
                why.append("child without the father's surname")
        if rel in ("父亲", "母亲") and not 20 <= gap <= 40:
            why.append(f"parent {gap} years older")
        if rel == "父亲" and name[0] != pname[0]:
            why.append("father with another surname")
        if work == "退休" and a < (60 if sex == "1" else 55):
            why.append(f"退休 at {a}")
        if work == "在校学生" and not 6 <= a < 22:
            why.append(f"student at {a}")
        if a < 22 and work not in ("在校学生", "学龄前"):
            why.append(f"{work} at {a}")
        if ps == "01" and a < 18 or ps == "03" and not 14 <= a <= 28:
            why.append(f"政治面貌 {ps} at {a}")
        if why:
            bad.append((pname, rel, name, birth, ps, work, why))
    assert not bad, bad[:10]


def test_reserves_schooling_and_resume_in_order(demo_db):
    schooling = rows("SELECT p.birth_date, e.start_date, e.end_date, p.work_start_date FROM education e "
                     "JOIN person p ON p.id = e.person_id WHERE e.deleted = 0")
    assert schooling
    for birth, start, end, work in schooling:
        assert plus_years(birth, 12)[:7] <= start < end <= work, (birth, start, end, work)
    lines = rows("SELECT p.birth_date, p.work_start_date, r.seq, r.start_date, r.end_date FROM resume_entry r "
                 "JOIN person p ON p.id = r.person_id WHERE r.deleted = 0 ORDER BY r.person_id, r.seq")
    assert lines
    now = TODAY.isoformat()[:7]
    for birth, work, seq, start, end in lines:
        assert plus_years(birth, 12)[:7] <= start <= now and (end is None or start < end <= now), (birth, start, end)
        if seq == 1:
            assert start == work, (work, start)
    secretaries = rows("SELECT p.political_status, p.party_join_date FROM village_cadre c JOIN person p "
                       "ON p.id = c.person_id WHERE c.post IN ('secretary', 'deputy_secretary')")
    assert secretaries and all(ps == "01" and joined for ps, joined in secretaries)


def test_eight_ones_are_done_as_the_practice_does_them(demo_db):
    from rural_cadre_desktop.core.returnees import grid
    from rural_cadre_desktop.core.returnees.eight_ones import PER_VILLAGE
    assert not rows("SELECT id FROM activity WHERE date > date('now', 'localtime') OR CAST(substr(date, 1, 4) AS INT) <> year")
    assert not rows("SELECT a.id FROM activity a WHERE NOT EXISTS "
                    "(SELECT 1 FROM activity_participant ap WHERE ap.activity_id = a.id)")
    # a batch is a few chosen people, not everyone: no visit / 积极分子 / 后备力量 batch for each person
    n_returnees = rows("SELECT count(*) FROM returnee")[0][0]
    per_kind = dict(rows("SELECT a.kind, count(*) FROM activity_participant ap JOIN activity a "
                         "ON a.id = ap.activity_id WHERE a.year = ? GROUP BY a.kind", (TODAY.year - 1,)))
    for kind in ("visit", "party_activist", "reserve_cultivation", "symposium"):
        assert 0 < per_kind[kind] < n_returnees * 0.2, (kind, per_kind[kind])
    assert per_kind["invitation"] > n_returnees * 0.6
    # last year every village did every batch and meeting; this year some are still to do
    last, _ = grid.summary(TODAY.year - 1)
    assert all(not v["lacking"] for v in last if v["returnees"])
    assert all(v["times"][k] >= 1 for v in last for k in PER_VILLAGE if v["returnees"])
