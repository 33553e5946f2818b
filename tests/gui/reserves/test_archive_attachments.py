"""附件 in the 一人一档 dialog, driven as a clerk: choose a type, press 添加附件… (the file dialog
answered with a real PDF/PNG written in tmp_path), see the row; 打开 writes a private copy and
hands it to the system viewer; 删除 asks, then removes; a refused file changes nothing."""
from __future__ import annotations

import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QDesktopServices, QImage

from rural_cadre_desktop.core import attachments, db
from rural_cadre_desktop.core.models import Attachment
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.reserves import ArchiveDialog

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def person(demo_store, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "appdata"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    return db.database.execute_sql(
        "SELECT person_id FROM reserve_cadre WHERE deleted = 0 ORDER BY id LIMIT 1").fetchone()[0]


@pytest.fixture
def dialog(qtbot, person):
    dlg = ArchiveDialog(None, person)
    qtbot.addWidget(dlg, before_close_func=lambda w: setattr(w, "dirty", False))
    dlg.show()
    qtbot.waitExposed(dlg)
    bar = dlg.tabs.tabBar()
    i = next(i for i in range(dlg.tabs.count()) if dlg.tabs.tabText(i) == "附件")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
    assert dlg.tabs.currentWidget() is dlg.attachments
    return dlg


def _png(tmp_path):
    img = QImage(40, 50, QImage.Format.Format_RGB32)
    img.fill(QColor("#336699"))
    path = tmp_path / "荣誉证书.png"
    assert img.save(str(path))
    return path


def _add(qtbot, box, monkeypatch, path, kind_label: str):
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(path), ""))
    box.kind.setFocus()
    box.kind.setCurrentIndex(box.kind.findText(kind_label))
    before = box.model.rowCount()
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.op is None, timeout=10000)
    return before


def test_add_open_delete(qtbot, driver, dialog, person, tmp_path, monkeypatch):
    box = dialog.attachments
    assert box.model.rowCount() == 0 and not box.open_button.isEnabled()
    pdf = tmp_path / "村级推荐表.pdf"
    pdf.write_bytes(PDF)
    _add(qtbot, box, monkeypatch, pdf, "推荐表")
    _add(qtbot, box, monkeypatch, _png(tmp_path), "证书")
    shown = [box.model.row(i) for i in range(box.model.rowCount())]
    assert [r[:3] for r in shown] == [("推荐表", "村级推荐表", "村级推荐表.pdf"), ("证书", "荣誉证书", "荣誉证书.png")]
    assert shown[0][3] == f"{len(PDF)} B"
    assert [i.kind for i in attachments.list_for("person", person)] == ["recommendation", "certificate"]
    assert not dialog.dirty                                    # written at once, not with 保存

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    index = box.model.index(1, 1)
    qtbot.mouseClick(box.view.viewport(), Qt.MouseButton.LeftButton, pos=box.view.visualRect(index).center())
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10000)
    copy = opened[0].toLocalFile()
    from pathlib import Path
    assert Path(copy).parent == attachments.work_folder()
    assert str(tmp_path / "appdata") in copy                   # the app's data folder, not /tmp
    assert Path(copy).read_bytes() == _png(tmp_path).read_bytes()
    assert stat.S_IMODE(Path(copy).stat().st_mode) == 0o600
    qtbot.keyClick(box.view, Qt.Key.Key_Return)                # Enter on the row opens it too
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=10000)

    driver.answer("否")                                        # asked, and declined: nothing removed
    qtbot.mouseClick(box.delete_button, Qt.MouseButton.LeftButton)
    assert "删除附件“荣誉证书”" in driver.boxes[-1] and box.model.rowCount() == 2
    driver.answer("是")
    qtbot.mouseClick(box.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.model.rowCount() == 1, timeout=10000)
    assert [i.title for i in attachments.list_for("person", person)] == ["村级推荐表"]
    assert Attachment.select().where(Attachment.deleted == True).count() == 1

    # reopening the archive shows what is stored
    again = ArchiveDialog(None, person)
    qtbot.addWidget(again)
    assert again.attachments.model.row(0)[1] == "村级推荐表"


def test_refused_file_changes_nothing(qtbot, driver, dialog, tmp_path, monkeypatch):
    box = dialog.attachments
    doc = tmp_path / "考察材料.docx"
    doc.write_bytes(b"PK\x03\x04 a word document")
    driver.answer("OK")
    _add(qtbot, box, monkeypatch, doc, "考察材料")
    assert "不是 PDF、JPEG、PNG、TIFF 或 BMP" in driver.boxes[-1]
    assert "不能作为附件" in box.message.text()
    assert box.model.rowCount() == 0 and Attachment.select().count() == 0


def test_rename_and_save_as(qtbot, dialog, person, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
    box = dialog.attachments
    pdf = tmp_path / "scan001.pdf"
    pdf.write_bytes(PDF)
    _add(qtbot, box, monkeypatch, pdf, "考察材料")

    def type_name():
        d = QApplication.activeModalWidget()
        if not isinstance(d, QInputDialog):
            QTimer.singleShot(20, type_name)
            return
        line = d.findChild(QLineEdit)
        line.selectAll()
        line.insert("2026年考察材料")
        qtbot.keyClick(line, Qt.Key.Key_Return)
    QTimer.singleShot(20, type_name)
    qtbot.mouseClick(box.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.model.rowCount() == 1 and box.model.row(0)[1] == "2026年考察材料", timeout=10000)

    target = tmp_path / "out.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已另存为" in box.message.text(), timeout=10000)
    assert target.read_bytes() == PDF
    from rural_cadre_desktop.core.models import AuditLog
    qtbot.waitUntil(lambda: AuditLog.select().where(AuditLog.action == "attachment-save").exists(), timeout=10000)
