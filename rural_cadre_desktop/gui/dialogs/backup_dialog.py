"""文件 → 备份到U盘… (an encrypted backup) and 文件 → 从备份恢复… (an automatic or encrypted one).

Both are core services (core/backup_export.py, core/restore.py) run through gui/operations on
the writer thread: the encrypted backup writes its audit row before the file, and restore copies
into the open ledger through SQLite's backup API, so the window's own connections stay valid;
afterwards every list, the title and the counts reload on the data-changed notice. Refusals
(passphrases that differ, a wrong passphrase, a newer schema …) are one sentence and change nothing.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import backup
from rural_cadre_desktop.core.backup_export import MIN_PASSPHRASE, check_passphrase
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui import file_dialogs, operations
from rural_cadre_desktop.gui.crash import friendly_message
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.rows_model import RowsModel

log = logging.getLogger("rcd.gui.backup")

BACKUP_FILTER = "加密备份 (*.bak)"
RESTORE_FILTER = "备份文件 (*.bak *.gz *.db);;所有文件 (*)"
_REASONS = {
    backup.DAILY: "每日自动备份", "before-import-ledger": "导入台账前", "before-restore": "恢复前",
    "before-usb-backup": "备份到U盘时", "before-sync": "导入同步包前", "before-merge": "合并人员前",
}
_STEPS = {"snapshot": "正在生成备份…", "encrypt": "正在加密…", "unpack": "正在读取备份…",
          "check": "正在检查备份…", "backup": "正在备份当前数据…", "replace": "正在恢复…"}


def reason_label(reason: str) -> str:
    if reason.startswith("before-schema-v"):
        return "升级数据格式前"
    return _REASONS.get(reason, reason)


def size_label(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _message(error: BaseException) -> str:
    return friendly_message(error) or f"操作没有完成：{error}"


def _ledger_path() -> Path:
    from rural_cadre_desktop.core.db import db_path
    return db_path()


def _audit_row(done) -> tuple[str, str]:
    """The row `restore` writes on the command line too."""
    return "restore", f"{done.source.name} ({done.facts.get('township') or '?'}, schema v{done.facts['schema_version']})"


class EncryptedBackupDialog(QDialog):
    """Where to write the backup, and the passphrase twice."""
    finished_op = Signal()           # the backup finished, either way (tests wait on it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("备份到U盘")
        self.setMinimumWidth(520)
        self.target = QLineEdit(self)
        self.target.setPlaceholderText("选择U盘上的备份文件位置")
        self.choose_button = QPushButton("选择…", self)
        self.choose_button.clicked.connect(lambda: self.choose())
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(self.choose_button)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("备份文件：", where)
        form.addRow("口令：", self.passphrase)
        form.addRow("再输入一次：", self.again)
        hint = QLabel(f"备份文件经过加密，U盘丢失也看不到其中的身份证号。口令至少{MIN_PASSPHRASE}个字符；"
                      "恢复时必须输入同一口令，忘记口令将无法恢复，请妥善保管。", self)
        hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.start_button = QPushButton("开始备份", self)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda: self.start())
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.clicked.connect(lambda: self.reject())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.op = None
        self.written: Path | None = None

    def choose(self) -> None:
        from datetime import date
        path, _ = file_dialogs.save_file_name(self, "备份到U盘", f"台账备份-{date.today():%Y%m%d}.bak", BACKUP_FILTER)
        if path:
            self.target.setText(path)

    def _refusal(self) -> str | None:
        if not self.target.text().strip():
            return "请先选择备份文件的位置（通常在U盘上）"
        if self.passphrase.text() != self.again.text():
            return "两次输入的口令不一致，请重新输入"
        try:
            check_passphrase(self.passphrase.text())
        except UserError as e:
            return e.zh
        return None

    def start(self) -> None:
        refusal = self._refusal()
        self.error.setText(refusal or "")
        if refusal:
            return
        from rural_cadre_desktop.core.backup_export import write_encrypted
        target, passphrase, ledger = Path(self.target.text().strip()), self.passphrase.text(), _ledger_path()

        def work(ctx):
            return write_encrypted(ledger, target, passphrase,
                                   progress=lambda step: ctx.progress(0, 0, _STEPS.get(step, "")))
        self.start_button.setEnabled(False)
        self.op = run_op(self, work, write=True, label="正在加密备份…",
                         on_success=lambda path: self._done(path), on_failure=lambda e: self._failed(e))

    def _done(self, path: Path) -> None:
        self.written = path
        self.finished_op.emit()
        QMessageBox.information(self, "备份完成", f"已加密备份到 {path}。恢复时需要同一口令。")
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.start_button.setEnabled(True)
        self.error.setText(_message(error))
        self.finished_op.emit()


class RestoreDialog(QDialog):
    """The automatic backups (newest first) or a file chosen; confirm; restore on the writer."""
    finished_op = Signal()           # a restore finished, either way (tests wait on it)
    HEADERS = ("备份时间", "原因", "大小", "校验", "乡镇")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("从备份恢复")
        self.resize(640, 440)
        self.backups = backup.list_backups(_ledger_path())
        rows = [(b.taken.strftime("%Y-%m-%d %H:%M:%S"), reason_label(b.reason), size_label(b.size),
                 "已校验" if b.verified else "未校验", (b.meta or {}).get("township", "")) for b in self.backups]
        self.model = RowsModel(list(self.HEADERS), rows, parent=self, centered=(2, 3))
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.restore_selected())
        intro = QLabel("选择一份备份恢复。恢复会用备份中的数据替换当前全部数据，当前数据会先自动备份。"
                       if self.backups else "还没有自动备份。可以从U盘上的加密备份文件恢复。", self)
        intro.setWordWrap(True)
        self.file_label = QLabel(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("加密备份的口令")
        self.passphrase.hide()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.from_file_button = QPushButton("从文件选择…", self)
        self.from_file_button.clicked.connect(lambda: self.choose_file())
        self.restore_button = QPushButton("恢复", self)
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.close_button = QPushButton("关闭", self)
        self.close_button.clicked.connect(lambda: self.reject())
        buttons = QHBoxLayout()
        buttons.addWidget(self.from_file_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.file_label)
        lay.addWidget(self.passphrase)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.chosen: Path | None = None
        self.op = None
        self.restored = None
        if self.backups:
            self.view.selectRow(0)

    def choose_file(self) -> None:
        path, _ = file_dialogs.open_file_name(self, "选择备份文件", "", RESTORE_FILTER)
        if not path:
            return
        from rural_cadre_desktop.core.restore import kind_of
        try:
            sealed = kind_of(Path(path)) == "sealed"
        except UserError as e:
            self.error.setText(e.zh)
            return
        self.chosen = Path(path)
        self.view.clearSelection()
        self.file_label.setText(f"恢复文件：{self.chosen}" + ("（加密备份，请输入口令）" if sealed else ""))
        self.passphrase.setVisible(sealed)
        self.error.setText("")
        if sealed:
            self.passphrase.setFocus()

    def _source(self) -> Path | None:
        if self.chosen is not None:
            return self.chosen
        rows = self.view.selectionModel().selectedRows()
        return self.backups[rows[0].row()].path if rows else None

    def restore_selected(self, force: bool = False) -> None:
        source = self._source()
        if source is None:
            self.error.setText("请先选择一份备份，或点“从文件选择…”")
            return
        passphrase = self.passphrase.text() if self.passphrase.isVisible() else None
        if self.passphrase.isVisible() and not passphrase:
            self.error.setText("这是加密备份，请输入备份时设的口令")
            return
        if not force:
            answer = QMessageBox.question(
                self, "确认恢复", f"将用备份“{source.name}”替换当前全部数据（当前数据会先自动备份）。确定恢复吗？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.error.setText("")
        from rural_cadre_desktop.core.restore import restore_file
        ledger = _ledger_path()

        def work(ctx):
            from rural_cadre_desktop.core import db
            from rural_cadre_desktop.core.migrations import migrate
            done = restore_file(source, ledger, passphrase, force=force,
                                progress=lambda step: ctx.progress(0, 0, _STEPS.get(step, "")))
            migrate(db.database)           # an older backup: brought to this program's schema
            return done
        self.restore_button.setEnabled(False)
        self.op = run_op(self, work, write=True, label="正在恢复…", audit=_audit_row, changes=operations.KINDS,
                         on_success=lambda done: self._done(done), on_failure=lambda e: self._failed(e))

    def _done(self, done) -> None:
        self.restored = done
        self.restore_button.setEnabled(True)
        self.finished_op.emit()
        QMessageBox.information(self, "恢复完成", f"已从“{done.source.name}”恢复。"
                                + (f"恢复前的数据已备份为“{done.before.name}”。" if done.before else ""))
        self.accept()

    def _failed(self, error: BaseException) -> None:
        from rural_cadre_desktop.core.restore import ScopeMismatch
        self.restore_button.setEnabled(True)
        self.finished_op.emit()
        if isinstance(error, ScopeMismatch):
            if QMessageBox.question(self, "备份属于其他乡镇", error.question) == QMessageBox.StandardButton.Yes:
                self.restore_selected(force=True)
            else:
                self.error.setText("没有恢复，当前数据没有改动")
            return
        self.error.setText(_message(error))


def backup_to_usb(window: QWidget) -> None:
    dlg = EncryptedBackupDialog(window)
    dlg.exec()
    dlg.deleteLater()


def restore_from_backup(window: QWidget) -> None:
    dlg = RestoreDialog(window)
    dlg.exec()
    dlg.deleteLater()

