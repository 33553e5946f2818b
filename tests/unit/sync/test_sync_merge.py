"""Sync between installations in one process: clone, round trip, repeat, field-level merge,
conflicts, delete vs edit, one person entered twice, the county's merge and shares."""
from __future__ import annotations

import json

import pytest

from rural_cadre_desktop.core import clock as clockmod


@pytest.fixture
def wall(monkeypatch):
    """A wall clock the test moves forward (no sleeps): wall.now is milliseconds."""
    class Wall:
        now = clockmod.now_ms()

        def step(self, ms: int = 1000) -> None:
            self.now += ms
    w = Wall()
    monkeypatch.setattr(clockmod, "now_ms", lambda: w.now)
    return w


def _edit(node, model_name: str, row_id: str, **changes):
    from rural_cadre_desktop.core import models, store
    node.open()
    model = getattr(models, model_name)
    return store.update(model.get_by_id(row_id), changes)


def _first(node, table: str, where: str = "deleted = 0") -> str:
    return node.open().execute_sql(f'SELECT id FROM "{table}" WHERE {where} ORDER BY id LIMIT 1').fetchone()[0]


def _value(node, table: str, row_id: str, column: str):
    return node.open().execute_sql(f'SELECT "{column}" FROM "{table}" WHERE id = ?', (row_id,)).fetchone()[0]


def test_clone_gives_identical_data_and_a_new_node(township, node, tmp_path):
    a, b = township, node("b")
    pkg = tmp_path / "a1.pkg"
    a.export(pkg)
    report = b.import_(pkg)
    assert report.new_installation and report.total("added") > 100 and report.total("refused") == 0
    assert b.snapshot() == a.snapshot()
    from rural_cadre_desktop.core import settings
    a.open()
    node_a = settings.get("node_id")
    b.open()
    assert settings.get("node_id") != node_a and settings.get("township") == "石门镇"
    # B's own export holds the same rows as A's
    pkg_b = tmp_path / "b1.pkg"
    assert b.export(pkg_b)["tables"] == a.export(tmp_path / "a2.pkg")["tables"]


def test_repeat_import_changes_nothing(township, node, tmp_path, wall):
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    rid = _first(a, "returnee")
    wall.step()
    _edit(a, "Returnee", rid, work_place="广东深圳")
    a.export(tmp_path / "p2")
    first = b.import_(tmp_path / "p2")
    assert first.total("updated") == 1
    before, history = b.snapshot(), b.history()
    again = b.import_(tmp_path / "p2")
    assert not again.changed and again.total("conflicts") == 0
    assert b.snapshot() == before and b.history() == history


