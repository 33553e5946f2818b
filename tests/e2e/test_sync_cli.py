"""sync export / import / conflicts as the real command, and what two processes and kill -9 do."""
from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PASS = "县委组织部-2026-口令"


_STAMPS = {"modified_at", "modified_by", "clocks", "stamp"}


def _content(db: Path, stamps: bool = True) -> list:
    """Every synced and local row (not the file's bytes: SQLite may lay pages out anew); without
    `stamps`, the clock columns an import fills with stamps of its own are left out."""
    conn = sqlite3.connect(str(db))
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = []
        for t in tables:
            if t == "audit_log":
                continue
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")') if stamps or r[1] not in _STAMPS]
            sel = ", ".join(f'"{c}"' for c in cols)
            where = "" if stamps or t != "setting" else " WHERE key != 'clock_hwm'"
            out.append((t, sorted(conn.execute(f'SELECT {sel} FROM "{t}"{where}').fetchall(), key=repr)))
        return out
    finally:
        conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pair(make_cli, tmp_path):
    """A (demo) and B, a second PC set up from A's package by the command line."""
    (tmp_path / "pp").write_text(PASS + "\n", encoding="utf-8")
    a, b = make_cli(tmp_path / "a" / "a.db"), make_cli(tmp_path / "b" / "b.db")
    a("demo", "--returnees", "40", "--villages", "3", "--seed", "4", check=0)
    a("sync", "export", "-o", str(tmp_path / "p1"), "--passphrase-file", str(tmp_path / "pp"), "--full", check=0)
    out = b("sync", "import", str(tmp_path / "p1"), "--passphrase-file", str(tmp_path / "pp"), check=0).stdout
    assert "已用同步包设置本机" in out and "新增" in out
    return a, b


def test_a_second_pc_is_set_up_and_a_repeat_changes_nothing(pair, tmp_path):
    a, b = pair
    assert a.json("export", "people", "--format", "json") == b.json("export", "people", "--format", "json")
    before = _content(Path(b.db))
    res = b("sync", "import", str(tmp_path / "p1"), "--passphrase-file", str(tmp_path / "pp"),
            "--format", "json", check=0)
    report = json.loads(res.stdout)
    assert report["totals"] == {"added": 0, "updated": 0, "deleted": 0, "conflicts": 0, "refused": 0}
    assert _content(Path(b.db)) == before
    assert b.json("sync", "conflicts", "--format", "json") == []


