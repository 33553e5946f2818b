"""Tabs built when first shown or first asked for.

A window with five tabs paid for all five before it could show the first (their modules, their
dialogs' modules, their inner pages: about half of a 1 s start). Here each tab is a `Slot`: until
it is needed a blank page holds its place in the tab bar, and switching to it (click, Ctrl+2,
Ctrl+PgDn) or asking the window for it (`window.reserves`) builds it and puts it in that place.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget


def load(path: str):
    """"package.module:Name" → the object, importing the module now."""
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


@dataclass(eq=False)
class Slot:
    name: str           # the window's attribute (and, for a list, the record kind)
    title: str          # the tab's text; the built tab's own `title` must say the same
    widget: str         # "module:Class" of the tab
    count: str = ""     # a list's "module:SqlList" counting its records while the tab is not
    unit: str = "人"     # built (the status bar shows every list's count)


class LazyTabs:
    """The slots of one QTabWidget; `make(slot, cls)` builds a tab (the window passes its database)."""

    def __init__(self, tabs: QTabWidget, slots: tuple[Slot, ...], make: Callable[[Slot, type], QWidget],
                 on_built: Callable[[Slot, QWidget], None] = lambda _slot, _widget: None):
        self.tabs = tabs
        self.slots = {s.name: s for s in slots}
        self._make = make
        self._on_built = on_built
        self.built: dict[str, QWidget] = {}
        self._blank: dict[str, QWidget] = {}
        for slot in slots:
            blank = QWidget(tabs)
            blank.setObjectName(f"{slot.name}_unbuilt")
            self._blank[slot.name] = blank
            tabs.addTab(blank, slot.title)
        # connected before anyone else's handler: they find the real tab at the index they get
        tabs.currentChanged.connect(self._current_changed)

    def get(self, name: str) -> QWidget:
        widget = self.built.get(name)
        return widget if widget is not None else self._build(self.slots[name])

    def is_built(self, name: str) -> bool:
        return name in self.built

    def _current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        for name, blank in self._blank.items():
            if page is blank:
                self._build(self.slots[name])
                return

    def _build(self, slot: Slot) -> QWidget:
        widget = self._make(slot, load(slot.widget))
        assert getattr(widget, "title", slot.title) == slot.title, (widget.title, slot.title)
        self.built[slot.name] = widget
        blank = self._blank.pop(slot.name)
        tabs = self.tabs
        index = tabs.indexOf(blank)
        was_current = tabs.currentIndex() == index
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is blank or blank.isAncestorOf(focus))
        # No currentChanged while the page is exchanged: removing the current blank page would
        # select (and build) its neighbour.
        tabs.blockSignals(True)
        try:
            tabs.insertTab(index, widget, slot.title)
            tabs.removeTab(index + 1)
            if was_current:
                tabs.setCurrentIndex(index)
        finally:
            tabs.blockSignals(False)
        blank.deleteLater()
        if was_current and had_focus:
            _focus_first(widget)        # where Qt would have put it, had the page been there
        self._on_built(slot, widget)
        return widget

    def unbuilt(self) -> list[Slot]:
        return [s for name, s in self.slots.items() if name not in self.built]


def _focus_first(page: QWidget) -> None:
    """Focus the page's first field in tab order (what QStackedLayout does for a page it shows)."""
    w = page.nextInFocusChain()
    while w is not None and w is not page:
        if page.isAncestorOf(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible() \
                and w.isEnabled():
            w.setFocus(Qt.FocusReason.TabFocusReason)
            return
        w = w.nextInFocusChain()
    page.setFocus()
