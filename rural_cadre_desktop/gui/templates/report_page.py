"""自定义报表: choose a kind, pick and order columns (double-click a chosen column to rename its
header), filters, sort, title and 填报单位; save under a name and rerun in one click as .xlsx or PDF."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.templates import KINDS, columns_for
from rural_cadre_desktop.core.templates.custom import (
    ReportSpec,
    delete_report,
    list_reports,
    load_report,
    make_spec,
    report_audit_row,
    run_report,
    save_report,
)
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.templates.filters import FilterBox


def _ledger_pdf(target, ledger) -> None:
    """A report's PDF: core hands over the table, the shared ledger layout draws it."""
    from rural_cadre_desktop.reports.ledger import build_ledger
    build_ledger(target, ledger)


def _step(ctx, done: int, total: int, text: str) -> None:
    ctx.check_cancel()           # 取消 stops before the file is saved: nothing half-written
    ctx.progress(done, total, text)


KEY = Qt.ItemDataRole.UserRole


class CustomReportPage(QWidget):
    finished = Signal(object)             # (path, rows) after a run
    title = "自定义报表"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CustomReportPage")
        self.op = None
        self.last_output: Path | None = None
        # saved reports
        self.saved = QListWidget(self, objectName="savedReports")
        self.saved.currentItemChanged.connect(lambda cur, _prev: cur and self.load_spec(load_report(cur.text())))
        self.run_xlsx = QPushButton("导出 Excel(&E)…", self, objectName="runXlsx")
        self.run_pdf = QPushButton("导出 PDF(&P)…", self, objectName="runPdf")
        self.delete_button = QPushButton("删除", self, objectName="deleteReport")
        self.run_xlsx.clicked.connect(lambda: self.ask_and_run(".xlsx"))
        self.run_pdf.clicked.connect(lambda: self.ask_and_run(".pdf"))
        self.delete_button.clicked.connect(self.delete_current)
        left = QVBoxLayout()
        left.addWidget(QLabel("已保存的报表：", self))
        left.addWidget(self.saved, 1)
        # editor
        self.name = QLineEdit(self, objectName="reportName")
        self.kind = QComboBox(self, objectName="kind")
        for key, (label, _) in KINDS.items():
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.report_title = QLineEdit(self, objectName="reportTitle")
        self.report_title.setPlaceholderText("默认：乡镇名 + 类别 + 名册")
        self.filing_unit = QLineEdit(self, objectName="filingUnit")
        self.filing_unit.setPlaceholderText("默认：设置中的填报单位")
        self.available = QListWidget(self, objectName="availableColumns")
        self.chosen = QListWidget(self, objectName="chosenColumns")
        self.chosen.setToolTip("双击可改表头文字")
        self.available.itemDoubleClicked.connect(lambda _i: self.add_selected())
        add, remove = QPushButton("添加 →", self, objectName="addColumn"), QPushButton("← 移除", self,
                                                                                    objectName="removeColumn")
        up, down = QPushButton("上移", self, objectName="moveUp"), QPushButton("下移", self, objectName="moveDown")
        add.clicked.connect(self.add_selected)
        remove.clicked.connect(self.remove_selected)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        mid = QVBoxLayout()
        mid.addStretch(1)
        for b in (add, remove, up, down):
            mid.addWidget(b)
        mid.addStretch(1)
        cols = QGridLayout()
        cols.addWidget(QLabel("可选栏目：", self), 0, 0)
        cols.addWidget(QLabel("报表栏目（按顺序，双击改表头）：", self), 0, 2)
        cols.addWidget(self.available, 1, 0)
        cols.addLayout(mid, 1, 1)
        cols.addWidget(self.chosen, 1, 2)
        form = QFormLayout()
        form.addRow("报表名称：", self.name)
        form.addRow("记录类别：", self.kind)
        form.addRow("标题：", self.report_title)
        form.addRow("填报单位：", self.filing_unit)
        self.filters = FilterBox(self)
        fbox = QGroupBox("筛选与排序", self)
        QVBoxLayout(fbox).addWidget(self.filters)
        self.full_id = QCheckBox("导出完整身份证号和电话（会记入审计日志）", self, objectName="fullId")
        self.save_button = QPushButton("保存报表(&S)", self, objectName="saveReport")
        self.save_button.clicked.connect(self.save_current)
        self.status = QLabel("", self, objectName="status")
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        for w in (self.save_button, self.run_xlsx, self.run_pdf, self.delete_button):
            actions.addWidget(w)
        actions.addStretch(1)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addLayout(cols, 1)
        editor.addWidget(fbox)
        editor.addWidget(self.full_id)
        editor.addLayout(actions)
        editor.addWidget(self.status)
        main = QHBoxLayout(self)
        main.addLayout(left, 1)
        main.addLayout(editor, 4)
        self._kind_changed()
        self.reload_saved()

    @property
    def kind_key(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self) -> None:
        self.filters.set_kind(self.kind_key)
        self.available.clear()
        self.chosen.clear()
        for col in columns_for(self.kind_key):
            item = QListWidgetItem(col.label)
            item.setData(KEY, col.key)
            self.available.addItem(item)

    def reload_saved(self) -> None:
        self.saved.blockSignals(True)
        self.saved.clear()
        for spec in list_reports():
            self.saved.addItem(spec.name)
        self.saved.blockSignals(False)

    # ---- column picking -----------------------------------------------------------------------
    def add_column(self, key: str, header: str | None = None) -> None:
        label = next(c.label for c in columns_for(self.kind_key) if c.key == key)
        item = QListWidgetItem(header or label)
        item.setData(KEY, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.chosen.addItem(item)

    def add_selected(self) -> None:
        for item in self.available.selectedItems() or [self.available.currentItem()]:
            if item is not None:
                self.add_column(item.data(KEY))

    def remove_selected(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))

    def move(self, step: int) -> None:
        row = self.chosen.currentRow()
        if 0 <= row + step < self.chosen.count() and row >= 0:
            item = self.chosen.takeItem(row)
            self.chosen.insertItem(row + step, item)
            self.chosen.setCurrentRow(row + step)

    # ---- spec in and out ----------------------------------------------------------------------
    def spec(self) -> ReportSpec:
        keys, headers = [], {}
        label = {c.key: c.label for c in columns_for(self.kind_key)}
        for i in range(self.chosen.count()):
            item = self.chosen.item(i)
            keys.append(item.data(KEY))
            if item.text().strip() and item.text() != label[item.data(KEY)]:
                headers[item.data(KEY)] = item.text().strip()
        return make_spec(self.name.text(), self.kind_key, keys, headers=headers, filters=self.filters.filters(),
                         sort=self.filters.sort.currentData() or "", title=self.report_title.text().strip(),
                         filing_unit=self.filing_unit.text().strip())

    def load_spec(self, spec: ReportSpec) -> None:
        self.kind.setCurrentIndex(self.kind.findData(spec.kind))
        self._kind_changed()
        self.name.setText(spec.name)
        self.report_title.setText(spec.title)
        self.filing_unit.setText(spec.filing_unit)
        for key in spec.columns:
            self.add_column(key, spec.headers.get(key))
        self.filters.set_filters(spec.filters, spec.sort)

    def save_current(self) -> bool:
        try:
            spec = self.spec()
        except UserError as e:
            self.status.setText(e.zh)
            return False
        save_report(spec)
        self.reload_saved()
        self.status.setText(f"已保存报表“{spec.name}”，下次在左侧选中即可一键导出。")
        return True

    def delete_current(self) -> None:
        item = self.saved.currentItem()
        if item is not None:
            delete_report(item.text())
            self.reload_saved()
            self.status.setText(f"已删除报表“{item.text()}”。")

    # ---- run ------------------------------------------------------------------------------------
    def ask_and_run(self, ext: str) -> None:
        name = self.name.text().strip() or "报表"
        path, _ = file_dialogs.save_file_name(self, "导出报表", name + ext,
                                              "Excel 表格 (*.xlsx)" if ext == ".xlsx" else "PDF 文件 (*.pdf)")
        if path:
            self.run(path)

    def run(self, out) -> None:
        """Export what the editor shows, off the UI thread."""
        try:
            spec = self.spec()
        except UserError as e:
            self.status.setText(e.zh)
            return
        full_id = self.full_id.isChecked()

        def work(ctx):
            return run_report(spec, out, full_id, progress=lambda d, t: _step(ctx, d, t, "正在导出…"),
                              render_pdf=_ledger_pdf, audit=False)
        self.status.setText("正在导出…")
        # read on a reader thread; the audit row is written by the writer thread afterwards
        self.op = run_op(self, work, label="正在导出报表…",
                         audit=lambda n: report_audit_row(spec, out, n, full_id),
                         on_success=lambda n: self._done(Path(out), n), on_failure=self._failed)
        self.op.cancelled.connect(lambda: self.status.setText("已取消，没有导出文件。"))

    def _done(self, path: Path, rows: int) -> None:
        self.last_output = path
        self.status.setText(f"已导出 {rows} 条到 {path}。")
        self.finished.emit((path, rows))

    def _failed(self, error) -> None:
        msg = error.zh if isinstance(error, UserError) else f"导出失败：{error}"
        self.status.setText(msg)
        QMessageBox.warning(self, "未能导出", msg)
