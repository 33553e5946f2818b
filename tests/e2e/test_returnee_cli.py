"""The returnee / activity / person commands, run as the real program."""
from rural_cadre_desktop.core.validation import id_check_char


def idn(birth: str, seq: int) -> str:
    s17 = "611021" + birth + f"{seq:03d}"
    return s17 + id_check_char(s17)




def test_add_list_search_and_refusals(cli):
    cli("demo", "--villages", "3", "--returnees", "20", "--seed", "7", check=0)
    out = cli("returnee", "add", "--name", "张三", "--id-number", idn("19850305", 123), "--village", "古城村",
              "status=returned", "return_date=2024-05-01", "wants_party=是", "work_place=浙江杭州", check=0).stdout
    assert out.startswith("已登记：张三")
    rows = cli.json("returnee", "list", "--search", "zs", "--format", "json")
    mine = [r for r in rows if r["id_number"] == idn("19850305", 123)]
    assert mine and mine[0]["village"] == "古城村" and mine[0]["wants_party"] is True
    from rural_cadre_desktop.core.people import name_initials
    assert all(name_initials(r["name"]).startswith("zs") for r in rows)
    text = cli("returnee", "list", "--search", "zs", check=0).stdout
    assert idn("19850305", 123) not in text and "6110" in text          # masked in text
    full = cli("returnee", "list", "--search", "zs", "--full-id", check=0).stdout
    assert idn("19850305", 123) in full

    # refusals: bad ID (exit 1, one line, nothing written), unknown field, usage error
    n = len(cli.json("returnee", "list", "--format", "json"))
    res = cli("returnee", "add", "--name", "李四", "--id-number", "611021198503051230", "--village", "古城村", check=1)
    assert res.stderr.startswith("错误：") and "校验位" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert " / " in res.stderr
    cli("returnee", "add", "--name", "李四", "--village", "古城村", "colour=red", check=1)
    cli("returnee", "add", "--name", "李四", "--village", "没有这个村", check=1)
    cli("returnee", "list", "--status", "gone", check=2)
    assert len(cli.json("returnee", "list", "--format", "json")) == n

    village = cli.json("returnee", "list", "--village", "古城村", "--status", "returned", "--format", "json")
    assert village and all(r["village"] == "古城村" and r["status"] == "returned" for r in village)
    csv_out = cli("returnee", "list", "--format", "csv", check=0).stdout
    assert csv_out.startswith("\ufeffid,person_id,name")


def test_activity_grid_to_reserve_and_merge(cli):
    cli("demo", "--villages", "2", "--returnees", "10", "--seed", "5", check=0)
    people = cli.json("returnee", "list", "--format", "json")
    a, b, c = (p["person_id"] for p in people[:3])
    out = cli("activity", "add", "--year", "2031", "--kind", "symposium", "--date", "2031-02-10", "--place", "镇会议室",
              "--content", "春节恳谈会", "--person", a, "--person", b, "--person", c, check=0).stdout
    assert "3人" in out
    acts = cli.json("activity", "list", "--year", "2031", "--format", "json")
    assert len(acts) == 1 and acts[0]["participant_count"] == 3
    grid = cli.json("activity", "grid", "--year", "2031", "--format", "json")
    got = {p["person_id"]: p for p in grid["people"]}
    missing = got[people[4]["person_id"]]["missing"]      # per person: the letter, not the meeting
    assert got[a]["counts"]["symposium"] == 1 and "invitation" in missing and "symposium" not in missing
    assert sum(v["covered"]["symposium"] for v in grid["villages"]) == 3
    # status rules
    cli("activity", "add", "--year", "2031", "--kind", "invitation", "--status", "open", "--person", a, check=1)
    cli("activity", "add", "--year", "2031", "--kind", "visit", "--date", "2030-12-01", "--person", a, check=1)
    cli("activity", "add", "--year", "2031", "--kind", "visit", "--person", "nobody", check=1)
    sid = cli("activity", "add", "--year", "2031", "--kind", "suggestion", "--content", "修路", "--person", b,
              check=0).stdout.split("id=")[1].strip()
    cli("activity", "status", sid, "--status", "handled", check=1)
    cli("activity", "status", sid, "--status", "handled", "--answer", "已列入计划", check=0)
    assert cli.json("activity", "list", "--year", "2031", "--kind", "suggestion", "--format", "json")[0]["status"] == "handled"
    assert len(cli.json("activity", "list", "--year", "2031", "--format", "json")) == 2
    # to-reserve: once, then refused
    n_res = len(cli.json("export", "reserves", "--format", "json"))
    cli("returnee", "to-reserve", a, check=0)
    cli("returnee", "to-reserve", a, check=1)
    assert len(cli.json("export", "reserves", "--format", "json")) == n_res + 1
    # merge two people with different ID numbers: refused; a namesake without ID: merged and undone
    cli("person", "merge", a, b, check=1)
    first = people[0]
    cli("returnee", "add", "--name", first["name"], "--village", first["village"],
        f"birth_date={first['birth_date']}", check=0)
    dup = cli.json("returnee", "list", "--duplicates", "--format", "json")
    assert len(dup) == 2
    other = next(d["person_id"] for d in dup if d["person_id"] != a)
    cli("person", "merge", a, other, check=0)
    assert cli.json("returnee", "list", "--duplicates", "--format", "json") == []
    cli("person", "unmerge", other, check=0)
    assert len(cli.json("returnee", "list", "--duplicates", "--format", "json")) == 2
    cli("person", "unmerge", other, check=1)
