"""培训记录 tab: inner pages 培训班 (the classes, filtered by 年度/形式/层级 and searched, with 新增 /
修改 / 删除 / 复制为下一年, and below them the 参训人员 of the selected class: gui/trainings/
attendance_pane.py) and 达标情况 (the yearly rules: gui/trainings/rules_page.py). The lists are
core.trainings.query and report_export; every write goes through core.trainings.services on the
writer thread and the lists reload on the data-changed notice."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.trainings import query, services
from rural_cadre_desktop.core.trainings.query import TRAININGS, TrainingQuery
from rural_cadre_desktop.gui import formatters as f
from rural_cadre_desktop.gui.table_model import SqlTableModel
from rural_cadre_desktop.gui.tabs.base import TableTab
from rural_cadre_desktop.gui.trainings.attendance_pane import AttendancePane
from rural_cadre_desktop.gui.trainings.class_dialog import ClassDialog
from rural_cadre_desktop.gui.trainings.rules_page import RulesPage
from rural_cadre_desktop.gui.trainings.widgets import (
    choice_combo,
    fit,
    fitted_combo,
    refusal_text,
    write,
)

FORMATS = {
    "kind": f.choice(codes.TRAINING_KINDS),
    "level": f.choice(codes.TRAINING_LEVELS),
    "target": f.choice(codes.TRAINING_TARGETS),
    "days": f.number,
    "hours": f.number,
}


class ClassesModel(SqlTableModel):
    """The class list; a name cut short by the column shows whole as its tooltip."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 0:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


class TrainingsTab(TableTab):
    title = "培训记录"
    unit = "期"
    stretch_column = 0          # 名称; a stretched 参训人数 would push its numbers to the far edge
    search_hint = "培训班名称或地点"
    shows = frozenset({"trainings", "attendance"})

    def __init__(self, database=None, parent=None):
        super().__init__(ClassesModel(TRAININGS, TrainingQuery(), formats=FORMATS,
                                      align_right=("days", "hours", "attendees")), parent)
        self.dialog = None                       # the dialog open now (for whoever drives the window)
        outer = self.layout()
        search_row = None
        while outer.count():                     # TableTab's search row and view move into the page
            item = outer.takeAt(0)
            if item.layout() is not None:
                search_row = item.layout()

        classes = QWidget(self)
        self.year = fitted_combo(classes, "year_filter")
        self.kind = choice_combo(classes, "kind_filter", codes.TRAINING_KINDS, blank="（全部形式）")
        self.level = choice_combo(classes, "level_filter", codes.TRAINING_LEVELS, blank="（全部层级）")
        self._fill_years()
        filters = QHBoxLayout()
        for text, w in (("年度：", self.year), ("形式：", self.kind), ("层级：", self.level)):
            filters.addWidget(QLabel(text, classes))
            filters.addWidget(w)
        if search_row is not None:
            filters.addLayout(search_row, 1)
        self.add_button = QPushButton("新增培训班(&N)…", classes, objectName="training_add")
        self.edit_button = QPushButton("修改(&E)…", classes, objectName="training_edit")
        self.delete_button = QPushButton("删除(&D)", classes, objectName="training_delete")
        self.copy_button = QPushButton("复制为下一年(&C)…", classes, objectName="training_copy")
        bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.copy_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.attendance = AttendancePane(classes)
        split = QSplitter(Qt.Orientation.Vertical, classes)
        split.addWidget(self.view)
        split.addWidget(self.attendance)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        inner = QVBoxLayout(classes)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(filters)
        inner.addLayout(bar)
        inner.addWidget(split, 1)

        self.rules = RulesPage(self)
        self.pages = QTabWidget(self, objectName="training_pages")
        self.pages.addTab(classes, "培训班")
        self.pages.addTab(self.rules, "达标情况")
        self.pages.currentChanged.connect(lambda _i: self._page_shown())
        outer.addWidget(self.pages)

        for combo in (self.year, self.kind, self.level):
            combo.currentIndexChanged.connect(lambda _i: self.apply_search())
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.copy_button.clicked.connect(lambda: self.copy_selected())
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._class_chosen())
        self.model.modelReset.connect(self._class_chosen)

    def _fill_years(self) -> None:
        """全部年度, then every year a class started in (and this year), newest first."""
        current = self.year.currentData()
        years = {dt.date.today().year} | {int(start[:4]) for _, _, start in query.choices() if start}
        if current is not None:
            years.add(current)          # the chosen year stays chosen when its last class goes
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("（全部年度）", None)
        for y in sorted(years, reverse=True):
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)
        fit(self.year)

    def query_for(self, text: str):
        return self.model.q.with_(search=text, year=self.year.currentData(), kind=self.kind.currentData(),
                                  level=self.level.currentData())

    def on_data_changed(self, kinds) -> None:
        super().on_data_changed(kinds)
        if "trainings" in kinds:
            self._fill_years()

    def _page_shown(self) -> None:
        if self.pages.currentWidget() is self.rules and not self.rules.loaded:
            self.rules.load()

    # -- the selected class ---------------------------------------------------------------------
    def _class_chosen(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            r = rows[0]
            self.attendance.show_training(self.model.row_key(r), self.model.value(r, "name"))
        else:
            self.attendance.show_training(None)

    def _one(self, what: str) -> tuple[str, str] | None:
        rows = self.selected_rows()
        if len(rows) != 1:
            QMessageBox.information(self, "培训记录", f"请先在列表中选中一期培训班，再{what}" if not rows
                                    else f"一次只能{what}一期培训班，请只选中一行")
            return None
        return self.model.row_key(rows[0]), self.model.value(rows[0], "name")

    def select(self, training_id: str) -> None:
        """Select a class in the list (after adding or copying it), if the filters show it."""
        row = self.model.find(training_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def _open(self, dlg: ClassDialog) -> None:
        self.dialog = dlg
        dlg.saved.connect(self.select)
        dlg.open()

    # -- actions --------------------------------------------------------------------------------
    def add(self) -> None:
        self._open(ClassDialog(self))

    def edit_selected(self) -> None:
        picked = self._one("修改")
        if picked is not None:
            self._open(ClassDialog(self, picked[0]))

    def delete_selected(self) -> None:
        picked = self._one("删除")
        if picked is None:
            return
        tid, name = picked
        n = query.attendance_count(tid)
        kept = f"它的 {n} 条参训记录保留，但不再计入达标情况。" if n else ""
        if QMessageBox.question(self, "删除培训班", f"删除培训班“{name}”吗？{kept}") != QMessageBox.StandardButton.Yes:
            return
        write(self, lambda: services.delete_training(tid), "正在删除…",
              lambda _r: self.status(f"已删除培训班“{name}”"),
              lambda e: QMessageBox.warning(self, "未能删除", refusal_text(e)))

    def copy_selected(self) -> None:
        """复制为下一年: the class one year later (no attendance), then its dialog to adjust it."""
        picked = self._one("复制")
        if picked is None:
            return
        tid, name = picked
        text = f"把“{name}”复制为下一年的培训班吗？日期推后一年，名称中的年份随之改变，不复制参训人员。"
        if QMessageBox.question(self, "复制为下一年", text) != QMessageBox.StandardButton.Yes:
            return

        def copied(new_id) -> None:
            self.status(f"已复制“{name}”为下一年的培训班，请核对日期等信息")
            self.select(new_id)
            self._open(ClassDialog(self, new_id))

        write(self, lambda: services.copy_training(tid), "正在复制…", copied,
              lambda e: QMessageBox.warning(self, "未能复制", refusal_text(e)))

    def status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 10000)
