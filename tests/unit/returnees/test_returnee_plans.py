"""The returnee list's query plans (issue 16; core/returnees/plan.py, schema v4 indexes): whichever
table a query starts from and whichever index it reads, the rows and their order are exactly those
of a plain reference — every live row filtered and sorted in Python — for each case of
bench/bench_filter.py, on a generated database with deleted rows, aliases, people without an ID
number, namesakes and missing phones. The plans the chooser picks are checked too."""
from __future__ import annotations

import pytest

from rural_cadre_desktop.core.returnees import plan, query
from rural_cadre_desktop.core.returnees.plan import Plan
from rural_cadre_desktop.core.returnees.query import ReturneeQuery as Q

_FIELDS = ("rowid", "name", "initials", "pinyin", "strokes", "id_number", "phone", "village_id",
           "political_status", "birth_date", "status", "return_date", "business_registered_date",
           "work_place", "wants_return", "wants_business", "wants_party", "wants_cadre", "live", "person_id")


@pytest.fixture
def ledger(store):
    """400 demo returnees, then the awkward cases the list must leave out or find."""
    from rural_cadre_desktop.core.db import database as db
    from rural_cadre_desktop.core.demo import generate
    from rural_cadre_desktop.core.people import name_keys
    generate(villages=4, returnees=400, seed=7)
    people = [r[0] for r in db.execute_sql("SELECT id FROM person ORDER BY rowid")]

    def rename(pid, name):
        ini, strokes, pinyin = name_keys(name)
        db.execute_sql("UPDATE person SET name = ?, name_initials = ?, name_strokes = ?, name_pinyin = ? "
                       "WHERE id = ?", [name, ini, strokes, pinyin, pid])
    for i, name in enumerate(["王建国", "李建国", "建国", "赵建国强", "张建"]):
        rename(people[10 + 7 * i], name)
    with db.atomic():
        for pid in people[50:70]:                      # no ID number; the first five get a namesake
            db.execute_sql("UPDATE person SET id_number = NULL WHERE id = ?", [pid])
        for a, b in zip(people[50:55], people[100:105]):
            db.execute_sql("UPDATE person SET (name, name_initials, name_strokes, name_pinyin, birth_date, "
                           "village_id) = (SELECT name, name_initials, name_strokes, name_pinyin, birth_date, "
                           "village_id FROM person WHERE id = ?) WHERE id = ?", [a, b])
        db.execute_sql("UPDATE person SET phone = NULL WHERE rowid % 9 = 0")
        db.execute_sql("UPDATE person SET deleted = 1 WHERE id IN (SELECT id FROM person ORDER BY rowid LIMIT 5 OFFSET 200)")
        db.execute_sql("UPDATE person SET alias_of_id = ? WHERE id IN (SELECT id FROM person ORDER BY rowid "
                       "LIMIT 4 OFFSET 220)", [people[0]])
        db.execute_sql("UPDATE returnee SET deleted = 1 WHERE rowid % 37 = 0")
        db.execute_sql("UPDATE returnee SET return_date = '2021-06-01' WHERE rowid % 41 = 1 AND return_date IS NOT NULL")
    return people


