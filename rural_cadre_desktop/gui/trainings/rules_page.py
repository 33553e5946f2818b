"""达标情况: the yearly training rules (core/trainings/rules.evaluate) for a chosen year and village —
one row per person and rule (姓名, 村, 规则, 应训天数, 已训天数, 差几天, 达标), 只看未达标, a per-village
summary below, the 双百 progress when the plan is on. 导出 Excel… writes the rows shown, in their
order (core/trainings/report_export) on a worker, audited. Evaluated on the UI thread: a handful of
set-based queries (bench/bench_training_rules.py), so the page reloads at once on a data change."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.trainings import report_export, rules
from rural_cadre_desktop.gui import file_dialogs, operations
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import table_view
from rural_cadre_desktop.gui.trainings.picker import village_combo
from rural_cadre_desktop.gui.trainings.widgets import fit, fitted_combo

HEADERS = ["姓名", "村(社区)", "规则", "应训天数", "已训天数", "差几天", "达标", "说明"]
MET_COLUMN = 6
MET, SHORT = "✓ 已达标", "未达标"
RED, GREEN = QBrush(QColor("#c00000")), QBrush(QColor("#1b7f2a"))
SUMMARY_SHORT = {"secretary_county_yearly": "书记县级以上轮训", "secretary_outside_biennial": "书记两年内外出培训",
                 "returnee_yearly": "返乡人员参训"}
YEARS_BACK = 6
FIT_ROWS = 100


def export_failure(e: BaseException) -> str:
    return e.zh if isinstance(e, UserError) else f"导出失败：{e}。请换一个位置再试。"


def days_text(value) -> str:
    n = report_export.number(value)
    return "" if n is None else str(n)


class RulesModel(RowsModel):
    """达标 in green, 未达标 in red."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == MET_COLUMN and role == Qt.ItemDataRole.ForegroundRole:
            return GREEN if self.row(index.row())[MET_COLUMN] == MET else RED
        return super().data(index, role)


