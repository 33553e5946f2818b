"""The yearly "八个一" grid, each kind counted as the practice counts it (eight_ones.py): the letter
and the 思想动态 report per person; the 恳谈会, the batches (慰问, 入党积极分子, 后备力量) and the
items (实际问题, 意见建议) per village, with totals in villages covered, not people."""
import pytest

from rural_cadre_desktop.core import regions
from rural_cadre_desktop.core.returnees import activities as acts
from rural_cadre_desktop.core.returnees import grid
from rural_cadre_desktop.core.returnees.eight_ones import COUNTING, KINDS, PER_PERSON, PER_VILLAGE, RULE_TEXT


def pid(reg, name):
    return reg["returnees"][name].person_id


def by_village(year):
    return {v["village"]: v for v in grid.village_counts(year)}


def test_counting_rule_covers_the_eight():
    assert list(KINDS) == ["invitation", "symposium", "outlook_report", "visit", "party_activist",
                           "reserve_cultivation", "problem_solved", "suggestion"]
    assert PER_PERSON == ("invitation", "outlook_report")
    assert COUNTING["symposium"] == "meeting" and COUNTING["problem_solved"] == COUNTING["suggestion"] == "items"
    assert {COUNTING[k] for k in ("visit", "party_activist", "reserve_cultivation")} == {"batch"}
    assert set(RULE_TEXT) == set(KINDS)


def test_grid_counts_and_missing(reg):
    acts.add_activity({"year": 2024, "kind": "symposium"}, [pid(reg, "张三"), pid(reg, "李四"), pid(reg, "张珊")])
    acts.add_activity({"year": 2024, "kind": "invitation"}, [pid(reg, "张三")])
    acts.add_activity({"year": 2024, "kind": "invitation"}, [pid(reg, "张三")])
    acts.add_activity({"year": 2023, "kind": "visit"}, [pid(reg, "张三")])          # another year: not counted
    gone = acts.add_activity({"year": 2024, "kind": "visit"}, [pid(reg, "李四")])
    acts.delete_activity(gone)                                                       # deleted: not counted
    rows = {r[1]: grid.as_grid_row(r) for r in grid.grid_rows(2024)}
    assert set(rows) == {"张三", "李四", "张珊", "王五"}
    k = KINDS.index
    assert rows["张三"].counts[k("invitation")] == 2 and rows["张三"].counts[k("symposium")] == 1
    assert rows["张三"].counts[k("visit")] == 0
    # a person owes only the per-person items: nobody is "missing" a 慰问 or a 恳谈会
    assert sum(rows["王五"].counts) == 0 and rows["王五"].missing == ["invitation", "outlook_report"]
    assert rows["张三"].missing == ["outlook_report"]
    assert "invitation" in rows["李四"].missing and "symposium" not in rows["李四"].missing

    v = by_village(2024)
    assert v["石门村"]["returnees"] == 2
    assert v["石门村"]["covered"]["symposium"] == 2 and v["石门村"]["covered"]["invitation"] == 1
    assert v["石门村"]["missing"] == {"invitation": 1, "outlook_report": 2}
    # one township 恳谈会 with people from both villages: each village has had it, once
    assert v["石门村"]["times"]["symposium"] == 1 and v["柳树村"]["times"]["symposium"] == 1
    assert "symposium" not in v["柳树村"]["lacking"] and "visit" in v["柳树村"]["lacking"]
    assert set(v["石门村"]["lacking"]) == set(PER_VILLAGE) - {"symposium"}

    only = grid.grid_rows(2024, reg["villages"]["石门村"].id, missing_kind="invitation")
    assert [r[1] for r in only] == ["张珊"]


