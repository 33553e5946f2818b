"""同步(U盘) dialog: 导出到U盘 / 从U盘导入 / 冲突列表 as three pages."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.gui.sync.conflicts_page import ConflictsPage
from rural_cadre_desktop.gui.sync.export_page import ExportPage
from rural_cadre_desktop.gui.sync.import_page import ImportPage


class SyncDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("同步(U盘)")
        self.resize(900, 600)
        self.tabs = QTabWidget(self)
        self.export_page = ExportPage(self)
        self.import_page = ImportPage(self)
        self.conflicts_page = ConflictsPage(self)
        self.tabs.addTab(self.export_page, "导出到U盘")
        self.tabs.addTab(self.import_page, "从U盘导入")
        self.tabs.addTab(self.conflicts_page, "冲突列表")
        self.import_page.imported.connect(lambda _report: self.conflicts_page.reload())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(lambda: self.reject())
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(close)

    def done(self, result: int) -> None:
        self.import_page.cancel()        # a previewed package's plaintext copy is removed
        super().done(result)


def open_sync(parent: QWidget | None = None) -> SyncDialog:
    dlg = SyncDialog(parent)
    dlg.open()
    return dlg
