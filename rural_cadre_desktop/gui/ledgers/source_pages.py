"""The first three pages: which file and ledger kind, which sheet and header row, which column
is which field. Reading and header detection are quick for an office ledger; the dry run and
the import (the long parts) run off the UI thread on the later pages."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from rural_cadre_desktop.core import kinds, ledgers
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.clean import cell_text
from rural_cadre_desktop.core.ledgers.layout import Layout, find_layout
from rural_cadre_desktop.core.ledgers.synonyms import KIND_FIELDS, field_label
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import place_combos, table_view

KIND_LABELS = {k.name: k.importer.label for k in kinds.importable()}     # 台账类别 (core/kinds)
FILE_FILTER = "表格文件 (*.xlsx *.xlsm *.xls *.et *.ods *.csv);;所有文件 (*)"
PREVIEW_ROWS = 30
PREVIEW_COLUMN_MAX = 220       # px; a long title cell would otherwise make column A as wide as the page
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_HEADER_COLOUR = QColor("#fff2b3")


def column_letter(i: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column names the clerk sees in Excel/WPS."""
    out = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out


class PreviewModel(RowsModel):
    """The sheet's first rows as text, the recognised header rows tinted."""

    def __init__(self):
        super().__init__([], [], tooltips=True)
        self.header_rows = range(0)

    def show_rows(self, rows: list[tuple], header_rows: range) -> None:
        self.header_rows = header_rows
        width = max((len(r) for r in rows), default=0)
        self.set_rows(rows, headers=[column_letter(c) for c in range(width)])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == _BACKGROUND:
            return _HEADER_COLOUR if index.row() in self.header_rows else None
        return super().data(index, role)


ALL_SHEETS = -1


def sheets_text(prep) -> str:
    """Which sheets will be read (with the village each gives its rows) and which are skipped, why."""
    read = "、".join(f"{p.name}（村(社区)：{p.village}）" if p.village and p.layout.column_of("village") is None
                    else p.name for p in prep.parts)
    text = f"将读取工作表：{read}"
    if len(prep.parts) > 1:
        text += "。预览的是第一个工作表"
    chosen = {p.name for p in prep.parts}
    skipped = [f"{name}（{why}）" for name, why in prep.skipped if name not in chosen]
    if skipped:
        text += "；跳过：" + "；".join(skipped)
    return text


class FilePage(QWizardPage):
    def __init__(self, state):
        super().__init__()
        self.state = state
        self.setTitle("选择台账文件")
        self.setSubTitle("支持 Excel、WPS 表格（.xlsx .xls .et）、.ods 和 .csv 文件")
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.training = QComboBox()
        self.training.setObjectName("training")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("文件：", row)
        form.addRow("台账类别：", self.kind)
        form.addRow("培训班：", self.training)
        form.addRow(self.error)
        self._kind_changed()

    def _browse(self) -> None:
        path, _ = file_dialogs.open_file_name(self, "选择台账文件", "", FILE_FILTER)
        if path:
            self.path.setText(path)

    def _needs_training(self) -> bool:
        """Whether the chosen kind's rows belong to one training (core/kinds ImportSpec.training)."""
        return kinds.import_kind(self.kind.currentData()).importer.training

    def _kind_changed(self) -> None:
        needs = self._needs_training()
        self.training.setEnabled(needs)
        if needs and self.training.count() == 0:
            from rural_cadre_desktop.core.trainings.query import choices
            for tid, name, start in choices():
                self.training.addItem(f"{name}（{start or '日期未填'}）", tid)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        kind, needs = self.kind.currentData(), self._needs_training()
        try:
            if needs and self.training.currentData() is None:
                raise UserError("请先在“培训”里建立培训班，再导入参训名单", "no training")
            self.state.prep = ledgers.prepare(self.path.text().strip(), kind)
        except UserError as e:
            self.error.setText(e.zh)
            return False
        self.state.training_id = self.training.currentData() if needs else None
        self.error.clear()
        return True


