"""EightOnesGridView: for a year, what of the "八个一" is done and what is missing, each counted the
way the practice counts it (core.returnees.eight_ones):

- on top, one row per village and a 合计 row: for the per-person kinds (邀请函, 思想动态) how many
  returnees still lack one; for the meeting, batch and item kinds (恳谈会, 慰问, 入党积极分子,
  后备力量, 实际问题, 意见建议) how often they were done for the village — red where a village has
  not had one; the 合计 counts villages covered, not people;
- below, people × kinds: red only where a person lacks a per-person item; the other six show how
  often the person took part (never a gap: a batch is a few chosen people, not everyone).

Both come from one aggregate query over the people plus one over the year's activities
(core.returnees.grid.summary); the whole township (100k people) takes about a second, so it runs off
the UI thread and `loaded` says when it is shown. The "显示" filter works on the rows already loaded.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QSpinBox,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from rural_cadre_desktop.core import codes, regions
from rural_cadre_desktop.core.returnees import grid
from rural_cadre_desktop.core.returnees.eight_ones import COUNTING, KINDS, PER_PERSON, PER_VILLAGE, RULE_TEXT
from rural_cadre_desktop.gui.returnees.model import GridModel

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_MISSING = QBrush(QColor("#fde2e1"))       # the same red as the registry's other warnings
_TOTAL = QBrush(QColor("#eef1f5"))
_SHORT = codes.EIGHT_ONES_SHORT


def _load(year: int, village_id: str | None):
    rows = grid.grid_rows(year, village_id)
    villages, totals = grid.summary(year, village_id, rows)
    return villages, totals, rows


# -- the village summary ---------------------------------------------------------------------------
class SummaryModel(QAbstractTableModel):
    """Villages × kinds as counted per eight_ones; red where something is missing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[tuple[tuple, tuple, tuple]] = []

    def set_lines(self, lines) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def is_missing(self, row: int, column: int) -> bool:
        return self._lines[row][1][column]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(grid.SUMMARY_HEADS)

    def data(self, index: _Index, role: int = _DISPLAY):
        if not index.isValid():
            return None
        texts, red, tips = self._lines[index.row()]
        c = index.column()
        if role == _DISPLAY:
            return str(texts[c])
        if role == Qt.ItemDataRole.BackgroundRole:
            if red[c]:
                return _MISSING
            return _TOTAL if index.row() == len(self._lines) - 1 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tips[c] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == _DISPLAY:
            return grid.SUMMARY_HEADS[section]
        if role == Qt.ItemDataRole.ToolTipRole and 2 <= section < 2 + len(KINDS):
            return RULE_TEXT[(PER_PERSON + PER_VILLAGE)[section - 2]]
        return None


# -- people × kinds: 姓名, 村, the per-person kinds, 本人尚缺, then the per-village kinds ----------------


class PersonGridModel(GridModel):
    """People × kinds (rows as core.returnees.grid.grid_rows gives them). Red only where a person
    lacks a per-person item; the per-village kinds show how often the person took part."""
    HEADERS = (["姓名", "村(社区)"] + [f"{_SHORT[k]}\n(每人)" for k in PER_PERSON] + ["本人尚缺"]
               + [f"参加{_SHORT[k]}" if k == "symposium" else _SHORT[k] for k in PER_VILLAGE])
    LACK = len(PER_PERSON) + 2                 # the 本人尚缺 column
    _KIND_AT = {**{2 + i: KINDS.index(k) for i, k in enumerate(PER_PERSON)},
                **{len(PER_PERSON) + 3 + i: KINDS.index(k) for i, k in enumerate(PER_VILLAGE)}}

    def data(self, index: _Index, role: int = _DISPLAY):
        if not index.isValid():
            return None
        row, c = self._all[index.row()], index.column()
        k = self._KIND_AT.get(c)
        if role == _DISPLAY:
            if c == 0:
                return row[1]
            if c == 1:
                return row[2] or ""
            if c == self.LACK:
                return "、".join(_SHORT[p] for p in PER_PERSON if not row[4 + KINDS.index(p)])
            n = row[4 + k]
            return str(n) if n else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if (k is not None and COUNTING[KINDS[k]] == "person" and not row[4 + k]) \
                    or (c == self.LACK and any(not row[4 + KINDS.index(p)] for p in PER_PERSON)):
                return _MISSING
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            k = self._KIND_AT.get(section)
            if k is None:
                return None
            kind = KINDS[k]
            if COUNTING[kind] == "person":
                return RULE_TEXT[kind]
            return f"本人参加次数（{codes.EIGHT_ONES[kind]}按村统计，见上表；不是每人都要有）"
        return super().headerData(section, orientation, role)


