"""The 干部任免审批表 (.lrmx) in the GUI, over core/lrmx.py (the same functions as `lrmx import/export`):

- 导入任免审批表(.lrmx)…: the file is read and checked, then ImportPreviewDialog shows what the
  import WOULD change (core.lrmx.plan_import, what `lrmx import --dry-run` prints: a new person, or
  each field old → new, the counts of résumé/family lines) before anything is written; 确定导入
  writes it on the writer thread (core.lrmx.apply_import, audited `lrmx-import`). A malformed or
  foreign file shows core's refusal sentence and changes nothing.
- 导出任免审批表(.lrmx)…: one person's file (ID number in full), audited `lrmx-export person <id>`.
- 批量导出本村任免审批表…: BatchExportDialog — a village, whose people (在库后备干部, or everyone of
  the village as `lrmx export --village`), a folder; run off the UI thread with progress and cancel
  (core/reserves/lrmx_batch.py), audited `lrmx-export village <name> <n> people`.

`lrmx_menu_button(parent, selected_person)` is the 后备干部 tab's one button for the three.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import lrmx, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui import file_dialogs, operations
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import table_view

FILTER = "干部任免审批表 (*.lrmx);;所有文件 (*)"
TITLE = "干部任免审批表"
IMPORT_CHANGES = frozenset({"people", "returnees", "reserves"})


def _warn(parent: QWidget | None, e: BaseException, what: str = "操作") -> None:
    text = e.zh if isinstance(e, UserError) else f"{what}失败：{e}。请重试；如仍失败，请把日志发给技术支持。"
    QMessageBox.warning(parent, TITLE, text)


# -- import ---------------------------------------------------------------------------------------
def read_plan(path) -> lrmx.Plan:
    """The file read, checked and compared with the ledger (nothing written); UserError when refused."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"无法读取 {path.name}：{e.strerror}，请检查文件名和路径", f"cannot read {path}: {e.strerror}") from e
    return lrmx.plan_import(lrmx.parse(data))


class ImportPreviewDialog(QDialog):
    """What the import would change; 确定导入 writes it. `imported(plan)` after the commit."""
    imported = Signal(object)

    def __init__(self, parent: QWidget | None, plan: lrmx.Plan, path):
        super().__init__(parent)
        self.setObjectName("LrmxImportPreview")
        self.setWindowTitle("导入任免审批表 — 导入前核对")
        self.plan, self.path, self.op = plan, Path(path), None
        parsed = plan.parsed
        if plan.new:
            head = f"将新建人员：{parsed.name}（{len(plan.changes)} 项内容）"
        elif plan.changes:
            head = f"将更新台账中的 {parsed.name}（{len(plan.changes)} 项改动）"
        else:
            head = f"{parsed.name}：台账中的信息与文件一致，没有改动"
        self.heading = QLabel(f"文件：{self.path.name}\n{head}。以下内容确定后才写入台账：", self, objectName="lrmx_heading")
        self.model = RowsModel(["项目", "台账中原有", "文件中的（导入后）"],
                               [(c.label, c.old or "（空）", c.new) for c in plan.changes], tooltips=True)
        self.view = table_view(self.model, "lrmx_changes")
        self.view.setWordWrap(True)
        self.notes = QLabel("\n".join(f"注意：{w}" for w in parsed.warnings), self, objectName="lrmx_warnings")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(parsed.warnings))
        self.message = QLabel(self, objectName="message")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(ok | cancel, self)
        self.ok = self.buttons.button(ok)
        self.ok.setText("确定导入")
        self.ok.setObjectName("lrmx_import_ok")
        self.ok.setEnabled(bool(plan.changes))
        self.buttons.button(cancel).setText("取消")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.view.resizeColumnsToContents()
        head_view = self.view.horizontalHeader()
        for col, most in ((1, 260), (2, 320)):
            head_view.resizeSection(col, min(head_view.sectionSize(col), most))
        self.resize(760, 440)

    def apply(self) -> None:
        if self.op is not None:
            return
        parsed = self.plan.parsed
        self.ok.setEnabled(False)
        self.message.setText("正在导入…")

        def done(plan) -> None:
            self.op = None
            self.plan = plan
            self.imported.emit(plan)
            self.accept()

        def failed(e) -> None:
            self.op = None
            self.ok.setEnabled(True)
            self.message.setText(e.zh if isinstance(e, UserError) else f"导入失败：{e}。请重试。")
        self.op = operations.run_op(self, lambda ctx: lrmx.apply_import(parsed), write=True, label="正在导入…",
                                    on_success=done, on_failure=failed, changes=IMPORT_CHANGES)

    def reject(self) -> None:
        if self.op is None:          # a write under way finishes (and closes) first
            super().reject()


