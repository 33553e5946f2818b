"""lrmx export | import through the real command line: the tool's order, a round trip into a fresh
database, --dry-run, a cut-off file refused with exit 1, one village's files into a folder."""
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from rural_cadre_desktop.core.lrmx import ORDER

SKIP = {"TianBiaoShiJian", "JiSuanNianLingShiJian", "TianBiaoRen", "Version"}


@pytest.fixture
def demo(cli):
    cli("demo", "--returnees", "40", "--villages", "3", "--seed", "4", check=0)
    return cli


def _leaves(path):
    root = ET.parse(path).getroot()
    return root, {c.tag: (c.text or "").strip() for c in root if len(c) == 0}


def _family(root):
    return [[(c.text or "").strip() for c in item] for item in root.iter("Item")]


def test_round_trip_dry_run_and_refusal(demo, make_cli, tmp_path):
    people = demo.json("export", "people", "--format", "json")
    p = next(p for p in people if p.get("id_number") and p.get("village"))
    a = tmp_path / "a.lrmx"
    res = demo("lrmx", "export", "--person", p["id_number"], "-o", str(a), check=0)
    assert p["name"] in res.stdout
    root, leaves = _leaves(a)
    assert root.tag == "Person" and [c.tag for c in root] == list(ORDER)
    assert leaves["XingMing"] == p["name"] and leaves["ShenFenZheng"] == p["id_number"]
    assert len(leaves["ChuShengNianYue"]) == 6 and leaves["ChuShengNianYue"].isdigit()

    fresh = make_cli(tmp_path / "fresh.db")
    fresh("init", "--county", "洛南县", "--township", "石门镇", check=0)
    bad = tmp_path / "bad.lrmx"
    bad.write_bytes(a.read_bytes()[:700])
    res = fresh("lrmx", "import", str(bad), check=1)
    assert res.stderr.startswith("错误：") and len(res.stderr.strip().splitlines()) == 1
    foreign = tmp_path / "foreign.lrmx"
    foreign.write_text("<?xml version='1.0'?><Root><XingMing>张三</XingMing></Root>", encoding="utf-8")
    assert "Person" in fresh("lrmx", "import", str(foreign), check=1).stderr
    res = fresh("lrmx", "import", str(a), "--dry-run", check=0)
    assert "将新建" in res.stdout and "未写入" in res.stdout
    assert fresh.json("export", "people", "--format", "json") == []

    res = fresh("lrmx", "import", str(a), check=0)
    assert "已新建" in res.stdout
    [q] = fresh.json("export", "people", "--format", "json")
    assert q["id_number"] == p["id_number"] and not q.get("village")
    b = tmp_path / "b.lrmx"
    fresh("lrmx", "export", "--person", q["id"], "-o", str(b), check=0)
    rb, lb = _leaves(b)
    assert {k: v for k, v in leaves.items() if k not in SKIP} == {k: v for k, v in lb.items() if k not in SKIP}
    assert _family(root) == _family(rb)
    assert "没有改动" in fresh("lrmx", "import", str(a), check=0).stdout
    with sqlite3.connect(demo.db) as con:
        assert con.execute("SELECT detail FROM audit_log WHERE action = 'lrmx-export'").fetchall() == [
            (f"person {p['id']}",)]
    with sqlite3.connect(fresh.db) as con:
        assert [r[0].split()[1] for r in con.execute(
            "SELECT detail FROM audit_log WHERE action = 'lrmx-import' ORDER BY seq")] == ["new", "update"]


def test_batch_export_of_a_village(demo, tmp_path):
    people = demo.json("export", "people", "--format", "json")
    village = max({p["village"] for p in people if p.get("village")},
                  key=lambda v: sum(p.get("village") == v for p in people))
    mine = [p for p in people if p.get("village") == village]
    out = tmp_path / "folder"
    res = demo("lrmx", "export", "--village", village, "-o", str(out), check=0)
    assert f"{len(mine)} 人" in res.stdout
    files = sorted(out.glob("*.lrmx"))
    assert len(files) == len(mine) and not list(out.glob("*.part"))
    names = {ET.parse(f).getroot().findtext("XingMing") for f in files}
    assert names == {p["name"] for p in mine}
    res = demo("lrmx", "export", "--village", "没有这个村", "-o", str(tmp_path / "x"), check=1)
    assert not (tmp_path / "x").exists()
    res = demo("lrmx", "export", "--person", "没有这个人", "-o", str(tmp_path / "y.lrmx"), check=1)
    assert not (tmp_path / "y.lrmx").exists()
