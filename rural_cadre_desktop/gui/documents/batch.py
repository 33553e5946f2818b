"""Invitation letters for the people of a list: generated on a worker (gui/operations) with progress
and cancel, shown in the print preview or written one PDF each into a folder.

Whom: the recipients come as one or more `Recipients` groups ("选中的 N 人", "当前列表 M 人"); by
default only the people still 在外 (status away) get a letter — those already 已返乡 in the group
are offered with a checkbox "也给已返乡的 N 人". The dialog says how many letters it will make.

When: the letter carries a date (default today); it invites for the first Spring Festival after that
date, so the "八个一" year defaults to core.documents.festival_year(date) and follows the date.

The 八个一 record ("发送一封邀请函") is asked for only once the letters went out — the print dialog
was accepted, 另存为PDF saved a copy, or the separate files were written — never when the preview
merely opens; it is written on the writer thread, at most once per person per year.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import save_atomic
from rural_cadre_desktop.gui import file_dialogs
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


def build_invitations(path_or_folder: str, person_ids: list[str], year: int, separate: bool, ctx=None,
                      date: dt.date | None = None) -> int:
    """Worker side: the letters of these people (in this order) into one PDF or one PDF each;
    returns the count. `date` is the letter's date (default today)."""
    from rural_cadre_desktop.core import documents as d
    from rural_cadre_desktop.reports.letters import build_letters
    people = d.recipients_for(person_ids)
    if not people:
        raise UserError("没有要发邀请函的人员", "nobody to write to")
    letters = d.letters_for(people, year, date=date)
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


@dataclass
class Recipients:
    """One group the letters may go to: its label ("选中的 3 人", "当前列表 300 人"), how many of
    it are away / already returned, and its (person id, status) pairs in list order — a list, or a
    function the worker calls (a 100,000-row list is read there, in one query)."""
    label: str
    away: int
    returned: int
    pairs: list[tuple[str, str | None]] | Callable[[], list[tuple[str, str | None]]]

    def count(self, include_returned: bool) -> int:
        return self.away + (self.returned if include_returned else 0)

    def ids(self, include_returned: bool) -> list[str]:
        pairs = self.pairs() if callable(self.pairs) else self.pairs
        return [pid for pid, status in pairs if include_returned or status != "returned"]

    @classmethod
    def from_pairs(cls, label: str, pairs: list[tuple[str, str | None]]) -> "Recipients":
        returned = sum(1 for _, s in pairs if s == "returned")
        return cls(label, len(pairs) - returned, returned, list(pairs))

    @classmethod
    def of_people(cls, label: str, person_ids: list[str]) -> "Recipients":
        """People given by id (any person; one without a returnee record counts as not returned)."""
        from rural_cadre_desktop.core.returnees import query
        status = query.statuses_of(person_ids)
        return cls.from_pairs(label, [(pid, status.get(pid)) for pid in dict.fromkeys(person_ids)])

    @classmethod
    def of_query(cls, label: str, q) -> "Recipients":
        """Everyone a returnee list query shows, in its order (counted now, fetched on the worker)."""
        from rural_cadre_desktop.core.returnees import query
        counts = query.status_counts(q)
        returned = counts.get("returned", 0)
        return cls(label, sum(counts.values()) - returned, returned, lambda: query.person_statuses(q))


class _RecordOffer:
    """Asks once, after the letters went out, whether to record the 八个一 invitation."""

    def __init__(self, dialog: "InvitationBatchDialog", ids: list[str], year: int, date: dt.date):
        self.dialog, self.ids, self.year, self.date = dialog, ids, year, date
        self.asked = False

    def __call__(self, *_ignored) -> None:
        if self.asked:
            return
        self.asked = True
        if self.dialog.ask_record(len(self.ids), self.year):
            self.dialog.record_invitations(self.ids, self.year, self.date)