def start_import(parent: QWidget | None, person_id: str | None = None) -> ImportPreviewDialog | None:
    """Ask for a file, check it, open the preview (or say why not). With `person_id` (from an
    archive) the file must be that person's."""
    path, _ = file_dialogs.open_file_name(parent, "导入任免审批表", "", FILTER)
    if not path:
        return None
    try:
        plan = read_plan(path)
        if person_id is not None and plan.person_id != person_id:
            raise UserError(f"文件中的人员“{plan.parsed.name}”与本档案不是同一人（身份证号不同），"
                            "请在后备干部名册中用“导入任免审批表”导入", "the file is another person's")
    except UserError as e:
        _warn(parent, e)
        return None
    dlg = ImportPreviewDialog(parent, plan, path)
    dlg.open()
    return dlg


# -- export ---------------------------------------------------------------------------------------
def export_one(parent: QWidget | None, person_id: str):
    """Save one person's .lrmx (the ID number in full), audited; returns the Op or None."""
    try:
        pid, name = lrmx.export_person_info(person_id)
    except UserError as e:
        _warn(parent, e)
        return None
    path, _ = file_dialogs.save_file_name(parent, "导出任免审批表", f"{name}.lrmx", FILTER)
    if not path:
        return None
    from rural_cadre_desktop.core.outputs import write_bytes_atomic
    return operations.run_op(
        parent, lambda ctx: write_bytes_atomic(lrmx.export_person(pid), path), label="正在导出…",
        audit=("lrmx-export", f"person {pid}"),
        on_success=lambda p: QMessageBox.information(parent, TITLE, f"已导出 {name} 的任免审批表：\n{p}"),
        on_failure=lambda e: _warn(parent, e, "导出"))


