"""The main window's document and spreadsheet actions: what the 文件 and 打印 menus do.

Kept apart from main_window.py so the window stays a frame; each action reads the current tab,
builds off the UI thread (gui/operations.run_op) and shows the result in the print preview or
tells where it was saved.

Which ledgers, under which titles: the record kinds' declarations (core/kinds). A kind with a
ledger and a list tab (MainWindow.list_tabs) prints and exports "当前列表" from that tab; a
roster ledger (`LedgerSpec.roster_of`: 参训花名册 of a training) prints and exports for the one
record selected in its parent kind's tab. Exports and prints are audited like their command-line
twins, the audit row written on the writer thread once the file is made (run_op's `audit`).

"当前列表" is exactly what the current list tab shows — its filter, its order — or, when several
rows are selected, what the clerk picks of "选中的 N 人" / "当前列表 M 人" (gui/scope.py). The ids
are the list's record ids (returnee.id, reserve_cadre.id, training_session.id), read on the worker
in one query for a whole list, and handed to core.ledgers as `ids`: those rows, in that order.
Every such action names its scope and count (preview title, status bar).
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QInputDialog, QMessageBox

from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.kinds import roster_words, rosters  # noqa: F401 - the menus' words
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.scope import SELECTED, choose_scope, scope_label


def ledger_title(kind: str) -> str:
    """The one title of a kind's ledger (core/kinds), as the .xlsx and the PDF carry it."""
    return kinds.ledger_kind(kind).ledger.title


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
        """The kind the (current) tab lists, if it is a list tab."""
        tab = tab if tab is not None else self.w.tabs.currentWidget()
        return next((kind for kind, t in self.w.list_tabs.items() if t is tab), None)

    @staticmethod
    def _record_ids(tab, rows: list[int]) -> list[str]:
        """The record ids of these rows of a list tab (the returnee list's rows are people and
        their returnee records; the others are keyed by the record id)."""
        model = tab.model
        if hasattr(model, "returnee_id"):
            return [model.returnee_id(r) for r in rows]
        return [model.row_key(r) for r in rows]

    def selected_person_ids(self) -> list[str]:
        kind = self._tab_kind()
        if kind is None or not kinds.get(kind).person_bearing:
            return []
        tab = self.w.list_tabs[kind]
        rows = tab.selected_rows()
        if hasattr(tab.model, "person_id"):
            return [tab.model.person_id(r) for r in rows]
        return kinds.person_ids(kind, self._record_ids(tab, rows))

    def current_list(self, title: str, what: str) -> ListRows | None:
        """The rows of the current list tab an action takes (asking when several are selected)."""
        tab = self.w.tabs.currentWidget()
        kind = self._tab_kind(tab)
        if kind is None or kinds.KINDS[kind].ledger is None:
            names = "”“".join(t.title for k, t in self.w.list_tabs.items() if kinds.KINDS[k].ledger)
            self.warn(f"请先切换到“{names}”列表，再{what}当前列表")
            return None
        rows, listed = tab.selected_rows(), tab.model.total()
        scope = choose_scope(self.w, title, len(rows), listed, tab.unit, what)
        if scope is None:
            return None
        if scope == SELECTED:
            ids = self._record_ids(tab, rows)
            return ListRows(kind, scope, len(ids), tab.unit, lambda: ids)
        if not listed:
            self.warn(f"“{tab.title}”列表中没有记录，没有可{what}的内容；请先清除筛选条件")
            return None
        return ListRows(kind, "list", listed, tab.unit, self._keys_fetcher(tab))

    @staticmethod
    def _keys_fetcher(tab) -> Callable[[], list]:
        """A function (run on the worker) giving the record ids of every row the list shows, in
        its order: the list model's own, or for the returnee list its query's returnee ids."""
        if hasattr(tab.model, "keys_fetcher"):
            return tab.model.keys_fetcher()
        from rural_cadre_desktop.core.returnees import query
        q = tab.model.q
        return lambda: query.returnee_ids(q)

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
        from rural_cadre_desktop.core.reserves.book import sheet
        from rural_cadre_desktop.reports.archive import build_archive
        pid = ids[0]
        # the same sheet as `pdf archive`: the edited archive, 资格联审 steps and training history
        self._pdf(lambda path, ctx: build_archive(path, [sheet(pid)]), "一人一档 — 打印预览",
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
        from rural_cadre_desktop.core.reserves.book import village_book
        from rural_cadre_desktop.reports.village_book import build_village_book
        year = dt.date.today().year
        # the same book as `pdf village-book`: coverage, sitting 两委, roster, structure, sheets
        self._pdf(lambda path, ctx: build_village_book(path, village_book(name, year)),
                  f"{name} 一村一册 — 打印预览", "正在生成村册…")

    def ledger_pdf(self) -> None:
        """打印 → 当前列表的台账: the current list's rows (or the selected ones), in its order."""
        rows = self.current_list("打印台账", "打印")
        if rows is None:
            return
        from rural_cadre_desktop.core.ledgers import standard
        from rural_cadre_desktop.reports.ledger import build_ledger
        name, kind = ledger_title(rows.kind), rows.kind
        made: dict = {}

        def build(path, ctx):
            ledger = standard.ledger(kind, ids=rows.fetch(), progress=_progress(ctx, "正在整理台账…"))
            made["rows"] = len(ledger.rows)
            build_ledger(path, ledger, progress=_progress(ctx, "正在排版…"))
            return ("pdf", f"ledger {kind} {len(ledger.rows)} rows ({rows.label})")
        self.status(f"正在生成{name}：{rows.label}")
        self._pdf(build, f"{name}（{rows.label}）— 打印预览", f"正在生成{name}（{rows.label}）…",
                  lambda: f"已生成{name}：{rows.which} {made.get('rows', rows.count)} {rows.unit}")

    def _roster_source(self, kind: str, what: str):
        """(parent record id, its name) of the one record selected in the parent kind's list, or
        None after telling the clerk what to select."""
        spec = kinds.get(kind)
        parent, word = roster_words(spec)
        tab = self.w.list_tabs[spec.ledger.roster_of]
        rows = tab.selected_rows()
        if len(rows) != 1:
            self.w.tabs.setCurrentWidget(tab)
            self.warn(f"请先在“{tab.title}”列表中选中一{tab.unit}{parent}，再{what}它的{word}" if not rows else
                      f"选中了 {len(rows)} {tab.unit}{parent}；{word}一次{what}一{tab.unit}，请只选中一{tab.unit}")
            return None
        m, r = tab.model, rows[0]
        return m.row_key(r), m.data(m.index(r, 0))

    @staticmethod
    def _roster(kind: str, record_id: str, name: str, ctx, word: str):
        """The roster's ledger (on the worker); an empty one is refused."""
        from rural_cadre_desktop.core.ledgers import standard
        ledger = standard.ledger(kind, training=record_id, progress=_progress(ctx, f"正在整理{word}…"))
        if not ledger.rows:
            raise UserError(f"“{name}”的{word}中还没有人员，没有可输出的内容", f"{kind} of {record_id} is empty")
        return ledger

    def roster_pdf(self, kind: str) -> None:
        """打印 → 选中培训班的参训花名册: the roster of the record selected in the parent's list."""
        got = self._roster_source(kind, "打印")
        if got is None:
            return
        record_id, name = got
        from rural_cadre_desktop.reports.ledger import build_ledger
        _, word = roster_words(kinds.get(kind))
        made: dict = {}

        def build(path, ctx):
            ledger = self._roster(kind, record_id, name, ctx, word)
            made["rows"] = len(ledger.rows)
            build_ledger(path, ledger, progress=_progress(ctx, "正在排版…"))
            return ("pdf", f"ledger {kind} {len(ledger.rows)} rows ({ledger.scope})")
        self.status(f"正在生成“{name}”的{word}")
        self._pdf(build, lambda: f"{word}：{name}（{made.get('rows', 0)} 人）— 打印预览", f"正在生成{word}…",
                  lambda: f"已生成“{name}”的{word}：{made.get('rows', 0)} 人")

    def _pdf(self, build, title: str | Callable[[], str], label: str,
             done_text: Callable[[], str] | None = None) -> None:
        """Run build(path, ctx) off the UI thread into a temporary PDF and open it in the print
        preview (under `title`, or what title() says once it is made). `build` may return the
        audit row (action, detail), written on the writer thread once the PDF is made."""
        from rural_cadre_desktop.gui.documents import open_print_preview
        fd, path = tempfile.mkstemp(prefix="rcd-", suffix=".pdf")
        os.close(fd)
        audit: dict = {}

        def work(ctx):
            row = build(path, ctx)
            audit["row"] = row if isinstance(row, tuple) else None
            return path

        def show(_path):
            self.dialog = open_print_preview(self.w, path, title() if callable(title) else title)
            if done_text is not None:
                self.status(done_text())

        def failed(e):
            Path(path).unlink(missing_ok=True)
            QMessageBox.warning(self.w, "生成文档", e.zh if isinstance(e, UserError) else f"生成失败：{e}")
        self.op = run_op(self.w, work, label=label, on_success=show, on_failure=failed,
                         audit=lambda _result: audit.get("row"))
        self.op.cancelled.connect(lambda: Path(path).unlink(missing_ok=True))

    # -- spreadsheets -----------------------------------------------------------------------
    def import_ledger(self) -> None:
        from rural_cadre_desktop.gui.ledgers import ImportWizard
        self.dialog = ImportWizard(self.w)
        self.dialog.open()

    def export_ledger(self) -> None:
        """文件 → 导出当前列表台账为 Excel: asks where, then exports the current list's rows."""
        rows = self.current_list("导出台账", "导出")
        if rows is None:
            return
        default = f"{ledger_title(rows.kind)}-{dt.date.today():%Y%m%d}.xlsx"
        path, _ = file_dialogs.save_file_name(self.w, f"导出台账（{rows.label}）", default, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        self.export_ledger_to(rows, path)

    def export_ledger_to(self, rows: ListRows, path: str) -> None:
        kind = rows.kind
        self._export(kind, path, {"ids": rows.fetch}, f"{ledger_title(kind)}：{rows.label}",
                     f"正在导出（{rows.label}）…", lambda n: f"已导出{rows.which} {n} {rows.unit}到 {path}",
                     rows.label)

    def export_roster(self, kind: str) -> None:
        """文件 → 导出选中培训班的参训花名册为 Excel: the roster of the selected parent record."""
        got = self._roster_source(kind, "导出")
        if got is None:
            return
        record_id, name = got
        _, word = roster_words(kinds.get(kind))
        default = f"{word}-{name}-{dt.date.today():%Y%m%d}.xlsx"
        path, _ = file_dialogs.save_file_name(self.w, f"导出{word}（{name}）", default, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        self._export(kind, path, {"training": lambda: record_id}, f"“{name}”的{word}", f"正在导出{word}…",
                     lambda n: f"已导出“{name}”的{word} {n} 人到 {path}", name)

    def _export(self, kind: str, path: str, where: dict, what: str, label: str,
                done_text: Callable[[int], str], scope: str) -> None:
        """export_ledger on a worker; its audit row ("export-ledger") goes through run_op.
        `where`: export_ledger's row choice (ids / training), each value a function run on the worker."""
        from rural_cadre_desktop.core.ledgers.export import export_ledger

        def work(ctx):
            return export_ledger(kind, path, progress=_progress(ctx, "正在导出…"), audit=False,
                                 **{k: f() for k, f in where.items()})

        def failed(e):
            QMessageBox.warning(self.w, "导出台账", e.zh if isinstance(e, UserError) else f"导出失败：{e}")
        self.status(f"正在导出{what}")
        self.op = run_op(self.w, work, label=label, on_success=lambda n: self.status(done_text(n)),
                         on_failure=failed, audit=lambda n: ("export-ledger", f"{kind} {n} rows ({scope}) masked"))
