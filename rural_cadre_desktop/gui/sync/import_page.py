"""从U盘导入: the package and its passphrase, a dry run whose report (per table, per village) is
shown before anything is written, then 确定导入 or 取消."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.sync import service
from rural_cadre_desktop.core.sync.report import COLUMN_LABELS, COLUMNS
from rural_cadre_desktop.gui import file_dialogs, operations
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.sync.common import (
    error_label,
    message,
    passphrase_field,
    table,
)

PACKAGE_FILTER = "同步包 (*.rcdsync);;所有文件 (*)"
HEADERS = [COLUMN_LABELS[c] for c in COLUMNS]


class ImportPage(QWidget):
    finished_op = Signal()           # a preview or an import finished, either way (tests wait on it)
    imported = Signal(object)        # the report of an import that committed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.file = QLineEdit(self)
        self.file.setPlaceholderText("U盘上的同步包（.rcdsync）")
        self.choose_button = QPushButton("选择…", self)
        self.choose_button.clicked.connect(lambda: self.choose())
        where = QHBoxLayout()
        where.addWidget(self.file, 1)
        where.addWidget(self.choose_button)
        self.passphrase = passphrase_field(self, "同步口令")
        form = QFormLayout()
        form.addRow("同步包：", where)
        form.addRow("口令：", self.passphrase)
        self.error = error_label(self)
        self.summary = QLabel("先“预览”：显示将要新增、更新、删除的记录和冲突，确认后才写入。", self)
        self.summary.setWordWrap(True)
        self.by_table, self.table_model = table(self, ["数据类别", *HEADERS], [], centered=range(1, 6))
        self.by_village, self.village_model = table(self, ["村(社区)", *HEADERS], [], centered=range(1, 6))
        tables = QHBoxLayout()
        tables.addWidget(self.by_table)
        tables.addWidget(self.by_village)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.preview_button = QPushButton("预览", self)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.commit_button = QPushButton("确定导入", self)
        self.commit_button.setEnabled(False)
        self.commit_button.clicked.connect(lambda: self.commit())
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(lambda: self.cancel())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.preview_button, self.commit_button, self.cancel_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.summary)
        lay.addLayout(tables, 1)
        lay.addWidget(self.notes)
        lay.addLayout(buttons)
        self.pkg = None                  # the verified package between preview and 确定导入
        self.report = None
        self.op = None

    def choose(self) -> None:
        path, _ = file_dialogs.open_file_name(self, "选择同步包", "", PACKAGE_FILTER)
        if path:
            self.file.setText(path)

    def _busy(self, busy: bool) -> None:
        self.preview_button.setEnabled(not busy)
        self.commit_button.setEnabled(not busy and self.pkg is not None)
        self.cancel_button.setEnabled(not busy and self.pkg is not None)

    def preview(self) -> None:
        path = self.file.text().strip()
        refusal = ("请先选择同步包文件" if not path else "请输入同步口令" if not self.passphrase.text() else None)
        self.error.setText(refusal or "")
        if refusal:
            return
        self.cancel()
        passphrase = self.passphrase.text()

        def work(ctx):
            from rural_cadre_desktop.core.db import db_path
            ctx.progress(0, 0, "正在解密、校验同步包")
            pkg = service.load(Path(path), passphrase, db_path().parent)
            try:
                return pkg, service.import_package(pkg, dry_run=True, progress=lambda t: ctx.progress(0, 0, t))
            except BaseException:
                pkg.close()
                raise
        self._busy(True)
        self.op = run_op(self, work, write=True, label="正在预览同步包…",
                         on_success=lambda r: self._previewed(*r), on_failure=lambda e: self._failed(e))

    def _show(self, report) -> None:
        self.report = report
        totals = "，".join(f"{COLUMN_LABELS[c]} {report.total(c)}" for c in COLUMNS)
        src = report.source
        self.summary.setText(f"{'预览（尚未写入）' if report.dry_run else '已导入'}：来自 {src.get('name') or '?'}"
                             f"（节点 {src.get('node', '?')}）。合计：{totals}")
        self.table_model.set_rows(report.table_rows())
        self.village_model.set_rows(report.village_rows())
        notes = [line.replace("请用 sync conflicts 查看", "导入后请到“冲突列表”查看")
                 for line in report.lines() if line.startswith(("注意", "有 "))]
        if report.dry_run:
            notes.append("以上是预览，还没有写入。核对无误后点“确定导入”；导入前会自动备份本机数据。")
        self.notes.setText("\n".join(notes))

    def _previewed(self, pkg, report) -> None:
        self.pkg = pkg
        self._show(report)
        self._busy(False)
        self.finished_op.emit()

    def commit(self) -> None:
        pkg = self.pkg
        if pkg is None:
            return

        def work(ctx):
            return service.import_package(pkg, progress=lambda t: ctx.progress(0, 0, t))
        self._busy(True)
        self.commit_button.setEnabled(False)
        self.op = run_op(self, work, write=True, label="正在导入同步包…", changes=operations.RECORDS | {"settings"},
                         on_success=lambda r: self._imported(r), on_failure=lambda e: self._failed(e))

    def _imported(self, report) -> None:
        self.cancel()
        self._show(report)
        if report.total("conflicts"):
            self.notes.setText(self.notes.text().replace("导入后请到", "请到"))
        self.imported.emit(report)
        self.finished_op.emit()

    def _failed(self, error: BaseException) -> None:
        self.error.setText(message(error))
        self._busy(False)
        self.finished_op.emit()

    def cancel(self) -> None:
        """取消: the verified copy is removed; nothing was written."""
        if self.pkg is not None:
            self.pkg.close()
            self.pkg = None
        self._busy(False)