def test_batches_count_per_village_and_totals_count_villages(reg):
    shimen, liushu = reg["villages"]["石门村"], reg["villages"]["柳树村"]
    empty = regions.add_village("北沟村")                          # no returnees: owes nothing
    acts.add_activity({"year": 2025, "kind": "visit"}, [pid(reg, "张三")])                       # a batch of one
    acts.add_activity({"year": 2025, "kind": "visit"}, [pid(reg, "张三"), pid(reg, "张珊")])
    acts.add_activity({"year": 2025, "kind": "party_activist"}, [pid(reg, "李四")])
    # held for 柳树村 though the people on it are from 石门村: counts for both
    acts.add_activity({"year": 2025, "kind": "reserve_cultivation"}, [pid(reg, "张珊")], village_id=liushu.id)
    acts.add_activity({"year": 2025, "kind": "symposium"}, [pid(reg, "张三"), pid(reg, "王五")])
    acts.add_activity({"year": 2025, "kind": "problem_solved", "content": "修路"}, [pid(reg, "王五")])
    acts.add_activity({"year": 2025, "kind": "problem_solved", "content": "贷款", "status": "handled",
                       "answer": "已办"}, [pid(reg, "李四")])
    acts.add_activity({"year": 2025, "kind": "suggestion", "content": "建议"}, [pid(reg, "张珊")])

    villages, totals = grid.summary(2025)
    v = {x["village"]: x for x in villages}
    assert v["石门村"]["times"] == {"symposium": 1, "visit": 2, "party_activist": 0, "reserve_cultivation": 1,
                                  "problem_solved": 0, "suggestion": 1}
    assert v["柳树村"]["times"] == {"symposium": 1, "visit": 0, "party_activist": 1, "reserve_cultivation": 1,
                                  "problem_solved": 2, "suggestion": 0}
    assert v["柳树村"]["open"] == {"problem_solved": 1, "suggestion": 0}
    assert v["石门村"]["lacking"] == ["party_activist", "problem_solved"]
    assert v["柳树村"]["lacking"] == ["visit", "suggestion"]
    assert v["北沟村"]["returnees"] == 0 and v["北沟村"]["lacking"] == []
    # 合计: villages covered out of the villages with returnees, and each activity once
    assert totals["villages"] == 3 and totals["villages_with_returnees"] == 2 and totals["returnees"] == 4
    assert totals["villages_done"] == {"symposium": 2, "visit": 1, "party_activist": 1, "reserve_cultivation": 2,
                                       "problem_solved": 1, "suggestion": 1}
    assert totals["times"] == {"symposium": 1, "visit": 2, "party_activist": 1, "reserve_cultivation": 1,
                               "problem_solved": 2, "suggestion": 1}
    assert totals["open"] == {"problem_solved": 1, "suggestion": 1}
    assert totals["missing"] == {"invitation": 4, "outlook_report": 4}
    # the table as shown: red where a village lacks one, villages covered in 合计, — for no returnees
    lines = {t[0]: (t, red) for t, red, _tips in grid.summary_table(villages, totals)}
    col = {k: 2 + i for i, k in enumerate(PER_PERSON + PER_VILLAGE)}
    assert len(grid.SUMMARY_HEADS) == len(lines["合计"][0])
    assert lines["合计"][0][col["visit"]] == "1/2村" and lines["合计"][1][col["visit"]]
    assert lines["合计"][0][col["symposium"]] == "2/2村" and not lines["合计"][1][col["symposium"]]
    assert lines["合计"][0][col["invitation"]] == "缺4人" and lines["合计"][0][-1] == "2个村有缺项"
    assert lines["石门村"][0][col["visit"]] == "2批" and lines["石门村"][0][col["party_activist"]] == "未开展"
    assert lines["柳树村"][0][col["problem_solved"]] == "2件（1待办）" and lines["柳树村"][0][-1] == "慰问、建议"
    assert set(lines["北沟村"][0][2:]) == {"—"} and not any(lines["北沟村"][1])
    # one village's view counts that village only
    one, one_totals = grid.summary(2025, shimen.id)
    assert [x["village"] for x in one] == ["石门村"] and one_totals["times"]["visit"] == 2
    assert one_totals["times"]["problem_solved"] == 0 and one_totals["villages_done"]["symposium"] == 1
    assert empty.id not in {x["village_id"] for x in one}


def test_missing_filters_only_per_person_kinds(reg):
    acts.add_activity({"year": 2024, "kind": "invitation"}, [pid(reg, "张三")])
    acts.add_activity({"year": 2024, "kind": "outlook_report"}, [pid(reg, "张三")])
    acts.add_activity({"year": 2024, "kind": "outlook_report"}, [pid(reg, "李四")])
    assert {r[1] for r in grid.grid_rows(2024, missing_kind=grid.ANY)} == {"李四", "张珊", "王五"}
    assert {r[1] for r in grid.grid_rows(2024, missing_kind="outlook_report")} == {"张珊", "王五"}
    rows = grid.grid_rows(2024)
    assert {r[1] for r in rows if grid.lacks(r, grid.ANY)} == {"李四", "张珊", "王五"}
    with pytest.raises(ValueError):
        grid.grid_rows(2024, missing_kind="visit")                  # nobody owes a 慰问 by themselves


def test_grid_json_shape(reg):
    acts.add_activity({"year": 2024, "kind": "suggestion", "content": "建议修路"}, [pid(reg, "王五")])
    data = grid.grid_json(2024)
    assert data["year"] == 2024 and data["kinds"] == KINDS and data["counting"] == COUNTING
    ww = next(p for p in data["people"] if p["name"] == "王五")
    assert ww["counts"]["suggestion"] == 1 and ww["missing"] == ["invitation", "outlook_report"]
    assert sum(v["returnees"] for v in data["villages"]) == 4 == data["totals"]["returnees"]
    assert data["totals"]["villages_done"]["suggestion"] == 1


def test_empty_year(reg):
    assert all(sum(grid.as_grid_row(r).counts) == 0 for r in grid.grid_rows(2030))
    villages, totals = grid.summary(2030)
    assert all(set(v["lacking"]) == set(PER_VILLAGE) for v in villages)
    assert totals["villages_done"] == {k: 0 for k in PER_VILLAGE}
