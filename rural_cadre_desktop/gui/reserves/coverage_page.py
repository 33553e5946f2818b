"""一乡一库 coverage: every village of the township — 书记后备人选 and 两委后备干部 in the pool, the
sitting secretary (一肩挑 marked) and “待补充” in red where a village lacks a secretary candidate;
under it the structure of the pool (core/reserves/structure.py: age bands, 学历, 性别, 党员, 来源),
one row per dimension, for the whole pool or one track. The rows are core/reserves/coverage.coverage();
the page reloads on the data-changed notice. 打印一乡一库… prints both (reports/village_book.
build_pool_summary, the same PDF as `pdf pool`) into the print preview, off the UI thread, audited."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.reserves.coverage import coverage
from rural_cadre_desktop.core.reserves.structure import DIMENSIONS, percent, structure
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import table_view

HEADERS = ["村(社区)", "书记后备人选", "两委后备干部", "现任村党组织书记", "书记后备"]
STATUS = 4
LACKING = "待补充"
RED = QBrush(QColor("#c00000"))
STRUCTURE_COLUMNS = 7                     # the dimension, then up to six groups (学历: five + 未知)


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
        self.print_button = QPushButton("打印一乡一库(&P)…", self, objectName="pool_print")
        self.print_button.clicked.connect(lambda: self.print_pool())
        self.preview = None                       # the print preview open now
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.track = QComboBox(self, objectName="structure_track")
        self.track.addItem("全部在库后备干部", None)
        for key, label in codes.RESERVE_TRACKS.items():
            self.track.addItem(label, key)
        self.structure_summary = QLabel(self, objectName="structure_summary")
        self.structure_model = RowsModel(["项目"] + [""] * (STRUCTURE_COLUMNS - 1), [])
        self.structure_view = table_view(self.structure_model, "structure_view")
        self.structure_view.horizontalHeader().setVisible(False)
        self.structure_view.horizontalHeader().setStretchLastSection(False)
        head = QHBoxLayout()
        title = QLabel("后备干部结构(&S)：", self)
        title.setBuddy(self.track)
        head.addWidget(title)
        head.addWidget(self.track)
        head.addWidget(self.structure_summary, 1)
        layout.addLayout(head)
        layout.addWidget(self.structure_view)
        self.track.currentIndexChanged.connect(lambda: self.load_structure() if self.loaded else None)
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
        self.load_structure()
        self.loaded = True

    def load_structure(self) -> None:
        s = structure(track=self.track.currentData())
        self.structure_summary.setText(s.summary() + (f"（年龄计算至{s.on}）" if s.total else ""))
        self.structure_model.set_rows([(DIMENSIONS[d],) + tuple(f"{label} {n}人（{percent(s.share(n))}）"
                                                                 for label, n in groups)
                                       for d, groups in s.groups.items()])
        view = self.structure_view
        view.resizeColumnsToContents()
        rows_height = sum(view.rowHeight(r) for r in range(self.structure_model.rowCount()))
        view.setFixedHeight(rows_height + 2 * view.frameWidth())

    def print_pool(self) -> None:
        """The 一乡一库 summary as a PDF in the print preview (made on a worker, audited)."""
        from rural_cadre_desktop.core.reserves.book import pool_summary
        from rural_cadre_desktop.gui.documents import open_print_preview
        from rural_cadre_desktop.reports.village_book import build_pool_summary
        fd, path = tempfile.mkstemp(prefix="rcd-", suffix=".pdf")
        os.close(fd)

        def work(ctx):
            summary = pool_summary()
            build_pool_summary(path, summary)
            return len(summary.rows)

        def show(_n) -> None:
            self.preview = open_print_preview(self.window(), path, "一乡一库 — 打印预览")

        def failed(e: BaseException) -> None:
            Path(path).unlink(missing_ok=True)
            QMessageBox.warning(self, "打印一乡一库", e.zh if isinstance(e, UserError) else f"生成失败：{e}")
        operations.run_op(self, work, label="正在生成一乡一库…", on_success=show, on_failure=failed,
                          audit=lambda n: ("pdf", f"pool {n} villages"))

    def status_of(self, village: str) -> str | None:
        for i in range(self.model.rowCount()):
            if self.model.row(i)[0] == village:
                return self.model.row(i)[STATUS]
        return None
