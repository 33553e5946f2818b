"""Logging for the GUI: named loggers (rcd.<area>), a rotating file in the data folder, and Qt's
own messages routed into Python logging (after qutebrowser's utils/log.py and qtlog.py).

The log file is what a clerk sends to IT after a crash, so it must exist even when the console
is hidden; a data folder that cannot be written only costs the file, never the start.
"""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from rural_cadre_desktop.core.paths import data_dir

LOG_NAME = "rural-cadre-desktop.log"
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


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Configure the `rcd` logger tree once; returns the log file path (None if unwritable)."""
    global _file_handler
    root = logging.getLogger("rcd")
    root.setLevel(level)
    if _file_handler is None:
        folder = folder or log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _file_handler = logging.handlers.RotatingFileHandler(
                folder / LOG_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
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
