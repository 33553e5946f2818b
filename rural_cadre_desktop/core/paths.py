"""Where things live: the per-user data folder and the bundled resources, computed without Qt.

The data folder mirrors QStandardPaths.AppDataLocation so the GUI and the CLI agree:
Windows %LOCALAPPDATA%\\rural-cadre-desktop, macOS ~/Library/Application Support/rural-cadre-desktop,
Linux $XDG_DATA_HOME/rural-cadre-desktop (default ~/.local/share/rural-cadre-desktop).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from rural_cadre_desktop import APP_NAME

DB_ENV = "RCD_DB"
DB_FILENAME = "ledger.db"


def data_dir() -> Path:
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def default_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db wins, then $RCD_DB, then the data folder."""
    if explicit:
        return Path(explicit)
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    return data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    """Automatic backups sit beside the database, in a folder named after it."""
    return db_path.parent / f"{db_path.stem}-backups"


def resources_dir() -> Path:
    """The bundled resources: inside a PyInstaller bundle, else the checkout's resources/."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def bundled_font() -> Path:
    return resources_dir() / "fonts" / "LXGWWenKai-Regular.ttf"


# -- private files: ID numbers never readable by the PC's other users ------------------------------
# On Linux/macOS the database, its -wal/-shm, the backups folder, error reports and logs get
# 0600/0700 whatever the umask says (chmod after creating). On Windows the user's profile folder
# is private already: nothing to do.
_POSIX = os.name == "posix"


def make_private(path: Path) -> None:
    """Files 0600, folders 0700 (a no-op on Windows, and for a file that vanished meanwhile)."""
    if not _POSIX:
        return
    try:
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    except FileNotFoundError:
        pass
    except PermissionError:       # another user's file we may read but not chmod: leave it
        pass


def private_dir(path: Path) -> Path:
    """Create (or fix) a folder readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True)
    make_private(path)
    return path


def work_dir() -> Path:
    """Where work files live while a command runs (openpyxl's temp files, previews): inside the
    private data folder, never the system temp folder that every user can list."""
    return data_dir() / "work"


_held = None        # this process's work folder lock, held open until the process ends
_mine: Path | None = None       # and that folder


def clean_work() -> Path | None:
    """At start-up: make the data folder private, remove the work folders of runs that ended (a
    killed export leaves its temp files there), and send Python's temp files (tempfile, so
    openpyxl's too) into a folder of this process's own. Each run's folder holds a lock file it
    keeps open: a folder whose lock can be taken belongs to no living process, while a window
    still running beside this command keeps its files. Returns this run's folder, or None when
    the data folder cannot be written (temp files then stay where they were)."""
    import tempfile
    global _held, _mine
    if _held is not None:
        return Path(tempfile.tempdir or "")
    try:
        private_dir(data_dir())
        work = private_dir(work_dir())
        for child in work.iterdir():
            _remove_if_ended(child)
        mine = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=work))
        make_private(mine)
        _held = _hold(mine / ".lock")
        _mine = mine
    except OSError:
        return None
    tempfile.tempdir = str(mine)
    import atexit
    atexit.register(_remove_own, mine, _held)      # a run that ends normally tidies up itself
    return mine


def _remove_own(folder: Path, lock) -> None:
    import shutil
    lock.close()
    shutil.rmtree(folder, ignore_errors=True)


def end_work() -> None:
    """Remove this run's work folder now, as the interpreter's exit would: for a process that
    ends without it (the GUI ends with os._exit, launcher.py)."""
    global _held, _mine
    if _held is None or _mine is None:
        return
    import atexit
    atexit.unregister(_remove_own)
    _remove_own(_mine, _held)
    _held = _mine = None
    import tempfile
    tempfile.tempdir = None


def _hold(lock: Path):
    f = open(lock, "a+b")  # noqa: SIM115 - kept open for the life of the process: the lock
    if _POSIX:
        import fcntl
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    return f                 # on Windows an open file cannot be deleted: that is the lock


def _remove_if_ended(child: Path) -> None:
    import shutil
    try:
        if not child.is_dir() or child.is_symlink():
            child.unlink(missing_ok=True)
            return
        lock = child / ".lock"
        if lock.exists():
            if _POSIX:
                import fcntl
                with open(lock, "a+b") as f:
                    try:
                        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except OSError:
                        return              # its process is still running
            else:
                lock.unlink()               # PermissionError while its process runs
        elif time.time() - child.stat().st_mtime < 60:
            return                          # a run that is just making its folder
        shutil.rmtree(child, ignore_errors=True)
    except OSError:
        pass