class InvitationBatchDialog(QDialog):
    """邀请函 for a list's people: whom (group, also 已返乡?), the letter's date and year, one PDF
    (preview, then print or save) or one PDF each (a folder)."""

    def __init__(self, parent: QWidget | None, recipients: list[Recipients] | list[str],
                 today: dt.date | None = None):
        super().__init__(parent)
        from rural_cadre_desktop.core import documents as d
        self.setWindowTitle("打印邀请函")
        self.setObjectName("InvitationBatchDialog")
        if recipients and not isinstance(recipients[0], Recipients):
            recipients = [Recipients.of_people(f"选中的 {len(recipients)} 人", list(recipients))]
        self.groups: list[Recipients] = list(recipients)
        self.group_buttons: list[QRadioButton] = []
        self._group_box = QButtonGroup(self)
        for i, g in enumerate(self.groups):
            b = QRadioButton(g.label)
            b.setObjectName(f"group_{i}")
            self._group_box.addButton(b, i)
            self.group_buttons.append(b)
        if self.group_buttons:
            self.group_buttons[0].setChecked(True)
        self._group_box.idToggled.connect(lambda _id, _on: self._update())
        self.include_returned = QCheckBox()
        self.include_returned.setObjectName("include_returned")
        self.include_returned.toggled.connect(lambda _on: self._update())

        today = today or dt.date.today()
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setObjectName("letter_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(d.festival_year(today))
        self.date.dateChanged.connect(lambda _qd: self._date_changed())
        self.festival = QLabel()
        self.festival.setObjectName("festival")
        self.count_label = QLabel()
        self.count_label.setObjectName("letter_count")
        self.count_label.setStyleSheet("font-weight: bold")

        self.one = QRadioButton("合成一个 PDF，预览后打印或另存")
        self.separate = QRadioButton("每人一个 PDF，保存到文件夹")
        self.one.setChecked(True)
        self.record = QCheckBox("打印或保存之后询问：记入“八个一”发送一封邀请函（每人每年只记一次）")
        self.record.setObjectName("record")
        self.record.setChecked(True)

        form = QFormLayout()
        if len(self.group_buttons) > 1:
            for i, b in enumerate(self.group_buttons):
                form.addRow("发给：" if i == 0 else "", b)
        elif self.groups:
            form.addRow("发给：", QLabel(self.groups[0].label))
        form.addRow("", self.include_returned)
        form.addRow("落款日期：", self.date)
        form.addRow("“八个一”年度：", self.year)
        form.addRow("", self.festival)
        form.addRow(self.one)
        form.addRow(self.separate)
        form.addRow(self.record)
        form.addRow(self.count_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.generate_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.generate_button.setText("生成")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(lambda: self.generate())
        self.buttons.rejected.connect(lambda: self.reject())
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.op = None
        self.preview = None
        self.folder: str | None = None
        self.offer: _RecordOffer | None = None
        self._date_changed()

    # -- what the dialog shows ----------------------------------------------------------------
    def group(self) -> Recipients | None:
        i = self._group_box.checkedId()
        return self.groups[i] if 0 <= i < len(self.groups) else None

    def letter_date(self) -> dt.date:
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def letter_count(self) -> int:
        g = self.group()
        return g.count(self.include_returned.isChecked()) if g else 0

    def _date_changed(self) -> None:
        from rural_cadre_desktop.core import documents as d
        year = d.festival_year(self.letter_date())
        self.year.setValue(year)
        self.festival.setText(f"邀请 {year} 年春节返乡（落款日期之后的第一个春节）")
        self._update()

    def _update(self) -> None:
        g = self.group()
        returned = g.returned if g else 0
        self.include_returned.setText(f"也给已返乡的 {returned} 人")
        self.include_returned.setVisible(returned > 0)
        n = self.letter_count()
        away = g.away if g else 0
        detail = f"在外 {away} 人" + (f" + 已返乡 {returned} 人" if returned and self.include_returned.isChecked()
                                    else (f"；已返乡的 {returned} 人不发" if returned else ""))
        self.count_label.setText(f"将生成 {n} 封邀请函（{detail}）" if n else
                                 "没有要发邀请函的人员：列表中的人都已返乡" if returned else "没有要发邀请函的人员")
        self.generate_button.setEnabled(n > 0)

    # -- generating -----------------------------------------------------------------------------
    def generate(self) -> None:
        """生成: the letters of the chosen people, into one PDF (preview) or a folder."""
        g = self.group()
        if g is None or not self.letter_count():
            return
        year, date, include = self.year.value(), self.letter_date(), self.include_returned.isChecked()
        made: dict = {}

        def ids() -> list[str]:            # on the worker: a whole list is read there
            made["ids"] = g.ids(include)
            return made["ids"]

        if self.separate.isChecked():
            folder = file_dialogs.existing_directory(self, "选择保存邀请函的文件夹")
            if not folder:
                return
            self.folder = folder
            self.op = run_op(self, lambda ctx: build_invitations(folder, ids(), year, True, ctx, date),
                             label="正在生成邀请函…",
                             on_success=lambda n: self._written(folder, made["ids"], year, date),
                             on_failure=self._failed)
        else:
            self.op = generate_pdf(self, lambda path, ctx: build_invitations(path, ids(), year, False, ctx, date),
                                   lambda path: self._previewed(path, made["ids"], year, date),
                                   "正在生成邀请函…", "邀请函-")

    def _failed(self, e) -> None:
        QMessageBox.warning(self, "打印邀请函", e.zh if isinstance(e, UserError) else f"生成失败：{e}")

    def _status(self, text: str) -> None:
        w = self.parentWidget()
        if isinstance(w, QMainWindow):
            w.statusBar().showMessage(text, 10000)

    def _previewed(self, path: str, ids: list[str], year: int, date: dt.date) -> None:
        from rural_cadre_desktop.gui.documents.preview import open_print_preview
        self.preview = open_print_preview(self.parentWidget() or self, path, f"邀请函（{len(ids)} 封）— 打印预览")
        self._status(f"已生成 {len(ids)} 封邀请函，请在预览中打印或另存")
        if self.record.isChecked():
            self.offer = _RecordOffer(self, ids, year, date)
            self.preview.printed.connect(self.offer)
            self.preview.saved.connect(self.offer)
        self.accept()

    def _written(self, folder: str, ids: list[str], year: int, date: dt.date) -> None:
        self._status(f"已生成 {len(ids)} 封邀请函，保存在 {folder}")
        if self.record.isChecked():
            self.offer = _RecordOffer(self, ids, year, date)
            self.offer()
        self.accept()

    # -- the 八个一 record ----------------------------------------------------------------------
    def ask_record(self, count: int, year: int) -> bool:
        parent = self.preview if self.preview is not None and self.preview.isVisible() else self.parentWidget()
        return QMessageBox.question(
            parent, "记入八个一", f"{count} 封邀请函已打印或保存。是否为这 {count} 人记入 {year} 年的"
                                "“发送一封邀请函”？（已记过的人员不会重复记）") == QMessageBox.StandardButton.Yes

    def record_invitations(self, ids: list[str], year: int, date: dt.date):
        from rural_cadre_desktop.core import documents as d

        def done(n):
            self._status(f"已为 {n} 人记入 {year} 年“发送一封邀请函”" if n else "这些人员今年都已记过邀请函")
        self.record_op = run_op(self.parentWidget(), lambda ctx: d.record_invitations(ids, year, date), write=True,
                                label="正在记录…", progress=False, on_success=done)
        return self.record_op