def reference(q: Q) -> list[int]:
    """The list by the book: every row read, filtered and sorted in Python (returnee rowids)."""
    from rural_cadre_desktop.core.db import database as db
    rows = [dict(zip(_FIELDS, r)) for r in db.execute_sql(
        "SELECT r.rowid, p.name, p.name_initials, p.name_pinyin, p.name_strokes, p.id_number, p.phone, "
        "p.village_id, p.political_status, p.birth_date, r.status, r.return_date, r.business_registered_date, "
        "r.work_place, r.wants_return, r.wants_business, r.wants_party, r.wants_cadre, "
        "r.deleted = 0 AND p.deleted = 0 AND p.alias_of_id IS NULL, p.id "
        "FROM returnee r JOIN person p ON p.id = r.person_id")]
    live = [r for r in rows if r["live"]]
    people_alive = [dict(zip(("person_id", "name", "birth_date", "village_id", "id_number"), p)) for p in db.execute_sql(
        "SELECT id, name, birth_date, village_id, id_number FROM person WHERE deleted = 0 AND alias_of_id IS NULL")]

    def duplicate(r):
        return r["birth_date"] is not None and any(
            o["person_id"] != r["person_id"] and (o["name"], o["birth_date"], o["village_id"]) ==
            (r["name"], r["birth_date"], r["village_id"]) and (o["id_number"] is None or r["id_number"] is None)
            for o in people_alive)

    def keep(r):
        s = q.search.replace(" ", "")
        if q.village_id and r["village_id"] != q.village_id:
            return False
        if q.political_status and r["political_status"] != q.political_status:
            return False
        if q.status and r["status"] != q.status:
            return False
        if any(r[w] != 1 for w in q.wants):
            return False
        if q.year and not (r[q.year_field] or "").startswith(f"{q.year:04d}"):
            return False
        if s.isascii() and s.isalpha():
            return r["initials"].startswith(s.lower())
        if s.isdigit() and len(s) == 18:
            return r["id_number"] == s
        if s.isdigit():
            return s in (r["id_number"] or "") or s in (r["phone"] or "")
        if s and s not in r["name"]:
            return False
        return not q.duplicates_only or duplicate(r)
    kept = [r for r in live if keep(r)]
    if q.sort == "name":
        kept.sort(key=lambda r: (r["pinyin"], r["strokes"], r["rowid"]), reverse=q.descending)
    elif q.sort == "strokes":
        kept.sort(key=lambda r: (r["strokes"], r["rowid"]), reverse=q.descending)
    else:                       # a text column: NULLs last both ways, ties by 姓氏笔画 then the row
        dated = sorted((r for r in kept if r[q.sort] is not None),
                       key=lambda r: (r[q.sort], r["strokes"], r["rowid"]), reverse=q.descending)
        undated = sorted((r for r in kept if r[q.sort] is None),
                         key=lambda r: (r["strokes"], r["rowid"]), reverse=q.descending)
        kept = dated + undated
    return [r["rowid"] for r in kept]


def cases(village_id: str, id_number: str) -> dict[str, Q]:
    """bench/bench_filter.py's cases, on this ledger."""
    return {
        "全部（按姓名）": Q(), "全部（按姓氏笔画）": Q(sort="strokes"), "按村": Q(village_id=village_id),
        "按村 + 已返乡 + 党员": Q(village_id=village_id, status="returned", political_status="01"),
        "已返乡": Q(status="returned"), "有入党意向": Q(wants=("wants_party",)), "返乡年份 2025": Q(year=2025),
        "政治面貌 党员": Q(political_status="01"), "拼音首字母 w": Q(search="w"), "姓名含“建国”": Q(search="建国"),
        "完整身份证号": Q(search=id_number), "号码含 12": Q(search="12"), "只看疑似重复": Q(duplicates_only=True),
        "号码含 1": Q(search="1"), "姓名含“张”": Q(search="张"), "返乡年份 2021": Q(year=2021),
        "创业登记年份 2024": Q(year=2024, year_field="business_registered_date"),
        "笔画序 + 姓名含“建国”": Q(sort="strokes", search="建国"), "笔画序 + 号码含 1": Q(sort="strokes", search="1"),
        "按村 + 返乡年份 2021": Q(village_id=village_id, year=2021),
        "任村干部 + 已返乡 + 党员": Q(wants=("wants_cadre",), status="returned", political_status="01"),
        "返乡 + 创业 + 年份": Q(wants=("wants_return", "wants_business"), year=2024),
        "列排序：流向 ↓": Q(sort="work_place", descending=True), "列排序：出生年月": Q(sort="birth_date"),
        "列排序：流向 + 党员": Q(sort="work_place", political_status="01"),
        "列排序：返乡时间 + 有返乡意愿": Q(sort="return_date", wants=("wants_return",)),
    }


@pytest.fixture
def bench_cases(ledger):
    from rural_cadre_desktop.core.db import database as db
    vid = db.execute_sql("SELECT id FROM village ORDER BY sort_order LIMIT 1 OFFSET 1").fetchone()[0]
    idn = db.execute_sql("SELECT id_number FROM person WHERE id_number IS NOT NULL AND deleted = 0 "
                         "AND alias_of_id IS NULL LIMIT 1 OFFSET 30").fetchone()[0]
    return cases(vid, idn)


def walk(q: Q, size: int) -> list[int]:
    rows, keys = query.first_page(q, size)
    out = [r[-1] for r in rows]
    while len(rows) == size:
        rows, keys = query.page_after(q, keys[-1], size)
        out += [r[-1] for r in rows]
    return out


