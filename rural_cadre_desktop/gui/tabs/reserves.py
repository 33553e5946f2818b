"""后备干部 tab: the reserve pool (一乡一库), every membership in and out of the pool. The list
and its search are core.reserves.query; this is the view of it, with inner pages 名册 (the list
and its actions 入库 / 资格联审 / 出库), 年度考察评议 (gui/reserves/review_table.py), 一乡一库
(coverage per village and the pool's structure, gui/reserves/coverage_page.py) and 村两委 (the sitting
and past posts per village beside its reserves, gui/reserves/cadres_page.py). Every write goes through the services in
core/reserves/services.py on the writer thread; the lists reload on the data-changed notice."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.reserves import services
from rural_cadre_desktop.core.reserves.query import RESERVES, ReserveQuery
from rural_cadre_desktop.gui import formatters as f
from rural_cadre_desktop.gui.reserves.actions_pool import (
    AddDialog,
    RemoveDialog,
    VetDialog,
    gap_text,
)
from rural_cadre_desktop.gui.reserves.cadres_page import CadresPage
from rural_cadre_desktop.gui.reserves.coverage_page import CoveragePage
from rural_cadre_desktop.gui.reserves.review_table import ReviewPage
from rural_cadre_desktop.gui.table_model import SqlTableModel
from rural_cadre_desktop.gui.tabs.base import TableTab

FORMATS = {
    "track": f.choice(codes.RESERVE_TRACKS),
    "status": f.choice(codes.RESERVE_STATUS),
    "recommended_by": f.choice(codes.RECOMMENDED_BY),
    "education": f.code_name(codes.EDUCATION),
    "political_status": f.code_name(codes.POLITICAL_STATUS, f.POLITICAL_SHORT),
}


class ReservesTab(TableTab):
    title = "后备干部"
    unit = "人"
    search_hint = "姓名或拼音首字母"
    empty_hint = ("后备干部库还是空的。可以点“入库…”（Ctrl+N）从任一人员纳入，\n"
                  "或在“返乡人员”中选中一人点“转为后备”。")
    shows = frozenset({"reserves", "people", "villages"})

    def __init__(self, database=None, parent=None):
        super().__init__(SqlTableModel(RESERVES, ReserveQuery(), formats=FORMATS), parent)
        self.dialog = None                       # the dialog open now (入库 / 资格联审 / 出库)
        # The list page: TableTab's search line and view, with the action buttons.
        outer = self.layout()
        list_page = QWidget(self)
        inner = QVBoxLayout(list_page)
        inner.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.add_button = QPushButton("入库(&A)…", list_page, objectName="reserve_add")
        self.vet_button = QPushButton("资格联审(&V)…", list_page, objectName="reserve_vet")
        self.remove_button = QPushButton("出库(&R)…", list_page, objectName="reserve_remove")
        self.archive_button = QPushButton("档案(&D)…", list_page, objectName="reserve_archive")
        for b in (self.add_button, self.vet_button, self.remove_button, self.archive_button):
            bar.addWidget(b)
        from rural_cadre_desktop.gui.reserves.lrmx_dialogs import lrmx_menu_button
        self.lrmx_button = lrmx_menu_button(list_page, lambda: self.selected_person())
        bar.addWidget(self.lrmx_button)
        bar.addStretch(1)
        inner.addLayout(bar)
        while outer.count():
            item = outer.takeAt(0)
            if item.widget() is not None:
                inner.addWidget(item.widget(), 1 if item.widget() is self.view else 0)
            elif item.layout() is not None:
                inner.addLayout(item.layout())
        self.add_button.clicked.connect(self.add)
        self.vet_button.clicked.connect(self.vet_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.archive_button.clicked.connect(self.archive_selected)
        self.archive = None                      # the 一人一档 dialog open now

        self.review = ReviewPage(self)
        self.coverage = CoveragePage(self)
        self.cadres = CadresPage(self)
        self.pages = QTabWidget(self, objectName="reserve_pages")
        self.pages.addTab(list_page, "名册")
        self.pages.addTab(self.review, "年度考察评议")
        self.pages.addTab(self.coverage, "一乡一库")
        self.pages.addTab(self.cadres, "村两委")
        self.pages.currentChanged.connect(self._page_shown)
        outer.addWidget(self.pages)

    def _page_shown(self, i: int) -> None:
        page = self.pages.widget(i)
        if page in (self.review, self.coverage, self.cadres) and not page.loaded:
            page.load()

    # -- actions ------------------------------------------------------------------------------------
    def tell(self, text: str, title: str = "后备干部") -> None:
        QMessageBox.information(self, title, text)

    def _one_row(self) -> int | None:
        rows = self.selected_rows()
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        if len(rows) != 1:
            self.tell("请先在名册中选中一名后备干部" if not rows else "一次只能办理一人，请只选中一行")
            return None
        return rows[0]

    def selected_person(self) -> str | None:
        """The person of the one membership selected (None after saying what to select)."""
        row = self._one_row()
        if row is None:
            return None
        from rural_cadre_desktop.core.reserves.query import person_ids_of
        return person_ids_of([self.model.row_key(row)])[0]

    def archive_selected(self) -> None:
        """一人一档 of the selected member (any status: a left member's archive is kept too)."""
        row = self._one_row()
        if row is None:
            return
        from rural_cadre_desktop.core.reserves.query import person_ids_of
        from rural_cadre_desktop.gui.reserves import ArchiveDialog
        person_id = person_ids_of([self.model.row_key(row)])[0]
        self.archive = ArchiveDialog(self, person_id)
        self.archive.open()

    def _selected(self) -> tuple[str, dict] | None:
        """The membership selected in the list, with its 资格联审 state; None (after saying so)
        when none or several are selected, or it has left the pool."""
        row = self._one_row()
        if row is None:
            return None
        rid = self.model.row_key(row)
        try:
            state = services.next_step(rid)
        except UserError as e:
            self.tell(e.zh)
            return None
        if state["status"] != "active":
            self.tell(f"“{state['name']}”的这条后备记录已出库，不能再办理")
            return None
        return rid, state

    def _open(self, dlg) -> None:
        self.dialog = dlg
        dlg.saved.connect(self._saved)
        dlg.finished.connect(lambda _result: setattr(self, "dialog", None))
        dlg.open()

    def _saved(self, outcome) -> None:
        """After a write that took the person out of the pool: say so, and name a village now
        without a secretary candidate."""
        if outcome.left:
            self.tell("已办理出库，记录保留。" + gap_text([outcome.gap]))

    def add(self) -> None:
        self._open(AddDialog(self))

    def vet_selected(self) -> None:
        picked = self._selected()
        if picked is None:
            return
        rid, state = picked
        if state["step"] is None:
            self.tell(f"“{state['name']}”已通过{'、'.join(codes.VETTING_STEPS.values())}，资格联审已完成")
            return
        self._open(VetDialog(rid, state, self))

    def remove_selected(self) -> None:
        picked = self._selected()
        if picked is not None:
            self._open(RemoveDialog(*picked, self))
