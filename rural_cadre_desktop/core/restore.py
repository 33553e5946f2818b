"""`restore FILE`: put a backup back — an encrypted one (`backup -o`), an automatic .db.gz, or a
plain .db from older versions.

Order: unpack into a private work file `<db>.restoring` beside the ledger (decrypt → gunzip →
sha256), check it (integrity_check, this program's ledger, not a newer schema, same county and
township unless forced), back up the current ledger, then copy the checked file INTO the ledger
through SQLite's backup API. Copying into the open file (instead of renaming over it) keeps
SQLite's locks and the -wal/-shm right for a window that has it open, and is one transaction:
killed half-way, the ledger is still the old one. Every refusal comes before the ledger is
touched. An older schema is migrated by the caller's next open.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rural_cadre_desktop.core import backup_file, crypto
from rural_cadre_desktop.core.backup import (
    integrity_ok,
    ledger_facts,
    private_file,
    take_backup,
)
from rural_cadre_desktop.core.errors import UserError

LABEL = b"backup"


class ScopeMismatch(UserError):
    """The backup belongs to another county/township; `question` is what a window asks instead."""

    def __init__(self, zh: str, en: str, question: str):
        super().__init__(zh, en)
        self.question = question


@dataclass
class Restored:
    source: Path
    target: Path
    facts: dict              # of the restored copy: schema_version, county, township, counts
    before: Path | None      # the backup of what was there before


def kind_of(path: Path) -> str:
    """"sealed", "gzip" or "sqlite"; UserError for anything else."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        raise UserError(f"找不到备份文件 {path}，请检查路径", f"backup file {path} not found") from None
    except OSError as e:
        raise UserError(f"无法读取备份文件 {path}：{e.strerror}", f"cannot read {path}: {e.strerror}") from e
    if crypto.is_sealed(head):
        return "sealed"
    if head[:2] == backup_file.GZIP_MAGIC:
        return "gzip"
    if head == backup_file.SQLITE_MAGIC:
        return "sqlite"
    raise UserError(f"{path.name} 不是本软件的备份文件，请选择备份时生成的文件",
                    f"{path.name} is not a backup of this program")


def work_files(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in (".restoring", ".restoring.gz",
                                                          ".restoring-journal", ".restoring-wal", ".restoring-shm")]


def clean_work(db_path: Path) -> None:
    for p in work_files(db_path):
        p.unlink(missing_ok=True)


def unpack(source: Path, work: Path, passphrase: str | None) -> None:
    """The backup's database bytes into WORK (private); refusals say what is wrong with SOURCE."""
    kind = kind_of(source)
    if kind == "sealed":
        if not passphrase:
            raise UserError("这是加密备份，请提供备份时设的口令（--passphrase-file 或按提示输入）",
                            "this backup is encrypted; give its passphrase")
        sealed_out = private_file(work.with_name(work.name + ".gz"))
        try:
            with open(source, "rb") as src, open(sealed_out, "wb") as out:
                crypto.open_sealed(src, passphrase, label=LABEL, out=out)
            backup_file.decompress(sealed_out, work)
        finally:
            sealed_out.unlink(missing_ok=True)
    elif kind == "gzip":
        backup_file.decompress(source, work)
    else:                                    # a plain .db of older versions (maybe with its -wal)
        src = sqlite3.connect(str(source))
        dst = sqlite3.connect(str(work))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.DatabaseError as e:
            raise UserError(f"备份文件 {source.name} 已损坏，无法恢复，请换一份备份",
                            f"backup {source.name} is damaged: {e}") from e
        finally:
            dst.close()
            src.close()


def check_copy(work: Path, source: Path) -> dict:
    """integrity_check and this program's ledger at a schema this program knows."""
    from rural_cadre_desktop.core.migrations import SCHEMA_VERSION
    conn = sqlite3.connect(str(work))
    try:
        if not integrity_ok(conn):
            raise UserError(f"备份文件 {source.name} 中的数据库已损坏（完整性检查未通过），请换一份备份",
                            f"the database in {source.name} fails integrity_check")
        facts = ledger_facts(conn)
    except sqlite3.DatabaseError as e:
        raise UserError(f"备份文件 {source.name} 中的数据库已损坏，请换一份备份",
                        f"the database in {source.name} is damaged: {e}") from e
    finally:
        conn.close()
    from rural_cadre_desktop.core.db import OUR_TABLES
    if not OUR_TABLES <= set(facts["counts"]) or facts["schema_version"] < 1:
        raise UserError(f"{source.name} 不是本软件的台账备份，请选择备份时生成的文件",
                        f"{source.name} does not hold a ledger of this program")
    if facts["schema_version"] > SCHEMA_VERSION:
        raise UserError(f"这份备份来自更新版本的软件（数据格式第{facts['schema_version']}版，本软件只认识到第"
                        f"{SCHEMA_VERSION}版），请先升级本软件再恢复；数据没有改动",
                        f"backup schema {facts['schema_version']} is newer than this program's {SCHEMA_VERSION}")
    return facts


