"""What an empty list says (issue 16): an empty table said nothing, after setup or after a search
that matched no one. A grey text over the table's empty area names what to do next — add villages,
import a ledger, 新增 — or, when filters are in force, "没有符合条件的记录" with those filters."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel

# Grey, 12 pt, on the view's own background: set by palette and font, not a style sheet (a window's
# first style sheet costs ~20 ms of its start).
COLOR = QColor(0x66, 0x66, 0x66)
POINT_SIZE = 12


class EmptyState(QObject):
    """Shows `text()` centred in `view`'s viewport whenever its model has no rows.

    The label is made the first time the list is empty: the first `viewport()` asked for from
    Python costs ~20 ms (PySide looks up the type of Qt's private viewport class), which a start
    showing a full list need not pay."""

    def __init__(self, view: QAbstractItemView, text: Callable[[], str]):
        super().__init__(view)
        self.view, self.text = view, text
        self._label: QLabel | None = None
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update)
        # once the events in hand are done: a list is usually loaded just after it is made
        QTimer.singleShot(0, self, self.update)

    @property
    def label(self) -> QLabel:
        if self._label is None:
            label = QLabel(self.view.viewport())
            label.setObjectName("empty_state")
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, COLOR)
            label.setPalette(palette)
            font = label.font()
            font.setPointSize(POINT_SIZE)
            label.setFont(font)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.hide()
            self._label = label
            self.view.viewport().installEventFilter(self)       # to follow its size
        return self._label

    def update(self, *_args) -> None:
        empty = self.view.model().rowCount() == 0
        if empty:
            self.label.setText(self.text())
            self._place()
        if self._label is not None:
            self._label.setVisible(empty)

    def _place(self) -> None:
        room = self.view.viewport().rect().adjusted(24, 24, -24, -24)
        self.label.setGeometry(room)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._label is not None and self._label.isVisible():
            self._place()
        return False


def attach(view: QAbstractItemView, text: Callable[[], str]) -> EmptyState:
    state = EmptyState(view, text)
    view._empty_state = state            # kept with the view (tests read it)
    return state
