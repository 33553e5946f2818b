"""The database connection: one deferred peewee SqliteDatabase, opened once per process.

Pragmas: WAL (readers never block the writer), foreign_keys=1 (peewee enforces nothing without
it), a busy timeout so a second process waits instead of failing, and synchronous=FULL because a
township PC may lose power and "nothing a user typed is ever lost".

Opening looks first, read-only (`inspect`): setting WAL already rewrites a file's header, so
another program's database, a damaged file or no database at all is refused before that, and
left byte-identical. Ledgers carry APPLICATION_ID in their header and are private (0600).
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from rural_cadre_desktop.core.errors import DAMAGED, NOT_A_LEDGER, UserError, explain
from rural_cadre_desktop.core.paths import make_private

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "full",
    "cache_size": -32000,       # 32 MB page cache: 100k-row lists stay in memory
    "temp_store": "memory",
}

# Written into the header of every ledger this program creates (PRAGMA application_id, bytes
# 68-71): "RCDL". A ledger made before it existed is recognised by its tables and stamped.
APPLICATION_ID = 0x5243444C
# Tables every ledger of ours has had since schema v1; a file without them is someone else's.
OUR_TABLES = frozenset({"setting", "person", "village", "returnee", "audit_log"})


class LedgerDatabase(SqliteDatabase):
    """peewee's SqliteDatabase, except that a ROLLBACK after SQLite already rolled back on its
    own (a full disk, an I/O error) is skipped: peewee would raise "cannot rollback - no
    transaction is active" and hide the real failure."""

    def rollback(self):
        if not self.is_closed() and not self.connection().in_transaction:
            return
        super().rollback()

    def savepoint(self):
        return _Savepoint(self)


class _Savepoint(peewee._savepoint):
    """A nested atomic(): ROLLBACK TO a savepoint SQLite's own rollback already took away would
    fail with "no such savepoint" and hide the real failure the same way."""

    def rollback(self, begin=True):
        if not self.db.connection().in_transaction:
            return
        super().rollback(begin)


database = LedgerDatabase(None, pragmas=PRAGMAS)


@dataclass(frozen=True)
class FileState:
    """What a read-only look at a file found. kind: missing, empty, ledger, foreign, broken (not
    SQLite at all), damaged (SQLite, but its first pages cannot be read)."""
    kind: str
    version: int = 0
    stamped: bool = False           # carries our application_id
    reason: str = ""


def inspect(path: str | os.PathLike) -> FileState:
    """Look at PATH without changing it: through SQLite in read-only mode (never Python's open() on
    the database: closing any descriptor of the file drops this process's SQLite locks on it, see
    "One ledger file, one window"), before anything sets WAL or creates tables."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return FileState("empty")
    except FileNotFoundError:
        return FileState("missing")
    except OSError as e:
        return FileState("broken", reason=e.strerror or str(e))
    if path.is_dir():
        return FileState("broken", reason="a folder")
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as e:
        return FileState("broken", reason=str(e))
    try:
        con.execute("PRAGMA busy_timeout = 10000")
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as e:
        code = (getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF
        if code == sqlite3.SQLITE_NOTADB:
            return FileState("broken", reason=str(e))
        if code == sqlite3.SQLITE_CORRUPT:          # a SQLite file, cut short or overwritten
            return FileState("damaged", reason=str(e))
        raise
    finally:
        con.close()
    if app_id == APPLICATION_ID:
        return FileState("ledger", version, True)
    if app_id == 0 and OUR_TABLES <= tables:
        return FileState("ledger", version, False)
    if app_id == 0 and not tables and version == 0:
        return FileState("empty")           # a SQLite file that holds nothing at all
    return FileState("foreign", version, reason=f"application_id {app_id}, tables {sorted(tables)[:5]}")


def connect(path: str | os.PathLike, create: bool = True) -> SqliteDatabase:
    """Point the shared database at PATH and open it, after a read-only look (inspect): another
    program's file, a damaged or non-database file are refused untouched; a missing or empty
    file becomes a new ledger only with `create` (init, demo, restore, sync import, the GUI)."""
    path = Path(path)
    if database.database and not database.is_closed():
        database.close()
    try:
        state = inspect(path)
    except sqlite3.Error as e:
        raise explain(e) or UserError(f"无法读取数据库 {path}：{e}，请检查文件和权限",
                                      f"cannot read database {path}: {e}") from e
    if state.kind in ("missing", "empty") and not create:
        raise UserError(f"这里没有台账数据库（{path} 不存在或是空文件），请检查 --db 路径，"
                        "或先用 init 或 demo 建立",
                        f"no ledger database at {path}: check --db, or create one with init or demo")
    if state.kind in ("foreign", "broken", "damaged"):
        zh, en = DAMAGED if state.kind == "damaged" else NOT_A_LEDGER
        raise UserError(f"{path}：{zh}", f"{path}: {en}")
    if state.kind in ("missing", "empty"):
        _create(path)
    database.init(str(path))
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        if not state.stamped:       # a ledger made before the stamp existed
            database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except Exception as e:       # locked, unreadable, read-only folder …
        if not database.is_closed():
            database.close()
        raise explain(e) or UserError(f"无法打开数据库 {path}：{e}，请确认文件未被占用且有读写权限",
                                      f"cannot open database {path}: {e}") from e
    for f in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        make_private(f)
    return database


def _create(path: Path) -> None:
    """A new, empty ledger: the file made private before SQLite writes a byte, stamped with our
    application_id in one transaction (a file killed half-way is still "empty" next time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as e:
        raise UserError(f"无法在 {path.parent} 建立数据库文件：{e.strerror}，请换一个有写权限的位置",
                        f"cannot create the database in {path.parent}") from e
    make_private(path)
    con = sqlite3.connect(str(path))
    try:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.commit()
    except sqlite3.Error as e:
        raise explain(e) or UserError(f"无法建立数据库 {path}：{e}", f"cannot create database {path}: {e}") from e
    finally:
        con.close()


def close() -> None:
    if database.database and not database.is_closed():
        database.close()


def db_path() -> Path:
    return Path(database.database)


def backup_to(target: str | os.PathLike, source: str | os.PathLike | None = None) -> Path:
    """A verified plain copy of the live database at TARGET (core/backup.py does the work)."""
    from rural_cadre_desktop.core.backup import copy_to
    return copy_to(Path(target), Path(source) if source else db_path())


def auto_backup(reason: str, keep: int = 20) -> Path | None:
    """A verified, compressed backup before a risky change; UserError when the ledger is damaged.
    `keep` is ignored: core/backup.py's retention rule decides (kept for callers' signature)."""
    from rural_cadre_desktop.core.backup import auto_backup as take
    return take(reason, db_path())
