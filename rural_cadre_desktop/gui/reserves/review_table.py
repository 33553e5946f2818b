"""年度考察评议: the whole active pool of a chosen year in one table (姓名, 村, 类别, 评议等次, 备注),
saved in one go through core/reserves/services.review_batch — one transaction, so a refusal saves
none. 不称职 takes the person out of the pool (“年度考察评议不称职”); afterwards the villages left
without a secretary candidate are named “待补充” (the coverage page shows them in red). Members
already reviewed that year show their rating and cannot be rated again here."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.reserves import coverage, services
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.reserves.actions_pool import refused
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import table_view

HEADERS = ["姓名", "村(社区)", "类别", "评议等次", "备注"]
RATING, NOTE = 3, 4
NOT_RATED = "（未评）"
TRACK_SHORT = {"secretary": "书记后备", "two_committees": "两委后备"}


class ReviewPage(QWidget):
    saved = Signal(object)
    shows = frozenset({"reserves", "reviews", "people", "villages"})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = QSpinBox(self, objectName="review_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.reviewer = QLineEdit(self, objectName="review_reviewer")
        self.reviewer.setPlaceholderText("如：乡镇党委")
        self.save = QPushButton("保存评议(&S)", self, objectName="save_reviews")
        self.result = QLabel(self, objectName="review_result")
        self.result.setWordWrap(True)
        top = QHBoxLayout()
        for text, w in (("年度(&Y)：", self.year), ("评议单位(&W)：", self.reviewer)):
            label = QLabel(text, self)
            label.setBuddy(w)
            top.addWidget(label)
            top.addWidget(w)
        self.count = QLabel(self, objectName="review_count")
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.save)
        self.model = RowsModel(HEADERS, [])
        self.view = table_view(self.model, "review_view")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.result)
        self.rows: list[dict] = []
        self.combos: list[QComboBox | None] = []
        self.notes: list[QLineEdit | None] = []
        self.loaded = False
        self.busy = False
        self.year.valueChanged.connect(self.load)
        self.save.clicked.connect(self.submit)
        operations.changes.data_changed.connect(self.on_data_changed)

    def on_data_changed(self, kinds) -> None:
        if self.loaded and not self.busy and operations.affects(kinds, *self.shows):
            self.load()

    def load(self) -> None:
        self.rows = services.review_pool(self.year.value())
        self.model.set_rows([(r["name"], r["village"], TRACK_SHORT.get(r["track"], r["track"]),
                              codes.REVIEW_RATINGS.get(r["rating"], "") if r["rating"] else "",
                              r["note"] or "") for r in self.rows])
        self.combos, self.notes = [], []
        self.view.setTabKeyNavigation(False)
        prev = self.view
        for i, r in enumerate(self.rows):
            if r["rating"]:                     # already reviewed this year: shown, not editable here
                self.combos.append(None)
                self.notes.append(None)
                continue
            combo = QComboBox(objectName=f"rating_{i}")
            combo.addItem(NOT_RATED, None)
            for key, label in codes.REVIEW_RATINGS.items():
                combo.addItem(label, key)
            note = QLineEdit(objectName=f"note_{i}")
            self.view.setIndexWidget(self.model.index(i, RATING), combo)
            self.view.setIndexWidget(self.model.index(i, NOTE), note)
            QWidget.setTabOrder(prev, combo)
            QWidget.setTabOrder(combo, note)
            prev = note
            self.combos.append(combo)
            self.notes.append(note)
        done = sum(1 for r in self.rows if r["rating"])
        self.count.setText(f"  {self.year.value()}年度在库{len(self.rows)}人，已评议{done}人")
        self.view.resizeColumnsToContents()
        head = self.view.horizontalHeader()
        for col in range(RATING):
            head.resizeSection(col, head.sectionSize(col) + 16)
        head.resizeSection(RATING, 110)
        self.loaded = True

    def row_of(self, name: str) -> int:
        return next(i for i, r in enumerate(self.rows) if r["name"] == name)

    def chosen(self) -> list[tuple[str, str, str | None]]:
        return [(r["id"], c.currentData(), n.text().strip() or None)
                for r, c, n in zip(self.rows, self.combos, self.notes) if c is not None and c.currentData()]

    def submit(self) -> None:
        if self.busy:
            return
        batch, year = self.chosen(), self.year.value()
        if not batch:
            QMessageBox.warning(self, "未保存", "还没有为任何人选择评议等次")
            return
        names = {r["id"]: r["name"] for r in self.rows}
        out = [names[i] for i, rating, _ in batch if rating == "incompetent"]
        text = f"保存{year}年度考察评议{len(batch)}人？"
        if out:
            text += f"\n\n评为不称职的{len(out)}人将出库（原因：{services.LEFT_INCOMPETENT}）：{'、'.join(out)}"
        if QMessageBox.question(self, "年度考察评议", text) != QMessageBox.StandardButton.Yes:
            return
        reviewer = self.reviewer.text().strip() or None
        self.busy = True
        self.save.setEnabled(False)

        def work(ctx):
            outcomes = services.review_batch(year, batch, reviewer=reviewer)
            return outcomes, coverage.lacking()

        def done(result) -> None:
            self.busy = False
            self.save.setEnabled(True)
            outcomes, lacking = result
            left = sum(1 for o in outcomes if o.left)
            msg = f"已保存{year}年度考察评议{len(outcomes)}人" + (f"，其中{left}人不称职已出库" if left else "") + "。"
            msg += (f"待补充（没有书记后备人选）：{'、'.join(lacking)}" if lacking else "每个村都有书记后备人选。")
            self.result.setText(msg)
            self.load()
            self.saved.emit(outcomes)

        def failed(e) -> None:
            self.busy = False
            self.save.setEnabled(True)
            refused(self, e)

        operations.run_op(self, work, write=True, label="正在保存评议…", on_success=done, on_failure=failed,
                          changes={"reserves", "reviews"})
