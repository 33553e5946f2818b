"""The filter bar above the registry list: village, status, intention, 政治面貌, year, duplicates,
search (name, pinyin initials, ID number, phone) and 姓氏笔画 ordering. It only builds a
ReturneeQuery; the list model runs it."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes, regions
from rural_cadre_desktop.core.returnees.query import (
    WANTS_SHORT,
    YEAR_FIELDS,
    ReturneeQuery,
)

SEARCH_DELAY_MS = 250
POLITICAL = {"01": "中共党员", "02": "预备党员", "03": "共青团员", "13": "群众"}


def fill_villages(combo: QComboBox) -> None:
    """The township's villages after the combo's first item (全部…), keeping the choice; no signal."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for v in regions.villages():
        combo.addItem(v.name, v.id)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.village = self._combo("village", {"": "全部村(社区)"})
        self.status = self._combo("status", {"": "全部状态"} | codes.RETURNEE_STATUS)
        self.wants = self._combo("wants", {"": "全部意向"} | {k: f"有{v}意向" for k, v in WANTS_SHORT.items()})
        self.political = self._combo("political", {"": "全部政治面貌"} | POLITICAL)
        self.year_field = self._combo("year_field", YEAR_FIELDS)
        self.year = QSpinBox(self)
        self.year.setObjectName("filter_year")
        self.year.setRange(1999, 2100)
        self.year.setSpecialValueText("不限")        # 1999 = no year filter
        self.year.setValue(1999)
        self.year.valueChanged.connect(self.changed)
        self.duplicates = QCheckBox("只看疑似重复", self)
        self.duplicates.setObjectName("filter_duplicates")
        self.duplicates.toggled.connect(self.changed)
        self.strokes = QCheckBox("按姓氏笔画", self)
        self.strokes.setObjectName("sort_strokes")
        self.strokes.toggled.connect(self.changed)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText("查找：姓名、拼音首字母（如 zs）、身份证号或电话")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_now)
        # Two rows: on a 1024-pixel screen one row of eight choices and a search field does not fit.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        first, second = QHBoxLayout(), QHBoxLayout()
        for w in (self.village, self.status, self.wants, self.political, self.year_field, self.year):
            first.addWidget(w)
        first.addStretch(1)
        second.addWidget(QLabel("查找：", self))
        second.addWidget(self.search, 1)
        second.addWidget(self.duplicates)
        second.addWidget(self.strokes)
        rows.addLayout(first)
        rows.addLayout(second)
        # the villages come with the tab's load() (once: each fill is a query)

    def _combo(self, name: str, items: dict[str, str]) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(f"filter_{name}")
        for key, label in items.items():
            box.addItem(label, key)
        box.currentIndexChanged.connect(self.changed)
        return box

    def reload_villages(self) -> None:
        fill_villages(self.village)

    def describe(self) -> list[str]:
        """The filters in force, as the clerk chose them (for "没有符合条件的记录" and printouts)."""
        out = [box.currentText() for box in (self.village, self.status, self.wants, self.political)
               if box.currentData()]
        if self.year.value() != 1999:
            out.append(f"{self.year_field.currentText()} {self.year.value()}")
        if self.duplicates.isChecked():
            out.append("只看疑似重复")
        if self.search.text().strip():
            out.append(f"查找“{self.search.text().strip()}”")
        return out

    def apply_now(self) -> None:
        self._timer.stop()
        self.changed.emit()

    def query(self, base: ReturneeQuery) -> ReturneeQuery:
        wants = self.wants.currentData()
        year = self.year.value()
        sort = base.sort
        if self.strokes.isChecked():
            sort = "strokes"
        elif sort == "strokes":
            sort = "name"
        return base.with_(village_id=self.village.currentData() or None, status=self.status.currentData() or None,
                          wants=(wants,) if wants else (), political_status=self.political.currentData() or None,
                          year=None if year == 1999 else year, year_field=self.year_field.currentData(),
                          search=self.search.text(), duplicates_only=self.duplicates.isChecked(), sort=sort)
