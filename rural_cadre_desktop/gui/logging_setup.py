"""Logging for the GUI: named loggers (rcd.<area>), a rotating file in the data folder, and Qt's
own messages routed into Python logging (after qutebrowser's utils/log.py and qtlog.py).

The log file is what a clerk sends to IT after a crash, so it must exist even when the console
is hidden; a data folder that cannot be written only costs the file, never the start.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from rural_cadre_desktop.core.paths import data_dir

LOG_NAME = "rural-cadre-desktop.log"
MAX_BYTES = 1_000_000       # a new file once the log passed this, at a start
KEEP = 5                    # old files kept: .log.1 (the newest) … .log.5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Said by the offscreen platform for every window; noise, not a problem of ours.
_HARMLESS = ("This plugin does not support propagateSizeHints()",)
qt_log = logging.getLogger("rcd.qt")
_file_handler: logging.Handler | None = None


def log_dir() -> Path:
    return data_dir() / "logs"


def log_file() -> Path | None:
    """The file being written, if any (shown in the crash dialog)."""
    return Path(_file_handler.baseFilename) if isinstance(_file_handler, logging.FileHandler) else None


def _qt_message(msg_type, context, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    level = logging.DEBUG if message in _HARMLESS else _QT_LEVELS.get(msg_type, logging.WARNING)
    qt_log.log(level, "%s%s", message, where)


def rotate(path: Path) -> None:
    """Start a new log file once the current one passed MAX_BYTES, keeping KEEP old ones under
    RotatingFileHandler's names. Done at a start only: a day's log is far smaller, and
    logging.handlers would cost every start 11 ms for the rotation during a run."""
    try:
        if path.stat().st_size < MAX_BYTES:
            return
        for i in range(KEEP - 1, 0, -1):
            older = path.with_name(f"{path.name}.{i}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{i + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
    except OSError:             # no file yet, or one we cannot move: keep writing where we can
        return


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Configure the `rcd` logger tree once; returns the log file path (None if unwritable)."""
    global _file_handler
    root = logging.getLogger("rcd")
    root.setLevel(level)
    if _file_handler is None:
        folder = folder or log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            rotate(folder / LOG_NAME)
            _file_handler = logging.FileHandler(folder / LOG_NAME, encoding="utf-8")
        except OSError as e:
            logging.getLogger("rcd.gui").warning("cannot write log file in %s: %s", folder, e)
        else:
            _file_handler.setFormatter(logging.Formatter(FORMAT))
            root.addHandler(_file_handler)
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(console)
    qInstallMessageHandler(_qt_message)
    return log_file()
