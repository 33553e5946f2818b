"""年度考察评议: the whole active pool of a chosen year in one table (姓名, 村, 类别, 评议等次, 备注,
负面清单), edited through the delegate of gui/reserves/review_model.py (one editor for the cell being
edited, not a widget per row), saved in one go through core/reserves/services.review_batch — one
transaction, so a refusal saves none. 不称职 takes the person out of the pool (“年度考察评议不称职”);
afterwards the villages left without a secretary candidate are named “待补充” (the coverage page
shows them in red). Members already reviewed that year show their rating and cannot be rated again
here. 负面清单条目… edits the township's checklist (core/reserves/negative_list.py)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.reserves import coverage, services
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.reserves.actions_pool import refused
from rural_cadre_desktop.gui.reserves.review_model import (
    NEGATIVE,
    NOT_RATED,
    NOTE,
    RATING,
    TRACK_SHORT,
    ReviewDelegate,
    ReviewModel,
)
from rural_cadre_desktop.gui.table_views import list_view

__all__ = ["NEGATIVE", "NOTE", "NOT_RATED", "RATING", "TRACK_SHORT", "ReviewPage"]


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
        self.items_button = QPushButton("负面清单条目(&L)…", self, objectName="negative_items_button")
        top.insertWidget(top.count() - 1, self.items_button)
        self.model = ReviewModel(self)
        self.view = list_view(self.model, "review_view", self)
        self.view.setSortingEnabled(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setTabKeyNavigation(True)
        self.delegate = ReviewDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.result)
        self.loaded = False
        self.busy = False
        self.dialog = None                      # 负面清单条目 open now
        self.items_button.clicked.connect(lambda: self.edit_items())
        self.year.valueChanged.connect(self.load)
        self.save.clicked.connect(self.submit)
        operations.changes.data_changed.connect(self.on_data_changed)

    def on_data_changed(self, kinds) -> None:
        if self.loaded and not self.busy and operations.affects(kinds, *self.shows):
            self.load()

    @property
    def rows(self) -> list[dict]:
        return self.model.rows

    def load(self) -> None:
        self.delegate.finish()
        self.model.set_pool(services.review_pool(self.year.value()))
        done = sum(1 for r in self.rows if r["rating"])
        self.count.setText(f"  {self.year.value()}年度在库{len(self.rows)}人，已评议{done}人")
        head = self.view.horizontalHeader()
        fm = self.view.fontMetrics()
        for col, chars in ((0, 5), (1, 8), (2, 5), (RATING, 6), (NOTE, 16)):
            head.resizeSection(col, fm.horizontalAdvance("中" * chars) + 16)   # not ResizeToContents: reads every row
        self.loaded = True

    def row_of(self, name: str) -> int:
        return next(i for i, r in enumerate(self.rows) if r["name"] == name)

    def chosen(self) -> list[tuple[str, str, str | None, str | None]]:
        return self.model.chosen()

    def edit_items(self) -> None:
        from rural_cadre_desktop.gui.reserves.negative_list_dialog import (
            NegativeListDialog,
        )
        self.dialog = NegativeListDialog(self)
        self.dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog.open()

    def submit(self) -> None:
        if self.busy:
            return
        self.delegate.finish()                  # the cell being edited counts too
        batch, year = self.chosen(), self.year.value()
        unrated = self.model.findings_without_rating()
        if unrated:
            QMessageBox.warning(self, "未保存", f"{'、'.join(unrated)}填写了负面清单但没有选择评议等次，请先选择评议等次")
            return
        if not batch:
            QMessageBox.warning(self, "未保存", "还没有为任何人选择评议等次")
            return
        names = {r["id"]: r["name"] for r in self.rows}
        out = [names[i] for i, rating, *_ in batch if rating == "incompetent"]
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
            found = [f"{names[o.reserve.id]}（{o.record.negative_list.replace(chr(10), '；')}）"
                     for o in outcomes if o.record.negative_list]
            if found:
                msg += f"\n记有负面清单情形：{'、'.join(found)}；如属实，请在名册中办理出库。"
            self.result.setText(msg)
            self.load()
            self.saved.emit(outcomes)

        def failed(e) -> None:
            self.busy = False
            self.save.setEnabled(True)
            refused(self, e)

        operations.run_op(self, work, write=True, label="正在保存评议…", on_success=done, on_failure=failed,
                          changes={"reserves", "reviews"})