class RulesPage(QWidget):
    shows = frozenset({"trainings", "attendance", "cadres", "people", "returnees", "reserves", "villages",
                       "settings"})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.loaded = False
        self.rows: list = []            # the RuleRows shown, in order (what 导出 writes)
        self.op = None
        this_year = dt.date.today().year
        self.year = fitted_combo(self, "rules_year")
        for y in range(this_year + 1, this_year - YEARS_BACK, -1):
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(self.year.findData(this_year))
        fit(self.year)
        self.village = village_combo(self, "rules_village", "（全部村）")
        self.rule = fitted_combo(self, "rules_rule")
        self.rule.addItem("（全部规则）", None)
        for key, label in rules.RULES.items():
            self.rule.addItem(label, key)
        fit(self.rule)
        self.only_short = QCheckBox("只看未达标", self, objectName="only_short")
        self.export_button = QPushButton("导出 Excel(&E)…", self, objectName="rules_export")
        bar = QHBoxLayout()
        for text, w in (("年度：", self.year), ("村(社区)：", self.village), ("规则：", self.rule)):
            bar.addWidget(QLabel(text, self))
            bar.addWidget(w)
        bar.addWidget(self.only_short)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        self.summary = QLabel("", self, objectName="rules_summary")
        self.summary.setWordWrap(True)
        self.double_hundred = QLabel("", self, objectName="double_hundred")
        self.model = RulesModel(HEADERS, [], centered=(3, 4, 5, MET_COLUMN), tooltips=True)
        self.view = table_view(self.model, "rules_view")
        self.village_model = RowsModel(["村(社区)"] + [f"{SUMMARY_SHORT.get(k, v)} 达标/应达标" for k, v in rules.RULES.items()],
                                       [], centered=range(1, len(rules.RULES) + 1))
        self.village_view = table_view(self.village_model, "rules_village_view")
        for view in (self.view, self.village_view):
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
            # widths from the first rows only: measuring 5,000 returnee rows took 2 s
            view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.village_view)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([480, 110])              # the summary: a few villages, one line each
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.double_hundred)
        layout.addWidget(split, 1)

        for combo in (self.year, self.village, self.rule):
            combo.currentIndexChanged.connect(lambda _i: self.load())
        self.only_short.toggled.connect(lambda _on: self.load())
        self.export_button.clicked.connect(lambda: self.export())
        operations.changes.data_changed.connect(self.on_data_changed)

    def on_data_changed(self, kinds) -> None:
        if self.loaded and operations.affects(kinds, *self.shows):
            self.load()

    def chosen_year(self) -> int:
        return int(self.year.currentData())

    def load(self) -> None:
        year, rule = self.chosen_year(), self.rule.currentData()
        every = rules.evaluate(year, village_id=self.village.currentData())
        if rule:
            every = [r for r in every if r.rule == rule]
        shown = [r for r in every if not r.met] if self.only_short.isChecked() else every
        self.rows = shown
        self.model.set_rows([self._cells(r) for r in shown])
        self.village_model.set_rows(self.per_village(every))
        people = [r for r in every if r.person_id is not None]
        short = sum(not r.met for r in people)
        self.summary.setText(f"{year}年度：{len(people)} 条（人·规则），已达标 {len(people) - short} 条，"
                             f"未达标 {short} 条" + ("；下表只列未达标" if self.only_short.isChecked() else ""))
        self._double_hundred(year)
        self._fit(self.view)
        self._fit(self.village_view)
        self.loaded = True

    @staticmethod
    def per_village(rows) -> list[tuple]:
        """One line per village: "met/total" under each rule (rules.village_summary)."""
        table: dict[str, dict[str, str]] = {}
        for village, rule, total, met in rules.village_summary(rows):
            table.setdefault(village, {})[rule] = f"{met}/{total}"
        return [(v, *(by_rule.get(k, "") for k in rules.RULES)) for v, by_rule in table.items()]

    @staticmethod
    def _cells(r) -> tuple:
        return (r.name or "", r.village or "", r.rule_label, days_text(r.required_days), days_text(r.attended_days),
                days_text(r.short_days) if not r.met else "", MET if r.met else SHORT, r.detail or "")

    def _double_hundred(self, year: int) -> None:
        p = rules.double_hundred_progress(year)
        self.double_hundred.setVisible(p.enabled)
        if p.enabled:
            self.double_hundred.setText(
                f"“双百”计划 {year}年：后备干部县级培训 {p.reserve_trained}/{p.reserve_target} 人，"
                f"村两委干部县级培训 {p.two_committees_trained}/{p.two_committees_target} 人"
                + ("（已完成）" if p.met else ""))

    @staticmethod
    def _fit(view) -> None:
        view.resizeColumnsToContents()       # the first FIT_ROWS rows (header precision)
        head = view.horizontalHeader()
        for col in range(view.model().columnCount() - 1):
            head.resizeSection(col, min(head.sectionSize(col) + 16, 320))

    # -- 导出 Excel ---------------------------------------------------------------------------------
    def title(self) -> str:
        parts = [self.village.currentText() if self.village.currentData() else "",
                 self.rule.currentText() if self.rule.currentData() else "",
                 "未达标" if self.only_short.isChecked() else ""]
        scope = "，".join(p for p in parts if p)
        return f"{self.chosen_year()}年度培训达标情况" + (f"（{scope}）" if scope else "")

    def export(self) -> None:
        if not self.loaded:
            self.load()
        if not self.rows:
            QMessageBox.information(self, "导出达标情况", "当前列表中没有记录，没有可导出的内容；请换年度或取消“只看未达标”")
            return
        title, rows, year = self.title(), list(self.rows), self.chosen_year()
        path, _ = file_dialogs.save_file_name(self, "导出达标情况", f"{title}-{dt.date.today():%Y%m%d}.xlsx",
                                              "Excel 工作簿 (*.xlsx)")
        if not path:
            return

        def done(n) -> None:
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(f"已导出 {n} 条达标情况到 {path}", 10000)

        self.op = run_op(self, lambda ctx: report_export.export_rules_xlsx(rows, path, title),
                         label="正在导出达标情况…", on_success=done,
                         on_failure=lambda e: QMessageBox.warning(self, "导出达标情况", export_failure(e)),
                         audit=lambda n: report_export.audit_row(n, year))
