"""`backup` and `restore` through the real command line, and kill -9 during backup, restore and export."""
from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rural_cadre_desktop.core import backup_file, crypto

PASS = "备份口令-2026"


def one_line_refusal(res) -> str:
    assert res.returncode == 1, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("错误：")]
    assert len(lines) == 1, res.stderr
    return lines[0]


def table_rows(path: Path) -> dict:
    conn = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name != 'audit_log'")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


@pytest.fixture
def ledger(cli, tmp_path):
    cli("demo", "--returnees", "150", "--seed", "5", check=0)
    (tmp_path / "pp").write_text(PASS + "\n", encoding="utf-8")
    return cli


def test_backup_and_restore_round_trip_with_no_id_number_in_the_file(ledger, make_cli, tmp_path):
    res = ledger("backup", "-o", str(tmp_path / "b.bak"), "--passphrase-file", str(tmp_path / "pp"), check=0)
    assert "b.bak" in res.stdout
    people = ledger.json("export", "people", "--format", "json")
    ids = [p["id_number"] for p in people if p.get("id_number")]
    blob = (tmp_path / "b.bak").read_bytes()
    assert ids and not any(i.encode() in blob for i in ids)
    audit = sqlite3.connect(ledger.db).execute("SELECT action, detail FROM audit_log WHERE action='backup'").fetchall()
    assert len(audit) == 1 and "b.bak" in audit[0][1]
    fresh = make_cli(tmp_path / "new" / "folder" / "r.db")           # a --db path that does not exist yet
    fresh("restore", str(tmp_path / "b.bak"), "--passphrase-file", str(tmp_path / "pp"), check=0)
    assert fresh.json("export", "people", "--format", "json") == people
    assert table_rows(Path(fresh.db)) == table_rows(Path(ledger.db))


