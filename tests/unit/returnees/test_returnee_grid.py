"""The yearly grid (people × eight kinds) and the per-village counts, one aggregate query each."""
from rural_cadre_desktop.core.returnees import activities as acts
from rural_cadre_desktop.core.returnees import grid


def pid(reg, name):
    return reg["returnees"][name].person_id


def test_grid_counts_and_missing(reg):
    acts.add_activity({"year": 2024, "kind": "symposium"}, [pid(reg, "张三"), pid(reg, "李四"), pid(reg, "张珊")])
    acts.add_activity({"year": 2024, "kind": "invitation"}, [pid(reg, "张三")])
    acts.add_activity({"year": 2024, "kind": "invitation"}, [pid(reg, "张三")])
    acts.add_activity({"year": 2023, "kind": "visit"}, [pid(reg, "张三")])          # another year: not counted
    gone = acts.add_activity({"year": 2024, "kind": "visit"}, [pid(reg, "李四")])
    acts.delete_activity(gone)                                                       # deleted: not counted
    rows = {r[1]: grid.as_grid_row(r) for r in grid.grid_rows(2024)}
    assert set(rows) == {"张三", "李四", "张珊", "王五"}
    k = grid.KINDS.index
    assert rows["张三"].counts[k("invitation")] == 2 and rows["张三"].counts[k("symposium")] == 1
    assert rows["张三"].counts[k("visit")] == 0
    assert sum(rows["王五"].counts) == 0 and len(rows["王五"].missing) == 8
    assert "invitation" in rows["李四"].missing and "symposium" not in rows["李四"].missing

    by_village = {v["village"]: v for v in grid.village_counts(2024)}
    assert by_village["石门村"]["returnees"] == 2
    assert by_village["石门村"]["covered"]["symposium"] == 2 and by_village["石门村"]["covered"]["invitation"] == 1
    assert by_village["柳树村"]["missing"]["symposium"] == 1 and by_village["柳树村"]["missing"]["visit"] == 2

    only = grid.grid_rows(2024, reg["villages"]["石门村"].id, missing_kind="invitation")
    assert [r[1] for r in only] == ["张珊"]


def test_grid_json_shape(reg):
    acts.add_activity({"year": 2024, "kind": "suggestion", "content": "建议修路"}, [pid(reg, "王五")])
    data = grid.grid_json(2024)
    assert data["year"] == 2024 and data["kinds"] == grid.KINDS
    ww = next(p for p in data["people"] if p["name"] == "王五")
    assert ww["counts"]["suggestion"] == 1 and "suggestion" not in ww["missing"]
    assert sum(v["returnees"] for v in data["villages"]) == 4


def test_empty_year(reg):
    assert all(sum(grid.as_grid_row(r).counts) == 0 for r in grid.grid_rows(2030))
