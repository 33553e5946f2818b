"""填报表格: open the form a superior sent, check how its columns map (a combo per column,
remembered for that header), choose filters, 生成 off the UI thread, then open the folder."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.templates import (
    KINDS,
    columns_for,
    detect_template,
    fill_template,
    open_template,
    save_mapping,
)
from rural_cadre_desktop.gui import file_dialogs, operations
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import place_combos, table_view
from rural_cadre_desktop.gui.templates.filters import FilterBox

log = logging.getLogger("rcd.gui.fill")


def _step(ctx, done: int, total: int, text: str) -> None:
    ctx.check_cancel()           # 取消 stops before the file is saved: nothing half-written
    ctx.progress(done, total, text)

NONE = "（不填，留空）"
UNMAPPED_BG = QColor("#fde2e1")


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(col)


class FillTemplatePage(QWidget):
    finished = Signal(object)            # FillResult, after a successful 生成
    title = "填报表格"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FillTemplatePage")
        self.template: Path | None = None
        self.layout_: object | None = None
        self.result = None
        self.op = None
        self.open_button = QPushButton("打开上级发来的表格(&O)…", self, objectName="openTemplate")
        self.open_button.clicked.connect(self.choose_template)
        self.file_label = QLabel("尚未打开表格。支持 .xlsx；.xls/.et 请先用 Excel/WPS 另存为 .xlsx。", self,
                                 objectName="fileLabel")
        self.kind = QComboBox(self, objectName="kind")
        for key, (label, _) in KINDS.items():
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        # The file's name and the hint wrap under the buttons: on one line they asked for 1,400 px,
        # wider than a 1024×768 screen.
        self.file_label.setWordWrap(True)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(10)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.open_button)
        buttons_row.addWidget(QLabel("填入：", self))
        buttons_row.addWidget(self.kind, 1)
        top = QVBoxLayout()
        top.addLayout(buttons_row)
        top.addWidget(self.file_label)

        self.mapping = RowsModel(["列", "表格中的列名", "对应台账中的项目", "示例行"], [], parent=self)
        self.table = table_view(self.mapping, "mappingTable")
        self.table.setParent(self)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel("", self, objectName="summary")
        self.summary.setWordWrap(True)

        self.filters = FilterBox(self)
        self.full_id = QCheckBox("填写完整身份证号和电话（会记入审计日志）", self, objectName="fullId")
        box = QGroupBox("筛选", self)
        bl = QVBoxLayout(box)
        bl.addWidget(self.filters)
        bl.addWidget(self.full_id)

        self.generate_button = QPushButton("生成(&G)…", self, objectName="generate")
        self.generate_button.setEnabled(False)
        self.generate_button.clicked.connect(self.ask_and_generate)
        self.folder_button = QPushButton("打开所在文件夹", self, objectName="openFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self.save_as_button = QPushButton("另存为…", self, objectName="saveAs")
        self.save_as_button.clicked.connect(self.save_as)
        for b in (self.folder_button, self.save_as_button):
            b.setEnabled(False)
        self.status = QLabel("", self, objectName="status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.save_as_button)
        buttons.addStretch(1)

        main = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.table, 1)
        left.addWidget(self.summary)
        right = QVBoxLayout()
        right.addWidget(box)
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addStretch(1)
        main.addLayout(left, 3)
        main.addLayout(right, 2)
        operations.changes.data_changed.connect(self.on_data_changed)

    def on_data_changed(self, kinds) -> None:
        """Villages added, renamed or merged: the village choice follows (the chosen one kept)."""
        if operations.affects(kinds, "villages", "settings"):
            chosen = self.filters.village.currentText()
            self.filters.reload_villages()
            self.filters.village.setCurrentIndex(max(self.filters.village.findText(chosen), 0))

    # ---- template and mapping -------------------------------------------------------------
    @property
    def kind_key(self) -> str:
        return self.kind.currentData()

    def choose_template(self) -> None:
        path, _ = file_dialogs.open_file_name(self, "打开上级发来的表格", "", "Excel 表格 (*.xlsx *.xlsm)")
        if path:
            self.load_template(path)

    def load_template(self, path) -> bool:
        """Read the form and show its header; a form that cannot be used is explained, nothing changes."""
        try:
            layout = detect_template(open_template(path), self.kind_key)
        except UserError as e:
            self.status.setText(e.zh)
            QMessageBox.warning(self, "无法使用这个表格", e.zh)
            return False
        self.template, self.layout_ = Path(path), layout
        self.file_label.setText(f"{Path(path).name}（工作表“{layout.sheet}”，表头在第 {layout.header_top}"
                                f"{'-' + str(layout.header_bottom) if layout.header_bottom != layout.header_top else ''}"
                                f" 行{'，沿用上次的对应' if layout.remembered else ''}）")
        self._show_mapping()
        self.generate_button.setEnabled(True)
        self.status.setText("")
        return True

    def _kind_changed(self) -> None:
        self.filters.set_kind(self.kind_key)
        if self.template is not None:
            self.load_template(self.template)

    def _show_mapping(self) -> None:
        cols = columns_for(self.kind_key)
        self.mapping.set_rows([(_letter(c.col), c.label, "", "" if c.sample is None else str(c.sample))
                               for c in self.layout_.columns])
        self.combos = []
        for row, c in enumerate(self.layout_.columns):
            combo = QComboBox(self.table)
            combo.setObjectName(f"map{c.col}")
            combo.addItem(NONE, None)
            for col in cols:
                combo.addItem(col.label, col.key)
            combo.setCurrentIndex(max(combo.findData(c.key), 0))
            combo.currentIndexChanged.connect(lambda _i, r=row: self._mapping_changed(r))
            self.combos.append(combo)
        place_combos(self.table, 2, self.combos)
        self._paint()
        self._summarise()

    def combo(self, label: str) -> QComboBox:
        """The mapping combo of the column with this header wording."""
        for row, c in enumerate(self.layout_.columns):
            if c.label == label:
                return self.combos[row]
        raise KeyError(label)

    def _mapping_changed(self, row: int) -> None:
        self.layout_.columns[row].key = self.combos[row].currentData()
        self._mapping_dirty = True
        self._paint()
        self._summarise()

    def _paint(self) -> None:
        """Columns of the form that nothing fills are shaded, so the clerk sees what stays empty."""
        self.mapping.set_marked((r for r, c in enumerate(self.layout_.columns) if c.key is None), UNMAPPED_BG)

    def _summarise(self) -> None:
        un = [c.label for c in self.layout_.unmapped]
        text = f"共 {len(self.layout_.columns)} 列，已对应 {len(self.layout_.columns) - len(un)} 列。"
        if un:
            text += f"未对应（将留空）：{'、'.join(un)}。如需填写，请在右侧下拉框中指定。"
        if self.layout_.has_sample:
            text += "表中的示例行将被替换。"
        if self.layout_.total_row:
            text += "合计行将移到数据下方。"
        self.summary.setText(text)

    # ---- generate ---------------------------------------------------------------------------
    def ask_and_generate(self) -> None:
        default = str(self.template.with_name(self.template.stem + "（已填）.xlsx")) if self.template else ""
        path, _ = file_dialogs.save_file_name(self, "保存填好的表格", default, "Excel 表格 (*.xlsx)")
        if path:
            self.generate(path)

    def generate(self, out) -> None:
        """Fill off the UI thread; the mapping the clerk set is remembered for this header."""
        if self.layout_ is None:
            return
        try:
            query = self.filters.query(self.kind_key)
        except UserError as e:
            self.status.setText(e.zh)
            return
        kind, layout, template, full_id = self.kind_key, self.layout_, self.template, self.full_id.isChecked()
        remember = getattr(self, "_mapping_dirty", False)

        if remember:         # a write of its own, queued on the writer; the fill itself only reads
            run_op(self, lambda ctx: save_mapping(kind, layout), write=True, progress=False,
                   on_failure=lambda e: log.warning("column mapping not remembered: %s", e))

        def work(ctx):
            return fill_template(template, out, query, full_id, layout, audit=False,
                                 progress=lambda done, total: _step(ctx, done, total, "正在填写…"))
        self.generate_button.setEnabled(False)
        self.status.setText("正在生成…")
        # read on a reader thread; the audit row ("fill-template", as the CLI's) on the writer
        self.op = run_op(self, work, label="正在填写表格…", on_success=self._done,
                         on_failure=self._failed, audit=lambda result: result.audit_row)
        self.op.cancelled.connect(lambda: self.status.setText("已取消，没有生成文件。"))
        self.op.done.connect(lambda: self.generate_button.setEnabled(True))

    def _done(self, result) -> None:
        self.result = result
        self._mapping_dirty = False
        text = f"已填写 {result.rows} 人，保存到 {result.path}。"
        if result.unmapped:
            text += f"未对应的列已留空：{'、'.join(result.unmapped)}。"
        text += "身份证号和电话为完整号码。" if result.full_id else "身份证号和电话已部分隐藏。"
        self.status.setText(text)
        for b in (self.folder_button, self.save_as_button):
            b.setEnabled(True)
        self.finished.emit(result)

    def _failed(self, error) -> None:
        msg = error.zh if isinstance(error, UserError) else f"生成失败：{error}"
        self.status.setText(msg)
        QMessageBox.warning(self, "未能生成", msg)

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))

    def save_as(self) -> None:
        if self.result is None:
            return
        path, _ = file_dialogs.save_file_name(self, "另存为", str(self.result.path), "Excel 表格 (*.xlsx)")
        if path and Path(path) != self.result.path:
            shutil.copyfile(self.result.path, path)
            self.status.setText(f"已另存为 {path}")
