"""Automatic backups: a verified, compressed copy of the ledger in the backups folder beside it.

Taken at the first start of each day (`daily_backup`, called by the GUI and the command line after
opening) and before migrations, imports, sync import, restore and merges (`auto_backup(reason)`).
Each one: SQLite's online backup into a work file `*.partial` (consistent while the ledger is in
use), `PRAGMA integrity_check` on the copy — a damaged ledger gives no backup and a refusal, so a
bad copy never pushes a good one out — gzip with the facts in its header (core/backup_file.py),
fsync, then rename to the final name. A killed backup leaves only `*.partial`, removed by the
next backup. Files are 0600 and the folder 0700 (POSIX): they hold every ID number.

Retention (`prune`): the newest 5, the newest of each of the last 7 days and of each of the last
6 months — at most 18 files, so the folder's size is bounded — and never the only verified copy.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rural_cadre_desktop import __version__
from rural_cadre_desktop.core import backup_file
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.paths import backups_dir

KEEP_LAST, KEEP_DAYS, KEEP_MONTHS = 5, 7, 6
DAILY = "daily"
PARTIAL = ".partial"
_SCOPE_KEYS = ("county", "township", "township_code")


def damaged_error(path: Path) -> UserError:
    return UserError(f"数据库 {path.name} 已损坏（完整性检查未通过），没有生成备份；"
                     "请恢复最近的完好备份（文件 → 从备份恢复…，或命令 restore）",
                     f"database {path.name} is damaged (integrity_check failed); no backup was kept; "
                     "restore the newest good backup")


@dataclass(frozen=True)
class BackupInfo:
    """One file in the backups folder, as the restore list shows it."""
    path: Path
    taken: dt.datetime
    reason: str
    size: int
    verified: bool          # integrity_check passed when it was taken (facts in its header)
    meta: dict | None


# ---------------------------------------------------------------- private files

def private_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


def private_file(path: Path) -> Path:
    """Create PATH empty and readable by its owner only, before anything is written into it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)
    return path


def fsync_dir(folder: Path) -> None:
    if os.name == "posix":       # the rename itself must reach the disk (a power cut after it)
        try:
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:          # some file systems (USB sticks) refuse fsync on a folder
            pass


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_partials(folder: Path) -> int:
    """Remove work files of backups that were interrupted (their process is gone)."""
    removed = 0
    if not folder.is_dir():
        return 0
    for p in folder.glob(f"*{PARTIAL}*"):        # SQLite's -journal/-wal/-shm of the work copy too
        m = re.search(r"\.(\d+)\.partial(?:-journal|-wal|-shm)?$", p.name)
        # On Windows a file still open by the process writing it cannot be removed: that is the test.
        if m and os.name == "posix" and _pid_alive(int(m.group(1))) and int(m.group(1)) != os.getpid():
            continue
        try:
            p.unlink()
            removed += 1
        except OSError:
            pass
    return removed


# ---------------------------------------------------------------- the copy

def ledger_facts(conn: sqlite3.Connection) -> dict:
    """Schema version, installation scope and row counts of an open (verified) copy."""
    facts: dict = {"schema_version": conn.execute("PRAGMA user_version").fetchone()[0]}
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    facts["counts"] = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    scope = {}
    if "setting" in tables:
        scope = dict(conn.execute("SELECT key, value FROM setting WHERE key IN (?, ?, ?)", _SCOPE_KEYS).fetchall())
    facts.update({k: scope.get(k) or "" for k in _SCOPE_KEYS})
    return facts


def integrity_ok(conn: sqlite3.Connection) -> bool:
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()] == ["ok"]
    except sqlite3.DatabaseError:
        return False


def snapshot(source: Path, work: Path, verify: bool = True) -> dict:
    """Copy SOURCE into the private work file WORK (rollback journal, so it is one self-contained
    file) and verify it; returns its facts with `verified`. Raises UserError when damaged."""
    private_file(work)
    try:
        src = sqlite3.connect(str(source))
        try:
            dst = sqlite3.connect(str(work))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                ok = integrity_ok(dst)
                if verify and not ok:
                    raise damaged_error(source)
                facts = ledger_facts(dst) if ok else {"schema_version": dst.execute("PRAGMA user_version").fetchone()[0]}
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as e:        # the source cannot even be read page by page
        if verify:
            raise damaged_error(source) from e
        raise UserError(f"无法读取数据库 {source.name}：{e}", f"cannot read {source.name}: {e}") from e
    return {**facts, "verified": ok}


def _stamp_name(stem: str, now: dt.datetime, reason: str, folder: Path) -> Path:
    base = f"{stem}-{now:%Y%m%d-%H%M%S}"
    name, seq = f"{base}-{reason}.db.gz", 1
    while (folder / name).exists():          # a burst of backups within one second
        name, seq = f"{base}-{seq}-{reason}.db.gz", seq + 1
    return folder / name


