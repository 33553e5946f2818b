"""EightOnesGridView: for a year, who among the registry has received which of the "八个一" and
what is missing — per village counts on top, people × eight kinds below (empty = missing, shaded).
Both come from one aggregate query each (core.returnees.grid); the whole township (100k people)
takes about a second, so the query runs off the UI thread and `loaded` says when it is shown."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QSpinBox,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from rural_cadre_desktop.core import codes, regions
from rural_cadre_desktop.core.returnees import grid
from rural_cadre_desktop.gui.returnees.model import GridModel
from rural_cadre_desktop.gui.rows_model import RowsModel


def _load(year: int, village_id: str | None, missing: str | None):
    return grid.village_counts(year, village_id), grid.grid_rows(year, village_id, missing)


class EightOnesGridView(QWidget):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None, run_async: bool = True):
        super().__init__(parent)
        self.setObjectName("EightOnesGridView")
        self.run_async = run_async
        self.year = QSpinBox(self)
        self.year.setObjectName("grid_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setSuffix(" 年")
        self.village = QComboBox(self)
        self.village.setObjectName("grid_village")
        self.missing = QComboBox(self)
        self.missing.setObjectName("grid_missing")
        self.missing.addItem("全部人员", None)
        for k, label in codes.EIGHT_ONES_SHORT.items():
            self.missing.addItem(f"只看缺“{label}”的", k)
        self.status = QLabel(self)
        top = QHBoxLayout()
        for w in (QLabel("年度：", self), self.year, QLabel("村(社区)：", self), self.village,
                  QLabel("显示：", self), self.missing):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.status)

        heads = ["村(社区)", "人数"] + list(codes.EIGHT_ONES_SHORT.values())
        self.summary_model = RowsModel(heads, [], parent=self, centered=range(1, len(heads)))
        self.summary = QTableView(self)
        self.summary.setObjectName("grid_summary")
        self.summary.setModel(self.summary_model)
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.verticalHeader().hide()
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.model = GridModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("grid_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.summary)
        split.addWidget(self.table)
        split.setSizes([260, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.reload_villages()
        for sig in (self.year.valueChanged, self.village.currentIndexChanged, self.missing.currentIndexChanged):
            sig.connect(self.refresh)

    def reload_villages(self) -> None:
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem("全部村(社区)", None)
        for v in regions.villages():
            self.village.addItem(v.name, v.id)
        self.village.blockSignals(False)

    def refresh(self) -> None:
        args = (self.year.value(), self.village.currentData(), self.missing.currentData())
        self.status.setText("正在统计…")
        if not self.run_async:
            self._show(_load(*args))
            return
        from rural_cadre_desktop.gui.operations import run_op
        run_op(self, lambda ctx: _load(*args), label="正在统计“八个一”…", progress=False,
               on_success=self._show, on_failure=lambda e: self.status.setText(f"统计失败：{e}"))

    def _show(self, result) -> None:
        villages, rows = result
        total = {"returnees": 0} | {k: 0 for k in grid.KINDS}
        lines = []
        for v in villages:
            lines.append(_summary_line(v["village"], v["returnees"], v["covered"]))
            total["returnees"] += v["returnees"]
            for k in grid.KINDS:
                total[k] += v["covered"][k]
        lines.append(_summary_line("合计", total["returnees"], {k: total[k] for k in grid.KINDS}))
        self.summary_model.set_rows(lines)
        self.model.set_rows(rows)
        self.status.setText(f"{self.year.value()} 年：{len(rows)} 人；单元格为次数，空白（红底）为尚缺")
        self.loaded.emit()


def _summary_line(name: str, total: int, covered: dict) -> tuple:
    """One village's row of the summary: how many of its people got each kind, and how many not."""
    return (name, total, *(f"{covered[k]}（缺{total - covered[k]}）" for k in grid.KINDS))
