"""What the registry card and the activity dialog share: saving through the writer thread one
save at a time, closing on success, and showing a refusal next to its field and under the form.

Subclasses set `self.editors` (field name → editor with show_error), call `_make_footer()` for
the message line and the buttons, define `save()`, and write with `_save(work)` or `_write(...)`.
A subclass that defines `dirty_state()` (what the clerk typed, comparable) and calls
`mark_clean()` once loaded gets "nothing typed is lost": Esc, 取消 and the window's close button
ask before throwing away a changed form. (`reject()` itself stays unconditional for code.)
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui.returnees.fields import ERROR_STYLE
from rural_cadre_desktop.gui.returnees.writes import write


class FormDialog(QDialog):
    saved = Signal(str)            # the saved record's id, after the writer committed
    write_done = Signal()          # after every write, refused or not

    op = None
    _clean = None                  # dirty_state() when the form was loaded; None: not tracked

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
        self.buttons.rejected.connect(self.cancel)

    # -- nothing typed is lost ------------------------------------------------------------------
    def dirty_state(self):
        return None

    def mark_clean(self) -> None:
        self._clean = self.dirty_state()

    def is_dirty(self) -> bool:
        return self._clean is not None and self.dirty_state() != self._clean

    def confirm(self, title: str, text: str) -> bool:
        """Asks the clerk; tests replace it (no one can click a modal box there)."""
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def may_discard(self) -> bool:
        return not self.is_dirty() or self.confirm("放弃填写", "已填写的内容还没有保存，确定放弃吗？\n（选“否”回到表单继续填写）")

    def cancel(self) -> None:
        """取消 and Esc: close, after asking if something was typed."""
        if self.may_discard():
            self.reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self.isVisible() and not self.may_discard():
            event.ignore()
            return
        super().closeEvent(event)

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
        self._clean = None             # saved: nothing left to lose
        self.saved.emit(record_id)
        self.accept()

    def _refused(self, text: str, error: UserError | None) -> None:
        field = getattr(error, "field", None)
        if field in self.editors:
            self.editors[field].show_error(text)
            self.editors[field].reveal()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self._ok().setEnabled(True)
