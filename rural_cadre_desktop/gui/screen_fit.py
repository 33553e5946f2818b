"""Windows sized from the screen they open on (issue 16: office PCs with 1024×768 or 1366×768).

`fit(window, width, height)` asks for the preferred size but never more than the screen's free
area (less the frame and taskbar), and keeps the window inside it. `SMALLEST` is the screen every
window and dialog must work on; tests check each one's minimum size against it.
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

SMALLEST = QSize(1024, 768)
FRAME = QSize(16, 48)          # window frame and title bar, roughly, on the desktops we meet


def room(widget: QWidget | None = None) -> QSize:
    screen = (widget.screen() if widget is not None else None) or QApplication.primaryScreen()
    if screen is None:
        return SMALLEST - FRAME
    free = screen.availableGeometry().size()
    return QSize(free.width() - FRAME.width(), free.height() - FRAME.height())


def fit(window: QWidget, width: int, height: int) -> None:
    """Resize to (width, height) or the screen's free area, whichever is smaller."""
    free = room(window.parentWidget() or window)
    window.resize(max(320, min(width, free.width())), max(240, min(height, free.height())))