def every_plan(q: Q) -> list[Plan]:
    from rural_cadre_desktop.core.db import database as db
    drivers = list(plan.indexed_sizes(q, db))
    return [Plan(True, True), Plan(True, False), Plan(False, False)] + [Plan(False, False, d) for d in drivers]


def test_the_ledger_has_the_awkward_cases(bench_cases):
    """Guard for the comparisons below: each case finds rows, and the edge rows exist."""
    from rural_cadre_desktop.core.db import database as db
    empty = [label for label, q in bench_cases.items() if not reference(q)]
    assert empty == []
    assert len(reference(Q(duplicates_only=True))) >= 10
    assert db.execute_sql("SELECT count(*) FROM returnee WHERE deleted = 1").fetchone()[0] > 5


def test_each_case_gives_the_reference_rows_in_order(bench_cases):
    for label, q in bench_cases.items():
        expected = reference(q)
        assert [r[-1] for r in query.page(q)] == expected, label
        assert walk(q, 13) == expected, label
        assert query.count(q) == len(expected), label


def test_every_plan_gives_the_same_rows(bench_cases, monkeypatch):
    """Whatever the chooser picks, the SQL it writes means the same list."""
    for label, q in bench_cases.items():
        expected = reference(q)
        for forced in every_plan(q):
            monkeypatch.setattr(plan, "choose", lambda *_a, forced=forced: forced)
            assert walk(q, 17) == expected, (label, forced)
            assert [r[-1] for r in query.page(q)] == expected, (label, forced)
        monkeypatch.undo()


def _plan_text(q: Q) -> str:
    from rural_cadre_desktop.core.db import database as db
    sql, params = query._page_sql(q, None, 101)
    return " | ".join(r[3] for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))


def test_the_chooser_starts_where_few_rows_are(bench_cases):
    from rural_cadre_desktop.core.db import database as db

    def chosen(q, whole=False):
        return plan.choose(q, q.sort in ("name", "strokes"), whole, db)
    assert chosen(Q()) == Plan(True, True)                               # walk the list's order
    assert chosen(Q(search="建国")) == Plan(True, True)
    assert chosen(Q(year=2021)) == Plan(False, False, "return_date")     # a rare year: its own index
    combo = bench_cases["任村干部 + 已返乡 + 党员"]
    assert chosen(combo).driver == "wants_cadre"
    two = Q(wants=("wants_return", "wants_cadre"))
    sizes = plan.indexed_sizes(two, db)
    assert chosen(two).driver == min(sizes, key=sizes.get)               # the smaller flag
    assert chosen(Q(sort="work_place"), whole=True) == Plan(True, False)  # every row: table order
    assert chosen(Q(only=("x",))) == Plan(False, False)


def test_searches_and_filters_read_their_indexes(bench_cases):
    """The plans bench/bench_filter.py reports, on a small file (no statistics either way)."""
    assert "SCAN p USING INDEX person_name_pinyin" in _plan_text(Q(search="建国"))
    assert "SCAN p USING INDEX person_name_pinyin" in _plan_text(Q(search="1234"))
    assert "TEMP B-TREE FOR ORDER BY" not in _plan_text(Q(search="建国"))        # no sort of the whole list
    assert "person_no_id_number" in _plan_text(Q(duplicates_only=True))
    assert "SEARCH r USING INDEX returnee_return_date" in _plan_text(Q(year=2021))
    assert "returnee_business_registered_date" in _plan_text(Q(year=2024, year_field="business_registered_date"))
    assert "returnee_wants_cadre" in _plan_text(bench_cases["任村干部 + 已返乡 + 党员"])
    # 姓氏笔画 with a search: few matches looked up and sorted, many found walking the stroke index
    assert "SEARCH p USING INTEGER PRIMARY KEY" in _plan_text(Q(sort="strokes", search="建国"))
    assert "SCAN p USING INDEX person_name_strokes" in _plan_text(Q(sort="strokes", search="1"))
    sort_plan = _plan_text(Q(sort="work_place", descending=True))
    assert sort_plan.startswith("SCAN p |") and "name_strokes" not in sort_plan   # table order, not at random


def test_a_bad_year_field_or_flag_is_refused_before_any_sql(store):
    with pytest.raises(ValueError):
        query.first_page(Q(year=2024, year_field="deleted = 0; --"), 10)
    with pytest.raises(ValueError):
        query.count(Q(wants=("deleted",)))
