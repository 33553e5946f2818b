"""One window per ledger: a lock file beside the database (`ledger.db.lock`), held while the GUI runs.

Two windows on one file would each show lists and forms the other silently changes, and a clerk who
double-clicks the icon again usually means "bring the program back", not "open it twice". So a
second GUI on the same file says so plainly and exits without opening the database.

Only the GUI takes this lock. The command line (and the GUI's own helper processes, such as the
ledger import's writer) work on the file at the same time as a window: SQLite's own locking keeps
that safe (WAL, busy_timeout, see core/db.py).

QLockFile writes pid, program name, host and boot id into the file, and a lock whose program has
died — killed, crashed, or the PC lost power (new boot id) — is stale and taken over on the next
start, so a power cut never locks the clerk out. The stale *time* is 0 (off): the lock's age says
nothing about whether a window that has been open all day is still there.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo

from rural_cadre_desktop.core.errors import UserError

log = logging.getLogger("rcd.gui.instance_lock")


class AlreadyOpen(UserError):
    """Another window holds this ledger."""


def lock_path(db_path: str | os.PathLike) -> Path:
    """Beside the real file (symlinks resolved, so two names of one file share one lock)."""
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + ".lock")


def _holder(lock: QLockFile) -> str:
    """Where the other window is, when that helps the clerk: only another computer is worth naming."""
    info = lock.getLockInfo()
    if not isinstance(info, tuple) or len(info) != 3:
        return ""
    pid, host, app = info
    log.info("window lock held by pid %s (%s) on %s", pid, app, host)
    if host and host != QSysInfo.machineHostName():
        return f"（在计算机“{host}”上）"
    return ""


def acquire(db_path: str | os.PathLike) -> QLockFile | None:
    """Take the window lock of DB_PATH; keep the returned object for as long as the window is open.

    Raises AlreadyOpen when another live program holds it. Returns None when no lock can be made
    at all (read-only folder …): then nothing is refused here, and opening the database reports
    the real problem.
    """
    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None                 # opening the store says why the folder cannot be made
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)        # stale only when its program is gone (dead pid, other boot)
    if lock.tryLock(0):
        log.info("window lock %s taken", path)
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        db = Path(db_path)
        raise AlreadyOpen(
            f"这个台账已经在另一个窗口中打开{_holder(lock)}：{db}。同一个台账同时只能在一个窗口中使用，"
            f"请切换到那个窗口继续工作；如果确定没有打开（例如另一台电脑上的程序异常退出），"
            f"请删除文件 {path} 后再启动本程序",
            f"the ledger {db} is already open in another window (lock file {path})")
    log.warning("cannot make window lock %s (%s); going on without it", path, lock.error().name)
    return None


def release(lock: QLockFile | None) -> None:
    if lock is not None and lock.isLocked():
        lock.unlock()
