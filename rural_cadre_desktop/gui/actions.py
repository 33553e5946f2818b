"""The main window's document and spreadsheet actions: what the 文件 and 打印 menus do.

Kept apart from main_window.py so the window stays a frame; each action reads the current tab,
builds off the UI thread (gui/documents.generate_pdf, gui/operations.run_op) and shows the result
in the print preview or tells where it was saved.

"当前列表" is exactly what the current list tab shows — its filter, its order — or, when several
rows are selected, what the clerk picks of "选中的 N 人" / "当前列表 M 人" (gui/scope.py). The ids
are the list's record ids (returnee.id, reserve_cadre.id, training_session.id), read on the worker
in one query for a whole list, and handed to core.ledgers as `ids`: those rows, in that order.
Every such action names its scope and count (preview title, status bar).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import QInputDialog, QMessageBox

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.scope import SELECTED, choose_scope, scope_label

LEDGER_KINDS = {"returnees": "返乡人员台账", "reserves": "后备干部台账", "trainings": "培训班台账",
                "attendance": "参训花名册"}


@dataclass
class ListRows:
    """The rows a list-level action takes: which kind, "selected" or "list", how many, and a
    function giving their record ids in the list's order (called on the worker)."""
    kind: str
    scope: str
    count: int
    unit: str
    fetch: Callable[[], list]

    @property
    def label(self) -> str:
        return scope_label(self.scope, self.count, self.unit)

    @property
    def which(self) -> str:
        return "选中的" if self.scope == SELECTED else "当前列表的"


def _progress(ctx, text: str):
    """core's progress(done, total): reports, and raises Cancelled once the clerk pressed 取消."""
    def report(done: int, total: int) -> None:
        ctx.check_cancel()
        ctx.progress(done, total, text)
    return report


