"""Filter, search and sort → SQL, on a real database."""
from rural_cadre_desktop.core.returnees import display, query
from rural_cadre_desktop.core.returnees.query import ReturneeQuery


def names(q: ReturneeQuery) -> list[str]:
    return [r[0] for r in query.page(q)]


def test_default_lists_everyone_sorted_by_name(reg):
    assert query.count(ReturneeQuery()) == 4
    assert sorted(names(ReturneeQuery())) == sorted(["张三", "李四", "张珊", "王五"])
    assert len(query.row_ids(ReturneeQuery())) == 4


def test_filters_combine(reg):
    shimen = reg["villages"]["石门村"].id
    assert set(names(ReturneeQuery(village_id=shimen))) == {"张三", "张珊"}
    assert names(ReturneeQuery(village_id=shimen, status="returned", political_status="01")) == ["张三"]
    assert names(ReturneeQuery(wants=("wants_cadre",))) == ["李四"]
    assert names(ReturneeQuery(year=2024)) == ["张三"]
    assert names(ReturneeQuery(year=2023, year_field="business_registered_date")) == ["张珊"]
    assert query.count(ReturneeQuery(status="away", village_id=shimen)) == 0


def test_search_by_initials_name_id_and_phone(reg):
    assert set(names(ReturneeQuery(search="zs"))) == {"张三", "张珊"}
    assert names(ReturneeQuery(search="ZS ")) and names(ReturneeQuery(search="ls")) == ["李四"]
    assert names(ReturneeQuery(search="珊")) == ["张珊"]
    idn = reg["returnees"]["李四"].person.id_number
    assert names(ReturneeQuery(search=idn)) == ["李四"]
    assert names(ReturneeQuery(search=idn[-6:])) == ["李四"]
    assert names(ReturneeQuery(search="12345678")) == ["王五"]        # part of a phone
    assert names(ReturneeQuery(search="xyz")) == []
    assert names(ReturneeQuery(search="%")) == []                      # no LIKE wildcards leak through


def test_sort_any_column_both_ways_and_strokes(reg):
    asc = names(ReturneeQuery(sort="work_place"))
    desc = names(ReturneeQuery(sort="work_place", descending=True))
    assert asc[:2] == ["李四", "张三"]               # 广东 < 浙江; empty places sort last
    assert desc[:2] == ["张三", "李四"]
    # 姓氏笔画: 王(4) 李(7) 张(7)
    assert names(ReturneeQuery(sort="strokes"))[0] == "王五"
    for col in query.COLUMNS:                       # every column sorts without error
        assert len(names(ReturneeQuery(sort=col.key))) == 4


def test_rows_for_keeps_order_and_display_masks(reg):
    ids = query.row_ids(ReturneeQuery(sort="name", descending=True))
    rows = query.rows_for(list(reversed(ids)))
    assert [r[-1] for r in rows] == list(reversed(ids))
    zs = next(r for r in rows if r[0] == "张三")
    texts = display.row_texts(zs)
    col = {c.key: i for i, c in enumerate(query.COLUMNS)}
    assert "*" in texts[col["id_number"]] and texts[col["phone"]] == "138****1111"
    assert display.row_texts(zs, reveal=True)[col["phone"]] == "13800001111"
    assert texts[col["political_status"]] == "中共党员" and texts[col["status"]] == "已返乡"
    assert texts[col["wants"]] == "入党"


def test_deleted_and_merged_people_drop_out(reg):
    from rural_cadre_desktop.core.returnees.registry import delete_returnee
    delete_returnee(reg["returnees"]["王五"])
    assert "王五" not in names(ReturneeQuery())
    assert query.count(ReturneeQuery()) == 3


def test_person_ids_follow_the_list(reg):
    from rural_cadre_desktop.core.returnees import query
    q = ReturneeQuery(sort="strokes")
    rows = query.page(q)
    assert rows
    assert query.person_ids(q) == [r[query.ID_COLUMNS + 1] for r in rows]
    assert len(query.person_ids(q.with_(search="不存在的名字"))) == 0
