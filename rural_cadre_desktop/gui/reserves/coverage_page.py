"""一乡一库 coverage: every village of the township — 书记后备人选 and 两委后备干部 in the pool, the
sitting secretary (一肩挑 marked) and “待补充” in red where a village lacks a secretary candidate.
The rows are core/reserves/coverage.coverage(); the page reloads on the data-changed notice."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rural_cadre_desktop.core.reserves.coverage import coverage
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import table_view

HEADERS = ["村(社区)", "书记后备人选", "两委后备干部", "现任村党组织书记", "书记后备"]
STATUS = 4
LACKING = "待补充"
RED = QBrush(QColor("#c00000"))


class CoverageModel(RowsModel):
    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return RED if self.row(index.row())[STATUS] == LACKING else None
        return super().data(index, role)


def secretary_text(r: dict) -> str:
    if not r["sitting_secretary"]:
        return "（空缺）"
    return r["sitting_secretary"] + ("（一肩挑）" if r["secretary_holds_both_posts"] else "")


class CoveragePage(QWidget):
    shows = frozenset({"reserves", "cadres", "villages", "people"})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = CoverageModel(HEADERS, [], centered=(1, 2, STATUS))
        self.view = table_view(self.model, "coverage_view")
        self.view.horizontalHeader().setStretchLastSection(False)
        self.summary = QLabel(self, objectName="coverage_summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.loaded = False
        operations.changes.data_changed.connect(self.on_data_changed)

    def on_data_changed(self, kinds) -> None:
        if self.loaded and operations.affects(kinds, *self.shows):
            self.load()

    def load(self) -> None:
        rows = coverage()
        self.model.set_rows([(r["village"], r["secretary_candidates"], r["two_committee_candidates"],
                              secretary_text(r), LACKING if r["lacks_secretary_candidate"] else "有")
                             for r in rows])
        lacking = [r["village"] for r in rows if r["lacks_secretary_candidate"]]
        self.summary.setText(f"共{len(rows)}个村(社区)，" + (f"{len(lacking)}个缺书记后备人选（待补充）：{'、'.join(lacking)}"
                                                         if lacking else "每个村都有书记后备人选"))
        self.view.resizeColumnsToContents()
        head = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            head.resizeSection(col, head.sectionSize(col) + 24)
        self.loaded = True

    def status_of(self, village: str) -> str | None:
        for i in range(self.model.rowCount()):
            if self.model.row(i)[0] == village:
                return self.model.row(i)[STATUS]
        return None