class WindowActions:
    def __init__(self, window):
        self.w = window
        self.dialog = None          # the dialog last opened, for whoever drives the window (tests)
        self.op = None

    # -- selection --------------------------------------------------------------------------
    def _tab_kind(self, tab=None) -> str | None:
        tab = tab if tab is not None else self.w.tabs.currentWidget()
        return {id(self.w.returnees): "returnees", id(self.w.reserves): "reserves",
                id(self.w.trainings): "trainings"}.get(id(tab))

    def selected_person_ids(self) -> list[str]:
        kind = self._tab_kind()
        if kind == "returnees":
            tab = self.w.returnees
            return [tab.model.person_id(r) for r in tab.selected_rows()]
        if kind == "reserves":
            from rural_cadre_desktop.core.models import ReserveCadre
            tab = self.w.reserves
            keys = [tab.model.row_key(r) for r in tab.selected_rows()]
            return [r.person_id for r in ReserveCadre.select().where(ReserveCadre.id.in_(keys))]
        return []

    def current_list(self, title: str, what: str) -> ListRows | None:
        """The rows of the current list tab an action takes (asking when several are selected)."""
        tab = self.w.tabs.currentWidget()
        kind = self._tab_kind(tab)
        if kind is None:
            self.warn(f"请先切换到“返乡人员”“后备干部”或“培训记录”列表，再{what}当前列表")
            return None
        rows, listed = tab.selected_rows(), tab.model.total()
        scope = choose_scope(self.w, title, len(rows), listed, tab.unit, what)
        if scope is None:
            return None
        if scope == SELECTED:
            ids = [tab.model.returnee_id(r) if kind == "returnees" else tab.model.row_key(r) for r in rows]
            return ListRows(kind, scope, len(ids), tab.unit, lambda: ids)
        if not listed:
            self.warn(f"“{tab.title}”列表中没有记录，没有可{what}的内容；请先清除筛选条件")
            return None
        if kind == "returnees":
            from rural_cadre_desktop.core.returnees import query
            q = tab.model.q
            fetch = lambda: query.returnee_ids(q)     # runs on the worker
        else:
            fetch = tab.model.keys_fetcher()
        return ListRows(kind, "list", listed, tab.unit, fetch)

    def warn(self, text: str) -> None:
        QMessageBox.information(self.w, "提示", text)

    def status(self, text: str) -> None:
        self.w.statusBar().showMessage(text, 10000)

    # -- printing ---------------------------------------------------------------------------
    def invitations(self) -> None:
        """邀请函: for the returnee list — the selected people or everyone it shows (the batch
        dialog offers both, says how many, and leaves out those already back unless asked)."""
        from rural_cadre_desktop.gui.documents import InvitationBatchDialog
        from rural_cadre_desktop.gui.documents.batch import Recipients
        tab = self.w.returnees
        self.w.tabs.setCurrentWidget(tab)
        rows, listed = tab.selected_rows(), tab.model.total()
        if not rows and not listed:
            self.warn("列表中没有人员；请先清除筛选条件")
            return
        groups = []
        if rows:
            groups.append(Recipients.from_pairs(f"选中的 {len(rows)} 人",
                                                [(tab.model.person_id(r), tab.model.status(r)) for r in rows]))
        if listed:
            groups.append(Recipients.of_query(f"当前列表 {listed} 人", tab.model.q))
        self.dialog = InvitationBatchDialog(self.w, groups)
        self.dialog.open()

    def edit_letter_template(self) -> None:
        from rural_cadre_desktop.gui.documents import TemplateEditorDialog
        self.dialog = TemplateEditorDialog(self.w)
        self.dialog.open()

    def archive(self) -> None:
        ids = self.selected_person_ids()
        if len(ids) != 1:
            self.warn("请先在“返乡人员”或“后备干部”列表中选中一人，再打印档案表")
            return
        from rural_cadre_desktop.core import documents
        from rural_cadre_desktop.reports.archive import build_archive
        pid = ids[0]
        self._pdf(lambda path, ctx: build_archive(path, [documents.archive(pid)]), "一人一档 — 打印预览",
                  "正在生成档案表…")

    def village_book(self) -> None:
        from rural_cadre_desktop.core import regions
        names = [v.name for v in regions.villages()]
        if not names:
            self.warn("还没有村(社区)；请先在 设置 → 村(社区) 中添加")
            return
        name, ok = QInputDialog.getItem(self.w, "打印村册", "选择村(社区)：", names, 0, False)
        if not ok:
            return
        from rural_cadre_desktop.core import documents
        from rural_cadre_desktop.reports.village_book import build_village_book
        year = dt.date.today().year
        self._pdf(lambda path, ctx: build_village_book(path, documents.village_book(name, year)),
                  f"{name} 一村一册 — 打印预览", "正在生成村册…")

    def ledger_pdf(self) -> None:
        """打印 → 当前列表的台账: the current list's rows (or the selected ones), in its order."""
        rows = self.current_list("打印台账", "打印")
        if rows is None:
            return
        from rural_cadre_desktop.core.ledgers import standard
        from rural_cadre_desktop.reports.ledger import build_ledger
        name, kind = LEDGER_KINDS[rows.kind], rows.kind
        made: dict = {}

        def build(path, ctx):
            ledger = standard.ledger(kind, ids=rows.fetch(), progress=_progress(ctx, "正在整理台账…"))
            made["rows"] = len(ledger.rows)
            build_ledger(path, ledger, progress=_progress(ctx, "正在排版…"))
        self.status(f"正在生成{name}：{rows.label}")
        self._pdf(build, f"{name}（{rows.label}）— 打印预览", f"正在生成{name}（{rows.label}）…",
                  lambda: f"已生成{name}：{rows.which} {made.get('rows', rows.count)} {rows.unit}")

    def attendance_pdf(self) -> None:
        """打印 → 参训花名册: the attendees of the training selected in 培训记录."""
        tab = self.w.trainings
        rows = tab.selected_rows()
        if len(rows) != 1:
            self.w.tabs.setCurrentWidget(tab)
            self.warn("请先在“培训记录”列表中选中一期培训班，再打印它的参训花名册" if not rows else
                      f"选中了 {len(rows)} 期培训班；参训花名册一次打印一期，请只选中一期")
            return
        m, r = tab.model, rows[0]
        labels = [c.label for c in m.columns()]
        training_id = m.row_key(r)
        name = m.data(m.index(r, labels.index("名称")))
        attendees = m.data(m.index(r, labels.index("参训人数")))
        if attendees in ("", "0"):
            self.warn(f"“{name}”还没有参训人员，没有可打印的花名册")
            return
        from rural_cadre_desktop.core.ledgers import standard
        from rural_cadre_desktop.reports.ledger import build_ledger

        def build(path, ctx):
            ledger = standard.ledger("attendance", training=training_id, progress=_progress(ctx, "正在整理花名册…"))
            build_ledger(path, ledger, progress=_progress(ctx, "正在排版…"))
        self.status(f"正在生成“{name}”的参训花名册：{attendees} 人")
        self._pdf(build, f"参训花名册：{name}（{attendees} 人）— 打印预览", "正在生成参训花名册…",
                  lambda: f"已生成“{name}”的参训花名册：{attendees} 人")

    def _pdf(self, build, title: str, label: str, done_text: Callable[[], str] | None = None) -> None:
        from rural_cadre_desktop.gui.documents import generate_pdf, open_print_preview

        def show(path):
            self.dialog = open_print_preview(self.w, path, title)
            if done_text is not None:
                self.status(done_text())
        self.op = generate_pdf(self.w, build, show, label)

    # -- spreadsheets -----------------------------------------------------------------------
    def import_ledger(self) -> None:
        from rural_cadre_desktop.gui.ledgers import ImportWizard
        self.dialog = ImportWizard(self.w)
        self.dialog.finished.connect(lambda _r: self.w.reload())
        self.dialog.open()

    def export_ledger(self) -> None:
        """文件 → 导出当前列表台账为 Excel: asks where, then exports the current list's rows."""
        rows = self.current_list("导出台账", "导出")
        if rows is None:
            return
        default = f"{LEDGER_KINDS[rows.kind]}-{dt.date.today():%Y%m%d}.xlsx"
        path, _ = file_dialogs.save_file_name(self.w, f"导出台账（{rows.label}）", default, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        self.export_ledger_to(rows, path)

    def export_ledger_to(self, rows: ListRows, path: str) -> None:
        from rural_cadre_desktop.core.ledgers.export import export_ledger
        kind = rows.kind

        def work(ctx):
            return export_ledger(kind, path, ids=rows.fetch(), progress=_progress(ctx, "正在导出…"))

        def done(n):
            self.status(f"已导出{rows.which} {n} {rows.unit}到 {path}")

        def failed(e):
            QMessageBox.warning(self.w, "导出台账", e.zh if isinstance(e, UserError) else f"导出失败：{e}")
        self.status(f"正在导出{LEDGER_KINDS[kind]}：{rows.label}")
        self.op = run_op(self.w, work, label=f"正在导出（{rows.label}）…", on_success=done, on_failure=failed)
