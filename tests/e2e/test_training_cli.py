"""training add/attend/unattend/copy/delete and training-report through the real command: ids
printed, the rules moving as attendance is recorded, exports carrying the new fields, and refusals
(exit 1, one line on stderr, nothing changed)."""
from __future__ import annotations

import csv
import io
import re

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _refused(res, words):
    assert res.returncode == 1, (res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and words in lines[0] and " / " in lines[0], res.stderr


def _rule(cli, pid, rule, year="2026"):
    rows = [r for r in cli.json("training-report", "--year", year, "--format", "json")
            if r["person_id"] == pid and r["rule"] == rule]
    assert len(rows) == 1
    return rows[0]["attended_days"], rows[0]["short_days"], rows[0]["met"]


def test_trainings_attendance_and_the_yearly_report(cli):
    cli("demo", "--villages", "3", "--returnees", "100", "--seed", "7", check=0)
    cadres = cli.json("export", "cadres", "--format", "json")
    busy = {c["person_id"] for c in cadres} | {a["person_id"] for a in cli.json("export", "attendance", "--format", "json")}
    ret = next(r for r in cli.json("export", "returnees", "--format", "json")
               if r["person_id"] not in busy and r["id_number"] and r["village"])
    pid = ret["person_id"]
    # a new person takes over the village's 书记 post from 2024: no training yet
    sec = next(c for c in cadres if c["post"] == "secretary" and c["current"] and c["village"] == ret["village"])
    cli("edit", "cadres", sec["id"], "term_end=2023-12-31", check=0)
    cli("cadre", "add", ret["id_number"], "--village", sec["village"], "--post", "secretary", "--from", "2024-01-01",
        check=0)
    assert _rule(cli, pid, "secretary_county_yearly") == (0, 5, False)
    assert sec["person_id"] not in {r["person_id"] for r in cli.json("training-report", "--year", "2026",
                                                                      "--format", "json")
                                    if r["rule"] == "secretary_county_yearly"}

    out = cli("training", "add", "--name", "2026年村党组织书记集中轮训班", "--kind", "集中轮训", "--level", "county",
              "--start", "2026-09-14", "--end", "2026-09-18", "--hours", "40", "--target", "secretary",
              "--place", "县委党校", "--organizer", "县委组织部", check=0)
    tid = out.stdout.strip()
    assert UUID.match(tid)
    t = next(t for t in cli.json("export", "trainings", "--format", "json") if t["id"] == tid)
    assert (t["kind"], t["level"], t["days"], t["hours"], t["outside_county"], t["end_date"]) == \
        ("rotation", "county", 5.0, 40.0, False, "2026-09-18")

    out = cli("training", "attend", tid, ret["id_number"], "--days", "4", "--exam", "合格", "--certificate", "LN-07",
              check=0)
    assert "新增1人" in out.stdout
    assert _rule(cli, pid, "secretary_county_yearly") == (4, 1, False)
    cli("training", "attend", tid, pid, "--days", "5", check=0)
    assert _rule(cli, pid, "secretary_county_yearly") == (5, 0, True)
    mine = [a for a in cli.json("export", "attendance", "--format", "json") if a["person_id"] == pid]
    assert len(mine) == 1
    assert (mine[0]["training_id"], mine[0]["attended_days"], mine[0]["exam_result"], mine[0]["certificate_no"]) == \
        (tid, None, "合格", "LN-07")

    # a refused attendance (an unknown person among known ones) changes nothing
    before = cli("export", "attendance", "--format", "json", check=0).stdout
    _refused(cli("training", "attend", tid, pid, "110101199001011237"), "找不到人员")
    _refused(cli("training", "attend", tid, pid, "--days", "6"), "参训天数应在0到5天之间")
    _refused(cli("training", "add", "--name", "x", "--kind", "party", "--level", "county", "--start", "2026-01-01"),
             "培训形式")
    _refused(cli("training", "add", "--name", "x", "--kind", "rotation", "--level", "county", "--start", "2026-01-05",
                 "--end", "2026-01-06", "--days", "3"), "超过了")
    assert cli("export", "attendance", "--format", "json", check=0).stdout == before
    assert cli("training", "attend", tid).returncode == 2                          # no PID: usage

    # copy to next year, then delete this year's class: the rule no longer counts it
    new = cli("training", "copy", tid, check=0).stdout.strip()
    c = next(t for t in cli.json("export", "trainings", "--format", "json") if t["id"] == new)
    assert (c["name"], c["start_date"], c["attendance_count"]) == ("2027年村党组织书记集中轮训班", "2027-09-14", 0)
    cli("training", "delete", tid, check=0)
    assert _rule(cli, pid, "secretary_county_yearly") == (0, 5, False)
    _refused(cli("training", "attend", tid, pid), "可能已删除")

    # the outside-county class of last year meets the two-year rule; the report filters by village
    out = cli("training", "add", "--name", "赴浙江学习考察", "--kind", "external", "--level", "county", "--start",
              "2025-06-02", "--end", "2025-06-05", "--outside-county", check=0)
    cli("training", "attend", out.stdout.strip(), pid, check=0)
    assert _rule(cli, pid, "secretary_outside_biennial") == (4, 0, True)
    village = cli.json("training-report", "--year", "2026", "--format", "json", "--village", sec["village"])
    assert village and {r["village"] for r in village} == {sec["village"]}
    assert any(r["person_id"] == pid for r in village)
    _refused(cli("training-report", "--year", "2026", "--village", "没有这个村"), "不在本乡镇")

    text = cli("training-report", "--year", "2026", check=0).stdout
    assert "2026年度培训规定落实情况" in text and "按村汇总" in text
    assert "双百" not in text                                      # the plan is off on a township
    raw = cli("training-report", "--year", "2026", "--format", "csv", check=0).stdout
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    for key in ("person_id", "name", "village", "rule", "required_days", "attended_days", "short_days", "met"):
        assert key in rows[0]
    inst = [r for r in rows if r["rule"] == "returnee_yearly" and not r["person_id"]]
    assert len(inst) == 1 and inst[0]["met"] in ("true", "false")

    # unattend by attendance id
    aid = next(a["id"] for a in cli.json("export", "attendance", "--format", "json")
               if a["person_id"] == pid and a["training"] == "赴浙江学习考察")
    cli("training", "unattend", aid, check=0)
    assert _rule(cli, pid, "secretary_outside_biennial") == (0, 3, False)
    _refused(cli("training", "unattend", aid), "可能已移除")
