"""reserve add/vet/review/remove, cadre add and coverage through the real command: ids printed,
exit codes (0 done, 1 refused with one line on stderr, 2 usage), warnings on stderr, and coverage
agreeing with `export reserves`."""
from __future__ import annotations

import collections


def _cov(cli, village):
    return next(v for v in cli.json("coverage", "--format", "json") if v["village"] == village)


def _refused(res, words):
    assert res.returncode == 1, (res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and words in lines[0], res.stderr


def test_pool_lifecycle_and_coverage(cli):
    cli("demo", "--villages", "4", "--returnees", "40", "--seed", "5", check=0)
    res0 = cli.json("export", "reserves", "--format", "json")
    cov0 = cli.json("coverage", "--format", "json")
    want = collections.Counter(r["village"] for r in res0 if r["track"] == "secretary" and r["status"] == "active")
    assert [v["secretary_candidates"] for v in cov0] == [want.get(v["village"], 0) for v in cov0]
    assert all(v["lacks_secretary_candidate"] == (want.get(v["village"], 0) == 0) for v in cov0)
    inpool = {r["person_id"] for r in res0}
    ret = next(r for r in cli.json("export", "returnees", "--format", "json")
               if r["person_id"] not in inpool and r["id_number"] and r["village"])
    vil, n0 = ret["village"], _cov(cli, ret["village"])["secretary_candidates"]

    add = cli("reserve", "add", ret["id_number"], "--village", vil, "--track", "secretary",
              "--recommended-by", "masses", "--date", "2026-01-10", check=0)
    rid = add.stdout.strip()
    rec = next(r for r in cli.json("export", "reserves", "--format", "json") if r["id"] == rid)
    assert (rec["person_id"], rec["status"], rec["track"], rec["village"], rec["recommended_by"]) == \
        (ret["person_id"], "active", "secretary", vil, "masses")
    assert _cov(cli, vil)["secretary_candidates"] == n0 + 1
    _refused(cli("reserve", "add", ret["person_id"], "--village", vil, "--track", "secretary"), "不能重复纳入")

    _refused(cli("reserve", "vet", rid, "--step", "county", "--result", "pass"), "还没有通过乡级初审")
    for step in ("village", "township", "county"):
        cli("reserve", "vet", rid, "--step", step, "--result", "pass", "--date", "2026-03-01",
            "--reviewer", "组织委员", check=0)
    vets = [v for v in cli.json("export", "vettings", "--format", "json") if v["reserve_id"] == rid]
    assert sorted(v["step"] for v in vets) == ["county", "township", "village"]
    assert {v["result"] for v in vets} == {"pass"}
    assert cli("reserve", "vet", rid, "--step", "village", "--result", "maybe").returncode == 2

    out = cli("reserve", "review", rid, "--year", "2026", "--rating", "incompetent", "--reviewer", "镇党委",
              "--note", "年度考察不称职", check=0)
    assert "年度考察评议不称职" in out.stdout
    rec = next(r for r in cli.json("export", "reserves", "--format", "json") if r["id"] == rid)
    assert (rec["status"], rec["left_reason"]) == ("left", "年度考察评议不称职")
    assert _cov(cli, vil)["secretary_candidates"] == n0
    assert _cov(cli, vil)["lacks_secretary_candidate"] == (n0 == 0)
    rev = [r for r in cli.json("export", "reviews", "--format", "json") if r["reserve_id"] == rid]
    assert [(r["year"], r["rating"]) for r in rev] == [(2026, "incompetent")]
    _refused(cli("reserve", "remove", rid, "--reason", "再次出库"), "已出库")
    _refused(cli("reserve", "vet", "no-such-id", "--step", "village", "--result", "pass"), "找不到后备干部记录")


def test_remove_warnings_cadre_and_text_coverage(cli):
    cli("demo", "--villages", "2", "--returnees", "5", "--seed", "2", check=0)
    cov0 = cli.json("coverage", "--format", "json")[0]
    vil, n0, sec = cov0["village"], cov0["secretary_candidates"], cov0["sitting_secretary"]
    idn = "610102197001010029"
    # a new person whose 学历 is not recorded, 群众, 56 years old on the date of entry
    cli("returnee", "add", "--name", "刘大", "--id-number", idn, "--village", vil, "political_status=群众", check=0)
    add = cli("reserve", "add", idn, "--village", vil, "--track", "secretary", "--date", "2026-01-10", check=0)
    rid = add.stdout.strip()
    warnings = add.stderr.strip().splitlines()
    assert len(warnings) == 3 and all(w.startswith("提示：") for w in warnings)
    assert "56岁" in add.stderr and "中共党员" in add.stderr and "学历" in add.stderr
    text = cli("coverage", check=0).stdout
    assert f"{vil}\t{n0 + 1}\t" in text and "已覆盖" in text and "共 2 个村(社区)" in text
    out = cli("reserve", "remove", rid, "--reason", "外出务工", "--date", "2026-05-01", check=0)
    assert "已出库：2026-05-01 外出务工" in out.stdout
    assert ("没有在库的村党组织书记后备人选" in out.stderr) == (n0 == 0)
    rec = next(r for r in cli.json("export", "reserves", "--format", "json") if r["id"] == rid)
    assert (rec["status"], rec["left_date"], rec["left_reason"]) == ("left", "2026-05-01", "外出务工")
    assert cli.json("coverage", "--format", "json")[0]["secretary_candidates"] == n0

    def posts():
        return [(r["post"], r["holds_both_posts"], r["term_start"], r["term_end"], r["current"])
                for r in cli.json("export", "cadres", "--format", "json") if r["id_number"] == idn]

    _refused(cli("cadre", "add", idn, "--village", vil, "--post", "member", "--holds-both", "--from", "2021-10-01"),
             "一肩挑")
    _refused(cli("cadre", "add", idn, "--village", vil, "--post", "secretary", "--from", "2024-01-01"),
             f"已有现任书记“{sec}”")
    assert posts() == []
    out = cli("cadre", "add", idn, "--village", vil, "--post", "secretary", "--holds-both",
              "--from", "2015-10-01", "--to", "2021-09-30", check=0)
    assert "一肩挑" in out.stdout and "现任" not in out.stdout
    cli("cadre", "add", idn, "--village", vil, "--post", "member", "--from", "2021-10-01", check=0)
    assert posts() == [("secretary", True, "2015-10-01", "2021-09-30", False),
                       ("member", False, "2021-10-01", None, True)]
    assert cli.json("coverage", "--format", "json")[0]["sitting_secretary"] == sec
    assert cli("cadre", "add", idn, "--village", vil, "--post", "secretary").returncode == 2
