"""村(社区): the township's villages — add, rename, set the 区划代码, and 合村并居 (merge).

Each change is a core.regions service (create_village, change_village — audited as `edit villages`
is —, merge_village_into): one transaction on the writer thread. A refusal (duplicate name, bad
code, a village merged into itself) is shown in Chinese inside the dialog and changes nothing.
The list here and every list showing villages reload on the "villages" data-changed notice.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import regions, settings
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.validation import parse_region_code
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.crash import friendly_message
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.table_model import SqlTableModel

log = logging.getLogger("rcd.gui.villages")

# 合村并居 moves people and their records to the new village: every list that shows them changes.
_MERGED = {"villages", "people", "returnees", "reserves", "activities"}


class VillagesDialog(QDialog):
    changed = Signal()          # a write succeeded (lists reload on gui.operations.changes anyway)
    op_finished = Signal()      # a write finished, either way (tests wait on it)

    def __init__(self, database=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("村(社区)")
        self.resize(560, 460)
        township_id = settings.get("township_id") or ""
        self.model = SqlTableModel(regions.VILLAGES, regions.VillageQuery(township_id=township_id),
                                   align_right=("people",), parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        self.add_button = QPushButton("添加(&A)…")
        self.rename_button = QPushButton("改名(&R)…")
        self.code_button = QPushButton("设置区划代码(&D)…")
        self.merge_button = QPushButton("合并(&M)…")
        self.add_button.clicked.connect(self.add_village)
        self.rename_button.clicked.connect(self.rename_village)
        self.code_button.clicked.connect(self.set_village_code)
        self.merge_button.clicked.connect(self.merge_village)
        side = QVBoxLayout()
        for b in (self.add_button, self.rename_button, self.code_button, self.merge_button):
            side.addWidget(b)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(side)

        self.message = QLabel(self)          # what just happened, or why it was refused
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("合村并居后，原村的人员和记录都转到新村；按原村名仍能找到新村。"))
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        if not township_id:
            self.add_button.setEnabled(False)
            self.show_error("还没有设置本乡镇，请先在“设置”里填写县和乡镇。")
        self.reload()
        operations.changes.data_changed.connect(self.on_data_changed)

    def on_data_changed(self, kinds) -> None:
        if operations.affects(kinds, "villages", "people"):
            self.reload()

    # -- prompts (methods so tests can answer them) ---------------------------------------
    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def ask_item(self, title: str, label: str, items: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return value if ok else None

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, "请确认", text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # -- state ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.refresh()
        while self.model.canFetchMore():      # a township has tens of villages, not thousands
            self.model.fetchMore()
        for col in (1, 2):
            self.view.resizeColumnToContents(col)

    def names(self) -> list[str]:
        return [self.model.data(self.model.index(r, 0)) for r in range(self.model.rowCount())]

    def select_name(self, name: str) -> bool:
        for r, n in enumerate(self.names()):
            if n == name:
                self.view.selectRow(r)
                return True
        return False

    def _selected(self) -> tuple[str, str] | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self.show_error("请先在列表中选中一个村(社区)。")
            return None
        r = rows[0].row()
        return self.model.row_key(r), self.model.data(self.model.index(r, 0))

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setText(text)

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _run(self, fn, done_text: str, changes=frozenset({"villages"})) -> None:
        for b in (self.add_button, self.rename_button, self.code_button, self.merge_button):
            b.setEnabled(False)

        def finished():
            for b in (self.add_button, self.rename_button, self.code_button, self.merge_button):
                b.setEnabled(True)
            self.op_finished.emit()

        def ok(_result):                    # the list has reloaded on the data-changed notice
            self.show_info(done_text)
            self.changed.emit()

        def failed(error):
            self.show_error(friendly_message(error) or f"没有成功：{error}")

        op = run_op(self, lambda ctx: fn(), write=True, label="正在保存…", on_success=ok, on_failure=failed,
                    changes=changes)
        op.done.connect(finished)

    # -- actions ----------------------------------------------------------------------------
    def add_village(self) -> None:
        name = self.ask_text("添加村(社区)", "村(社区)名称：")
        if name is None:
            return
        self._run(lambda: regions.create_village(name), f"已添加“{name.strip()}”。")

    def rename_village(self) -> None:
        sel = self._selected()
        if sel is None:
            return
        vid, old = sel
        name = self.ask_text("改名", f"“{old}”的新名称：", old)
        if name is None or name.strip() == old:
            return
        self._run(lambda: regions.change_village(vid, name=name), f"已把“{old}”改名为“{name.strip()}”。")

    def set_village_code(self) -> None:
        sel = self._selected()
        if sel is None:
            return
        vid, name = sel
        current = self.model.data(self.model.index(self.view.currentIndex().row(), 1))
        raw = self.ask_text("设置区划代码", f"“{name}”的12位统计用区划代码：", current)
        if raw is None:
            return
        try:                    # say what is wrong before queueing a write that would fail anyway
            parse_region_code(raw)
        except UserError as e:
            self.show_error(e.zh)
            return
        self._run(lambda: regions.change_village(vid, code=raw or ""), f"已设置“{name}”的区划代码。")

    def merge_village(self) -> None:
        sel = self._selected()
        if sel is None:
            return
        vid, name = sel
        others = [(self.model.row_key(r), n) for r, n in enumerate(self.names()) if n != name]
        if not others:
            self.show_error("只有一个村(社区)，没有可以并入的村。")
            return
        target = self.ask_item("合并（合村并居）", f"把“{name}”并入：", [n for _, n in others])
        if target is None:
            return
        into_id = dict((n, k) for k, n in others)[target]
        if not self.confirm(f"确定把“{name}”并入“{target}”吗？\n"
                            f"“{name}”的所有人员、后备干部、村两委和活动记录都将转到“{target}”，"
                            f"“{name}”不再单独列出。"):
            return
        self._run(lambda: regions.merge_village_into(vid, into_id), f"已把“{name}”并入“{target}”。", _MERGED)
