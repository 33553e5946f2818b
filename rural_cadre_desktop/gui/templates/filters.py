"""The filter row both pages share: village, status, track, year, age range and the date ages are
counted at, plus the sort; `query(kind)` turns it into a core Query."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from rural_cadre_desktop.core import codes, kinds, regions
from rural_cadre_desktop.core.templates.records import SORTS, Query

ALL = "（全部）"


class FilterBox(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.village = QComboBox(self, objectName="filterVillage")
        self.status = QComboBox(self, objectName="filterStatus")
        self.track = QComboBox(self, objectName="filterTrack")
        self.track.addItem(ALL, None)
        for key, label in codes.RESERVE_TRACKS.items():
            self.track.addItem(label, key)
        self.year = QSpinBox(self, objectName="filterYear")
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText("本年")
        self.age_min = QSpinBox(self, objectName="filterAgeMin")
        self.age_max = QSpinBox(self, objectName="filterAgeMax")
        for box in (self.age_min, self.age_max):
            box.setRange(0, 120)
            box.setSpecialValueText("不限")
        self.at = QDateEdit(QDate.currentDate(), self, objectName="filterAt")
        self.at.setDisplayFormat("yyyy-MM-dd")
        self.at.setCalendarPopup(True)
        self.sort = QComboBox(self, objectName="sort")
        for key, label in SORTS.items():
            self.sort.addItem(label, key)
        ages = QHBoxLayout()
        ages.addWidget(self.age_min)
        ages.addWidget(QLabel("至", self))
        ages.addWidget(self.age_max)
        ages.addWidget(QLabel("岁，按", self))
        ages.addWidget(self.at)
        ages.addWidget(QLabel("计算", self))
        form.addRow("村(社区)：", self.village)
        form.addRow("状态：", self.status)
        form.addRow("后备类别：", self.track)
        form.addRow("年度：", self.year)
        form.addRow("年龄：", ages)
        form.addRow("排序：", self.sort)
        self.reload_villages()
        self.set_kind(kinds.fillable()[0].name)

    def reload_villages(self) -> None:
        self.village.clear()
        self.village.addItem(ALL, None)
        for v in regions.villages():
            self.village.addItem(v.name, v.name)

    def set_kind(self, kind: str) -> None:
        """Status and track only where the view has them (core/kinds FormSpec)."""
        form = kinds.form(kind)
        choices = (form.statuses if form else None) or {}
        self.status.clear()
        self.status.addItem(ALL, None)
        for key, label in choices.items():
            self.status.addItem(label, key)
        self.status.setEnabled(bool(choices))
        track = bool(form and form.track)
        self.track.setEnabled(track)
        if not track:
            self.track.setCurrentIndex(0)

    def query(self, kind: str) -> Query:
        d = self.at.date()
        return Query(kind, self.village.currentData(), self.status.currentData(), self.track.currentData(),
                     self.year.value() or None, self.age_min.value() or None, self.age_max.value() or None,
                     dt.date(d.year(), d.month(), d.day()), self.sort.currentData() or "")

    def filters(self) -> dict[str, str]:
        """For a saved report: only what is set."""
        q = self.query("")           # only the filter values are read
        out = {"village": q.village, "status": q.status, "track": q.track, "year": q.year,
               "age_min": q.age_min, "age_max": q.age_max}
        if q.age_min or q.age_max:
            out["at"] = q.at.isoformat()
        return {k: str(v) for k, v in out.items() if v not in (None, "")}

    def set_filters(self, f: dict[str, str], sort: str) -> None:
        def pick(combo, value):
            i = combo.findData(value)
            combo.setCurrentIndex(max(i, 0))
        pick(self.village, f.get("village"))
        pick(self.status, f.get("status"))
        pick(self.track, f.get("track"))
        self.year.setValue(int(f.get("year") or 0))
        self.age_min.setValue(int(f.get("age_min") or 0))
        self.age_max.setValue(int(f.get("age_max") or 0))
        if f.get("at"):
            self.at.setDate(QDate.fromString(f["at"], "yyyy-MM-dd"))
        pick(self.sort, sort)
