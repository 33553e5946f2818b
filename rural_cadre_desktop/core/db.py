"""The database connection: one deferred peewee SqliteDatabase, opened once per process.

Pragmas: WAL (readers never block the writer), foreign_keys=1 (peewee enforces nothing without
it), a busy timeout so a second process waits instead of failing, and synchronous=FULL because a
township PC may lose power and "nothing a user typed is ever lost".
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from rural_cadre_desktop.core.errors import UserError

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "full",
    "cache_size": -32000,       # 32 MB page cache: 100k-row lists stay in memory
    "temp_store": "memory",
}

database = SqliteDatabase(None, pragmas=PRAGMAS)


def connect(path: str | os.PathLike) -> SqliteDatabase:
    """Point the shared database at PATH and open it (creating its folder)."""
    path = Path(path)
    if database.database and not database.is_closed():
        database.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"无法创建数据文件夹 {path.parent}：{e.strerror}，请换一个有写权限的位置",
                        f"cannot create data folder {path.parent}") from e
    # Whether the file is a database at all is asked of SQLite (its first read of the header says
    # "file is not a database"), never by opening the file ourselves: SQLite's locks are POSIX
    # record locks, and closing *any* descriptor of the file drops all of this process's locks on
    # it — a second program closing the file would then think it was the last user and delete the
    # -wal/-shm under the open window (issue 9: "disk I/O error", lost writes).
    database.init(str(path))
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as e:       # not a database, locked, unreadable, read-only folder …
        if not database.is_closed():
            database.close()
        if _not_a_database(e):
            raise UserError(f"{path} 不是本软件的数据库文件，请检查 --db 指定的路径",
                            f"{path} is not a SQLite database") from e
        raise UserError(f"无法打开数据库 {path}：{e}，请确认文件未被占用且有读写权限",
                        f"cannot open database {path}: {e}") from e
    return database


def _not_a_database(e: BaseException) -> bool:
    """SQLITE_NOTADB, however peewee wrapped it."""
    for err in (e, getattr(e, "orig", None), e.__cause__):
        if err is not None and getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            return True
    return "file is not a database" in str(e)


def close() -> None:
    if database.database and not database.is_closed():
        database.close()


def db_path() -> Path:
    return Path(database.database)


def backup_to(target: str | os.PathLike, source: str | os.PathLike | None = None) -> Path:
    """Copy a live database with SQLite's online backup API (consistent even while in use).

    Writes to a temporary name and renames, so an interrupted backup never leaves a file that
    looks complete.
    """
    target = Path(target)
    source = Path(source) if source else db_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(tmp, target)
    return target


def auto_backup(reason: str, keep: int = 20) -> Path | None:
    """A timestamped backup beside the database before a risky change (migration, import, sync)."""
    from rural_cadre_desktop.core.paths import backups_dir
    src = db_path()
    if not src.exists() or src.stat().st_size == 0:
        return None
    folder = backups_dir(src)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_to(folder / f"{src.stem}-{stamp}-{reason}.db", src)
    olds = sorted(folder.glob(f"{src.stem}-*.db"))
    for old in olds[:-keep]:
        old.unlink(missing_ok=True)
    return target
