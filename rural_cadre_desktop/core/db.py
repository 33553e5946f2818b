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
    if path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                raise UserError(f"{path} 不是本软件的数据库文件，请检查 --db 指定的路径",
                                f"{path} is not a SQLite database")
    database.init(str(path))
    try:
        database.connect(reuse_if_open=True)
    except Exception as e:       # locked, unreadable, read-only folder …
        raise UserError(f"无法打开数据库 {path}：{e}，请确认文件未被占用且有读写权限",
                        f"cannot open database {path}: {e}") from e
    return database


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
