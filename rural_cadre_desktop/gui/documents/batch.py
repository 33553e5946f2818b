"""Invitation letters for the people selected in a list: generated on a worker (gui/operations)
with progress and cancel, shown in the print preview; the 八个一 record is written only after the
clerk confirms, on the writer thread, at most once per person per year."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel,
                               QMessageBox, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import save_atomic
from rural_cadre_desktop.gui.operations import run_op


def _temp_pdf(prefix: str) -> str:
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=".pdf")
    os.close(fd)
    return path


def generate_pdf(parent: QWidget | None, build: Callable, on_done: Callable[[str], None], label: str,
                 prefix: str = "rcd-"):
    """Run build(path, ctx) on a reader thread into a temporary PDF; on_done(path) on the UI thread."""
    path = _temp_pdf(prefix)

    def work(ctx):
        build(path, ctx)
        return path

    def failed(e):
        Path(path).unlink(missing_ok=True)
        QMessageBox.warning(parent, "生成文档", e.zh if isinstance(e, UserError) else f"生成失败：{e}")
    op = run_op(parent, work, label=label, on_success=on_done, on_failure=failed)
    op.cancelled.connect(lambda: Path(path).unlink(missing_ok=True))
    return op


def build_invitations(path_or_folder: str, person_ids: list[str], year: int, separate: bool, ctx=None) -> int:
    """Worker side: the letters of these people into one PDF or one PDF each; returns the count."""
    from rural_cadre_desktop.core import documents as d
    from rural_cadre_desktop.reports.letters import build_letters
    people = d.recipients_for(person_ids)
    if not people:
        raise UserError("没有选中任何人员", "nobody selected")
    letters = d.letters_for(people, year)
    total = len(letters)
    progress = (lambda n: ctx.progress(n, total, f"正在生成第 {n}/{total} 封")) if ctx else None
    cancelled = (lambda: ctx.cancelled) if ctx else None
    if not separate:
        try:
            build_letters(path_or_folder, letters, progress=progress, cancelled=cancelled)
        except InterruptedError:
            ctx.check_cancel()
        return total
    folder = Path(path_or_folder)
    folder.mkdir(parents=True, exist_ok=True)
    for i, (p, letter) in enumerate(zip(people, letters), 1):
        if ctx:
            ctx.check_cancel()
            ctx.progress(i, total, f"正在生成第 {i}/{total} 封")
        save_atomic(lambda tmp: build_letters(str(tmp), [letter]), folder / d.letter_filename(i, p))
    return total


class InvitationBatchDialog(QDialog):
    """邀请函 for the given people: year, one PDF (preview and print) or one PDF each (a folder)."""

    def __init__(self, parent: QWidget | None, person_ids: list[str]):
        super().__init__(parent)
        self.setWindowTitle("打印邀请函")
        self.person_ids = list(person_ids)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.one = QRadioButton("合成一个 PDF，预览后打印")
        self.separate = QRadioButton("每人一个 PDF，保存到文件夹")
        self.one.setChecked(True)
        self.record = QCheckBox("打印后记入“八个一”：发送一封邀请函（每人每年只记一次）")
        self.record.setChecked(True)
        form = QFormLayout()
        form.addRow("人数：", QLabel(f"{len(self.person_ids)} 人"))
        form.addRow("年份：", self.year)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.generate)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (self.one, self.separate, self.record):
            form.addRow(w)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.op = None
        self.preview = None
        self.folder: str | None = None

    def generate(self, folder: str | None = None) -> None:
        year, ids = self.year.value(), self.person_ids
        if self.separate.isChecked():
            folder = folder or QFileDialog.getExistingDirectory(self, "选择保存邀请函的文件夹")
            if not folder:
                return
            self.folder = folder
            self.op = run_op(self, lambda ctx: build_invitations(folder, ids, year, True, ctx),
                             label="正在生成邀请函…", on_success=lambda n: self._generated(None, n),
                             on_failure=self._failed)
        else:
            self.op = generate_pdf(self, lambda path, ctx: build_invitations(path, ids, year, False, ctx),
                                   lambda path: self._generated(path, len(ids)), "正在生成邀请函…", "邀请函-")

    def _failed(self, e) -> None:
        QMessageBox.warning(self, "打印邀请函", e.zh if isinstance(e, UserError) else f"生成失败：{e}")

    def _generated(self, path: str | None, count: int) -> None:
        if path:
            from rural_cadre_desktop.gui.documents.preview import open_print_preview
            self.preview = open_print_preview(self.parentWidget() or self, path, "邀请函 — 打印预览")
        if self.record.isChecked() and self.ask_record(count):
            self.record_invitations()
        self.accept()

    def ask_record(self, count: int) -> bool:
        """Separate method so the confirmation can be answered in tests."""
        return QMessageBox.question(
            self, "记入八个一", f"已生成 {count} 封邀请函。是否为这些人员记入今年的“发送一封邀请函”？"
                              "（已记过的人员不会重复记）") == QMessageBox.StandardButton.Yes

    def record_invitations(self):
        from rural_cadre_desktop.core import documents as d
        ids, year = self.person_ids, self.year.value()
        return run_op(self.parentWidget(), lambda ctx: d.record_invitations(ids, year), write=True,
                      label="正在记录…", progress=False)