MISSING_CHOICES = [("全部人员", None), ("只看本人有缺项的", grid.ANY)] + \
    [(f"只看缺“{_SHORT[k]}”的", k) for k in PER_PERSON]


class EightOnesGridView(QWidget):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None, run_async: bool = True):
        super().__init__(parent)
        self.setObjectName("EightOnesGridView")
        self.run_async = run_async
        self._rows: list[tuple] = []
        self.year = QSpinBox(self)
        self.year.setObjectName("grid_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setSuffix(" 年")
        self.year.setKeyboardTracking(False)            # typing 2025 asks once, not for 2, 20, 202
        self.village = QComboBox(self)
        self.village.setObjectName("grid_village")
        self.missing = QComboBox(self)
        self.missing.setObjectName("grid_missing")
        for label, key in MISSING_CHOICES:
            self.missing.addItem(label, key)
        self.status = QLabel(self)
        self.status.setObjectName("grid_status")
        top = QHBoxLayout()
        for w in (QLabel("年度：", self), self.year, QLabel("村(社区)：", self), self.village,
                  QLabel("显示：", self), self.missing):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.status)
        self.legend = QLabel("红底为尚缺。邀请函、思想动态每人每年一份，按人计；恳谈会、慰问、入党积极分子、"
                             "后备力量、实际问题、意见建议按村计（上表），合计为已开展的村数。", self)
        self.legend.setObjectName("grid_legend")
        self.legend.setWordWrap(True)

        self.summary_model = SummaryModel(self)
        self.summary = QTableView(self)
        self.summary.setObjectName("grid_summary")
        self.summary.setModel(self.summary_model)
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.verticalHeader().hide()
        self.summary.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.model = PersonGridModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("grid_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(PersonGridModel.LACK, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.split = split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.summary)
        split.addWidget(self.table)
        split.setSizes([300, 460])
        self._split_moved = False                       # the clerk's own split is kept from then on
        split.splitterMoved.connect(lambda *_: setattr(self, "_split_moved", True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(split, 1)
        self.reload_villages()
        for sig in (self.year.valueChanged, self.village.currentIndexChanged):
            sig.connect(self.refresh)
        self.missing.currentIndexChanged.connect(self._filter)

    def reload_villages(self) -> None:
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem("全部村(社区)", None)
        for v in regions.villages():
            self.village.addItem(v.name, v.id)
        self.village.blockSignals(False)

    def refresh(self) -> None:
        args = (self.year.value(), self.village.currentData())
        self.status.setText("正在统计…")
        if not self.run_async:
            self._show(_load(*args))
            return
        from rural_cadre_desktop.gui.operations import run_op
        run_op(self, lambda ctx: _load(*args), label="正在统计“八个一”…", progress=False,
               on_success=self._show, on_failure=lambda e: self.status.setText(f"统计失败：{e}"))

    def _show(self, result) -> None:
        villages, totals, rows = result
        self.summary_model.set_lines(grid.summary_table(villages, totals))
        self._rows = rows
        self._filter()
        self._fit_summary()
        self.loaded.emit()

    def _fit_summary(self) -> None:
        """Give the village summary the height of all its rows (合计 included), up to 60 % of the page,
        so that what each village lacks is seen without scrolling; the people list takes the rest."""
        if self._split_moved:
            return
        total = sum(self.split.sizes()) or self.split.height()
        want = (self.summary.horizontalHeader().sizeHint().height() + 2 * self.summary.frameWidth()
                + self.summary_model.rowCount() * self.summary.verticalHeader().defaultSectionSize())
        top = min(want, int(total * 0.6))
        self.split.setSizes([top, max(total - top, 0)])

    def _filter(self) -> None:
        key = self.missing.currentData()
        rows = self._rows if key is None else [r for r in self._rows if grid.lacks(r, key)]
        self.model.set_rows(rows)
        shown = f"{len(rows)} 人" if key is None else f"{len(rows)} 人（共 {len(self._rows)} 人）"
        self.status.setText(f"{self.year.value()} 年：{shown}")