class BatchExportDialog(QDialog):
    """批量导出本村任免审批表: village, whose, folder → one .lrmx per person. `exported(paths)`."""
    exported = Signal(object)

    def __init__(self, parent: QWidget | None = None, village: str | None = None):
        super().__init__(parent)
        self.setObjectName("LrmxBatchExport")
        self.setWindowTitle("批量导出本村任免审批表")
        self.op = None
        self.village = QComboBox(self, objectName="lrmx_village")
        for v in regions.villages():
            self.village.addItem(v.name, v.name)
        if village:
            self.village.setCurrentIndex(max(self.village.findData(village), 0))
        self.reserves_only = QRadioButton("本村在库后备干部", self, objectName="lrmx_reserves_only")
        self.everyone = QRadioButton("本村全部人员", self, objectName="lrmx_everyone")
        self.reserves_only.setChecked(True)
        self.folder = QLineEdit(self, objectName="lrmx_folder")
        self.folder.setPlaceholderText("选择保存的文件夹")
        self.browse = QPushButton("选择(&B)…", self, objectName="lrmx_browse")
        self.count = QLabel(self, objectName="lrmx_count")
        self.message = QLabel(self, objectName="message")
        self.message.setWordWrap(True)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(ok | cancel, self)
        self.ok = self.buttons.button(ok)
        self.ok.setText("导出")
        self.buttons.button(cancel).setText("关闭")
        whose = QHBoxLayout()
        whose.addWidget(self.reserves_only)
        whose.addWidget(self.everyone)
        whose.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("村(社区)(&V)：", self.village)
        form.addRow("导出谁：", whose)
        form.addRow("文件夹(&F)：", where)
        form.addRow("", self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("每人一个 .lrmx 文件（身份证号完整写出，导出记入审计日志）。", self))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.browse.clicked.connect(lambda: self.choose_folder())
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.village.currentIndexChanged.connect(lambda _i: self.update_count())
        self.reserves_only.toggled.connect(lambda _on: self.update_count())
        self.update_count()
        self.resize(520, 240)

    def people(self) -> list[tuple[str, str]]:
        from rural_cadre_desktop.core.reserves.lrmx_batch import people_of
        return people_of(self.village.currentData() or "", self.reserves_only.isChecked()) \
            if self.village.currentData() else []

    def update_count(self) -> None:
        try:
            n = len(self.people())
        except UserError as e:
            self.count.setText(e.zh)
            return
        self.count.setText(f"将导出 {n} 人" if n else "没有可导出的人员")

    def choose_folder(self) -> None:
        folder = file_dialogs.existing_directory(self, "选择保存任免审批表的文件夹", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def export(self) -> None:
        if self.op is not None:
            return
        folder = self.folder.text().strip()
        if not folder:
            self.message.setText("请先选择保存的文件夹")
            return
        village = self.village.currentData() or ""
        try:
            people = self.people()
        except UserError as e:
            self.message.setText(e.zh)
            return
        from rural_cadre_desktop.core.reserves.lrmx_batch import export_folder

        def work(ctx):
            return export_folder(people, folder, progress=lambda i, n: ctx.progress(i, n, f"已生成 {i}/{n} 人"),
                                 check_cancel=ctx.check_cancel)

        def done(paths) -> None:
            self.op = None
            self.ok.setEnabled(True)
            self.message.setText(f"已导出 {village} {len(paths)} 人的任免审批表到 {folder}")
            self.exported.emit(paths)

        def failed(e) -> None:
            self.op = None
            self.ok.setEnabled(True)
            self.message.setText(e.zh if isinstance(e, UserError) else f"导出失败：{e}。请重试。")

        def cancelled() -> None:
            self.op = None
            self.ok.setEnabled(True)
            self.message.setText("已取消，没有写出文件。")
        self.ok.setEnabled(False)
        self.message.setText("正在导出…")
        self.op = operations.run_op(self, work, label=f"正在导出 {village} 的任免审批表…", on_success=done,
                                    on_failure=failed,
                                    audit=lambda paths: ("lrmx-export", f"village {village} {len(paths)} people"))
        self.op.cancelled.connect(cancelled)


def lrmx_menu_button(parent: QWidget, selected_person: Callable[[], str | None]) -> QToolButton:
    """One button with the three actions; `selected_person()` gives the person to export (or
    None after saying why)."""
    button = QToolButton(parent, objectName="reserve_lrmx")
    button.setText("任免审批表(&L)")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    holder = {"dialog": None}

    def export_selected() -> None:
        pid = selected_person()
        if pid:
            export_one(parent, pid)

    def batch() -> None:
        holder["dialog"] = BatchExportDialog(parent)
        holder["dialog"].open()

    def do_import() -> None:
        holder["dialog"] = start_import(parent)

    menu.addAction("导入任免审批表(.lrmx)…").triggered.connect(lambda: do_import())
    menu.addAction("导出任免审批表(.lrmx)…").triggered.connect(lambda: export_selected())
    menu.addAction("批量导出本村任免审批表…").triggered.connect(lambda: batch())
    button.setMenu(menu)
    button.dialogs = holder                 # the dialog opened last (tests and the tab look here)
    return button
