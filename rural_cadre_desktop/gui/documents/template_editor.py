"""Editing the township's invitation letter template: the text with its sections and fields,
a sample preview with the first selected person's data, 恢复默认, and 保存 (checked before stored)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.letter_template import FIELDS, Template, default_text
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.screen_fit import fit


class TemplateEditorDialog(QDialog):
    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        from rural_cadre_desktop.core import documents as d
        self.setWindowTitle("邀请函模板")
        fit(self, 760, 640)
        self.editor = QPlainTextEdit()
        self.editor.setPlainText(d.invitation_template_text())
        fields = QHBoxLayout()
        fields.addWidget(QLabel("插入字段："))
        for f in FIELDS:
            b = QPushButton("{%s}" % f)
            b.clicked.connect(lambda _=False, f=f: self.editor.insertPlainText("{%s}" % f))
            fields.addWidget(b)
        fields.addStretch(1)
        self.preview_button = QPushButton("预览样张")
        self.reset_button = QPushButton("恢复默认")
        self.save_button = QPushButton("保存")
        cancel = QPushButton("取消")
        self.preview_button.clicked.connect(self.preview)
        self.reset_button.clicked.connect(lambda: self.editor.setPlainText(default_text()))
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        bar = QHBoxLayout()
        for b in (self.preview_button, self.reset_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(cancel)
        lay = QVBoxLayout(self)
        lay.addLayout(fields)
        lay.addWidget(self.editor, 1)
        lay.addLayout(bar)
        self.preview_dialog = None
        self.op = None

    def _checked_text(self) -> str | None:
        text = self.editor.toPlainText()
        try:
            Template.parse(text)
        except UserError as e:
            QMessageBox.warning(self, "邀请函模板", e.zh)
            return None
        return text

    def preview(self) -> None:
        text = self._checked_text()
        if text is None:
            return
        from rural_cadre_desktop.core.documents import (
            Recipient,
            festival_year,
            letters_for,
        )
        from rural_cadre_desktop.gui.documents.batch import generate_pdf
        from rural_cadre_desktop.reports.letters import build_letters
        sample = [Recipient("", "张三", "古城村")]
        year = festival_year()

        def build(path, ctx):
            build_letters(path, letters_for(sample, year, text))

        def show(path):
            from rural_cadre_desktop.gui.documents.preview import open_print_preview
            self.preview_dialog = open_print_preview(self, path, "邀请函样张")
        self.op = generate_pdf(self, build, show, "正在生成样张…", "样张-")

    def save(self) -> None:
        text = self._checked_text()
        if text is None:
            return
        from rural_cadre_desktop.core.documents import save_invitation_template
        self.op = run_op(self, lambda ctx: save_invitation_template(text), write=True, label="正在保存…",
                         on_success=lambda _: self.accept(),
                         on_failure=lambda e: QMessageBox.warning(self, "邀请函模板", getattr(e, "zh", str(e))))