class SheetPage(QWizardPage):
    """Which sheet, and where the header is; the preview shows the rows as the sheet has them."""

    def __init__(self, state):
        super().__init__()
        self.state = state
        self.setTitle("核对工作表和表头")
        self.setSubTitle("浅色行是识别出的表头；若不对，请换工作表或改“表头在第几行”")
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.header_row = QSpinBox()
        self.header_row.setObjectName("header_row")
        self.header_row.setRange(1, 40)
        self.model = PreviewModel()
        self.table = table_view(self.model, "preview", row_numbers=True)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setSelectionBehavior(QTableView.SelectItems)
        self.sheets_note = QLabel()
        self.sheets_note.setObjectName("sheets_note")
        self.sheets_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("工作表：", self.sheet)
        form.addRow("表头在第几行：", self.header_row)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.sheets_note)
        lay.addWidget(self.table, 1)
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.header_row.valueChanged.connect(self._header_changed)
        self._loading = False

    def initializePage(self) -> None:
        prep = self.state.prep
        self._loading = True
        self.sheet.clear()
        several = len(prep.all_parts) > 1
        if several:        # one sheet per village: all of them by default
            self.sheet.addItem(f"全部含台账的工作表（{len(prep.all_parts)} 个）", ALL_SHEETS)
        for i, s in enumerate(prep.sheets):
            self.sheet.addItem(s.name, i)
        self.sheet.setCurrentIndex(self.sheet.findData(ALL_SHEETS if len(prep.parts) > 1 else prep.layout.sheet))
        self.header_row.setValue(prep.layout.data_start)
        self._loading = False
        self._fill()

    def _sheet_changed(self, _index: int) -> None:
        index = self.sheet.currentData()
        if self._loading or index is None:
            return
        prep = self.state.prep
        if index == ALL_SHEETS:
            prep.use_all()
            self._loading = True
            self.header_row.setValue(prep.layout.data_start)
            self._loading = False
            self._fill()
            return
        layout = find_layout(prep.sheets[index], prep.kind, index)
        if layout is None:     # nothing recognised: the user names the header row
            layout = Layout(index, 0, 1, [cell_text(v) for v in (prep.sheets[index].rows or [[]])[0]], {})
        prep.layout = layout
        self._loading = True
        self.header_row.setValue(layout.data_start)
        self._loading = False
        self._fill()

    def _header_changed(self, value: int) -> None:
        if self._loading:
            return
        prep = self.state.prep
        rows = prep.sheet.rows
        r = min(value, len(rows)) - 1
        labels = [cell_text(v) for v in rows[r]] if rows else []
        found = find_layout(type(prep.sheet)(prep.sheet.name, rows[r:r + 2]), prep.kind, prep.layout.sheet)
        mapping = found.mapping if found and found.header_row == 0 else {}
        prep.layout = Layout(prep.layout.sheet, r, r + 1, labels, mapping)
        self._fill()

    def _fill(self) -> None:
        prep = self.state.prep
        several = len(prep.parts) > 1
        self.header_row.setEnabled(not several)     # one header row per sheet: choose a sheet to change it
        self.header_row.setToolTip("要改表头所在行，请先在上面选择一个工作表" if several else "")
        self.sheets_note.setText(sheets_text(prep))
        rows = prep.sheet.rows[:max(PREVIEW_ROWS, prep.layout.data_start + 10)]
        self.model.show_rows([tuple(cell_text(v) for v in cells) for cells in rows],
                             range(prep.layout.header_row, prep.layout.data_start))
        self.table.resizeColumnsToContents()         # a few dozen rows: cheap, unlike a full list
        for c in range(self.model.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), PREVIEW_COLUMN_MAX))


class MappingPage(QWizardPage):
    """One line per column of the sheet: its header, a sample value, and the field it fills."""

    def __init__(self, state):
        super().__init__()
        self.state = state
        self.setTitle("核对列的对应关系")
        self.setSubTitle("每一列对应到哪一项；不需要的列选“（不导入）”。至少要有“姓名”列")
        self.model = RowsModel(["表中的列", "第一行数据", "导入为"], [], tooltips=True)
        self.table = table_view(self.model, "mapping")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.remember = QCheckBox("记住这个对应关系，下次同样的表头自动使用")
        self.remember.setObjectName("remember")
        self.remember.setChecked(True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020")
        self.unmapped = QLabel()
        self.unmapped.setObjectName("unmapped")
        self.unmapped.setWordWrap(True)
        self.unmapped.setStyleSheet("color: #8a5300")
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.unmapped)
        lay.addWidget(self.remember)
        lay.addWidget(self.error)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        prep = self.state.prep
        lay = prep.layout
        first = next((r for r in prep.sheet.rows[lay.data_start:] if any(cell_text(v) for v in r)), [])
        keys = ["ignore.seq"] + KIND_FIELDS[prep.kind]
        self.model.set_rows([(label or f"第{col + 1}列", cell_text(first[col]) if col < len(first) else "")
                             for col, label in enumerate(lay.labels)])
        self.combos = []
        for col in range(len(lay.labels)):
            combo = QComboBox()
            combo.addItem("（不导入）", None)
            for k in keys:
                combo.addItem(field_label(k) if k != "ignore.seq" else "序号（不导入）", k)
            current = lay.mapping.get(col)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            combo.currentIndexChanged.connect(lambda _i: self._show_unmapped())
            self.combos.append(combo)
        place_combos(self.table, 2, self.combos)
        self._show_unmapped()

    def _show_unmapped(self) -> None:
        """Every column that will not be read, said before anything is written."""
        labels = self.state.prep.layout.labels
        cols = [labels[c] for c, combo in enumerate(self.combos) if not combo.currentData() and labels[c].strip()]
        several = len(self.state.prep.parts) > 1
        text = f"未对应、不会导入的列：{'、'.join(cols)}" if cols else "每一列都已对应"
        if several:
            text += "。各工作表表头相同的，按这里的对应关系导入"
        self.unmapped.setText(text)

    def mapping(self) -> dict[int, str]:
        return {col: c.currentData() for col, c in enumerate(self.combos) if c.currentData()}

    def validatePage(self) -> bool:
        mapping = self.mapping()
        try:
            ledgers.check_mapping(mapping)
        except UserError as e:
            self.error.setText(e.zh)
            return False
        self.state.prep.set_mapping(mapping)
        if self.remember.isChecked():
            ledgers.save_mapping(self.state.prep.kind, self.state.prep.layout)
        self.error.clear()
        return True
