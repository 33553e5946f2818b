"""ReturneesTab: the township's 归雁 registry (filters, list, card, merge/undo, to-reserve, export),
on its second page the yearly "八个一" grid, on its third the year's activity log (activity_log.py).
Every write is a core service (core/returnees/services.py, core/reserves/services.py: audited as the
command line's) on the writer thread (writes.py); `write_done` follows each one, whatever the
outcome. The tab reloads itself on the "data changed" notice (gui/operations.changes) for the kinds
it shows, whoever wrote — its own buttons, the card, the import wizard, the villages dialog.

It offers what gui/main_window.py expects of a tab: `title`, `counts_changed`, `load()`,
`count_text()`, `search` and `view`.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import regions, store
from rural_cadre_desktop.core.reserves import services as reserve_services
from rural_cadre_desktop.core.returnees import services
from rural_cadre_desktop.gui import empty_state, list_keys, operations
from rural_cadre_desktop.gui.lazy_tabs import LazyTabs, Slot
from rural_cadre_desktop.gui.returnees.filters import FilterBar
from rural_cadre_desktop.gui.returnees.model import ReturneeTableModel
from rural_cadre_desktop.gui.returnees.writes import write
from rural_cadre_desktop.gui.table_model import reload_keeping_place
from rural_cadre_desktop.gui.table_views import list_view

# The inner pages after 台账, built when first shown (or asked for: `tab.grid`, `tab.log`).
PAGES = (
    Slot("grid", "“八个一”年度落实", "rural_cadre_desktop.gui.returnees.grid_view:EightOnesGridView"),
    Slot("log", "活动记录", "rural_cadre_desktop.gui.returnees.activity_log:ActivityLogPage"),
)

WIDTHS = {"name": 72, "sex": 44, "birth_date": 96, "id_number": 178, "phone": 112, "village": 80,
          "political_status": 84, "education": 80, "status": 56, "return_date": 92, "work_place": 90,
          "industry": 76, "enterprise": 128, "position": 70, "wants": 96, "contact_cadre": 70,
          "subsidy": 170, "duplicate": 70}


class ReturneesTab(QWidget):
    grid = property(lambda self: self.inner_pages.get("grid"), doc="the “八个一” grid page")
    log = property(lambda self: self.inner_pages.get("log"), doc="the 活动记录 page")
    title = "返乡人员"
    unit = "人"
    counts_changed = Signal()
    exported = Signal(int)
    write_done = Signal()

    def __init__(self, database=None, parent: QWidget | None = None, run_async: bool = True):
        super().__init__(parent)
        self.setObjectName("ReturneesTab")
        self.dialog = None                     # the open dialog, for whoever drives the tab (tests)
        self.last_merge: dict | None = None
        self.op = None                         # the tab's own write in progress
        self.model = ReturneeTableModel(self)
        self.filters = FilterBar(self)
        self.search = self.filters.search
        self.filters.changed.connect(self.apply_filters)
        self.view = list_view(self.model, "ReturneesView", self)
        from rural_cadre_desktop.core.returnees.query import COLUMNS
        for i, c in enumerate(COLUMNS):
            self.view.setColumnWidth(i, WIDTHS.get(c.key, 90))
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.model.modelReset.connect(self._counts)
        self.model.counted.connect(self._counts)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in [("add", "新增", self.add), ("edit", "修改", self.edit_selected),
                                ("delete", "删除", self.delete_selected), ("merge", "合并", self.merge_selected),
                                ("undo_merge", "撤销合并", self.undo_merge),
                                ("reserve", "转为后备", self.to_reserve_selected),
                                ("activity", "记“八个一”", self.log_activity), ("export", "导出 Excel", self.export)]:
            b = QPushButton(text, self)
            b.setObjectName(f"btn_{key}")
            # clicked(bool) must not reach a slot's parameters: each slot is called with none
            b.clicked.connect(lambda _checked=False, slot=slot: slot())
            self.buttons[key] = b
            bar.addWidget(b)
        b = QPushButton("显示完整号码", self)
        b.setObjectName("btn_reveal")
        b.setCheckable(True)
        b.toggled.connect(self.toggle_reveal)          # the one slot that wants the state
        self.buttons["reveal"] = b
        bar.addWidget(b)
        self.buttons["undo_merge"].setEnabled(False)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        bar.addWidget(self.count_label)
        self.message = QLabel(self)
        self.message.setObjectName("tab_message")

        registry_page = QWidget(self)
        v = QVBoxLayout(registry_page)
        v.setContentsMargins(6, 6, 6, 6)
        v.addWidget(self.filters)
        v.addLayout(bar)
        v.addWidget(self.view, 1)
        v.addWidget(self.message)
        self._run_async = run_async
        self.pages = QTabWidget(self)
        self.pages.setObjectName("returnee_pages")
        self.pages.addTab(registry_page, "台账")
        self.inner_pages = LazyTabs(self.pages, PAGES, self._make_page)
        self.pages.currentChanged.connect(self._page_shown)
        list_keys.install(self.view, open_row=self.edit_selected, delete_rows=self.delete_selected,
                          add=self.add, scope=registry_page)
        empty_state.attach(self.view, self.empty_text)
        list_keys.page_keys(self.pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        operations.changes.data_changed.connect(self.on_data_changed)

    def _make_page(self, slot: Slot, cls: type) -> QWidget:
        if slot.name == "grid":
            grid = cls(self, run_async=self._run_async)
            if self.pages.currentIndex() != 1:      # asked for, not shown: current all the same
                grid.refresh()
            return grid
        page = cls(self)
        page.write_done.connect(self.write_done)
        return page

    def _built(self, name: str):
        """The inner page if it was built (a page not built yet loads when it is)."""
        return self.inner_pages.built.get(name)

    def on_data_changed(self, kinds) -> None:
        """Reload what shows the kinds that changed (the activity log page reloads itself): the
        list in place, the village choices, the grid."""
        grid = self._built("grid")
        if operations.affects(kinds, "villages", "settings"):
            self.filters.reload_villages()
            if grid is not None:
                grid.reload_villages()
        if operations.affects(kinds, "returnees", "people", "villages"):
            reload_keeping_place(self.view, self.model.refresh, self.model.returnee_id)
        # the grid: at once for a change of the "八个一" (its subject); for other changes only if it
        # is on screen (it reloads whenever its page is shown anyway)
        if grid is not None and (operations.affects(kinds, "activities") or (
                operations.affects(kinds, "returnees", "people", "villages") and self.pages.currentIndex() == 1)):
            grid.refresh()

    # -- what the main window calls -----------------------------------------------------------
    def load(self) -> None:
        self.filters.reload_villages()
        grid = self._built("grid")
        if grid is not None:
            grid.reload_villages()
        self.apply_filters()
        # the 活动记录 page (172,000 activities in a county) loads when first shown, not at start

    def empty_text(self) -> str:
        """What the empty list says: the filters that left no one, or how to begin."""
        filters = self.filters.describe()
        if filters:
            return "没有符合条件的记录（" + "，".join(filters) + "）。\n可以放宽筛选条件或清除查找内容。"
        if not regions.villages():
            return ("还没有村(社区)。请先在“设置 → 村(社区)”中添加本乡镇的村(社区)，\n"
                    "再导入台账（文件 → 导入台账，Ctrl+I）或点“新增”（Ctrl+N）逐个登记。")
        return "还没有返乡人员。可以导入台账（文件 → 导入台账，Ctrl+I），\n或点“新增”（Ctrl+N）逐个登记。"

    def focus_search(self) -> None:
        """Ctrl+F (the main window's): the search field of the inner page shown."""
        index = self.pages.currentIndex()
        field = self.search if index == 0 else self.log.search if index == 2 else None
        if field is not None:
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            field.selectAll()

    def _page_shown(self, i: int) -> None:
        if i == 1:
            self.grid.refresh()
        elif i == 2:
            self.log.refresh()

    def count_text(self) -> str:
        n = self.model.total() if self.model.is_counted() else "…"
        return f"{self.title} {n} {self.unit}"

    def _counts(self) -> None:
        n = self.model.total() if self.model.is_counted() else "…"     # the count follows the first page
        self.count_label.setText(f"共 {n} 人")
        self.counts_changed.emit()

    def apply_filters(self) -> None:
        self.model.set_query(self.filters.query(self.model.q))

    # -- asking the clerk (replaceable where no one can click, e.g. tests) ----------------------
    def confirm(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def tell(self, text: str) -> None:
        self.message.setText(text)

    def _write(self, fn, on_success, label: str = "正在保存…", changes=None) -> None:
        """fn on the writer thread; a refusal's sentence goes to the message line; `changes`: the
        kinds of data a success changed (every list showing them reloads on that notice)."""
        if self.op is not None:
            self.tell("上一项操作还在进行，请稍候")
            return
        self.op = write(self, fn, on_success=on_success, on_refused=lambda zh, _e: self.tell(zh), label=label,
                        changes=changes)
        self.op.done.connect(self._write_done)

    def _write_done(self) -> None:
        self.op = None
        self.write_done.emit()

    # -- selection ----------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def _one(self) -> int | None:
        rows = self.selected_rows()
        if len(rows) != 1:
            self.tell("请先在列表中选中一人")
            return None
        return rows[0]

    # -- actions ------------------------------------------------------------------------------
    def _open(self, dlg) -> None:
        """The card or the activity dialog; its save announces what changed, and the lists follow."""
        self.dialog = dlg
        dlg.write_done.connect(self.write_done)
        dlg.open()

    def _card(self, returnee_id: str | None = None):
        """The card, blank or of one returnee (its module loads when a card is first opened)."""
        from rural_cadre_desktop.gui.returnees.dialog import ReturneeDialog
        card = ReturneeDialog(self, services.returnee(returnee_id)) if returnee_id else ReturneeDialog(self)
        # a typed 身份证号 someone already holds: open theirs
        card.open_existing.connect(lambda rid: self._open(self._card(rid)))
        return card

    def add(self) -> None:
        self._open(self._card())

    def edit_selected(self) -> None:
        r = self._one()
        if r is not None:
            self._open(self._card(self.model.returnee_id(r)))

    def delete_selected(self) -> None:
        r = self._one()
        if r is None:
            return
        name = self.model.row(r)[0]
        if not self.confirm("删除确认", f"确定把“{name}”从返乡人员台账中删除吗？\n（人员档案保留，可从备份恢复）"):
            return
        rid = self.model.returnee_id(r)
        self._write(lambda: services.delete_returnee(rid), lambda _r: self.tell(f"已删除“{name}”"),
                    changes={"returnees"})

    def merge_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 2:
            self.tell("合并：请按住 Ctrl 选中同一人的两条记录")
            return
        a, b = (services.person(self.model.person_id(r)) for r in rows)
        text = (f"确定这两条是同一个人吗？\n\n1. {a.name}  {a.birth_date or ''}  身份证号：{a.id_number or '无'}\n"
                f"2. {b.name}  {b.birth_date or ''}  身份证号：{b.id_number or '无'}\n\n"
                "合并后保留一条，另一条的内容补到空白处，活动记录等都归到保留的一条。可以“撤销合并”。")
        if not self.confirm("合并确认", text):
            return
        def merged(result) -> None:
            self.last_merge = result
            self.buttons["undo_merge"].setEnabled(True)
            self.tell(f"已合并“{a.name}”的两条记录；如有误，点“撤销合并”")
        a_id, b_id = a.id, b.id
        # a merge (and its undo) re-points every record of the two people
        self._write(lambda: services.merge(a_id, b_id), merged, "正在合并…", operations.RECORDS)

    def undo_merge(self) -> None:
        if self.last_merge is None:
            return
        last = self.last_merge

        def undone(n) -> None:
            self.last_merge = None
            self.buttons["undo_merge"].setEnabled(False)
            self.tell(f"已撤销合并（恢复 {n} 项）")
        self._write(lambda: services.undo_merge(last), undone, "正在撤销合并…", operations.RECORDS)

    def to_reserve_selected(self) -> None:
        r = self._one()
        if r is None:
            return
        pid, name = self.model.person_id(r), self.model.row(r)[0]
        if not self.confirm("转为后备力量", f"把“{name}”转为村级后备力量（村两委后备干部，组织推荐）吗？\n"
                                        "将同时记一条“培养一批村级后备力量”活动。"):
            return
        self._write(lambda: reserve_services.from_returnee(pid),
                    lambda _r: self.tell(f"“{name}”已转为村级后备力量，可在“后备干部”页查看"),
                    changes={"reserves", "activities"})

    def log_activity(self) -> None:
        pids = [self.model.person_id(r) for r in self.selected_rows()]
        from rural_cadre_desktop.gui.returnees.activity_dialog import ActivityDialog
        grid = self._built("grid")              # its year if the clerk chose one; else this year
        self._open(ActivityDialog(self, year=grid.year.value() if grid is not None else None, person_ids=pids))

    def toggle_reveal(self, on: bool) -> None:
        if on:
            self._audit("reveal", "returnee list: all rows")
        self.model.reveal(all_rows=on)

    def reveal_rows(self, rows: list[int]) -> None:
        pids = {self.model.person_id(r) for r in rows}
        self._audit("reveal", "returnee list: " + ",".join(sorted(pids)))
        self.model.reveal(person_ids=pids)

    def _audit(self, action: str, detail: str) -> None:
        """Audit entries are writes too: queued on the writer, never blocked by another save."""
        op = write(self, lambda: store.audit(action, detail), label="")
        op.done.connect(self.write_done)

    def _context_menu(self, pos) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QMenu
        menu = QMenu(self)
        for text, slot in [("显示完整身份证号和电话", lambda: self.reveal_rows(rows)),
                           ("修改…", self.edit_selected), ("记“八个一”活动…", self.log_activity),
                           ("转为村级后备力量", self.to_reserve_selected)]:
            act = QAction(text, menu)
            act.triggered.connect(slot)
            menu.addAction(act)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def export(self) -> None:
        """导出 Excel: the rows the list shows (or the selected ones, if the clerk says so), in order."""
        from rural_cadre_desktop.gui.scope import SELECTED, choose_scope, scope_label
        rows = self.selected_rows()
        listed = self.model.total()
        scope = choose_scope(self, "导出到 Excel", len(rows), listed, what="导出")
        if scope is None:
            return
        count = len(rows) if scope == SELECTED else listed
        if not count:
            self.tell("列表中没有人员，没有可导出的内容；请先清除筛选条件")
            return
        default = f"返乡人员台账-{dt.date.today():%Y%m%d}.xlsx"
        from rural_cadre_desktop.gui import file_dialogs
        path, _ = file_dialogs.save_file_name(self, f"导出到 Excel（{scope_label(scope, count)}）", default,
                                              "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        self.export_to(path, self.model.query_for(rows if scope == SELECTED else None),
                       "选中的" if scope == SELECTED else "当前列表的")

    def export_to(self, path: str, q, which: str = "当前列表的") -> None:
        """The export reads on a reader thread; its audit row is written on the writer thread
        (run_op(audit=…)) before `exported`."""
        from rural_cadre_desktop.core.returnees.xlsx import audit_row, export_xlsx
        from rural_cadre_desktop.gui.operations import run_op
        full = self.model.reveal_all

        def work(ctx):
            return export_xlsx(q, path, full, progress=lambda n, t: (ctx.check_cancel(), ctx.progress(n, t)))

        def done(n):
            self.tell(f"已导出{which} {n} 人到 {path}")
            self.exported.emit(n)
        self.export_op = run_op(self, work, label="正在导出…", on_success=done,
                                on_failure=lambda e: self.tell(getattr(e, "zh", str(e))),
                                audit=lambda n: audit_row(n, full))
