"""参训人员 of the class selected above: who attended, their days, exam and certificate
(core/trainings/report_export.ROSTER), with 添加学员… (the picker), 修改… (one row), 移除 (confirmed,
tombstones) and 导入签到表… (the ledger import wizard preset to 培训参训名单 and this class). The
list reloads itself on the data-changed notice."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.trainings import report_export, services
from rural_cadre_desktop.gui import formatters as f
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.table_model import SqlTableModel, reload_keeping_place
from rural_cadre_desktop.gui.table_views import list_view
from rural_cadre_desktop.gui.trainings.attendance_dialog import AttendanceDialog
from rural_cadre_desktop.gui.trainings.picker import PickerDialog
from rural_cadre_desktop.gui.trainings.widgets import refusal_text, write


def post_labels(value: str | None) -> str:
    """"secretary,director" → "书记、主任"."""
    if not value:
        return ""
    return "、".join(codes.CADRE_POSTS.get(p, p) for p in dict.fromkeys(value.split(",")))


FORMATS = {"posts": post_labels, "attended_days": f.number}


class AttendancePane(QWidget):
    shows = frozenset({"attendance", "trainings", "people", "cadres", "villages"})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.training_id: str | None = None
        self.training_name = ""
        self.dialog = None                       # the dialog open now (for whoever drives the window)
        self.model = SqlTableModel(report_export.ROSTER, report_export.roster_query(""), formats=FORMATS,
                                   align_right=("attended_days",))
        self.view = list_view(self.model, "attendance_view", self)
        self.title = QLabel("参训人员：请在上方选中一期培训班", self, objectName="attendance_title")
        self.add_button = QPushButton("添加学员(&J)…", self, objectName="attendance_add")
        self.edit_button = QPushButton("修改参训情况(&M)…", self, objectName="attendance_edit")
        self.remove_button = QPushButton("移除(&R)", self, objectName="attendance_remove")
        self.import_button = QPushButton("导入签到表(&S)…", self, objectName="attendance_import")
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for b in (self.add_button, self.edit_button, self.remove_button, self.import_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.import_button.clicked.connect(lambda: self.import_sheet())
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        operations.changes.data_changed.connect(self.on_data_changed)
        self._enable()

    # -- which class ----------------------------------------------------------------------------
    def show_training(self, training_id: str | None, name: str = "") -> None:
        self.training_id, self.training_name = training_id, name
        self.model.set_query(report_export.roster_query(training_id or ""))
        self._title()
        self._enable()
        self.view.resizeColumnsToContents()

    def _title(self) -> None:
        if self.training_id:
            self.title.setText(f"参训人员：{self.training_name}（{self.model.total()} 人）")
        else:
            self.title.setText("参训人员：请在上方选中一期培训班")

    def _enable(self) -> None:
        for b in (self.add_button, self.edit_button, self.remove_button, self.import_button):
            b.setEnabled(self.training_id is not None)

    def on_data_changed(self, kinds) -> None:
        if self.training_id and operations.affects(kinds, *self.shows):
            reload_keeping_place(self.view, self.model.refresh, self.model.row_key)
            self._title()

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        return [self.model.row_key(r) for r in rows]

    def tell(self, text: str) -> None:
        QMessageBox.information(self, "参训人员", text)

    def status(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 10000)

    # -- actions --------------------------------------------------------------------------------
    def add(self) -> None:
        if not self.training_id:
            return
        self.dialog = PickerDialog(self.training_id, self.training_name, self)
        self.dialog.saved.connect(lambda text: self.status(f"“{self.training_name}”：{text}"))
        self.dialog.open()

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            self.tell("请先在参训人员中选中一人" if not ids else "一次只能修改一人的参训情况，请只选中一行")
            return
        entry = report_export.attendance_entry(ids[0])
        if entry is None:
            self.tell("这条参训记录已被移除，请刷新后再试")
            return
        self.dialog = AttendanceDialog(entry, self.training_name, self)
        self.dialog.open()

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.tell("请先在参训人员中选中要移除的人")
            return
        name = self.model.data(self.model.index(self.model.find(ids[0]), 0)) if len(ids) == 1 else None
        who = f"“{name}”" if name else f"选中的 {len(ids)} 人"
        answer = QMessageBox.question(self, "移除参训人员", f"从“{self.training_name}”的参训名单中移除{who}吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        write(self, lambda: services.remove_attendance(ids), "正在移除…",
              lambda _r: self.status(f"已从“{self.training_name}”移除{who}"),
              lambda e: QMessageBox.warning(self, "未能移除", refusal_text(e)), changes={"attendance"})

    def import_sheet(self) -> None:
        """导入签到表: the ledger import wizard, kind 培训参训名单, this class chosen."""
        if not self.training_id:
            return
        from rural_cadre_desktop.gui.ledgers import ImportWizard
        self.dialog = ImportWizard(self.window(), kind="attendance", training_id=self.training_id)
        self.dialog.open()
