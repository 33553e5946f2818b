"""Paging by key (issue 16): each page continues after the last row's sort keys, so no keystroke
sorts the whole list. Walked page by page, every order gives exactly the rows and the order the
whole-list query gives — NULLs last both ways, ties broken the same, nothing skipped or repeated."""
from __future__ import annotations

import pytest

from rural_cadre_desktop.core.returnees import query

ORDERS = [("name", False), ("name", True), ("strokes", False), ("return_date", False), ("return_date", True),
          ("village", False), ("wants", True), ("phone", False), ("subsidy", True)]


def walk(q, size):
    rows, keys = query.first_page(q, size)
    out = list(rows)
    while len(rows) == size:
        rows, keys = query.page_after(q, keys[-1], size)
        out += rows
    return out


@pytest.mark.parametrize("sort,descending", ORDERS)
def test_pages_in_order_equal_the_whole_list(demo_store, sort, descending):
    q = query.ReturneeQuery(sort=sort, descending=descending)
    whole = query.page(q)
    assert len(whole) == 60
    assert [r[-1] for r in walk(q, 7)] == [r[-1] for r in whole]


@pytest.mark.parametrize("filters", [{"status": "away"}, {"search": "z"}, {"year": 2024}, {"wants": ("wants_return",)}])
def test_filtered_pages_equal_the_filtered_list(demo_store, filters):
    q = query.ReturneeQuery(**filters)
    assert [r[-1] for r in walk(q, 5)] == [r[-1] for r in query.page(q)]


def test_nulls_come_last_in_both_directions(demo_store):
    for descending in (False, True):
        rows = walk(query.ReturneeQuery(sort="return_date", descending=descending), 9)
        dates = [r[query.COLUMN_INDEX["return_date"]] for r in rows]
        first_null = dates.index(None)
        assert 0 < first_null and all(d is None for d in dates[first_null:])


def test_the_default_first_page_comes_from_the_pinyin_index(demo_store):
    sql, params = query._page_sql(query.ReturneeQuery(), None, 100)
    from rural_cadre_desktop.core.db import database
    plan = " ".join(r[3] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "USING INDEX person_name_pinyin" in plan and "TEMP B-TREE FOR ORDER BY" not in plan
