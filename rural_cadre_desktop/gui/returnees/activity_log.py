"""ActivityLogPage ("活动记录"): the year's "八个一" activities, filtered by kind, status, village and
a participant's name (or pinyin initials), and
what the clerk does with them — 新增, 修改 (the activity dialog, prefilled), 办结… / 重新打开 for
实际问题 and 意见建议, 删除 (after naming the activity). Every write is a core/returnees/services
call (audited as the command line's) on the writer thread; the page reloads itself on the "data
changed" notice (gui/operations.changes); `changed` follows a successful write of its own,
`write_done` every one."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.returnees import activities, services
from rural_cadre_desktop.gui import list_keys, operations
from rural_cadre_desktop.gui.returnees.activity_dialog import ActivityDialog
from rural_cadre_desktop.gui.returnees.activity_model import (
    COL,
    WIDTHS,
    ActivityLogModel,
)
from rural_cadre_desktop.gui.returnees.fields import ERROR_STYLE
from rural_cadre_desktop.gui.returnees.filters import fill_villages
from rural_cadre_desktop.gui.returnees.handle_dialog import HandleDialog
from rural_cadre_desktop.gui.returnees.writes import write
from rural_cadre_desktop.gui.table_model import reload_keeping_place
from rural_cadre_desktop.gui.table_views import list_view


class ActivityLogPage(QWidget):
    changed = Signal()
    write_done = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ActivityLogPage")
        self.dialog = None                  # the open dialog, for whoever drives the page (tests)
        self.op = None
        self.year = QSpinBox(self)
        self.year.setObjectName("log_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setSuffix(" 年")
        self.kind = QComboBox(self)
        self.kind.setObjectName("log_kind")
        self.kind.addItem("全部类别", None)
        for k, label in codes.EIGHT_ONES_SHORT.items():
            self.kind.addItem(label, k)
        self.status = QComboBox(self)
        self.status.setObjectName("log_status")
        self.status.addItem("全部状态", None)
        for k, label in codes.ACTIVITY_STATUS.items():
            self.status.addItem(label, k)
        self.village = QComboBox(self)
        self.village.setObjectName("log_village")
        self.village.addItem("全部村(社区)", None)
        self.search = QLineEdit(self)
        self.search.setObjectName("log_search")
        self.search.setPlaceholderText("参与人姓名或拼音首字母")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=250)   # wait for the typing to stop
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("log_count")

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        filters = QHBoxLayout()
        for w in (QLabel("年度：", self), self.year, QLabel("类别：", self), self.kind,
                  QLabel("办理状态：", self), self.status, QLabel("村(社区)：", self), self.village,
                  QLabel("查找：", self)):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        for key, text, slot in [("add", "新增", self.add), ("edit", "修改", self.edit_selected),
                                ("handle", "办结…", self.handle_selected), ("reopen", "重新打开", self.reopen_selected),
                                ("delete", "删除", self.delete_selected)]:
            b = QPushButton(text, self)
            b.setObjectName(f"log_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.model = ActivityLogModel(parent=self)
        self.view = list_view(self.model, "activity_log_view", self)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for key, i in COL.items():
            self.view.setColumnWidth(i, WIDTHS[key])
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        list_keys.install(self.view, open_row=self.edit_selected, delete_rows=self.delete_selected,
                          add=self.add, scope=self)
        self.model.modelReset.connect(self._counts)
        self.model.modelReset.connect(self._enable)
        self.view.selectionModel().selectionChanged.connect(self._enable)

        self.message = QLabel(self)
        self.message.setObjectName("log_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(filters)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        for sig in (self.year.valueChanged, self.kind.currentIndexChanged, self.status.currentIndexChanged,
                    self.village.currentIndexChanged):
            sig.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        self.reload_villages()
        self._enable()
        operations.changes.data_changed.connect(self.on_data_changed)

    # -- showing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._search_timer.stop()
        self.model.set_filters(self.year.value(), self.kind.currentData(), self.status.currentData(),
                               self.village.currentData(), self.search.text())

    def reload_villages(self) -> None:
        fill_villages(self.village)

    def on_data_changed(self, kinds) -> None:
        """Activities, or the names and villages they show, changed: reload in place (a page not
        loaded yet loads when it is shown)."""
        if operations.affects(kinds, "villages", "settings"):
            self.reload_villages()
        if operations.affects(kinds, "activities", "people", "villages") and self.model.loaded:
            reload_keeping_place(self.view, self.model.refresh, self.model.row_key)

    def _counts(self) -> None:
        self.count_label.setText(f"共 {self.model.total()} 条")

    def current_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _enable(self) -> None:
        r = self.current_row()
        kind = self.model.value(r, "kind") if r is not None else None
        status = self.model.value(r, "status") if r is not None else None
        for key in ("edit", "delete"):
            self.buttons[key].setEnabled(r is not None)
        self.buttons["handle"].setEnabled(kind in activities.WITH_STATUS)
        self.buttons["reopen"].setEnabled(status == "handled")

    def select_activity(self, activity_id: str) -> None:
        r = self.model.find(activity_id)
        if r >= 0:
            self.view.selectRow(r)
            self.view.scrollTo(self.model.index(r, 0))

    # -- asking and telling (replaceable where no one can click, e.g. tests) ----------------------
    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def tell(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def _describe(self, r: int) -> str:
        m = self.model
        kind = codes.EIGHT_ONES.get(m.value(r, "kind"), m.value(r, "kind"))
        place = m.value(r, "place")
        return (f"{m.value(r, 'date') or '未记日期'} 的“{kind}”" + (f"（{place}）" if place else "")
                + f"，{m.value(r, 'count')} 人参加")

    # -- actions --------------------------------------------------------------------------------
    def _after(self, activity_id: str | None, text: str) -> None:
        """After a write of this page succeeded (the list has reloaded on the notice already)."""
        self.tell(text)
        if activity_id:
            self.select_activity(activity_id)
        self.changed.emit()

    def _open(self, dlg, text: str) -> None:
        self.dialog = dlg
        dlg.saved.connect(lambda aid: self._after(aid, text))
        dlg.write_done.connect(self.write_done)
        dlg.open()

    def add(self) -> None:
        self._open(ActivityDialog(self, year=self.year.value(), kind=self.kind.currentData()), "已新增一条活动")

    def _selected(self) -> int | None:
        r = self.current_row()
        if r is None:
            self.tell("请先在列表中选中一条活动", error=True)
        return r

    def edit_selected(self) -> None:
        r = self._selected()
        if r is None:
            return
        try:
            act = services.activity(self.model.row_key(r))
        except UserError as e:
            self.tell(e.zh, error=True)
            return
        self._open(ActivityDialog(self, activity=act), "已保存修改")

    def handle_selected(self) -> None:
        r = self._selected()
        if r is None or self.model.value(r, "kind") not in activities.WITH_STATUS:
            return
        dlg = HandleDialog(self, self.model.row_key(r), self._describe(r) + "\n" + (self.model.value(r, "content") or ""),
                           self.model.value(r, "answer") or "")
        self._open(dlg, "已办结")

    def _write(self, fn, activity_id: str | None, text: str) -> None:
        if self.op is not None:
            return
        self.op = write(self, fn, on_success=lambda _r: self._after(activity_id, text),
                        on_refused=lambda zh, _e: self.tell(zh, error=True), changes={"activities"})
        self.op.done.connect(self._write_done)

    def _write_done(self) -> None:
        self.op = None
        self.write_done.emit()

    def reopen_selected(self) -> None:
        r = self._selected()
        if r is None or self.model.value(r, "status") != "handled":
            return
        if not self.confirm("重新打开", f"把{self._describe(r)}改回“待办”吗？\n原办理结果将清空（修改记录里保留）。"):
            return
        aid = self.model.row_key(r)
        self._write(lambda: services.set_activity_status(aid, "open", ""), aid, "已重新打开，改为待办")

    def delete_selected(self) -> None:
        r = self._selected()
        if r is None:
            return
        what = self._describe(r)
        if not self.confirm("删除确认", f"确定删除 {what} 吗？\n参加人员的这条记录也一并删除（可从备份恢复）。"):
            return
        aid = self.model.row_key(r)
        self._write(lambda: services.delete_activity(aid), None, f"已删除{what}")

    def _context_menu(self, pos) -> None:
        r = self.current_row()
        menu = QMenu(self)
        items = [("新增…", self.add, None, True)]
        if r is not None:
            items += [("修改…", self.edit_selected, "Return", True),
                      ("办结…", self.handle_selected, None, self.buttons["handle"].isEnabled()),
                      ("重新打开", self.reopen_selected, None, self.buttons["reopen"].isEnabled()),
                      ("删除", self.delete_selected, "Delete", True)]
        for text, slot, key, enabled in items:
            act = QAction(text, menu)
            if key:
                act.setShortcut(QKeySequence(key))      # shown as a hint; the keys work on the view
            act.setEnabled(enabled)
            act.triggered.connect(slot)
            menu.addAction(act)
        menu.popup(self.view.viewport().mapToGlobal(pos))
