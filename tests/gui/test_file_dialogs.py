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
    assert safe.type(QFileInfo(str(db_path.parent))) == "文件夹"
    assert safe.type(QFileInfo(str(db_path))) == "台账数据库"


def test_everything_the_dialog_says_is_chinese(qtbot, tmp_path):
    """Qt's zh_CN translation leaves "Look in:" and "Files of type:" in English, the type column
    said "Folder" and the dates "1 12 2026": a clerk reads none of them."""
    import re
    from PySide6.QtWidgets import QLabel, QTreeView
    (tmp_path / "子文件夹").mkdir()
    (tmp_path / "台账.xlsx").write_bytes(b"")
    seen = {}

    def read(dlg):
        qtbot.waitUntil(lambda: dlg.findChild(QTreeView).model().rowCount(dlg.findChild(QTreeView).rootIndex()) == 2)
        seen["labels"] = [w.text() for w in dlg.findChildren(QLabel) if w.isVisible() and w.text()]
        view = dlg.findChild(QTreeView)
        model, root = view.model(), view.rootIndex()
        seen["cells"] = [model.index(r, c, root).data() for r in range(model.rowCount(root)) for c in (2, 3)]
        dlg.reject()
    _when_shown(qtbot, read)
    file_dialogs.open_file_name(None, "打开台账", str(tmp_path), "Excel 工作簿 (*.xlsx)")
    assert "查找范围：" in seen["labels"] and "文件类型(&T)：" in seen["labels"]
    assert not [t for t in seen["labels"] if re.search(r"[A-Za-z]{3,}", t)]
    assert "文件夹" in seen["cells"] and "Excel 工作簿" in seen["cells"]
    dates = [c for c in seen["cells"] if c and c[:1].isdigit()]
    assert dates and all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", d) for d in dates)


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
