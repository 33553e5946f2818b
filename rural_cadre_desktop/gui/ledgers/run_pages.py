"""The dry run (counts, villages the tree lacks, values that differ: the user chooses) and the
import itself, both off the UI thread; then the summary with the error report."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from rural_cadre_desktop.core import kinds as record_kinds
from rural_cadre_desktop.core import ledgers, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.report import field_text, value_text
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import place_combos, table_view


SHEET_COLUMNS = ["工作表", "村(社区)", "新增", "更新", "无变化", "未导入", "同一人", "未对应的列 / 跳过原因"]


def counts_text(c: dict, done: bool = False) -> str:
    head = "已导入" if done else "预览（尚未写入）"
    return (f"{head}：新增 {c['new']} 条，更新 {c['updated']} 条，无变化 {c['unchanged']} 条，"
            f"未导入 {c['refused']} 行；需注意 {c['flagged']} 行，与库中不一致 {c['differences']} 项，"
            f"新建村(社区) {c['new_villages']} 个")


def _with_buttons(view, *buttons: QPushButton) -> QWidget:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(view, 1)
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    lay.addLayout(row)
    return box


class PlanPage(QWizardPage):
    def __init__(self, state):
        super().__init__()
        self.state = state
        self.setTitle("预览")
        self.setSubTitle("下面是导入后会发生的变化，此时数据库还没有改动。核对后点“导入”")
        self.setCommitPage(True)
        self.summary = QLabel("正在预览…")
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.village_model = RowsModel(["表中的村名", "处理"], [])
        self.villages = table_view(self.village_model, "villages")
        self.villages.setColumnWidth(0, 200)
        self.village_combos: list[QComboBox] = []
        self.diff_model = RowsModel(["原表行号", "姓名", "项目", "库中的值", "表中的值"], [], checkable=True,
                                    tooltips=True)
        self.diffs = table_view(self.diff_model, "differences")
        for col, width in enumerate((100, 90, 120, 220)):
            self.diffs.setColumnWidth(col, width)
        self.take_all = QPushButton("全部用表中的值")
        self.take_all.setObjectName("take_all")
        self.take_all.clicked.connect(lambda: self.diff_model.set_all(True))
        self.keep_all = QPushButton("全部保留库中的值")
        self.keep_all.setObjectName("keep_all")
        self.keep_all.clicked.connect(lambda: self.diff_model.set_all(False))
        self.refused_model = RowsModel(["原表行号", "未导入原因"], [], tooltips=True)
        self.refused = table_view(self.refused_model, "refused")
        self.refused.setColumnWidth(0, 90)
        self.tabs.addTab(self.villages, "村(社区)")
        self.tabs.addTab(_with_buttons(self.diffs, self.take_all, self.keep_all), "不一致的值（勾选＝用表中的值）")
        self.tabs.addTab(self.refused, "未导入的行")
        # Rows taken with a note: the same person twice (moved between village sheets: which
        # village was taken and why), a value left out, no ID number.
        self.flagged_model = RowsModel(["原表行号", "说明"], [], tooltips=True)
        self.flagged = table_view(self.flagged_model, "flagged")
        self.flagged.setColumnWidth(0, 120)
        self.tabs.addTab(self.flagged, "需注意的行")
        self.again = QPushButton("按所选的村(社区)处理重新预览")
        self.again.setObjectName("again")
        self.again.clicked.connect(self._run)
        # Per sheet (one sheet per village): what each would take, and the columns not read.
        self.sheet_model = RowsModel(SHEET_COLUMNS, [], tooltips=True)
        self.sheets = table_view(self.sheet_model, "sheets")
        self.sheets.setMaximumHeight(170)
        for col, width in enumerate((110, 90, 56, 56, 56, 56, 56)):
            self.sheets.setColumnWidth(col, width)
        self.unmapped = QLabel()
        self.unmapped.setObjectName("unmapped")
        self.unmapped.setWordWrap(True)
        self.unmapped.setStyleSheet("color: #8a5300")
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.sheets)
        lay.addWidget(self.unmapped)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.again)
        self.choices: dict[str, str | None] = {}
        self.busy = False

    def initializePage(self) -> None:
        self.choices = {}
        self._run()

    def _village_choices(self) -> dict:
        out = dict(self.choices)
        for combo in self.village_combos:
            out[combo.property("norm")] = combo.currentData()
        return out

    def _run(self) -> None:
        self.choices = self._village_choices()
        state, choices = self.state, dict(self.choices)
        self.busy = True
        self.state.plan = None
        self.summary.setText("正在预览…")
        self.completeChanged.emit()

        def work(ctx):
            return ledgers.make_plan(state.prep, state.training_id, village_choices=choices)
        self.op = run_op(self, work, label="正在预览…", on_success=self._show, on_failure=self._failed)

    def _failed(self, exc) -> None:
        self.busy = False
        self.summary.setText(exc.zh if isinstance(exc, UserError) else f"预览出错：{exc}")
        self.completeChanged.emit()

    def _show(self, plan) -> None:
        self.busy = False
        self.state.plan = plan
        self.summary.setText(counts_text(plan.counts()))
        known = regions.villages()
        pending = sorted({**plan.unknown_villages, **plan.new_villages}.items())
        self.village_model.set_rows([(spelling,) for _norm, spelling in pending])   # drops the old combos
        self.village_combos = []
        for norm, spelling in pending:
            combo = QComboBox()
            combo.setProperty("norm", norm)
            combo.addItem("不导入这些行", None)
            combo.addItem(f"新建“{ledgers.plan.village_display_name([spelling])}”", "create")
            for v in known:
                combo.addItem(f"就是“{v.name}”", v.id)
            combo.setCurrentIndex(max(0, combo.findData(self.choices.get(norm))))
            self.village_combos.append(combo)
        place_combos(self.villages, 1, self.village_combos)
        self.choices = self._village_choices()       # what this preview was made with
        names = {v.id: v.name for v in known}
        self.diff_model.set_rows(
            [(d.row, d.name, field_text(d.table, d.field), value_text(d.table, d.field, d.db_value, names),
              value_text(d.table, d.field, d.file_value, names)) for d in plan.differences],
            checked=[d.take_file for d in plan.differences])
        several = len(plan.sheets) > 1
        self.refused_model.set_rows([(f"{ref.sheet} 第{ref.number}行" if several else ref.number, ref.reason)
                                     for ref in plan.refused])
        self.flagged_model.set_rows([(f"{getattr(f, 'sheet', '')} 第{f[0]}行" if several else f[0], f[1])
                                     for f in plan.flagged])
        self._show_sheets(plan)
        self.completeChanged.emit()

    def _show_sheets(self, plan) -> None:
        rows = []
        for sheet, c in plan.sheet_counts():
            rows.append((sheet, plan.sheet_villages.get(sheet, "") or "（按表中的村）", c["new"], c["updated"],
                         c["unchanged"], c["refused"], c["merged"], "、".join(plan.unmapped.get(sheet, ()))))
        for sheet, why in plan.skipped:
            rows.append((sheet, "跳过", "", "", "", "", "", why))
        self.sheet_model.set_rows(rows)
        cols = sorted({c for names in plan.unmapped.values() for c in names})
        self.unmapped.setText(f"未对应、不会导入的列：{'、'.join(cols)}（要导入请回到上一步指定）" if cols
                              else "表中每一列都已对应")

    def isComplete(self) -> bool:
        return not self.busy and self.state.plan is not None

    def validatePage(self) -> bool:
        if self._village_choices() != self.choices:
            self._run()                  # the user changed a village choice: preview it first
            return False
        taken = set(self.diff_model.checked_rows())
        for r, d in enumerate(self.state.plan.differences):
            d.take_file = r in taken
        return True


def import_changes(plan) -> set[str]:
    """The kinds of data an import of this plan changes: the lists showing them reload on the
    "data changed" notice once it committed (nobody reloads by hand after the wizard)."""
    rk = record_kinds.get(plan.kind)
    kinds = {"people", plan.kind}
    if rk.ledger is not None and rk.ledger.roster_of:        # attendance: its training's list too
        kinds.add(rk.ledger.roster_of)
    if plan.new_villages:
        kinds.add("villages")
    return kinds


class RunPage(QWizardPage):
    def __init__(self, state):
        super().__init__()
        self.state = state
        self.setTitle("导入")
        self.bar = QProgressBar()
        self.bar.setObjectName("progress")
        self.cancel = QPushButton("取消")
        self.cancel.setObjectName("cancel")
        self.cancel.clicked.connect(lambda: self.op is not None and self.op.cancel())
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.save = QPushButton("保存错误报告…")
        self.save.setObjectName("save_report")
        self.save.clicked.connect(self.save_report)
        lay = QVBoxLayout(self)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel, 0, Qt.AlignLeft)
        lay.addWidget(self.result)
        lay.addWidget(self.save, 0, Qt.AlignLeft)
        lay.addStretch(1)
        self.finished = False
        self.op = None

    def initializePage(self) -> None:
        self.finished = False
        self.save.setEnabled(False)
        self.cancel.setEnabled(True)
        self.result.setText("正在导入，请稍候…（可随时取消，取消后数据不会有任何改动）")
        plan = self.state.plan

        def work(ctx):
            def progress(done, total):
                ctx.check_cancel()
                ctx.progress(done, total)
            return ledgers.apply_plan(plan, progress=progress)
        self.op = run_op(self, work, write=True, progress=False, on_success=self._done,
                         on_failure=self._failed, changes=import_changes(plan))
        self.op.progressed.connect(self._progress)
        self.op.cancelled.connect(self._cancelled)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)

    def _finish(self, text: str, report: bool) -> None:
        self.finished = True
        self.cancel.setEnabled(False)
        self.result.setText(text)
        plan = self.state.plan
        self.save.setEnabled(report and bool(plan.refused or plan.flagged or plan.differences))
        self.completeChanged.emit()

    def _done(self, counts) -> None:
        self.bar.setValue(self.bar.maximum())
        self._finish(counts_text(counts, done=True), True)

    def _failed(self, exc) -> None:
        msg = exc.zh if isinstance(exc, UserError) else f"导入出错：{exc}"
        self._finish(f"{msg}\n数据没有改动。", True)

    def _cancelled(self) -> None:
        self._finish("已取消，数据没有改动。", True)

    def isComplete(self) -> bool:
        return self.finished

    def ask_report_path(self) -> str:
        path, _ = file_dialogs.save_file_name(self, "保存错误报告", "导入错误报告.xlsx", "Excel 文件 (*.xlsx)")
        return path

    def save_report(self) -> None:
        path = self.ask_report_path()
        if not path:
            return
        try:
            ledgers.write_report(self.state.plan, path)
        except UserError as e:
            self.result.setText(e.zh)
            return
        self.result.setText(self.result.text() + f"\n错误报告已保存到 {path}")
