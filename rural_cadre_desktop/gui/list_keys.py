"""The keyboard of every list, the same everywhere (issue 16: clerks type from paper all day):

    Ctrl+F          to the list's search field (Alt+F belongs to the 文件 menu)
    Enter           opens the current row (as a double click does)
    Delete          deletes the selected rows, after the page's own confirmation
    Ctrl+N, Insert  adds a record
    Menu, Shift+F10 the context menu, at the current row (not at the mouse pointer)
    Tab             leaves the table for the next field (it no longer walks the cells)

and a visible focus frame on the table. Inner pages (QTabWidget) switch with Ctrl+PgUp/PgDn
(`page_keys`). Each hook is optional: a list that cannot add simply gets no Ctrl+N.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTabWidget, QWidget

FOCUS_STYLE = "QTableView:focus { border: 2px solid palette(highlight); }"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _ViewKeys(QObject):
    def __init__(self, view: QAbstractItemView, open_row, delete_rows, add, menu: bool):
        super().__init__(view)
        self.view, self.open_row, self.delete_rows, self.add, self.menu = view, open_row, delete_rows, add, menu

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is not self.view:
            return False
        if event.type() == QEvent.Type.FocusIn:
            if FOCUS_STYLE not in self.view.styleSheet():
                # on the first focus, not at start: a window's first style sheet costs ~20 ms
                self.view.setStyleSheet(self.view.styleSheet() + FOCUS_STYLE)
            self._ensure_current()
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not mods and key in _ENTER and self.open_row is not None and self._has_row():
            self.open_row()
            return True
        if not mods and key == Qt.Key.Key_Delete and self.delete_rows is not None and self._has_row():
            self.delete_rows()
            return True
        if not mods and key == Qt.Key.Key_Insert and self.add is not None:
            self.add()
            return True
        if self.menu and ((not mods and key == Qt.Key.Key_Menu)
                          or (mods == Qt.KeyboardModifier.ShiftModifier and key == Qt.Key.Key_F10)):
            self.context_menu_at_current()
            return True
        return False

    def _has_row(self) -> bool:
        return bool(self.view.selectionModel() and self.view.selectionModel().selectedRows())

    def _ensure_current(self) -> None:
        """Tabbing into a list lands on a row the clerk can see, not on nothing."""
        model, sel = self.view.model(), self.view.selectionModel()
        if model is None or sel is None or model.rowCount() == 0:
            return
        if not sel.selectedRows():
            current = self.view.currentIndex()
            self.view.selectRow(current.row() if current.isValid() else 0)

    def context_menu_at_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.scrollTo(index)
            rect = self.view.visualRect(index)
            pos = QPoint(rect.left() + 8, rect.center().y())
        else:
            pos = QPoint(8, 8)
        self.view.customContextMenuRequested.emit(pos)


def install(view: QAbstractItemView, *, open_row: Callable[[], None] | None = None,
            delete_rows: Callable[[], None] | None = None, add: Callable[[], None] | None = None,
            search: QLineEdit | None = None, scope: QWidget | None = None, menu: bool = True) -> None:
    """The list keys on `view`; Ctrl+F and Ctrl+N work anywhere inside `scope` (the page)."""
    view.setTabKeyNavigation(False)
    keys = _ViewKeys(view, open_row, delete_rows, add, menu)
    view.installEventFilter(keys)
    view._list_keys = keys                  # kept with the view (tests reach it)
    scope = scope or view.parentWidget() or view
    if search is not None:
        def find() -> None:
            search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            search.selectAll()
        _shortcut(scope, QKeySequence.StandardKey.Find, find)
    if add is not None:
        _shortcut(scope, QKeySequence.StandardKey.New, add)


def page_keys(pages: QTabWidget) -> None:
    """Ctrl+PgDn / Ctrl+PgUp: the next / previous inner page, wherever the focus is inside."""
    def step(d: int) -> None:
        pages.setCurrentIndex((pages.currentIndex() + d) % pages.count())
    _shortcut(pages, QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_PageDown), lambda: step(1))
    _shortcut(pages, QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_PageUp), lambda: step(-1))


def _shortcut(scope: QWidget, keys, slot) -> QShortcut:
    sc = QShortcut(QKeySequence(keys), scope)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(lambda: slot())
    return sc
