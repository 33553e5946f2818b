"""The command line contract of the foundation: init, demo, export, edit, delete, check."""
import csv
import io
import sqlite3

from rural_cadre_desktop import __version__


def test_version(cli):
    res = cli("--version", db=False, check=0)
    assert __version__ in res.stdout


def test_demo_export_and_check(cli):
    cli("demo", "--returnees", "200", "--villages", "5", "--seed", "4", check=0)
    rows = cli.json("export", "returnees", "--format", "json")
    assert len(rows) == 200
    r = rows[0]
    for key in ("id", "person_id", "name", "id_number", "phone", "village", "village_id", "township",
                "political_status", "political_status_name", "status", "wants_party", "modified_at"):
        assert key in r
    assert r["status"] in ("away", "returned") and isinstance(r["wants_party"], bool)
    assert r["modified_at"].endswith("Z") and "T" in r["modified_at"]
    acts = cli.json("export", "activities", "--format", "json")
    assert {a["kind"] for a in acts} == {"invitation", "symposium", "outlook_report", "visit", "party_activist",
                                         "reserve_cultivation", "problem_solved", "suggestion"}
    assert all(isinstance(a["person_ids"], list) and a["person_ids"] for a in acts)
    for kind in ("villages", "people", "reserves", "vettings", "reviews", "cadres", "trainings", "attendance"):
        assert cli.json("export", kind, "--format", "json"), kind
    res = cli("check", check=0)
    assert "完好" in res.stdout


def test_demo_is_deterministic_for_a_seed(tmp_path, make_cli):
    names = []
    for i in range(2):
        c = make_cli(tmp_path / f"d{i}.db")
        c("demo", "--returnees", "50", "--seed", "9", check=0)
        names.append([(r["name"], r["id_number"], r["village"]) for r in c.json("export", "returnees", "--format", "json")])
    assert names[0] == names[1]


def test_csv_export_is_utf8_with_bom(cli, tmp_path):
    cli("demo", "--returnees", "20", check=0)
    out = tmp_path / "r.csv"
    cli("export", "returnees", "--format", "csv", "-o", str(out), check=0)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 20 and rows[0]["wants_party"] in ("true", "false")


def test_a_refused_edit_changes_nothing(cli):
    cli("demo", "--returnees", "30", check=0)
    rid = cli.json("export", "returnees", "--format", "json")[0]["id"]
    before = cli("export", "returnees", "--format", "json", check=0).stdout
    for bad in (["id_number=123456789012345678"], ["phone=12"], ["status=gone"], ["name="],
                ["nosuchfield=1"], ["name=张三", "sex=火"]):
        res = cli("edit", "returnees", rid, *bad, check=1)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and "错误" in lines[0] and " / " in lines[0], res.stderr
    assert cli("export", "returnees", "--format", "json", check=0).stdout == before


def test_edit_takes_person_and_record_fields_in_one_go(cli):
    cli("demo", "--returnees", "10", check=0)
    rid = cli.json("export", "returnees", "--format", "json")[0]["id"]
    cli("edit", "returnees", rid, "name=王䶮", "status=已返乡", "return_date=2025.3", "political_status=党员", check=0)
    r = next(x for x in cli.json("export", "returnees", "--format", "json") if x["id"] == rid)
    assert (r["name"], r["status"], r["return_date"], r["political_status"]) == ("王䶮", "returned", "2025-03", "01")


def test_delete_leaves_a_tombstone_visible_with_include_deleted(cli):
    cli("demo", "--returnees", "10", check=0)
    rid = cli.json("export", "returnees", "--format", "json")[0]["id"]
    cli("delete", "returnees", rid, check=0)
    assert rid not in {r["id"] for r in cli.json("export", "returnees", "--format", "json")}
    gone = [r for r in cli.json("export", "returnees", "--format", "json", "--include-deleted") if r["id"] == rid]
    assert gone and gone[0]["deleted"] is True
    cli("delete", "returnees", rid, check=1)


def test_init_is_idempotent_and_refuses_another_township(cli):
    cli("init", "--county", "洛南县", "--township", "石门镇", check=0)
    cli("init", "--county", "洛南县", "--township", "石门", check=0)
    res = cli("init", "--county", "洛南县", "--township", "古城镇", check=1)
    assert "新的数据库文件" in res.stderr


def test_usage_errors_exit_2_and_missing_database_exits_1(cli):
    assert cli("export", "nonsense", "--format", "json").returncode == 2
    assert cli("edit", "returnees").returncode == 2
    res = cli("export", "people", "--format", "json", check=1)
    assert "不存在" in res.stderr


def test_check_refuses_a_damaged_database(cli):
    cli("demo", "--returnees", "50", check=0)
    con = sqlite3.connect(cli.db)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE returnee SET person_id = 'missing' WHERE rowid = 1")
    con.commit()
    con.close()
    res = cli("check", check=1)
    assert "外键" in res.stdout + res.stderr


def test_the_database_path_comes_from_rcd_db(tmp_path, make_cli):
    c = make_cli(tmp_path / "unused.db")
    target = tmp_path / "env.db"
    c("init", "--county", "洛南县", "--township", "石门镇", db=False, env={"RCD_DB": str(target)}, check=0)
    assert target.exists() and not (tmp_path / "unused.db").exists()


def test_edit_keeps_the_eight_ones_status_rules(cli):
    cli("demo", "--returnees", "60", check=0)
    acts = cli.json("export", "activities", "--format", "json")
    problem = next(a for a in acts if a["kind"] == "problem_solved" and a["status"] == "open")
    invitation = next(a for a in acts if a["kind"] == "invitation")
    before = cli("export", "activities", "--format", "json", check=0).stdout
    cli("edit", "activities", problem["id"], "status=handled", check=1)          # no answer
    cli("edit", "activities", invitation["id"], "status=open", check=1)          # no status for letters
    assert cli("export", "activities", "--format", "json", check=0).stdout == before
    cli("edit", "activities", problem["id"], "status=handled", "answer=已协调解决", check=0)
    done = next(a for a in cli.json("export", "activities", "--format", "json") if a["id"] == problem["id"])
    assert (done["status"], done["answer"]) == ("handled", "已协调解决")


def test_demo_never_mixes_with_real_data(cli, make_cli, tmp_path):
    cli("demo", "--returnees", "20", check=0)
    again = cli("demo", "--returnees", "20", check=0)          # the README's command run twice
    assert "已有演示数据" in again.stdout
    assert len(cli.json("export", "returnees", "--format", "json")) == 20

    from rural_cadre_desktop.core import db, people, regions
    from rural_cadre_desktop.core.setup import init_installation
    from rural_cadre_desktop.core.store import open_store
    real_path = tmp_path / "real.db"
    open_store(real_path)
    init_installation("洛南县", "石门镇")
    people.create_person({"name": "张三"}, village=regions.add_village("石门村"))
    db.close()
    real = make_cli(real_path)
    before = real("export", "people", "--format", "json", check=0).stdout
    res = real("demo", check=1)
    assert "真实数据" in res.stderr
    assert real("export", "people", "--format", "json", check=0).stdout == before
