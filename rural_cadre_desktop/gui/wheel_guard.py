"""The mouse wheel changes a drop-down, spin box or date only when that field has the focus.

Scrolling a long form (the card) over an unfocused 有返乡意愿 box turned blank into 否 without the
clerk noticing (issue 16). Fields get StrongFocus (click or Tab, not the wheel), and a wheel over an
unfocused one goes to the scroll area instead, as in a browser form.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(obj, _GUARDED) and not obj.hasFocus():
            event.ignore()          # not consumed by the field: the parent (the scroll area) scrolls
            parent = obj.parentWidget()
            if parent is not None:
                QApplication.sendEvent(parent, event)
            return True
        return False


_guard: WheelGuard | None = None


def _the_guard() -> WheelGuard:
    global _guard
    if _guard is None:
        _guard = WheelGuard()
    return _guard


def guard(root: QWidget) -> None:
    """Guard every drop-down and spin box inside `root` (call after building it)."""
    for w in root.findChildren(QWidget):
        if isinstance(w, _GUARDED):
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            w.installEventFilter(_the_guard())
