"""The file dialogs that never look inside the files they list (see gui/file_dialogs.py and
tests/e2e/test_two_processes.py for why), driven as a clerk would use them."""
from __future__ import annotations

from PySide6.QtCore import QFileInfo, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileIconProvider, QLineEdit

from rural_cadre_desktop.gui import file_dialogs


def _when_shown(qtbot, act) -> None:
    """Run act(dialog) once the modal dialog is up."""
    def poll():
        dlg = QApplication.activeModalWidget()
        if isinstance(dlg, QFileDialog):
            act(dlg)
        else:
            QTimer.singleShot(10, poll)
    QTimer.singleShot(0, poll)


def test_types_come_from_names_not_from_contents(qapp, store, db_path):
    plain = QFileIconProvider()
    assert "SQLite" in plain.type(QFileInfo(str(db_path)))         # Qt's own provider read the file
    safe = file_dialogs.NameOnlyIconProvider()
    assert "SQLite" not in safe.type(QFileInfo(str(db_path)))
    assert not safe.icon(QFileInfo(str(db_path))).isNull()
    assert safe.type(QFileInfo(str(db_path.parent))) == plain.type(QFileInfo(str(db_path.parent)))


def test_save_puts_a_bare_name_in_documents_and_adds_the_extension(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(file_dialogs, "_documents", lambda: str(tmp_path))
    seen = {}

    def type_a_name(dlg):
        seen["dir"] = dlg.directory().absolutePath()
        seen["provider"] = dlg.iconProvider()
        dlg.findChild(QLineEdit, "fileNameEdit").setText("花名册")
        dlg.accept()
    _when_shown(qtbot, type_a_name)
    path, chosen = file_dialogs.save_file_name(None, "导出到 Excel", "返乡人员台账.xlsx", "Excel 工作簿 (*.xlsx)")
    assert seen["dir"] == str(tmp_path)
    assert isinstance(seen["provider"], file_dialogs.NameOnlyIconProvider)
    assert path == str(tmp_path / "花名册.xlsx") and chosen == "Excel 工作簿 (*.xlsx)"


def test_cancel_gives_empty_strings(qtbot, tmp_path):
    _when_shown(qtbot, lambda dlg: dlg.reject())
    assert file_dialogs.save_file_name(None, "另存为", str(tmp_path / "a.pdf"), "PDF (*.pdf)") == ("", "")
    _when_shown(qtbot, lambda dlg: dlg.reject())
    assert file_dialogs.open_file_name(None, "打开", str(tmp_path), "Excel 表格 (*.xlsx)") == ("", "")
    _when_shown(qtbot, lambda dlg: dlg.reject())
    assert file_dialogs.existing_directory(None, "选择文件夹", str(tmp_path)) == ""


def test_open_and_folder_return_what_was_chosen(qtbot, tmp_path):
    book = tmp_path / "台账.xlsx"
    book.write_bytes(b"")
    _when_shown(qtbot, lambda dlg: dlg.accept())
    assert file_dialogs.open_file_name(None, "打开", str(book), "Excel 表格 (*.xlsx)")[0] == str(book)
    (tmp_path / "letters").mkdir()
    _when_shown(qtbot, lambda dlg: dlg.accept())
    assert file_dialogs.existing_directory(None, "选择文件夹", str(tmp_path / "letters")) == str(tmp_path / "letters")
