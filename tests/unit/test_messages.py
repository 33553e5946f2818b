"""Storage failures end in one line, Chinese then English, and change nothing: a full disk
(SQLite's max_page_count makes it report SQLITE_FULL), a lock held past busy_timeout (BEGIN
IMMEDIATE in a second connection), a read-only file, a damaged file, another program's file.
The command line prints that line and exits 1 — no traceback."""
from __future__ import annotations

import errno
import json
import sqlite3
import tempfile

import pytest

from rural_cadre_desktop.cli.main import main
from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core import paths
from rural_cadre_desktop.core.errors import explain
from rural_cadre_desktop.core.store import open_store


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """The in-process command line starts with paths.clean_work(): a data folder of the test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    monkeypatch.setattr(paths, "_held", None)


def failure_of(fn):
    try:
        fn()
    except Exception as e:          # noqa: BLE001 - the test inspects whatever was raised
        return e
    raise AssertionError("nothing failed")


def test_a_full_database_is_explained_as_a_full_disk(store):
    pages = store.execute_sql("PRAGMA page_count").fetchone()[0]
    store.execute_sql(f"PRAGMA max_page_count = {pages + 1}")

    def fill():
        with store.atomic():
            for i in range(500):
                store.execute_sql("INSERT INTO setting(key, value) VALUES (?, ?)", (f"k{i}", "x" * 900))
    err = explain(failure_of(fill))
    assert err.zh.startswith("磁盘已满") and "数据没有改动" in err.zh and "disk is full" in err.en
    assert store.execute_sql("SELECT count(*) FROM setting WHERE key LIKE 'k%'").fetchone()[0] == 0


def test_sqlites_own_rollback_does_not_hide_the_failure_behind_cannot_rollback(store):
    """After a full disk SQLite rolls the transaction back itself; peewee's ROLLBACK then failed
    with "cannot rollback - no transaction is active" and that is all the clerk saw."""
    with pytest.raises(OSError) as e, store.atomic():
        store.execute_sql("INSERT INTO setting(key, value) VALUES ('a', 'b')")
        store.connection().execute("ROLLBACK")          # what SQLite does on SQLITE_FULL
        raise OSError(errno.ENOSPC, "No space left on device")
    assert e.value.errno == errno.ENOSPC
    assert explain(e.value).zh.startswith("磁盘已满")


def test_nor_does_the_rollback_of_a_nested_atomic_block(store):
    with pytest.raises(OSError) as e, store.atomic(), store.atomic():
        store.execute_sql("INSERT INTO setting(key, value) VALUES ('a', 'b')")
        store.connection().execute("ROLLBACK")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert e.value.errno == errno.ENOSPC
    assert store.execute_sql("SELECT count(*) FROM setting WHERE key = 'a'").fetchone()[0] == 0


def test_a_lock_held_past_the_busy_timeout_is_explained(db_path, store):
    store.execute_sql("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")
    try:
        e = failure_of(lambda: store.execute_sql("INSERT INTO setting(key, value) VALUES ('x', 'y')"))
    finally:
        other.rollback()
        other.close()
    assert "正被另一个程序写入" in explain(e).zh and "稍后再试" in explain(e).zh


def test_a_read_only_file_is_explained(store, db_path):
    ro = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        e = failure_of(lambda: ro.execute("INSERT INTO setting(key, value) VALUES ('x', 'y')"))
    finally:
        ro.close()
    assert "只读" in explain(e).zh and "read-only" in explain(e).en


def test_other_errors_are_not_dressed_up_as_storage_failures():
    assert explain(ValueError("a bug")) is None
    assert explain(KeyError("name")) is None


@pytest.fixture
def small_pragmas(monkeypatch):
    """The command line's real database with extra pragmas for this test (a tiny file limit,
    a short busy timeout): the same failures a full disk or a long lock give."""
    def use(**pragmas):
        monkeypatch.setattr(dbmod.database, "_pragmas", list(dbmod.PRAGMAS.items()) + list(pragmas.items()))
    return use


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_the_command_line_says_disk_full_in_one_line(tmp_path, capsys, small_pragmas):
    small_pragmas(max_page_count=120)
    rc, _out, err = run_cli(capsys, "--db", str(tmp_path / "full.db"), "demo", "--returnees", "3000")
    lines = [x for x in err.splitlines() if x.startswith("错误")]
    assert rc == 1 and len(lines) == 1 and "磁盘已满" in lines[0] and "Traceback" not in err
    assert "cannot rollback" not in err


def test_an_export_whose_audit_cannot_be_written_refuses_and_writes_no_file(tmp_path, capsys, small_pragmas):
    db = tmp_path / "l.db"
    assert run_cli(capsys, "--db", str(db), "demo", "--returnees", "30")[0] == 0
    small_pragmas(busy_timeout=100)
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")          # another program writing, longer than we wait
    try:
        out_file = tmp_path / "people.json"
        rc, _out, err = run_cli(capsys, "--db", str(db), "export", "people", "--format", "json", "-o", str(out_file))
    finally:
        holder.rollback()
        holder.close()
    assert rc == 1 and "正被另一个程序写入" in err and "Traceback" not in err
    assert not out_file.exists() and not list(tmp_path.glob("people.json*"))
    # and with the lock gone the export happens, on record before the file
    rc, _, _ = run_cli(capsys, "--db", str(db), "export", "people", "--format", "json", "-o", str(out_file))
    assert rc == 0 and json.loads(out_file.read_text("utf-8"))
    open_store(db, create=False)
    rows = dbmod.database.execute_sql("SELECT action, detail FROM audit_log WHERE action = 'export'").fetchall()
    dbmod.close()
    assert len(rows) == 1 and rows[0][1].startswith("people json")


def test_an_export_from_a_read_only_database_refuses_in_one_line(tmp_path, capsys, small_pragmas):
    """query_only makes SQLite refuse every write as a read-only file does (the tests run as a user
    whom file modes may not stop)."""
    db = tmp_path / "l.db"
    assert run_cli(capsys, "--db", str(db), "demo", "--returnees", "30")[0] == 0
    small_pragmas(query_only=1)
    out_file = tmp_path / "people.csv"
    rc, _out, err = run_cli(capsys, "--db", str(db), "export", "people", "--format", "csv", "-o", str(out_file))
    assert rc == 1 and "只读" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out_file.exists()