def test_refused_packages_exit_1_with_one_line_and_the_file_unchanged(pair, tmp_path):
    _, b = pair
    (tmp_path / "wrong").write_text("另一个口令\n", encoding="utf-8")
    bad = tmp_path / "bad"
    data = bytearray((tmp_path / "p1").read_bytes())
    data[len(data) // 3] ^= 1
    bad.write_bytes(bytes(data))
    short = tmp_path / "short"
    short.write_bytes((tmp_path / "p1").read_bytes()[:3000])
    before = _sha(Path(b.db))
    for pkg, pp in ((bad, "pp"), (short, "pp"), (tmp_path / "p1", "wrong"), (tmp_path / "nope", "pp")):
        res = b("sync", "import", str(pkg), "--passphrase-file", str(tmp_path / pp), check=1)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误：") and "Traceback" not in res.stderr
        assert _sha(Path(b.db)) == before
    assert not list(Path(b.db).parent.glob(".sync-*"))
    # and a refused package never makes a new PC's database
    fresh = tmp_path / "c" / "c.db"
    cmd = [sys.executable, "-m", "rural_cadre_desktop", "--db", str(fresh), "sync", "import", str(bad),
           "--passphrase-file", str(tmp_path / "pp")]
    assert subprocess.run(cmd, capture_output=True, text=True, check=False).returncode == 1
    assert not fresh.exists()


def test_the_passphrase_is_never_taken_from_the_command_line(pair, tmp_path):
    a, _ = pair
    res = a("sync", "export", "-o", str(tmp_path / "x"), "--passphrase", PASS)
    assert res.returncode == 2 and not (tmp_path / "x").exists()


def test_conflicts_are_listed_side_by_side_and_restored(pair, tmp_path):
    a, b = pair
    rid = a.json("export", "returnees", "--format", "json")[3]["id"]
    a("edit", "returnees", rid, "work_place=广东东莞", check=0)
    b("edit", "returnees", rid, "work_place=福建厦门", check=0)
    pp = str(tmp_path / "pp")
    a("sync", "export", "-o", str(tmp_path / "a2"), "--passphrase-file", pp, check=0)
    b("sync", "export", "-o", str(tmp_path / "b2"), "--passphrase-file", pp, check=0)
    out = b("sync", "import", str(tmp_path / "a2"), "--passphrase-file", pp, check=0).stdout
    a("sync", "import", str(tmp_path / "b2"), "--passphrase-file", pp, check=0)
    assert "冲突 1" in out
    shown = b.json("sync", "conflicts", "--format", "json")
    assert len(shown) == 1
    c = shown[0]
    assert c["table"] == "returnee" and c["field"] == "work_place" and c["person"] and c["village"]
    assert {c["kept_value"], c["lost_value"]} == {"广东东莞", "福建厦门"}
    kept = next(r for r in a.json("export", "returnees", "--format", "json") if r["id"] == rid)["work_place"]
    assert kept == c["kept_value"]
    text = b("sync", "conflicts", check=0).stdout
    assert c["lost_value"] in text and c["kept_value"] in text
    b("sync", "conflicts", "--restore", str(c["n"]), check=0)
    now = next(r for r in b.json("export", "returnees", "--format", "json") if r["id"] == rid)["work_place"]
    assert now == c["lost_value"]
    assert b.json("sync", "conflicts", "--format", "json")[0]["restored"] is True
    assert "没有编号" in b("sync", "conflicts", "--restore", "999999", check=1).stderr


WRITER = r'''
import json, sys
from rural_cadre_desktop.core import clock, models, store
clock.now_ms = lambda: int(sys.argv[4])          # every write of this process in one millisecond
store.open_store(sys.argv[1])
row = models.Returnee.get_by_id(sys.argv[2])
for i in range(int(sys.argv[3])):
    store.update(row, {"mentor": f"{sys.argv[5]}-{i}"})
print(json.loads(models.Returnee.get_by_id(sys.argv[2]).clocks)["mentor"])
'''


def test_two_processes_writing_one_record_stamp_in_the_order_they_wrote(pair):
    """Each process keeps its own clock in memory; the high-water mark in the database orders them
    even when both write within the same millisecond (where in-memory counters alone went backwards)."""
    a, _ = pair
    rid = a.json("export", "returnees", "--format", "json")[0]["id"]
    same_ms = str(int(time.time() * 1000))
    first = subprocess.run([sys.executable, "-c", WRITER, a.db, rid, "5", same_ms, "first"],
                           capture_output=True, text=True, check=True).stdout.strip()
    second = subprocess.run([sys.executable, "-c", WRITER, a.db, rid, "1", same_ms, "second"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert second > first, (first, second)
    row = next(r for r in a.json("export", "returnees", "--format", "json") if r["id"] == rid)
    assert row["mentor"] == "second-0"


TRIALS = int(os.environ.get("RCD_KILL_TRIALS", "10"))


def _copy_db(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(str(src))
    try:
        conn.execute("VACUUM INTO ?", (str(dst),))
    finally:
        conn.close()


@pytest.mark.slow
def test_kill_9_during_import_leaves_the_database_whole_and_unchanged(pair, make_cli, tmp_path):
    """A package from another PC that set up the same township by itself (new people, the same
    villages: a merge with inserts, region matching and history) is imported while kill -9 lands
    anywhere; the database is each time as before or as after, never in between."""
    _, b = pair
    pp = str(tmp_path / "pp")
    other = make_cli(tmp_path / "o" / "o.db")
    other("demo", "--returnees", "300", "--villages", "3", "--seed", "11", check=0)
    other("sync", "export", "-o", str(tmp_path / "o.pkg"), "--passphrase-file", pp, check=0)
    db = Path(b.db)
    saved = tmp_path / "saved" / "b.db"
    saved.parent.mkdir()
    _copy_db(db, saved)
    before = _content(db)
    cmd = [sys.executable, "-m", "rural_cadre_desktop", "--db", str(db), "sync", "import",
           str(tmp_path / "o.pkg"), "--passphrase-file", pp]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    span = time.perf_counter() - t0              # how long it runs uninterrupted
    after = _content(db, stamps=False)           # a run's own stamps (re-pointing) differ run to run
    assert after != before
    _copy_db(saved, db)
    rng = random.Random(int(os.environ.get("RCD_KILL_SEED", "14")))
    killed = 0
    for trial in range(TRIALS):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(0.05, span * 1.1))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            killed += 1
        conn = sqlite3.connect(str(db))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], trial
        finally:
            conn.close()
        now = _content(db)
        done = _content(db, stamps=False) == after
        assert now == before or done, f"trial {trial}: the database is neither before nor after"
        if done:                         # that run finished: start the next from before again
            _copy_db(saved, db)
    assert killed >= TRIALS // 3, f"only {killed} of {TRIALS} runs were killed before they ended"
    subprocess.run(cmd, check=True, capture_output=True)    # the next run cleans up and completes
    assert _content(db, stamps=False) == after
    assert not list(db.parent.glob(".sync-*"))   # plaintext work files of killed runs are gone
