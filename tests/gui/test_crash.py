"""Unexpected errors: logged first, then a plain Chinese sentence with copyable details."""
from __future__ import annotations

import errno
import logging
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui import crash


def _raise(exc):
    try:
        raise exc
    except BaseException as e:      # noqa: BLE001
        return type(e), e, e.__traceback__


def test_known_failures_get_plain_sentences():
    assert crash.friendly_message(sqlite3.OperationalError("database is locked")) == crash.LOCKED
    assert crash.friendly_message(sqlite3.OperationalError("database or disk is full")) == crash.DISK_FULL
    assert crash.friendly_message(
        sqlite3.OperationalError("attempt to write a readonly database")) == crash.READ_ONLY
    assert crash.friendly_message(OSError(errno.ENOSPC, "No space left on device")) == crash.DISK_FULL
    assert crash.friendly_message(PermissionError(errno.EACCES, "Permission denied")) == crash.READ_ONLY
    assert crash.friendly_message(UserError("请先填写乡镇", "x")) == "请先填写乡镇"
    assert crash.friendly_message(ZeroDivisionError()) is None


def test_wrapped_failures_are_recognised():
    import peewee
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError as inner:
            raise peewee.OperationalError("database is locked") from inner
    except peewee.OperationalError as outer:
        assert crash.friendly_message(outer) == crash.LOCKED


def test_hook_logs_then_shows_details_with_copy(qtbot, caplog):
    shown = []
    handler = crash.CrashHandler()
    handler.present = lambda dlg: (qtbot.addWidget(dlg), dlg.show(), shown.append(dlg))
    with caplog.at_level(logging.CRITICAL, logger="rcd.crash"):
        handler(*_raise(sqlite3.OperationalError("database is locked")))
    assert "uncaught exception" in caplog.text and "database is locked" in caplog.text
    dlg = shown[0]
    assert dlg.message_label.text() == crash.LOCKED
    assert dlg.details.isReadOnly()
    details = dlg.details.toPlainText()
    assert "sqlite3.OperationalError: database is locked" in details and "Traceback" in details
    qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details
    assert dlg.copy_button.text() == "已复制"


def test_unknown_errors_get_the_generic_sentence(qtbot):
    shown = []
    handler = crash.CrashHandler()
    handler.present = lambda dlg: (qtbot.addWidget(dlg), shown.append(dlg))
    handler(*_raise(ZeroDivisionError("division by zero")))
    assert shown[0].message_label.text() == crash.GENERIC
    assert "ZeroDivisionError" in shown[0].details.toPlainText()


def test_hook_without_dialog_only_logs(caplog):
    handler = crash.CrashHandler(show_dialog=False)
    handler(*_raise(ValueError("x")))
    assert handler.last_dialog is None
    assert "ValueError" in caplog.text
