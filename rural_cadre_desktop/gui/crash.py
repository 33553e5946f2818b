"""Unexpected errors: log first, then tell the clerk in one plain sentence and offer the details
to copy for IT (qutebrowser crashsignal.py; Anki errors.py for the friendly sentences)."""
from __future__ import annotations

import errno
import logging
import sqlite3
import sys
import traceback

from PySide6.QtWidgets import QApplication

from rural_cadre_desktop.core.errors import UserError

log = logging.getLogger("rcd.crash")

GENERIC = "程序遇到了一个意外错误。刚才的操作可能没有完成，已保存的数据不受影响。请把下面的详细信息复制给技术人员。"
DISK_FULL = "磁盘空间已满，数据无法保存。请删除一些不用的文件、腾出空间后再试。"
READ_ONLY = "数据所在的文件夹是只读的（或没有写权限），数据无法保存。请把数据库放到有写权限的文件夹，或请管理员开放权限。"
LOCKED = "数据库正被另一个程序或另一个窗口占用。请关闭其他正在使用本台账的窗口，稍后再试。"
CANNOT_OPEN = "无法打开数据库文件。请确认文件存在、没有被移走，且U盘或网络盘仍然连接着。"
CORRUPT = ("数据库文件已损坏。请不要再写入，用菜单“文件 → 从备份恢复…”还原最近的完好备份"
           "（命令行：rural-cadre-desktop restore 备份文件），并联系技术人员。")


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def friendly_message(exc: BaseException) -> str | None:
    """A plain Chinese sentence for failures we recognise, else None."""
    import peewee
    for e in _chain(exc):
        if isinstance(e, UserError):
            return e.zh
        text = str(e).lower()
        if isinstance(e, (sqlite3.OperationalError, sqlite3.DatabaseError, peewee.OperationalError,
                          peewee.DatabaseError)):
            if "locked" in text or "busy" in text:
                return LOCKED
            if "disk is full" in text or "database or disk is full" in text:
                return DISK_FULL
            if "readonly" in text or "read-only" in text:
                return READ_ONLY
            if "unable to open" in text:
                return CANNOT_OPEN
            if "malformed" in text or "not a database" in text:
                return CORRUPT
        if isinstance(e, OSError):
            if e.errno == errno.ENOSPC:
                return DISK_FULL
            if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                return READ_ONLY
    return None


def details_text(exc_type, exc, tb) -> str:
    import PySide6

    from rural_cadre_desktop import __version__
    from rural_cadre_desktop.gui.logging_setup import log_file
    head = (f"rural-cadre-desktop {__version__} · Python {sys.version.split()[0]} · "
            f"PySide6 {PySide6.__version__} · {sys.platform}\n日志文件：{log_file() or '（未写入）'}\n\n")
    return head + "".join(traceback.format_exception(exc_type, exc, tb))


class CrashHandler:
    """sys.excepthook: log, then show the dialog (one at a time; none without a QApplication)."""

    def __init__(self, show_dialog: bool = True):
        self.show_dialog = show_dialog
        self._showing = False
        self.last_dialog = None         # the CrashDialog shown last (gui/crash_dialog.py)

    def install(self) -> None:
        sys.excepthook = self

    def __call__(self, exc_type, exc, tb) -> None:
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if not self.show_dialog or self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            from rural_cadre_desktop.gui.crash_dialog import CrashDialog     # made when needed only
            dlg = CrashDialog(friendly_message(exc) or GENERIC, details_text(exc_type, exc, tb),
                              QApplication.activeWindow())
            self.last_dialog = dlg
            self.present(dlg)
        finally:
            self._showing = False

    def present(self, dlg) -> None:
        """Modal, so the clerk reads it before going on (tests replace this with show())."""
        dlg.exec()