def take_backup(db_path: Path, reason: str, now: dt.datetime | None = None, keep_damaged: bool = False) -> Path:
    """A verified, compressed backup of DB_PATH; its final path. See the module doc.

    keep_damaged: restore keeps the current file even when it is damaged (marked unverified),
    because it is about to be replaced and may still hold something worth recovering."""
    db_path = Path(db_path)
    reason = re.sub(r"[^0-9A-Za-z_-]+", "-", reason).strip("-") or "backup"
    folder = backups_dir(db_path)
    try:
        private_folder(folder)
    except OSError as e:
        raise UserError(f"无法建立备份文件夹 {folder}：{e.strerror}，请把数据库放到有写权限的文件夹",
                        f"cannot create the backups folder {folder}: {e.strerror}") from e
    clean_partials(folder)
    now = now or dt.datetime.now()
    final = _stamp_name(db_path.stem, now, reason, folder)
    raw = folder / f"{final.name[:-3]}.{os.getpid()}{PARTIAL}"
    packed = folder / f"{final.name}.{os.getpid()}{PARTIAL}"
    try:
        facts = snapshot(db_path, raw, verify=not keep_damaged)
        meta = {"format": 1, "app": __version__, "reason": reason,
                "taken": now.isoformat(timespec="seconds"), **facts}
        private_file(packed)
        with open(packed, "wb") as out:
            backup_file.write(raw, out, meta)
            out.flush()
            os.fsync(out.fileno())
        raw.unlink()
        os.replace(packed, final)
        fsync_dir(folder)
    except UserError:
        if not keep_damaged:
            raise
        _keep_bytes(db_path, packed, now, reason)      # unreadable page by page: keep the bytes as they are
        os.replace(packed, final)
        fsync_dir(folder)
    except OSError as e:
        raise UserError(f"无法写入备份文件夹 {folder}：{e.strerror}，请检查磁盘空间和写权限",
                        f"cannot write backup to {folder}: {e.strerror}") from e
    finally:
        raw.unlink(missing_ok=True)
        packed.unlink(missing_ok=True)
    prune(folder, db_path.stem, now)
    return final


def _keep_bytes(db_path: Path, packed: Path, now: dt.datetime, reason: str) -> None:
    private_file(packed)
    with open(packed, "wb") as out:
        backup_file.write(db_path, out, {"format": 1, "app": __version__, "reason": reason,
                                         "taken": now.isoformat(timespec="seconds"), "verified": False})
        out.flush()
        os.fsync(out.fileno())


# ---------------------------------------------------------------- the folder

_NAME = re.compile(r"^(?P<stem>.+)-(?P<d>\d{8})-(?P<t>\d{6})(?:-(?P<seq>\d{1,6}))?-(?P<reason>[A-Za-z][\w-]*?)\.db(?P<gz>\.gz)?$")


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of DB_PATH, newest first (old plain .db backups included, shown unverified)."""
    db_path = Path(db_path)
    folder = backups_dir(db_path)
    found = []
    if not folder.is_dir():
        return found
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if not m or m.group("stem") != db_path.stem or not p.is_file():
            continue
        try:
            taken = dt.datetime.strptime(m.group("d") + m.group("t"), "%Y%m%d%H%M%S")
            taken += dt.timedelta(microseconds=int(m.group("seq") or 0))   # order within one second
            meta = backup_file.read_meta(p) if m.group("gz") else None
            size = p.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(p, taken, m.group("reason"), size, bool(meta and meta.get("verified")), meta))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def keep_set(backups: list[BackupInfo], now: dt.datetime) -> set[Path]:
    """Which backups the retention rule keeps (BACKUPS newest first)."""
    keep = {b.path for b in backups[:KEEP_LAST]}
    days = {(now.date() - dt.timedelta(days=i)) for i in range(KEEP_DAYS)}
    months, (y, m) = set(), (now.year, now.month)
    for _ in range(KEEP_MONTHS):
        months.add((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    seen_days, seen_months = set(), set()
    for b in backups:                       # newest first: the first seen of a day/month is its newest
        d = b.taken.date()
        if d in days and d not in seen_days:
            seen_days.add(d)
            keep.add(b.path)
        if (d.year, d.month) in months and (d.year, d.month) not in seen_months:
            seen_months.add((d.year, d.month))
            keep.add(b.path)
    verified = [b for b in backups if b.verified]
    if verified and not any(b.path in keep for b in verified):
        keep.add(verified[0].path)          # never delete the only verified copy
    return keep


def prune(folder: Path, stem: str, now: dt.datetime | None = None) -> list[Path]:
    backups = list_backups(folder.parent / f"{stem}.db")
    keep = keep_set(backups, now or dt.datetime.now())
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass
    return removed


# ---------------------------------------------------------------- entry points

def copy_to(target: Path, source: Path) -> Path:
    """A verified plain copy of SOURCE at TARGET (work file, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.with_name(f"{target.name}.{os.getpid()}{PARTIAL}")
    try:
        snapshot(source, work)
        os.replace(work, target)
    finally:
        work.unlink(missing_ok=True)
    return target


def _has_ledger(db_path: Path) -> bool:
    return db_path.exists() and db_path.stat().st_size > 0


def _is_set_up(db_path: Path) -> bool:
    """A ledger with its township set (a file just made by init/demo has nothing to keep yet)."""
    conn = sqlite3.connect(str(db_path))
    try:
        return bool(conn.execute("SELECT value FROM setting WHERE key = 'township_id'").fetchone())
    except sqlite3.DatabaseError:
        return True              # damaged or odd: let take_backup say what is wrong
    finally:
        conn.close()


def auto_backup(reason: str, db_path: Path | None = None) -> Path | None:
    """Before a risky change (migration, import, sync import, restore, merge): a verified backup,
    or UserError when the ledger is damaged (so the change is refused too)."""
    if db_path is None:
        from rural_cadre_desktop.core.db import db_path as current
        db_path = current()
    db_path = Path(db_path)
    if not _has_ledger(db_path):
        return None
    return take_backup(db_path, reason)


def daily_backup(db_path: Path | None = None, now: dt.datetime | None = None) -> Path | None:
    """The first start of each day backs the ledger up; later starts that day do nothing.
    Run it off the UI thread: it reads the whole file."""
    if db_path is None:
        from rural_cadre_desktop.core.db import db_path as current
        db_path = current()
    db_path = Path(db_path)
    now = now or dt.datetime.now()
    if not _has_ledger(db_path) or not _is_set_up(db_path):
        return None
    if any(b.taken.date() == now.date() and b.verified for b in list_backups(db_path)):
        return None
    return take_backup(db_path, DAILY, now)
