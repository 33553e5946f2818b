"""ArchiveDialog: 一人一档 of one person, editable. Sections as tabs: 基本情况 (the 干部任免审批表
facts on Person, with the returnee card's field editors and messages), 学历学位, 简历, 奖惩情况,
年度考核结果, 家庭成员 (editable tables), 照片 (4:5 crop), and the read-only 履历记录 the other tabs
record (后备干部 memberships with 资格联审 and 年度考察评议, the latest 负面清单 finding, trainings,
"八个一"), and 附件 (gui/attachments_box: scanned 推荐表, 考察材料, certificates; each change written
at once, not with 保存). Above the sections: 导入/导出任免审批表(.lrmx) (gui/reserves/lrmx_dialogs; an
import shows its changes first, must be this person's file, and reloads the dialog after writing).

    dlg = ArchiveDialog(parent, person_id); dlg.saved.connect(...); dlg.open()

保存 sends everything changed to ONE core service (core/archive.save_archive: all checks first, one
transaction, audited as `edit people`) on the writer thread; a refusal shows next to its field (or
selects its table cell) and under the form. Closing with unsaved changes asks 保存 / 不保存 / 取消.
"""
from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import attachments, regions
from rural_cadre_desktop.core.archive import (
    BASIC_FIELDS,
    PARTS,
    ArchiveChanges,
    load_archive,
    save_archive,
)
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.fields import PERSON_FIELDS
from rural_cadre_desktop.core.reserves.negative_list import latest_finding
from rural_cadre_desktop.gui.attachments_box import AttachmentsBox
from rural_cadre_desktop.gui.reserves import lrmx_dialogs
from rural_cadre_desktop.gui.reserves.archive_photo import PhotoPage
from rural_cadre_desktop.gui.reserves.archive_table import PartPage
from rural_cadre_desktop.gui.returnees.fields import FieldEditor
from rural_cadre_desktop.gui.returnees.form_dialog import FormDialog

CHANGES = {"people", "reserves", "returnees"}
HISTORY = [("reserves", "后备干部（资格联审、年度考察评议）"), ("trainings", "参加培训"), ("activities", "“八个一”活动")]


