"""负面清单条目: the township's list of disqualifying conditions, one per line, edited from the
年度考察评议 page (core/reserves/negative_list.save_items on the writer thread; a refusal shows
its sentence under the text and saves nothing)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.reserves import negative_list
from rural_cadre_desktop.gui import operations


class NegativeListDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NegativeListDialog")
        self.setWindowTitle("负面清单条目")
        self.op = None
        self.text = QPlainTextEdit(self, objectName="negative_items_text")
        self.text.setPlainText("\n".join(negative_list.items()))
        self.message = QLabel(self, objectName="message")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        self.standard = QPushButton("恢复标准条目", self, objectName="negative_standard")
        self.standard.clicked.connect(lambda: self.text.setPlainText("\n".join(negative_list.STANDARD)))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.addButton(self.standard, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("年度考察评议时逐项核查的负面清单情形，每行一条（本乡镇可按上级要求调整）：", self))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, 340)

    def save(self) -> None:
        if self.op is not None:
            return
        lines = self.text.toPlainText().splitlines()
        try:
            negative_list.check_items(lines)         # the refusal at once, before queueing the write
        except UserError as e:
            self.message.setText(e.zh)
            return

        def failed(e) -> None:
            self.op = None
            self.message.setText(e.zh if isinstance(e, UserError) else f"保存失败：{e}。请重试。")

        def done(_items) -> None:
            self.op = None
            self.accept()
        self.op = operations.run_op(self, lambda ctx: negative_list.save_items(lines), write=True,
                                    label="正在保存…", on_success=done, on_failure=failed, changes={"settings"})
