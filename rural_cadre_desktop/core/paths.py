"""Where things live: the per-user data folder and the bundled resources, computed without Qt.

The data folder mirrors QStandardPaths.AppDataLocation so the GUI and the CLI agree:
Windows %LOCALAPPDATA%\\rural-cadre-desktop, macOS ~/Library/Application Support/rural-cadre-desktop,
Linux $XDG_DATA_HOME/rural-cadre-desktop (default ~/.local/share/rural-cadre-desktop).
"""
from __future__ import annotations

import os
import sys
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