@pytest.mark.parametrize("damage", ["flip", "truncate", "passphrase", "not-a-package"])
def test_bad_packages_are_refused_and_the_database_is_byte_identical(township, node, tmp_path, damage):
    from rural_cadre_desktop.core.errors import UserError
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    bad = tmp_path / "bad"
    data = bytearray((tmp_path / "p1").read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        data = data[:len(data) - 5000]
    elif damage == "not-a-package":
        data = bytearray(b"PK\x03\x04" + bytes(400))
    bad.write_bytes(bytes(data))
    before = b.file_hash()
    with pytest.raises(UserError) as e:
        b.import_(bad, passphrase="另一个口令" if damage == "passphrase" else "县委组织部-2026-口令")
    assert "请" in e.value.zh
    assert b.file_hash() == before
    assert not list(b.path.parent.glob(".sync-*"))          # no plaintext work file left behind


def test_a_package_from_a_newer_schema_is_refused(township, node, tmp_path, monkeypatch):
    from rural_cadre_desktop.core.errors import UserError
    from rural_cadre_desktop.core.migrations import SCHEMA_VERSION
    from rural_cadre_desktop.core.sync import service
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    monkeypatch.setattr(service, "_schema", lambda: SCHEMA_VERSION + 1)     # as a newer program writes it
    a.export(tmp_path / "newer")
    monkeypatch.undo()
    before = b.file_hash()
    with pytest.raises(UserError) as e:
        b.import_(tmp_path / "newer")
    assert "请先升级" in e.value.zh
    assert b.file_hash() == before


def test_edits_of_different_fields_on_two_pcs_both_survive(township, node, tmp_path, wall):
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    rid = _first(a, "returnee")
    wall.step()
    _edit(a, "Returnee", rid, work_place="江苏苏州")
    wall.step()
    _edit(b, "Returnee", rid, enterprise="石门合作社")
    a.export(tmp_path / "a2")
    b.export(tmp_path / "b2")
    rb = b.import_(tmp_path / "a2")
    ra = a.import_(tmp_path / "b2")
    assert rb.total("conflicts") == ra.total("conflicts") == 0
    for n in (a, b):
        assert _value(n, "returnee", rid, "work_place") == "江苏苏州"
        assert _value(n, "returnee", rid, "enterprise") == "石门合作社"
    assert a.snapshot() == b.snapshot()


def test_the_same_field_on_both_converges_to_the_newer_and_keeps_the_loser(township, node, tmp_path, wall):
    from rural_cadre_desktop.core.sync.conflicts import list_conflicts, restore
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    rid = _first(a, "person")
    wall.step()
    _edit(a, "Person", rid, phone="13900000001")
    wall.step()
    _edit(b, "Person", rid, phone="13900000002")          # later: wins
    a.export(tmp_path / "a2")
    b.export(tmp_path / "b2")
    rb = b.import_(tmp_path / "a2")
    ra = a.import_(tmp_path / "b2")
    assert rb.total("conflicts") == 1 and ra.total("conflicts") == 1
    assert _value(a, "person", rid, "phone") == _value(b, "person", rid, "phone") == "13900000002"
    assert a.snapshot() == b.snapshot()
    a.open()
    listed = list_conflicts()
    assert len(listed) == 1 and listed[0]["field"] == "phone" and listed[0]["row_id"] == rid
    assert listed[0]["lost_value"] == "13900000001" and listed[0]["kept_value"] == "13900000002"
    assert listed[0]["lost_stamp"] < listed[0]["kept_stamp"] and listed[0]["person"]
    # restoring is a new edit: it wins everywhere on the next exchange
    wall.step()
    assert restore(listed[0]["n"]) == ["phone"]
    assert list_conflicts()[0]["restored"]
    a.export(tmp_path / "a3")
    b.import_(tmp_path / "a3")
    assert _value(b, "person", rid, "phone") == "13900000001"


def test_an_edit_after_a_delete_wins_over_the_delete(township, node, tmp_path, wall):
    from rural_cadre_desktop.core import models, store
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    r1, r2 = [r[0] for r in a.open().execute_sql(
        "SELECT id FROM returnee WHERE deleted = 0 ORDER BY id LIMIT 2").fetchall()]
    wall.step()
    a.open()
    store.soft_delete(models.Returnee.get_by_id(r1))        # r1: deleted on A, then edited on B
    wall.step()
    _edit(b, "Returnee", r1, mentor="王建国")
    wall.step()
    _edit(a, "Returnee", r2, mentor="李明")                  # r2: edited on A, then deleted on B
    wall.step()
    b.open()
    store.soft_delete(models.Returnee.get_by_id(r2))
    a.export(tmp_path / "a2")
    b.export(tmp_path / "b2")
    b.import_(tmp_path / "a2")
    a.import_(tmp_path / "b2")
    for n in (a, b):
        assert _value(n, "returnee", r1, "deleted") == 0 and _value(n, "returnee", r1, "mentor") == "王建国"
        assert _value(n, "returnee", r2, "deleted") == 1
    assert a.snapshot() == b.snapshot()


def test_one_person_entered_on_both_pcs_becomes_one(township, node, tmp_path, wall):
    from rural_cadre_desktop.core import models, store
    from rural_cadre_desktop.core.people import create_person
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    idn = "610102199003072417"
    made = {}
    for n, extra in ((a, {"phone": "13700000001"}), (b, {"address": "石门镇北沟村三组"})):
        wall.step()
        n.open()
        p = create_person({"name": "赵海燕", "id_number": idn, **extra})
        store.insert(models.Returnee, person=p.id, work_place="浙江杭州" if n is a else "浙江宁波")
        made[n.path] = p.id
    a.export(tmp_path / "a2")
    b.export(tmp_path / "b2")
    b.import_(tmp_path / "a2")
    a.import_(tmp_path / "b2")
    keep, drop = sorted(made.values())
    for n in (a, b):
        live = n.rows("person", "id") and n.open().execute_sql(
            "SELECT id FROM person WHERE id_number = ? AND deleted = 0 AND alias_of_id IS NULL", (idn,)).fetchall()
        assert live == [(keep,)]
        assert _value(n, "person", drop, "alias_of_id") == keep
        rets = n.open().execute_sql("SELECT person_id FROM returnee WHERE deleted = 0 AND person_id IN (?, ?)",
                                    (keep, drop)).fetchall()
        assert rets == [(keep,)]                  # one live returnee record, pointing at the survivor
        assert _value(n, "person", keep, "phone") == "13700000001"        # each side's fields kept:
        assert _value(n, "person", keep, "address") == "石门镇北沟村三组"   # the survivor's gaps filled
    assert a.snapshot(with_clocks=False) == b.snapshot(with_clocks=False)


def test_a_county_merges_two_townships_and_hands_each_back_only_its_share(node, tmp_path, wall):
    from rural_cadre_desktop.core.demo import generate
    from rural_cadre_desktop.core.setup import init_installation
    a, c, k = node("shimen"), node("chengguan"), node("county")
    a.open()
    init_installation("洛南县", "石门镇")
    generate(villages=2, returnees=8, seed=1)
    c.open()
    init_installation("洛南县", "城关镇")
    from rural_cadre_desktop.core import regions
    for v in ("东关村", "西关村"):
        regions.add_village(v)
    k.open()
    init_installation("洛南县", "城关镇", role="county")      # the county's own copy of 城关镇: merged by name
    a.export(tmp_path / "a")
    c.export(tmp_path / "c")
    assert k.import_(tmp_path / "a").total("refused") == 0
    assert k.import_(tmp_path / "c").total("refused") == 0
    towns = sorted(r[0] for r in k.open().execute_sql("SELECT name FROM township WHERE deleted = 0"))
    assert towns == ["城关镇", "石门镇"]
    counties = k.open().execute_sql("SELECT count(*) FROM county WHERE deleted = 0").fetchone()[0]
    assert counties == 1                                    # three 洛南县 rows became one
    k.export(tmp_path / "share-c", township="城关镇")
    back = c.import_(tmp_path / "share-c")
    assert back.total("refused") == 0
    names = {r[0] for r in c.open().execute_sql("SELECT name FROM village WHERE deleted = 0")}
    assert names == {"东关村", "西关村"}                       # nothing of 石门镇 came back
    assert c.open().execute_sql("SELECT count(*) FROM person").fetchone()[0] == 0
    # the full county package offered to a township: other townships' rows refused and counted
    k.export(tmp_path / "all")
    refused = c.import_(tmp_path / "all")
    assert refused.total("refused") > 0 and refused.tables["person"]["refused"] > 0
    assert c.open().execute_sql("SELECT count(*) FROM person").fetchone()[0] == 0


def test_export_to_a_peer_leaves_out_what_it_holds(township, node, tmp_path, wall):
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    b.export(tmp_path / "b1")
    a.import_(tmp_path / "b1")                   # A now knows what B holds
    rid = _first(a, "returnee")
    wall.step()
    _edit(a, "Returnee", rid, work_place="湖北武汉")
    from rural_cadre_desktop.core.sync.service import installation
    b.open()
    peer = installation()["name"]
    done = a.export(tmp_path / "delta", to=peer)
    assert done["rows"] == 1 and done["tables"] == {"returnee": 1}
    b.import_(tmp_path / "delta")
    assert _value(b, "returnee", rid, "work_place") == "湖北武汉"


def test_a_far_future_stamp_is_flagged_and_does_not_drag_the_clock(township, node, tmp_path, wall):
    from rural_cadre_desktop.core import settings
    from rural_cadre_desktop.core.store import HWM_KEY
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    rid = _first(a, "returnee")
    wall.step(3 * 24 * 3600 * 1000)                         # A's clock runs three days ahead
    _edit(a, "Returnee", rid, mentor="未来")
    a.export(tmp_path / "a2")
    wall.step(-3 * 24 * 3600 * 1000)
    b.open()
    hwm = settings.get(HWM_KEY)
    report = b.import_(tmp_path / "a2")
    assert report.future == 1 and "时钟" in "\n".join(report.lines())
    assert _value(b, "returnee", rid, "mentor") == "未来"    # the merge still compares stamps
    b.open()
    assert settings.get(HWM_KEY) == hwm
    # a local edit of that record still sorts after the stamp on it
    wall.step()
    _edit(b, "Returnee", rid, mentor="本地")
    stamps = json.loads(_value(b, "returnee", rid, "clocks"))
    assert stamps["mentor"] > _value(a, "returnee", rid, "modified_at")


def test_dry_run_reports_and_changes_nothing(township, node, tmp_path, wall):
    a, b = township, node("b")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    rid = _first(a, "returnee")
    wall.step()
    _edit(a, "Returnee", rid, work_place="四川成都")
    a.export(tmp_path / "a2")
    before, history = b.snapshot(), b.history()
    report = b.import_(tmp_path / "a2", dry_run=True)
    assert report.dry_run and report.total("updated") == 1 and report.village_rows()
    assert b.snapshot() == before and b.history() == history


def _as_older_schema(pkg, passphrase, tmp_path):
    """The same package as a schema-2 program would have written it (no person.name_pinyin)."""
    import sqlite3

    from rural_cadre_desktop.core.sync import package
    work = tmp_path / "older.sqlite"
    manifest = package.open_to(pkg, passphrase, work)
    conn = sqlite3.connect(str(work), isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person' "
                                "AND sql LIKE '%name_pinyin%'").fetchall():
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute("ALTER TABLE person DROP COLUMN name_pinyin")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("UPDATE _manifest SET json = ?", (json.dumps({**manifest, "schema": 2}, ensure_ascii=False),))
    conn.close()
    out = tmp_path / "older.pkg"
    package.seal_to(work, out, passphrase)
    return out


def test_a_package_from_an_older_schema_is_upgraded_on_import(township, node, tmp_path, wall):
    from rural_cadre_desktop.core.people import create_person
    a, b, c = township, node("b"), node("c")
    a.export(tmp_path / "p1")
    b.import_(tmp_path / "p1")
    wall.step()
    a.open()
    pid = create_person({"name": "单雄信"}).id
    a.export(tmp_path / "p2")
    older = _as_older_schema(tmp_path / "p2", "县委组织部-2026-口令", tmp_path)
    assert b.import_(older).tables["person"]["added"] == 1                # merged into an existing PC
    assert c.import_(older).new_installation                              # and set up a new one
    for n in (b, c):
        assert _value(n, "person", pid, "name_pinyin") == _value(a, "person", pid, "name_pinyin") != ""
