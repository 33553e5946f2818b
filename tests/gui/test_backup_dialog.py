"""文件 → 备份到U盘… and 文件 → 从备份恢复…, driven as a clerk would."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from rural_cadre_desktop.core import backup, backup_file, crypto
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.dialogs.backup_dialog import (
    EncryptedBackupDialog,
    RestoreDialog,
)

PASS = "Beifen-2026!"        # ASCII: QTest.keyClicks aborts on characters outside Latin-1


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _last_audit():
    from rural_cadre_desktop.core.models import AuditLog
    row = AuditLog.select().order_by(AuditLog.seq.desc()).first()
    return row.action, row.detail


@pytest.fixture
def backup_dialog(qtbot, main_window):
    dlg = EncryptedBackupDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_the_file_menu_opens_both_dialogs(qtbot, main_window, driver):
    seen = []
    for text, kind in (("备份到U盘", EncryptedBackupDialog), ("从备份恢复", RestoreDialog)):
        def close_it(kind=kind):
            dlg = QApplication.activeModalWidget()
            seen.append(type(dlg))
            dlg.reject()
        QTimer.singleShot(0, close_it)
        driver.menu_action(main_window, text).trigger()
    assert seen == [EncryptedBackupDialog, RestoreDialog]


def test_backup_to_usb_writes_an_encrypted_file_after_its_audit_row(qtbot, backup_dialog, driver, db_path,
                                                                     tmp_path, monkeypatch):
    out = tmp_path / "usb" / "台账备份.bak"
    out.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    click(qtbot, backup_dialog.choose_button)
    assert backup_dialog.target.text() == str(out)
    qtbot.keyClicks(backup_dialog.passphrase, PASS)
    qtbot.keyClicks(backup_dialog.again, PASS)
    driver.answer("OK")
    with qtbot.waitSignal(backup_dialog.finished_op, timeout=60000):
        click(qtbot, backup_dialog.start_button)
    assert backup_dialog.written == out and driver.boxes and "已加密备份到" in driver.boxes[0]
    assert _last_audit()[0] == "backup"
    idn = sqlite3.connect(db_path).execute(
        "SELECT id_number FROM person WHERE length(id_number) = 18 LIMIT 1").fetchone()[0]
    blob = out.read_bytes()
    assert idn.encode() not in blob and crypto.is_sealed(blob)
    with open(out, "rb") as f:
        assert len(crypto.open_sealed(f, PASS, label=b"backup")) > 0


@pytest.mark.parametrize("target, first, second, words", [
    ("", PASS, PASS, "请先选择备份文件的位置"),
    ("x", PASS, PASS + "x", "两次输入的口令不一致"),
    ("x", "1234", "1234", "口令太短"),
])
def test_backup_to_usb_refuses_before_writing(qtbot, backup_dialog, tmp_path, target, first, second, words):
    out = tmp_path / "b.bak"
    if target:
        backup_dialog.target.setText(str(out))
    qtbot.keyClicks(backup_dialog.passphrase, first)
    qtbot.keyClicks(backup_dialog.again, second)
    click(qtbot, backup_dialog.start_button)
    assert words in backup_dialog.error.text()
    assert backup_dialog.op is None and not out.exists() and backup_dialog.isVisible()


def _delete_returnees(n: int) -> None:
    from rural_cadre_desktop.core import store
    from rural_cadre_desktop.core.models import Returnee
    from rural_cadre_desktop.gui import operations
    for row in Returnee.select().where(Returnee.deleted == False).limit(n):
        store.soft_delete(row)
    operations.changes.notify({"returnees"})


def test_restore_an_automatic_backup_and_every_list_reloads(qtbot, main_window, driver, db_path):
    good = backup.auto_backup("before-import-ledger", db_path)
    _delete_returnees(10)
    assert main_window.returnees.model.total() == 50
    dlg = RestoreDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.model.rowCount() == 1
    shown = [dlg.model.index(0, c).data() for c in range(dlg.model.columnCount())]
    assert shown[1] == "导入台账前" and shown[3] == "已校验" and shown[4] == "石门镇"
    driver.answer("是")
    driver.answer("OK")
    with qtbot.waitSignal(dlg.finished_op, timeout=60000):
        click(qtbot, dlg.restore_button)
    assert "确定恢复吗" in driver.boxes[0] and "已从" in driver.boxes[1]
    assert dlg.restored.source == good
    assert main_window.returnees.model.total() == 60
    assert "60" in main_window.counts.text()
    assert _last_audit()[0] == "restore"
    reasons = [b.reason for b in backup.list_backups(db_path)]
    assert "before-restore" in reasons


def test_restore_an_encrypted_file_refuses_a_wrong_passphrase_then_takes_the_right_one(
        qtbot, main_window, driver, db_path, tmp_path, monkeypatch):
    gz = backup.auto_backup("x", db_path)
    sealed = tmp_path / "u.bak"
    with open(gz, "rb") as src, open(sealed, "wb") as out:
        crypto.seal(src, PASS, label=b"backup", out=out)
    _delete_returnees(5)
    dlg = RestoreDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(sealed), ""))
    click(qtbot, dlg.from_file_button)
    assert dlg.passphrase.isVisible() and "加密备份" in dlg.file_label.text()
    click(qtbot, dlg.restore_button)                                  # no passphrase typed yet
    assert "请输入备份时设的口令" in dlg.error.text() and dlg.op is None
    qtbot.keyClicks(dlg.passphrase, "another-passphrase")
    driver.answer("是")
    with qtbot.waitSignal(dlg.finished_op, timeout=60000):
        click(qtbot, dlg.restore_button)
    assert "口令不对" in dlg.error.text()
    assert main_window.returnees.model.total() == 55
    dlg.passphrase.clear()
    qtbot.keyClicks(dlg.passphrase, PASS)
    driver.answer("是")
    driver.answer("OK")
    with qtbot.waitSignal(dlg.finished_op, timeout=60000):
        click(qtbot, dlg.restore_button)
    assert main_window.returnees.model.total() == 60


def test_restore_asks_before_taking_another_townships_backup(qtbot, main_window, driver, db_path, tmp_path,
                                                             monkeypatch):
    gz = backup.auto_backup("x", db_path)
    raw = tmp_path / "other.db"
    backup_file.decompress(gz, raw)
    conn = sqlite3.connect(raw)
    conn.execute("UPDATE setting SET value = '景村镇' WHERE key = 'township'")
    conn.commit()
    conn.close()
    other = tmp_path / "景村镇.db.gz"
    with open(other, "wb") as out:
        backup_file.write(raw, out, {"verified": True, "township": "景村镇"})
    _delete_returnees(5)
    dlg = RestoreDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(other), ""))
    click(qtbot, dlg.from_file_button)
    assert not dlg.passphrase.isVisible()
    driver.answer("是")                       # 确定恢复吗？
    driver.answer("否")                       # …属于“洛南县景村镇”… 仍然替换吗？ — no
    with qtbot.waitSignal(dlg.finished_op, timeout=60000):
        click(qtbot, dlg.restore_button)
    qtbot.waitUntil(lambda: "没有恢复" in dlg.error.text())
    assert "景村镇" in driver.boxes[1]
    assert main_window.returnees.model.total() == 55
    driver.answer("是", times=2)
    driver.answer("OK")
    with qtbot.waitSignal(dlg.finished_op, timeout=60000):
        click(qtbot, dlg.restore_button)
    qtbot.waitUntil(lambda: dlg.restored is not None, timeout=60000)
    assert main_window.returnees.model.total() == 60
    assert "景村镇" in main_window.windowTitle()


def test_the_crash_dialog_sends_a_damaged_ledger_to_the_real_restore(main_window, driver):
    from rural_cadre_desktop.gui import crash
    advice = crash.friendly_message(sqlite3.DatabaseError("database disk image is malformed"))
    assert "文件 → 从备份恢复…" in advice and "restore" in advice
    assert driver.menu_action(main_window, "从备份恢复").text().replace("&", "").startswith("从备份恢复")
