"""File dialogs that never open the files they list — use these instead of QFileDialog's static
functions (`QFileDialog.getSaveFileName` and friends).

Why: SQLite keeps its locks on the database (and on its `-shm` file) as POSIX record locks, and
POSIX drops *all* of a process's locks on a file as soon as the process closes *any* descriptor of
that file. Qt's own file dialog asks the file system model for each file's type and icon, and
`QAbstractFileIconProvider` answers with `QMimeDatabase.mimeTypeForFile`, which opens a file to
look at its first bytes whenever its name alone does not decide the type — `ledger.db`,
`ledger.db-wal`, `ledger.db-shm` all qualify (seen with strace: open/close of all three from
QFileInfoGatherer::getInfo → QAbstractFileIconProvider::type → QMimeDatabase). So saving an export
next to the database silently unlocked the open ledger: the next program that closed the file
believed it was the last user, checkpointed and deleted the `-wal`/`-shm`, and this window's later
writes went into a deleted WAL (lost) or failed with "disk I/O error" (issue 9).

The dialogs here use an icon provider that decides types and icons from the file *name* only
(`MatchExtension`: a stat at most, never an open). Platform-native dialogs are used only on Windows,
where SQLite's locks are per handle and other handles cannot drop them; elsewhere (Kylin/UOS, other
Linux desktops, macOS) the native dialog may run in our process and sniff files the same way
(GTK's chooser does), so Qt's own dialog with the safe provider is used.

A relative default file name is placed in the Documents folder instead of the process's working
directory (which may be the database's folder): the clerk gets a sensible place, and the database
folder is not listed unless the clerk goes there.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import (
    QDir,
    QFileInfo,
    QIdentityProxyModel,
    QLocale,
    QMimeDatabase,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QFileIconProvider, QWidget

__all__ = ["NameOnlyIconProvider", "existing_directory", "open_file_name", "save_file_name"]


class NameOnlyIconProvider(QFileIconProvider):
    """Types and icons for files from their names alone; folders and drives as Qt does them."""

    def __init__(self):
        super().__init__()
        self._mimes = QMimeDatabase()

    def _mime(self, info: QFileInfo):
        return self._mimes.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension)

    def type(self, info: QFileInfo) -> str:
        # In Chinese whatever the system's locale: shared-mime-info's comments follow LANG, which on
        # an office PC set up in English would show "Folder" and "spreadsheet" in a Chinese dialog.
        if info.isFile():
            suffix = info.suffix().lower()
            return _TYPE_NAMES.get(suffix) or (f"{suffix.upper()} 文件" if suffix else "文件")
        if info.isRoot():
            return "驱动器"
        return "文件夹"

    def icon(self, what):  # icon(QFileInfo) and icon(IconType) share one Python method
        if isinstance(what, QFileInfo) and what.isFile():
            generic = super().icon(QFileIconProvider.IconType.File)
            return QIcon.fromTheme(self._mime(what).iconName(), generic)
        return super().icon(what)


_TYPE_NAMES = {"xlsx": "Excel 工作簿", "xlsm": "Excel 工作簿", "xls": "Excel 97-2003 工作簿",
               "et": "WPS 表格", "csv": "CSV 文件（逗号分隔）", "pdf": "PDF 文档", "db": "台账数据库",
               "lrmx": "干部任免审批表", "txt": "文本文件", "jpg": "JPEG 图片", "jpeg": "JPEG 图片",
               "png": "PNG 图片", "zip": "压缩包"}

# Labels qtbase_zh_CN.qm leaves in English (seen in Qt 6.11: "Look in:", "Files of type:").
_LABELS = {QFileDialog.DialogLabel.LookIn: "查找范围：", QFileDialog.DialogLabel.FileName: "文件名(&N)：",
           QFileDialog.DialogLabel.FileType: "文件类型(&T)：", QFileDialog.DialogLabel.Reject: "取消"}

class _ChineseDates(QIdentityProxyModel):
    """The list's 修改日期 as 2026-12-01 13:42: QFileSystemModel formats it in the system locale,
    which on a PC without a Chinese locale reads "1 12 2026" (day or month first?)."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.column() == 3 and role == Qt.ItemDataRole.DisplayRole:
            source = self.sourceModel()
            stamp = source.lastModified(self.mapToSource(index)) if hasattr(source, "lastModified") else None
            if stamp is not None and stamp.isValid():
                return stamp.toString("yyyy-MM-dd HH:mm")
        return super().data(index, role)


_provider: NameOnlyIconProvider | None = None


def _icon_provider() -> NameOnlyIconProvider:
    # One for the process: QFileDialog does not own its provider, so it must outlive every dialog.
    global _provider
    if _provider is None:
        _provider = NameOnlyIconProvider()
    return _provider


def _use_native() -> bool:
    return sys.platform.startswith("win")


def _documents() -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and Path(folder).is_dir() else QDir.homePath()


def _default_suffix(name_filter: str) -> str:
    """'Excel 工作簿 (*.xlsx)' → 'xlsx', so a name typed without an extension still gets one."""
    m = re.search(r"\*\.([A-Za-z0-9]+)", name_filter or "")
    return m.group(1) if m else ""


def _dialog(parent: QWidget | None, title: str, directory: str, name_filter: str) -> QFileDialog:
    dlg = QFileDialog(parent, title, directory, name_filter or "")
    if not _use_native():
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dlg.setIconProvider(_icon_provider())
        dlg.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        dlg.setProxyModel(_ChineseDates(dlg))
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        if screen is not None:      # wide enough for the dates, never beyond a 1024×768 screen
            room = screen.availableGeometry()
            dlg.resize(min(820, room.width() - 40), min(520, room.height() - 60))
        for label, text in _LABELS.items():
            dlg.setLabelText(label, text)
    return dlg


def _run(dlg: QFileDialog) -> tuple[str, str]:
    try:
        if dlg.exec() == QFileDialog.DialogCode.Accepted and dlg.selectedFiles():
            return dlg.selectedFiles()[0], dlg.selectedNameFilter()
        return "", ""
    finally:
        dlg.deleteLater()


def save_file_name(parent: QWidget | None, title: str, default: str = "",
                   name_filter: str = "") -> tuple[str, str]:
    """Like `QFileDialog.getSaveFileName(parent, title, default, filter)`: (path, filter), or
    ("", "") when cancelled. Asks before overwriting. `default` may be a bare file name."""
    target = Path(default or _documents())
    if not target.is_absolute() and len(target.parts) == 1:      # a bare name: into Documents
        target = Path(_documents()) / target
    folder, name = (target, "") if target.is_dir() else (target.parent, target.name)
    dlg = _dialog(parent, title, str(folder), name_filter)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = _default_suffix(name_filter)
    if suffix:
        dlg.setDefaultSuffix(suffix)
    if name:
        dlg.selectFile(name)
    return _run(dlg)


def open_file_name(parent: QWidget | None, title: str, directory: str = "",
                   name_filter: str = "") -> tuple[str, str]:
    """Like `QFileDialog.getOpenFileName(parent, title, directory, filter)`."""
    start = Path(directory) if directory else Path(_documents())
    dlg = _dialog(parent, title, str(start if start.is_dir() else start.parent), name_filter)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
    if start.is_file():
        dlg.selectFile(start.name)
    return _run(dlg)


def existing_directory(parent: QWidget | None, title: str, directory: str = "") -> str:
    """Like `QFileDialog.getExistingDirectory(parent, title, directory)`."""
    dlg = _dialog(parent, title, directory or _documents(), "")
    dlg.setFileMode(QFileDialog.FileMode.Directory)
    dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dlg)[0]
