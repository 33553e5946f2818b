"""Form widgets built from core.fields specs: each validates as the clerk types and shows the
Chinese message next to itself — once the field was left (or a save was tried), not while a blank
card opens: a form that greets the clerk in red with "姓名不能为空" reads as a mistake already made.
One place for the registry and activity dialogs."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.fields import FieldSpec

ERROR_STYLE = "color: #b91c1c;"
BOOL_CHOICES = {"": "", "是": "是", "否": "否"}


class FieldEditor(QObject):
    """A spec's widget (line edit, multi-line edit or combo box) plus its error label."""
    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget, multiline: bool = False, kind: str | None = None):
        super().__init__(parent)
        self.spec = spec
        self.error = QLabel(parent)
        self.error.setObjectName(f"error_{spec.name}")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        choices = None
        if spec.code_list is not None:
            choices = dict(spec.code_list.choices())
        elif spec.choices is not None:
            choices = dict(spec.choices)
        elif kind == "bool":
            choices = {"是": "是", "否": "否"}
        if choices is not None:
            w = QComboBox(parent)
            if not spec.required:
                w.addItem("", "")
            for key, label in choices.items():
                w.addItem(label, key)
            w.currentIndexChanged.connect(self._changed)
        elif multiline:
            w = QPlainTextEdit(parent)
            w.setFixedHeight(60)
            w.textChanged.connect(self._changed)
        else:
            w = QLineEdit(parent)
            w.textChanged.connect(self._changed)
        w.setObjectName(f"field_{spec.name}")
        self.widget = w
        self.message = ""
        self.touched = False        # left once (or chosen, or a save tried): from then on errors show
        if not isinstance(w, QComboBox):
            w.installEventFilter(self)

    def raw(self):
        w = self.widget
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        return w.text()

    def set_value(self, value) -> None:
        w = self.widget
        if isinstance(w, QComboBox):
            key = value
            if isinstance(value, bool):
                key = "是" if value else "否"
            i = w.findData("" if key is None else key)
            w.setCurrentIndex(max(i, 0))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        else:
            if isinstance(value, float):
                value = f"{value:g}"
            w.setText("" if value is None else str(value))

    def parse(self):
        """The parsed value; raises ValidationError (and shows it) when the text is not valid."""
        try:
            value = self.spec.parse(self.raw())
        except ValidationError as e:
            self.show_error(e.zh)
            raise
        self.show_error("")
        return value

    def show_error(self, text: str) -> None:
        """Keep the message; show it once the field was touched."""
        self.message = text
        self.error.setText(text)
        self.error.setVisible(bool(text) and self.touched)

    def reveal(self) -> None:
        """A save was tried or the core refused this field: show its message now."""
        self.touched = True
        self.show_error(self.message)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.widget and event.type() == QEvent.Type.FocusOut and not self.touched:
            self.touched = True
            self.changed.emit()             # re-check now that the clerk has left the field
        return False

    def _changed(self, *args) -> None:
        if isinstance(self.widget, QComboBox):
            self.touched = True             # a choice is complete the moment it is made
        self.changed.emit()
