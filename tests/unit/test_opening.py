"""Opening a file: another program's SQLite file, an empty or missing file, a text file and a cut
one are looked at read-only first and refused untouched; only where a ledger is expected does a
missing or empty file become one; ledgers are private to their owner."""
from __future__ import annotations

import ast
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.store import open_store

PACKAGE = Path(__file__).resolve().parents[2] / "rural_cadre_desktop"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def invoices(path: Path, user_version: int = 0) -> Path:
    """Another program's database: an invoices table, nothing of ours."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices(no TEXT, amount REAL)")
    con.execute("INSERT INTO invoices VALUES ('F-001', 12.5)")
    if user_version:
        con.execute(f"PRAGMA user_version = {user_version}")
    con.commit()
    con.close()
    return path


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@pytest.mark.parametrize("create", [True, False])
@pytest.mark.parametrize("user_version", [0, 7])
def test_another_programs_sqlite_file_is_refused_and_left_byte_identical(tmp_path, create, user_version):
    other = invoices(tmp_path / "other.db", user_version)
    before, files = sha(other), siblings(other)
    with pytest.raises(UserError) as e:
        open_store(other, create=create)
    assert "不是本软件的数据库文件" in e.value.zh and "not a database of this program" in e.value.en
    assert sha(other) == before
    assert siblings(other) == files          # no -wal/-shm, no backup folder
    con = sqlite3.connect(other)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"      # WAL never set
    con.close()


def test_a_file_with_some_of_our_table_names_but_another_application_id_is_foreign(tmp_path):
    path = tmp_path / "look-alike.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 42")
    for t in ("setting", "person", "village", "returnee", "audit_log"):
        con.execute(f"CREATE TABLE {t}(x)")
    con.commit()
    con.close()
    before = sha(path)
    with pytest.raises(UserError):
        open_store(path, create=True)
    assert sha(path) == before


@pytest.mark.parametrize("content", ["这不是数据库", "SQLite format 3\x00" + "x" * 30])
def test_a_file_that_is_not_sqlite_is_refused_as_such_not_with_advice_about_locks(tmp_path, content):
    bad = tmp_path / "notes.db"
    bad.write_text(content, encoding="utf-8")
    before = sha(bad)
    with pytest.raises(UserError) as e:
        open_store(bad, create=True)
    assert "不是本软件的数据库文件" in e.value.zh and "占用" not in e.value.zh
    assert sha(bad) == before


def test_a_truncated_ledger_is_called_damaged_with_the_way_out(tmp_path, db_path):
    open_store(db_path, create=True)
    from rural_cadre_desktop.core.demo import generate
    generate(villages=3, returnees=200, seed=1)
    dbmod.close()
    cut = tmp_path / "cut.db"
    cut.write_bytes(db_path.read_bytes()[:60_000])
    before = sha(cut)
    with pytest.raises(UserError) as e:
        open_store(cut, create=False)
    assert "已损坏" in e.value.zh and "备份" in e.value.zh and "占用" not in e.value.zh
    assert sha(cut) == before


def test_a_missing_or_empty_file_is_refused_where_no_ledger_is_expected(tmp_path):
    missing, empty = tmp_path / "nope.db", tmp_path / "empty.db"
    empty.touch()
    for path in (missing, empty):
        with pytest.raises(UserError) as e:
            open_store(path, create=False)
        assert "这里没有台账数据库" in e.value.zh and "--db" in e.value.zh
    assert not missing.exists()
    assert empty.stat().st_size == 0


def test_an_empty_file_becomes_a_stamped_private_ledger_where_one_is_expected(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    os.chmod(empty, 0o644)
    database = open_store(empty, create=True)
    assert database.execute_sql("PRAGMA application_id").fetchone()[0] == dbmod.APPLICATION_ID
    assert stat.S_IMODE(empty.stat().st_mode) == 0o600
    dbmod.close()
    assert dbmod.inspect(empty).kind == "ledger"


def test_a_new_ledger_and_its_wal_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "sub" / "new.db"
        database = open_store(path, create=True)
        database.execute_sql("INSERT INTO setting(key, value) VALUES ('k', 'v')")
        for p in (path, path.with_name("new.db-wal"), path.with_name("new.db-shm")):
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    finally:
        os.umask(old)
        dbmod.close()


def test_an_existing_world_readable_ledger_is_made_private_on_open(db_path):
    open_store(db_path, create=True)
    dbmod.close()
    os.chmod(db_path, 0o644)
    open_store(db_path, create=False)
    dbmod.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_a_ledger_made_before_the_stamp_is_recognised_by_its_tables_and_stamped(db_path):
    open_store(db_path, create=True)
    dbmod.database.execute_sql("PRAGMA application_id = 0")
    dbmod.close()
    assert dbmod.inspect(db_path) == dbmod.FileState("ledger", dbmod.inspect(db_path).version, False)
    database = open_store(db_path, create=False)
    assert database.execute_sql("PRAGMA application_id").fetchone()[0] == dbmod.APPLICATION_ID
    dbmod.close()


def test_every_caller_in_the_program_says_whether_it_may_create_a_ledger():
    """open_store's `create` decides whether an empty file becomes a ledger: no caller may leave
    it to the default (only init, demo, restore, sync import and the GUI pass True)."""
    quiet = []
    for py in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) \
                    and getattr(node.func, "attr", getattr(node.func, "id", None)) == "open_store" \
                    and len(node.args) < 2 and not any(k.arg == "create" for k in node.keywords):
                quiet.append(f"{py.relative_to(PACKAGE)}:{node.lineno}")
    assert quiet == []