class ArchiveDialog(FormDialog):
    """`saved(person_id)` after the writer committed a save."""

    def __init__(self, parent: QWidget | None, person_id: str):
        super().__init__(parent)
        self.setObjectName("ArchiveDialog")
        self._closing = False
        self.lrmx = None                          # the .lrmx import preview open now
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sections")
        self.import_button = QPushButton("导入任免审批表(.lrmx)(&I)…", self, objectName="archive_lrmx_import")
        self.export_button = QPushButton("导出任免审批表(.lrmx)(&X)…", self, objectName="archive_lrmx_export")
        self.import_button.clicked.connect(lambda: self.import_lrmx())
        self.export_button.clicked.connect(lambda: self.export_lrmx())
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        self._populate(person_id)

        self._make_footer()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._fit_screen()

    def _populate(self, person_id: str) -> None:
        """(Re)build the sections from the stored archive."""
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        self.data = load_archive(person_id)
        self.person_id = self.data.person_id
        self.setWindowTitle(f"一人一档 — {self.data.person['name']}")
        self.editors: dict[str, FieldEditor] = {}
        self.dirty = False
        self.tabs.addTab(self._basic_page(), "基本情况")
        self.pages: dict[str, PartPage] = {}
        for key, part in PARTS.items():
            page = PartPage(part, self.data.parts[key], self.tabs)
            page.model.edited.connect(self._touch)
            self.pages[key] = page
            self.tabs.addTab(page, "家庭成员及社会关系" if key == "family" else part.title)
        self.photo = PhotoPage(self.data.photo, self.tabs)
        self.photo.changed.connect(self._touch)
        self.tabs.addTab(self.photo, "照片")
        self.tabs.addTab(self._history_page(), "履历记录")
        self.attachments = AttachmentsBox("person", self.person_id, attachments.ARCHIVE_KINDS, self.tabs)
        self.tabs.addTab(self.attachments, "附件")

    # -- building -------------------------------------------------------------------------------
    def _basic_page(self) -> QWidget:
        body = QWidget()
        grid = QGridLayout(body)
        forms = [QFormLayout(), QFormLayout()]
        for f in forms:
            f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        grid.addLayout(forms[0], 0, 0)
        grid.addLayout(forms[1], 0, 1)
        grid.setRowStretch(1, 1)
        half = (len(BASIC_FIELDS) + 2) // 2
        for i, name in enumerate(BASIC_FIELDS):
            spec = PERSON_FIELDS[name]
            ed = FieldEditor(spec, body, multiline=name == "specialty")
            ed.set_value(self.data.person[name] if spec.code_list is None else
                         spec.code_list.lookup(self.data.person[name]) if self.data.person[name] else "")
            ed.changed.connect(self._touch)
            ed.changed.connect(partial(self._check, ed))     # changed() carries nothing
            self.editors[name] = ed
            form = forms[0 if i < half else 1]
            form.addRow(spec.label + ("＊" if spec.required else ""), ed.widget)
            form.addRow("", ed.error)
        self.village = QComboBox(body)
        self.village.setObjectName("field_village")
        self.village.addItem("", "")
        for v in regions.villages():
            self.village.addItem(v.name, v.name)
        self.village.setCurrentIndex(max(self.village.findData(self.data.village), 0))
        self.village.currentIndexChanged.connect(self._touch)
        self.village_error = QLabel(body)
        self.village_error.setObjectName("error_village")
        self.village_error.setStyleSheet("color: #b91c1c;")
        forms[1].addRow("户籍所在村(社区)", self.village)
        forms[1].addRow("", self.village_error)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _history_page(self) -> QWidget:
        text = []
        finding = latest_finding(self.person_id)
        if finding is not None:
            text += ["【负面清单】", f"{finding[0]}年度考察评议记有：" + finding[1].replace("\n", "；"), ""]
        for key, title in HISTORY:
            lines = self.data.history.get(key) or ["（无）"]
            text += [f"【{title}】", *lines, ""]
        view = QPlainTextEdit()
        view.setObjectName("history")
        view.setReadOnly(True)
        view.setPlainText("\n".join(text))
        return view

    # -- .lrmx --------------------------------------------------------------------------------------
    def import_lrmx(self) -> None:
        if self.dirty:
            QMessageBox.information(self, "导入任免审批表", "档案有未保存的修改，请先保存（或关闭不保存）再导入")
            return
        self.lrmx = lrmx_dialogs.start_import(self, self.person_id)
        if self.lrmx is not None:
            self.lrmx.imported.connect(lambda _plan: self._populate(self.person_id))

    def export_lrmx(self) -> None:
        if self.dirty:
            QMessageBox.information(self, "导出任免审批表", "档案有未保存的修改，请先保存再导出（导出的是已保存的档案）")
            return
        lrmx_dialogs.export_one(self, self.person_id)

    def _fit_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() else self.screen()).availableGeometry()
        self.resize(min(960, int(screen.width() * 0.95)), min(680, int(screen.height() * 0.9)))

    # -- state ----------------------------------------------------------------------------------
    def _touch(self, *args) -> None:
        self.dirty = True

    @staticmethod
    def _check(ed: FieldEditor) -> None:
        try:
            ed.parse()
        except ValidationError:
            pass

    def changes(self) -> ArchiveChanges:
        """What the clerk changed since the dialog opened (the tables are sent whole)."""
        person = {}
        for name, ed in self.editors.items():
            raw = ed.raw()
            spec = PERSON_FIELDS[name]
            before = self.data.person[name]
            if spec.code_list is not None:
                before = spec.code_list.lookup(before) if before else ""
            if (raw or "") != (before or ""):
                person[name] = raw
        if (self.village.currentData() or "") != self.data.village:
            person["village"] = self.village.currentData() or ""
        parts = {key: page.model.rows for key, page in self.pages.items()}
        photo = (self.photo.photo or b"") if self.photo.touched else None
        return ArchiveChanges(person=person or None, photo=photo, parts=parts)

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        for ed in self.editors.values():
            ed.show_error("")
        self.village_error.setText("")
        changes, pid = self.changes(), self.person_id

        def work():
            save_archive(pid, changes)
            return pid
        self._save(work, changes=CHANGES)

    def _saved(self, record_id: str) -> None:
        self.dirty = False
        super()._saved(record_id)

    def _refused(self, text: str, error) -> None:
        super()._refused(text, error)
        field = getattr(error, "field", None) or ""
        if field in self.editors:
            self.tabs.setCurrentIndex(0)
            self.editors[field].widget.setFocus()
        elif field == "village":
            self.tabs.setCurrentIndex(0)
            self.village_error.setText(text)
        elif field == "photo":
            self.tabs.setCurrentWidget(self.photo)
            self.photo.error.setText(text)
        elif field.split(".")[0] in self.pages:
            key, row, name = (field.split(".") + ["0", ""])[:3]
            page = self.pages[key]
            self.tabs.setCurrentWidget(page)
            page.show_cell(int(row) if row.isdigit() else 0, name)

    def reject(self) -> None:
        """Closing (取消, Esc, the window's ×) with unsaved changes asks first."""
        if self.dirty and self.op is None:
            box = QMessageBox(QMessageBox.Icon.Question, "一人一档", "档案已修改，是否保存？", parent=self)
            save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is save:
                self.save()
                return
            if box.clickedButton() is not discard:
                return
        elif self.op is not None:
            return                       # a save is under way: its outcome closes or refuses
        super().reject()
