"""What the registry card and the activity dialog share: saving through the writer thread one
save at a time, closing on success, and showing a refusal next to its field and under the form.

Subclasses set `self.editors` (field name → editor with show_error), call `_make_footer()` for
the message line and the buttons, define `save()`, and write with `_save(work)` or `_write(...)`.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui.returnees.fields import ERROR_STYLE
from rural_cadre_desktop.gui.returnees.writes import write


class FormDialog(QDialog):
    saved = Signal(str)            # the saved record's id, after the writer committed
    write_done = Signal()          # after every write, refused or not

    op = None

    def _make_footer(self) -> None:
        """The message line (refusals, 正在保存…) and 保存 / 取消 under the form."""
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(ok | cancel, self)
        self.buttons.button(ok).setText("保存")
        self.buttons.button(cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _ok(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _write(self, fn, on_success, on_refused, changes=None) -> bool:
        """Queue fn on the writer; False (and nothing queued) while an earlier write still runs.
        `changes`: the kinds of data a success changes (the lists reload on that notice)."""
        if self.op is not None:
            return False
        self.op = write(self, fn, on_success=on_success, on_refused=on_refused, changes=changes)
        self.op.done.connect(self._write_done)
        return True

    def _save(self, work, changes=None) -> None:
        """The 保存 path: OK disabled while the writer works; closes when saved."""
        if self._write(work, self._saved, self._refused, changes):
            self._ok().setEnabled(False)
            self.message.setText("正在保存…")

    def _write_done(self) -> None:
        self.op = None
        self.write_done.emit()

    def _saved(self, record_id: str) -> None:
        self.message.setText("")
        self.saved.emit(record_id)
        self.accept()

    def _refused(self, text: str, error: UserError | None) -> None:
        field = getattr(error, "field", None)
        if field in self.editors:
            self.editors[field].show_error(text)
        self.message.setText(text)
        self._ok().setEnabled(True)
