"""冲突列表: every value that lost a merge beside the value kept, and 恢复此值 (a new edit)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rural_cadre_desktop.core.sync import conflicts
from rural_cadre_desktop.core.sync.report import field_label
from rural_cadre_desktop.core.validation import mask
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.sync.common import error_label, message, table

HEADERS = ["编号", "类别", "人员", "村(社区)", "项目", "采用的值", "采用的修改时间", "未采用的值", "未采用的修改时间", "状态"]


_MASKS = {"phone": "phone", "id_number": "id"}        # shown masked, as in every list


def _when(iso: str | None) -> str:
    """A stamp's UTC time in this PC's local time, to the minute."""
    if not iso:
        return ""
    t = dt.datetime.fromisoformat(iso).astimezone()
    return f"{t:%Y-%m-%d %H:%M}"


def _shown(field: str, value) -> str:
    return "（空）" if value in (None, "") else mask(value, _MASKS.get(field))


class ConflictsPage(QWidget):
    finished_op = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = QLabel("两台电脑都改了同一项时，较新的修改被采用，另一个值保存在这里。"
                       "核对后如需用未采用的值，选中该行点“恢复此值”（作为一次新的修改，下次同步时传给对方）。", self)
        intro.setWordWrap(True)
        self.view, self.model = table(self, HEADERS, [], centered=(0,), stretch=7)
        self.error = error_label(self)
        self.restore_button = QPushButton("恢复此值", self)
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.refresh_button = QPushButton("刷新", self)
        self.refresh_button.clicked.connect(lambda: self.reload())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.restore_button)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.items: list[dict] = []
        self.op = None
        self.reload()

    def reload(self) -> None:
        self.items = conflicts.list_conflicts()
        self.model.set_rows([
            (c["n"], c["table_label"], c["person"] or "", c["village"] or "", field_label(c["table"], c["field"]),
             _shown(c["field"], c["kept_value"]), _when(c["kept_at"]),
             _shown(c["field"], c["lost_value"]), _when(c["lost_at"]),
             "已恢复" if c["restored"] else "") for c in self.items])
        self.restore_button.setEnabled(bool(self.items))

    def restore_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self.error.setText("请先在列表中选中一条冲突")
            return
        n = self.items[rows[0].row()]["n"]
        self.error.setText("")
        self.restore_button.setEnabled(False)
        self.op = run_op(self, lambda ctx: conflicts.restore(n), write=True, label="正在恢复…",
                         changes=operations.RECORDS, on_success=lambda _r: self._done(),
                         on_failure=lambda e: self._failed(e))

    def _done(self) -> None:
        self.reload()
        self.finished_op.emit()

    def _failed(self, error: BaseException) -> None:
        self.error.setText(message(error))
        self.restore_button.setEnabled(True)
        self.finished_op.emit()