def current_state(db_path: Path) -> tuple[str, dict | None]:
    """What the target is now (core.db.inspect, read-only): "missing" (absent or empty), "ledger"
    (with its county and township; None when they cannot be read), "foreign" (another program's
    SQLite file) or "not-db" (not SQLite, or damaged beyond reading its tables)."""
    from rural_cadre_desktop.core.db import inspect
    try:
        state = inspect(db_path)
    except sqlite3.Error:
        return "ledger", None          # readable as SQLite but not now (locked, damaged deeper)
    if state.kind in ("missing", "empty"):
        return "missing", None
    if state.kind == "foreign":
        return "foreign", None
    if state.kind != "ledger":
        return "not-db", None
    conn = sqlite3.connect(str(db_path))      # only a SELECT: nothing in the file changes
    try:
        scope = dict(conn.execute("SELECT key, value FROM setting WHERE key IN ('county', 'township')"))
    except sqlite3.DatabaseError:
        return "ledger", None
    finally:
        conn.close()
    return "ledger", {"county": scope.get("county") or "", "township": scope.get("township") or ""}


def check_scope(facts: dict, current: dict | None, force: bool) -> None:
    if force or not current or not current.get("township"):
        return
    mine = (current["county"], current["township"])
    theirs = (facts.get("county") or "", facts.get("township") or "")
    if theirs != mine:
        raise ScopeMismatch(f"这份备份属于“{theirs[0]}{theirs[1]}”，当前数据库属于“{mine[0]}{mine[1]}”，没有恢复；"
                            "确认要用它替换当前数据请加 --force",
                            f"the backup belongs to {theirs[1]}, this database to {mine[1]}; use --force to replace",
                            f"这份备份属于“{theirs[0]}{theirs[1]}”，当前数据库属于“{mine[0]}{mine[1]}”。"
                            "仍然用它替换当前数据吗？（当前数据会先自动备份）")


def restore_file(source: Path, db_path: Path, passphrase: str | None = None, force: bool = False,
                 progress=None) -> Restored:
    """See the module doc. `progress(step)` hears "unpack", "check", "backup", "replace"."""
    source, db_path = Path(source), Path(db_path)
    say = progress or (lambda step: None)
    if source.resolve() == db_path.resolve():
        raise UserError("不能用数据库文件本身恢复，请选择一份备份", "the backup is the database itself")
    state, current = current_state(db_path)
    if state == "foreign":
        raise UserError(f"{db_path} 是另一个程序的数据库，没有恢复；请用 --db 指定一个新文件或本软件的数据库",
                        f"{db_path} belongs to another program; choose another --db")
    if state == "not-db" and not force:
        raise UserError(f"{db_path} 不是可以打开的数据库文件，没有恢复；确认要替换它请加 --force，或用 --db 指定一个新文件",
                        f"{db_path} is not a database; use --force to replace it or choose another --db")
    made = [p for p in [db_path.parent, *db_path.parent.parents] if not p.exists()]
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"无法创建文件夹 {db_path.parent}：{e.strerror}，请换一个位置",
                        f"cannot create {db_path.parent}") from e
    clean_work(db_path)
    work = private_file(work_files(db_path)[0])
    try:
        return _restore(source, db_path, work, passphrase, force, state, current, say)
    except BaseException:
        if not db_path.exists():
            for folder in made:              # a refused restore leaves no folder behind
                try:
                    folder.rmdir()
                except OSError:
                    break
        raise
    finally:
        clean_work(db_path)


def _restore(source: Path, db_path: Path, work: Path, passphrase, force: bool, state: str, current,
             say) -> Restored:
    say("unpack")
    unpack(source, work, passphrase)
    say("check")
    facts = check_copy(work, source)
    check_scope(facts, current, force)
    say("backup")
    before = None
    if state in ("ledger", "not-db"):
        before = take_backup(db_path, "before-restore", keep_damaged=True)
    say("replace")
    _copy_into(work, db_path, create=state == "missing" and not db_path.exists())
    return Restored(source, db_path, facts, before)


def _copy_into(work: Path, db_path: Path, create: bool) -> None:
    if create:
        private_file(db_path)
    src = sqlite3.connect(str(work))
    dst = sqlite3.connect(str(db_path), timeout=10)
    try:
        try:
            src.backup(dst)
        except sqlite3.DatabaseError:
            if create or db_path.stat().st_size == 0:
                raise
            # The old file is no database at all (forced): start from an empty one. Its bytes
            # are in the backups folder (take_backup kept them).
            dst.close()
            for p in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
                p.unlink(missing_ok=True)
            private_file(db_path)
            dst = sqlite3.connect(str(db_path), timeout=10)
            src.backup(dst)
        dst.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as e:
        raise UserError(f"无法写入数据库 {db_path.name}：{e}，请关闭正在使用它的其他程序后重试",
                        f"cannot write {db_path.name}: {e}") from e
    finally:
        dst.close()
        src.close()
