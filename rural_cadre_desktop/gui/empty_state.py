"""What an empty list says (issue 16): an empty table said nothing, after setup or after a search
that matched no one. A grey text over the table's empty area names what to do next — add villages,
import a ledger, 新增 — or, when filters are in force, "没有符合条件的记录" with those filters."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

STYLE = "color: #666; font-size: 12pt; background: transparent;"


class EmptyState(QObject):
    """Shows `text()` centred in `view`'s viewport whenever its model has no rows."""

    def __init__(self, view: QAbstractItemView, text: Callable[[], str]):
        super().__init__(view)
        self.view, self.text = view, text
        self.label = QLabel(view.viewport())
        self.label.setObjectName("empty_state")
        self.label.setStyleSheet(STYLE)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.hide()
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update)
        view.viewport().installEventFilter(self)
        self.update()

    def update(self, *_args) -> None:
        empty = self.view.model().rowCount() == 0
        if empty:
            self.label.setText(self.text())
            self._place()
        self.label.setVisible(empty)

    def _place(self) -> None:
        room = self.view.viewport().rect().adjusted(24, 24, -24, -24)
        self.label.setGeometry(room)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.label.isVisible():
            self._place()
        return False


def attach(view: QAbstractItemView, text: Callable[[], str]) -> EmptyState:
    state = EmptyState(view, text)
    view._empty_state = state            # kept with the view (tests read it)
    return state
