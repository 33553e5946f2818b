"""HandleDialog: mark a 实际问题 / 意见建议 as 已办结. The answer is what the year-end report and
the returnee are told, so 办结 stays disabled until something is written; a refusal from core
(e.g. the activity was deleted meanwhile) shows under the text and nothing is written."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.returnees import services
from rural_cadre_desktop.gui.returnees.fields import ERROR_STYLE
from rural_cadre_desktop.gui.returnees.writes import write


class HandleDialog(QDialog):
    saved = Signal(str)
    write_done = Signal()

    def __init__(self, parent: QWidget | None, activity_id: str, summary: str, answer: str = ""):
        super().__init__(parent)
        self.setObjectName("HandleDialog")
        self.setWindowTitle("办结")
        self.resize(520, 300)
        self.activity_id = activity_id
        self.op = None
        what = QLabel(summary, self)
        what.setWordWrap(True)
        self.answer = QPlainTextEdit(self)
        self.answer.setObjectName("answer")
        self.answer.setPlaceholderText("办理结果：怎么解决的、答复了什么、转交了哪个部门")
        self.answer.setPlainText(answer)
        self.answer.textChanged.connect(self._enable)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("办结")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(QLabel("办理结果：", self))
        layout.addWidget(self.answer, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._enable()

    def _enable(self) -> None:
        self.ok.setEnabled(bool(self.answer.toPlainText().strip()) and self.op is None)

    def save(self) -> None:
        text = self.answer.toPlainText()
        if not text.strip() or self.op is not None:
            return
        aid = self.activity_id
        self.op = write(self, lambda: services.set_activity_status(aid, "handled", text),
                        on_success=lambda _r: (self.saved.emit(aid), self.accept()), on_refused=self._refused,
                        changes={"activities"})
        self.op.done.connect(self._write_done)
        self._enable()

    def _refused(self, text: str, _error: UserError | None) -> None:
        self.message.setText(text)

    def _write_done(self) -> None:
        self.op = None
        self._enable()
        self.write_done.emit()
