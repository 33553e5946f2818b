"""What every list tab shares: a search line, a lazy table view and a count for the status bar."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.gui import empty_state, list_keys, operations
from rural_cadre_desktop.gui.table_model import SqlTableModel, reload_keeping_place
from rural_cadre_desktop.gui.table_views import list_view

SEARCH_DELAY_MS = 250       # wait for the clerk to stop typing before querying


class TableTab(QWidget):
    """Subclasses set `title`, `unit` (人/期), `shows` (the kinds of data the list shows: it
    reloads itself when a write changed one of them, see gui/operations.changes) and build
    `self.model` over a core list; `query_for(text)` turns the search text into the list's query."""

    title = ""
    unit = "人"
    search_hint = ""
    shows: frozenset[str] = frozenset()
    stretch_column: int | None = None     # a wide text column takes the spare width (else the last)
    empty_hint = "列表中还没有记录。"       # what an empty, unfiltered list says (how to begin)
    counts_changed = Signal()

    def __init__(self, model: SqlTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.view = list_view(model, f"{type(self).__name__}View", self)
        self.view.horizontalHeader().setStretchLastSection(self.stretch_column is None)
        self.view.horizontalHeader().setHighlightSections(False)
        model.modelReset.connect(self.counts_changed)
        model.rowsInserted.connect(self.counts_changed)     # the total may be corrected on scrolling

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.search: QLineEdit | None = None
        if self.search_hint:
            self.search = QLineEdit(self)
            self.search.setObjectName("search")
            self.search.setPlaceholderText(self.search_hint)
            self.search.setClearButtonEnabled(True)
            self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
            self._timer.timeout.connect(self.apply_search)
            self.search.textChanged.connect(self._timer.start)
            self.search.returnPressed.connect(self.apply_search)
            row = QHBoxLayout()
            label = QLabel("查找(&F)：", self)
            label.setBuddy(self.search)
            row.addWidget(label)
            row.addWidget(self.search, 1)
            layout.addLayout(row)
        layout.addWidget(self.view, 1)
        operations.changes.data_changed.connect(self.on_data_changed)
        list_keys.install(self.view, open_row=self._open_row, delete_rows=self._hook(*self.delete_actions),
                          add=self._hook("add"), scope=self)
        empty_state.attach(self.view, self.empty_text)

    def filter_words(self) -> list[str]:
        """The filters in force, in words (tabs with more filters than the search add theirs)."""
        text = self.search.text().strip() if self.search is not None else ""
        return [f"查找“{text}”"] if text else []

    def empty_text(self) -> str:
        words = self.filter_words()
        if words or self.model.is_filtered():
            return "没有符合条件的记录" + (f"（{'，'.join(words)}）" if words else "") + "。\n可以放宽筛选条件或清除查找内容。"
        return self.empty_hint

    # What Enter, Delete and Ctrl+N/Insert call: the first of these methods a tab has.
    open_actions = ("open_selected", "edit_selected", "archive_selected")
    delete_actions = ("delete_selected", "remove_selected")

    def _hook(self, *names: str):
        method = next((getattr(self, n) for n in names if callable(getattr(self, n, None))), None)
        return (lambda: method()) if method is not None else None

    def _open_row(self) -> None:
        action = self._hook(*self.open_actions)
        if action is not None:
            action()

    def on_data_changed(self, kinds) -> None:
        """A write changed data: reload if it touched what this list shows, keeping the selection
        and the scroll position."""
        if operations.affects(kinds, *self.shows):
            reload_keeping_place(self.view, self.model.refresh, self.model.row_key)

    _fit_pending = False

    def load(self) -> None:
        """Count and fetch the first batch, then size columns to what is on screen — when the tab
        is first shown (measuring text costs; a tab behind another need not pay it at start)."""
        self.model.refresh()
        if self.isVisible():
            self.fit_columns()
        else:
            self._fit_pending = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_pending = False
            self.fit_columns()

    def fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        # Only the loaded rows are measured (ResizeToContents would walk every row).
        self.view.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            header.resizeSection(col, min(max(header.sectionSize(col) + 12, 64), 320))
        if self.stretch_column is not None:
            header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)

    def selected_rows(self) -> list[int]:
        """Selected rows, top to bottom (the list's order)."""
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def query_for(self, text: str):
        """The list's query with this search text (the list's other filters kept)."""
        return self.model.q.with_(search=text)

    def apply_search(self) -> None:
        if self.search is None:
            return
        self._timer.stop()
        self.model.set_query(self.query_for(self.search.text().strip()))

    def count_text(self) -> str:
        m = self.model
        if m.is_filtered():
            return f"{self.title} {m.total()} / {m.unfiltered_total()} {self.unit}"
        return f"{self.title} {m.total()} {self.unit}"