def test_restore_refuses_a_wrong_passphrase_a_changed_byte_and_a_cut_file(ledger, make_cli, tmp_path):
    ledger("backup", "-o", str(tmp_path / "b.bak"), "--passphrase-file", str(tmp_path / "pp"), check=0)
    (tmp_path / "wrong").write_text("另一个口令\n", encoding="utf-8")
    blob = (tmp_path / "b.bak").read_bytes()
    (tmp_path / "changed.bak").write_bytes(blob[:5000] + bytes([blob[5000] ^ 1]) + blob[5001:])
    (tmp_path / "cut.bak").write_bytes(blob[:len(blob) * 2 // 3])
    target = make_cli(tmp_path / "r2.db")
    for name, pp, words in (("b.bak", "wrong", "口令不对"), ("changed.bak", "pp", "损坏或被改动"),
                            ("cut.bak", "pp", "损坏")):
        line = one_line_refusal(target("restore", str(tmp_path / name), "--passphrase-file", str(tmp_path / pp)))
        assert words in line, line
    assert not (tmp_path / "r2.db").exists() and not list(tmp_path.glob("r2*"))


def test_restore_refuses_another_townships_backup_unless_forced(ledger, make_cli, tmp_path):
    ledger("backup", "-o", str(tmp_path / "b.bak"), "--passphrase-file", str(tmp_path / "pp"), check=0)
    other = make_cli(tmp_path / "other.db")
    other("init", "--county", "洛南县", "--township", "景村镇", check=0)
    before = Path(other.db).read_bytes()
    line = one_line_refusal(other("restore", str(tmp_path / "b.bak"), "--passphrase-file", str(tmp_path / "pp")))
    assert "景村镇" in line and "--force" in line
    assert Path(other.db).read_bytes() == before
    other("restore", str(tmp_path / "b.bak"), "--passphrase-file", str(tmp_path / "pp"), "--force", check=0)
    assert json.loads(other("settings", "--format", "json", check=0).stdout)["township"] != "景村镇"


def test_restore_takes_an_automatic_backup_and_backs_up_what_it_replaces(ledger, tmp_path):
    ledger("check", check=0)                                   # the day's first start: a daily backup
    folder = tmp_path / "cli-backups"
    daily = [p for p in folder.iterdir() if p.name.endswith("-daily.db.gz")]
    assert len(daily) == 1 and backup_file.read_meta(daily[0])["verified"]
    n = len(ledger.json("export", "returnees", "--format", "json"))
    some = ledger.json("export", "returnees", "--format", "json")[0]["id"]
    ledger("delete", "returnees", some, check=0)
    assert len(ledger.json("export", "returnees", "--format", "json")) == n - 1
    res = ledger("restore", str(daily[0]), check=0)
    assert "恢复前的数据已备份为" in res.stdout
    assert len(ledger.json("export", "returnees", "--format", "json")) == n
    assert [p for p in folder.iterdir() if "-before-restore" in p.name]


def test_the_passphrase_is_never_taken_from_the_command_line(ledger, tmp_path):
    res = ledger("backup", "-o", str(tmp_path / "b.bak"), "--passphrase", PASS)
    assert res.returncode == 2 and "passphrase file" not in res.stderr      # not taken as --passphrase-file
    line = one_line_refusal(ledger("backup", "-o", str(tmp_path / "b.bak")))    # no terminal to prompt on
    assert "--passphrase-file" in line
    (tmp_path / "short").write_text("1234\n", encoding="utf-8")
    assert "口令太短" in one_line_refusal(ledger("backup", "-o", str(tmp_path / "b.bak"),
                                               "--passphrase-file", str(tmp_path / "short")))
    assert "不存在" in one_line_refusal(ledger("backup", "-o", str(tmp_path / "nope" / "b.bak"),
                                             "--passphrase-file", str(tmp_path / "pp")))
    assert not (tmp_path / "b.bak").exists()


# ---------------------------------------------------------------- kill -9

TRIALS = int(os.environ.get("RCD_KILL_TRIALS", "10"))


def _final_files_complete(tmp_path: Path, db: Path, n_returnees: int) -> None:
    """No partial file under a final name: every finished-looking file opens whole."""
    out = tmp_path / "out.bak"
    if out.exists():
        with open(out, "rb") as src:
            assert len(crypto.open_sealed(src, PASS, label=b"backup")) > 0
    js = tmp_path / "out.json"
    if js.exists():
        assert len(json.loads(js.read_text(encoding="utf-8"))) == n_returnees
    for p in (db.parent / f"{db.stem}-backups").glob("*.db.gz"):
        backup_file.decompress(p, tmp_path / "check.db")       # CRC and sha256, else it raises


@pytest.mark.slow
def test_kill_9_during_backup_restore_and_export_leaves_the_ledger_whole(ledger, tmp_path):
    db = Path(ledger.db)
    ledger("backup", "-o", str(tmp_path / "saved.bak"), "--passphrase-file", str(tmp_path / "pp"), check=0)
    expected = table_rows(db)
    n = len(ledger.json("export", "returnees", "--format", "json"))
    pp = str(tmp_path / "pp")
    commands = {
        "backup": ["backup", "-o", str(tmp_path / "out.bak"), "--passphrase-file", pp],
        "restore": ["restore", str(tmp_path / "saved.bak"), "--passphrase-file", pp],
        "export": ["export", "returnees", "--format", "json", "-o", str(tmp_path / "out.json")],
    }
    # How long each runs uninterrupted: kills land anywhere from the start to just past the end.
    import time
    spans = {}
    for name, args in commands.items():
        t0 = time.perf_counter()
        ledger(*args, check=0)
        spans[name] = time.perf_counter() - t0
    rng = random.Random(int(os.environ.get("RCD_KILL_SEED", "13")))
    killed = 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for trial in range(TRIALS):
        name = rng.choice(sorted(commands))
        cmd = [sys.executable, "-m", "rural_cadre_desktop", "--db", str(db)] + commands[name]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            proc.wait(timeout=rng.uniform(0.05, spans[name] * 1.1))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            killed += 1
        conn = sqlite3.connect(str(db))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], (trial, name)
        finally:
            conn.close()
        assert table_rows(db) == expected, (trial, name)
        _final_files_complete(tmp_path, db, n)
    assert killed >= TRIALS // 3, f"only {killed} of {TRIALS} runs were killed before they ended"
    # The next run cleans what killed runs left and still works.
    ledger(*commands["restore"], check=0)
    ledger(*commands["backup"], check=0)
    left = [p.name for p in (db.parent / f"{db.stem}-backups").iterdir() if not p.name.endswith(".db.gz")]
    assert left == [], left                      # work files (and SQLite's journals of them) cleaned
    assert not list(tmp_path.glob("*.partial"))
    assert not [p for p in db.parent.iterdir() if ".restoring" in p.name]
    print(f"\n{TRIALS} trials, {killed} killed mid-run; spans {', '.join(f'{k} {v:.2f}s' for k, v in spans.items())}")
