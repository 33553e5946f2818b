"""The main window's document and spreadsheet actions: what the 文件 and 打印 menus do.

Kept apart from main_window.py so the window stays a frame; each action reads the current tab's
selection, builds off the UI thread (gui/documents.generate_pdf, gui/operations.run_op) and shows
the result in the print preview or tells where it was saved.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui.operations import run_op

LEDGER_KINDS = {"returnees": "返乡人员台账", "reserves": "后备干部台账", "trainings": "培训班台账",
                "attendance": "参训花名册"}


class WindowActions:
    def __init__(self, window):
        self.w = window
        self.dialog = None          # the dialog last opened, for whoever drives the window (tests)
        self.op = None

    # -- selection --------------------------------------------------------------------------
    def _tab_kind(self) -> str:
        tab = self.w.tabs.currentWidget()
        return {id(self.w.returnees): "returnees", id(self.w.reserves): "reserves",
                id(self.w.trainings): "trainings"}.get(id(tab), "returnees")

    def selected_person_ids(self) -> list[str]:
        kind = self._tab_kind()
        if kind == "returnees":
            tab = self.w.returnees
            return [tab.model.person_id(r) for r in tab.selected_rows()]
        if kind == "reserves":
            from rural_cadre_desktop.core.models import ReserveCadre
            tab = self.w.reserves
            keys = [tab.model.row_key(i.row()) for i in tab.view.selectionModel().selectedRows()]
            return [r.person_id for r in ReserveCadre.select().where(ReserveCadre.id.in_(keys))]
        return []

    def _listed_returnee_ids(self) -> list[str]:
        from rural_cadre_desktop.core.returnees import query
        return query.person_ids(self.w.returnees.model.q)

    def warn(self, text: str) -> None:
        QMessageBox.information(self.w, "提示", text)

    # -- printing ---------------------------------------------------------------------------
    def invitations(self) -> None:
        from rural_cadre_desktop.gui.documents import InvitationBatchDialog
        self.w.tabs.setCurrentWidget(self.w.returnees)
        ids = self.selected_person_ids()
        if not ids:
            listed = self.w.returnees.model.total()
            if not listed:
                self.warn("列表中没有人员；请先清除筛选条件")
                return
            if QMessageBox.question(self.w, "打印邀请函",
                                    f"没有选中人员。要给列表中的全部 {listed} 人打印邀请函吗？") != \
                    QMessageBox.StandardButton.Yes:
                return
            ids = self._listed_returnee_ids()
        self.dialog = InvitationBatchDialog(self.w, ids)
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

    def ledger_pdf(self, kind: str | None = None) -> None:
        kind = kind or self._tab_kind()
        from rural_cadre_desktop.core.ledgers import standard
        from rural_cadre_desktop.reports.ledger import build_ledger
        self._pdf(lambda path, ctx: build_ledger(path, standard.ledger(kind)),
                  f"{LEDGER_KINDS[kind]} — 打印预览", "正在生成台账…")

    def _pdf(self, build, title: str, label: str) -> None:
        from rural_cadre_desktop.gui.documents import generate_pdf, open_print_preview

        def show(path):
            self.dialog = open_print_preview(self.w, path, title)
        self.op = generate_pdf(self.w, build, show, label)

    # -- spreadsheets -----------------------------------------------------------------------
    def import_ledger(self) -> None:
        from rural_cadre_desktop.gui.ledgers import ImportWizard
        self.dialog = ImportWizard(self.w)
        self.dialog.finished.connect(lambda _r: self.w.reload())
        self.dialog.open()

    def export_ledger(self, kind: str | None = None, path: str | None = None) -> None:
        kind = kind or self._tab_kind()
        if path is None:
            default = f"{LEDGER_KINDS[kind]}-{dt.date.today():%Y%m%d}.xlsx"
            path, _ = QFileDialog.getSaveFileName(self.w, "导出台账", default, "Excel 工作簿 (*.xlsx)")
            if not path:
                return
        from rural_cadre_desktop.core.ledgers.export import export_ledger

        def done(n):
            self.w.statusBar().showMessage(f"已导出 {n} 条到 {path}", 8000)

        def failed(e):
            QMessageBox.warning(self.w, "导出台账", e.zh if isinstance(e, UserError) else f"导出失败：{e}")
        self.op = run_op(self.w, lambda ctx: export_ledger(kind, path), label="正在导出…",
                         on_success=done, on_failure=failed)
