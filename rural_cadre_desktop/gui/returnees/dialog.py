"""ReturneeDialog: the registry card as a form (add or edit). Every field is checked as it is
typed with its core.fields parser, then the whole form the way the save will check it (ID number
against sex and birth date, status against return date); 确定 stays disabled while anything is
wrong. 思想动态 notes (add, delete) and the 创业补贴 eligibility show on the card. Saves are
core/returnees/services (audited as `returnee add` / `returnee edit` are) on the writer thread
(gui/returnees/writes.py); the lists reload on the data-changed notice; `write_done` follows
every save, whatever the outcome."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import people, regions
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.fields import PERSON_FIELDS, RETURNEE_FIELDS
from rural_cadre_desktop.core.models import Returnee
from rural_cadre_desktop.core.returnees import registry, services
from rural_cadre_desktop.core.returnees.support import subsidy_status
from rural_cadre_desktop.core.validation import id_birth_date, id_sex
from rural_cadre_desktop.gui.returnees.fields import ERROR_STYLE, FieldEditor
from rural_cadre_desktop.gui.returnees.form_dialog import FormDialog
from rural_cadre_desktop.gui.wheel_guard import guard as guard_wheel
from rural_cadre_desktop.gui.screen_fit import fit

HINT_STYLE = "color: #555;"

GROUPS = [
    ("基本信息", "person", ["name", "id_number", "sex", "birth_date", "ethnicity", "political_status",
                         "party_join_date", "education", "phone", "native_place", "address"]),
    ("外出与返乡", "returnee", ["status", "return_date", "work_place", "industry", "enterprise", "position",
                           "business_scale"]),
    ("意向与“四有”", "returnee", ["wants_return", "wants_business", "wants_party", "wants_cadre",
                              "four_political", "four_economic", "four_reputation", "four_hometown"]),
    ("联系帮带与扶持", "returnee", ["honorary_role", "contact_cadre", "mentor", "business_registered_date",
                             "startup_subsidy", "loan_guarantee", "remarks"]),
]


class ReturneeDialog(FormDialog):
    open_existing = Signal(str)     # the returnee id of the person who already holds the typed 身份证号

    def __init__(self, parent: QWidget | None = None, returnee: Returnee | None = None):
        super().__init__(parent)
        self.returnee = returnee
        # the person as stored when the card opened: the checks compare the form with it
        self._person = services.person(returnee.person_id) if returnee is not None else None
        self.setObjectName("ReturneeDialog")
        self.setWindowTitle("修改返乡人员登记" if returnee else "新增返乡人员登记")
        fit(self, 900, 720)
        self.editors: dict[str, FieldEditor] = {}
        self._kind: dict[str, str] = {}

        body = QWidget(self)
        grid = QGridLayout(body)
        self.village = QComboBox(body)
        self.village.setObjectName("field_village")
        # wide enough for "（请选择）" and a long village name, whatever the font
        self.village.setMinimumContentsLength(10)
        self.village.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._village_touched = False
        self.village.currentIndexChanged.connect(self._village_chosen)
        self.village_error = QLabel(body)
        self.village_error.setStyleSheet(ERROR_STYLE)
        self.village_error.hide()
        # no villages yet (a new installation): say what to do, and offer it here
        self.no_villages = QWidget(body)
        row = QHBoxLayout(self.no_villages)
        row.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("还没有村(社区)，请先添加", self.no_villages)
        hint.setStyleSheet(HINT_STYLE)
        self.add_village_button = QPushButton("添加村(社区)…", self.no_villages)
        self.add_village_button.setObjectName("add_village")
        self.add_village_button.clicked.connect(lambda: self._add_villages())
        row.addWidget(hint)
        row.addWidget(self.add_village_button)
        row.addStretch(1)
        self._fill_villages()
        for n, (title, kind, names) in enumerate(GROUPS):
            box = QGroupBox(title, body)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            if n == 0:
                form.addRow("户籍所在村(社区)＊", self.village)
                form.addRow("", self.village_error)
                form.addRow("", self.no_villages)
            for name in names:
                spec = (PERSON_FIELDS if kind == "person" else RETURNEE_FIELDS)[name]
                ed = FieldEditor(spec, box, multiline=name == "remarks",
                                 kind="bool" if name.startswith(("wants_", "four_")) else None)
                ed.changed.connect(self.validate)
                self.editors[name] = ed
                self._kind[name] = kind
                label = spec.label + ("＊" if spec.required else "")
                form.addRow(label, ed.widget)
                form.addRow("", ed.error)
                if name == "id_number":
                    form.addRow("", self._holder_row(box))
            if name == "remarks":
                self.subsidy = QLabel(box)
                self.subsidy.setObjectName("subsidy")
                form.addRow("创业补贴资格", self.subsidy)
            grid.addWidget(box, n // 2, n % 2)
        grid.addWidget(self._notes_box(body), 2, 0, 1, 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self._make_footer()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.editors["id_number"].changed.connect(self._fill_from_id)
        self.editors["id_number"].changed.connect(self._show_holder)
        guard_wheel(body)
        if returnee is not None:
            self._load(returnee)
        self.validate()
        self.mark_clean()

    # -- building -------------------------------------------------------------------------------
    def _fill_villages(self) -> None:
        current = self.village.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem("（请选择）", "")
        for v in regions.villages():
            self.village.addItem(v.name, v.id)
        self.village.setCurrentIndex(max(self.village.findData(current or ""), 0))
        self.village.blockSignals(False)
        self.no_villages.setVisible(self.village.count() == 1)

    def _add_villages(self) -> None:
        from rural_cadre_desktop.gui.dialogs.villages_dialog import VillagesDialog
        dlg = VillagesDialog(None, self)
        self.villages_dialog = dlg            # for whoever drives the card (tests)
        dlg.finished.connect(lambda _r: (self._fill_villages(), self.validate()))
        dlg.open()

    def _village_chosen(self) -> None:
        self._village_touched = True
        self.validate()

    def _holder_row(self, parent) -> QWidget:
        """Under the 身份证号: who already holds it, with 打开已有记录 — instead of a refusal at save."""
        self.holder = QWidget(parent)
        row = QHBoxLayout(self.holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.holder_label = QLabel(self.holder)
        self.holder_label.setObjectName("holder")
        self.holder_label.setStyleSheet(ERROR_STYLE)
        self.holder_label.setWordWrap(True)
        self.holder_button = QPushButton("打开已有记录", self.holder)
        self.holder_button.setObjectName("open_existing")
        self.holder_button.clicked.connect(lambda: self._open_holder())
        row.addWidget(self.holder_label, 1)
        row.addWidget(self.holder_button)
        self.holder.hide()
        self._holder: dict | None = None
        return self.holder

    def _show_holder(self) -> None:
        self._holder = None
        try:
            idn = self.editors["id_number"].spec.parse(self.editors["id_number"].raw())
        except ValidationError:
            idn = None
        if idn:
            self._holder = registry.holder_of_id_number(idn, self._person.id if self._person else None)
        h = self._holder
        if h is None:
            self.holder.hide()
            return
        where = f"（{h['village']}）" if h["village"] else ""
        if h["returnee_id"]:
            self.holder_label.setText(f"这个身份证号已登记为 {h['name']}{where}，在返乡人员台账中")
        else:
            self.holder_label.setText(f"这个身份证号已登记为 {h['name']}{where}（不在返乡人员台账中）；"
                                      "请核对号码，同一人请从其档案“转入”台账")
        self.holder_button.setVisible(bool(h["returnee_id"]))
        self.holder.show()

    def _open_holder(self) -> None:
        """Open the existing record instead: what was typed here is the same person's, so the
        card closes without asking (the clerk chose the existing record)."""
        if self._holder and self._holder["returnee_id"]:
            rid = self._holder["returnee_id"]
            self._clean = None
            self.reject()
            self.open_existing.emit(rid)

    def _notes_box(self, parent) -> QGroupBox:
        box = QGroupBox("思想动态", parent)
        v = QVBoxLayout(box)
        self.notes = QListWidget(box)
        self.notes.setObjectName("notes")
        v.addWidget(self.notes)
        row = QHBoxLayout()
        self.note_date = QLineEdit(dt.date.today().isoformat(), box)
        self.note_date.setFixedWidth(100)
        self.note_text = QLineEdit(box)
        self.note_text.setObjectName("note_text")
        self.note_text.setPlaceholderText("谈话、走访了解到的想法（点“记一条”即记入）")
        add = QPushButton("记一条", box)
        add.setObjectName("add_note")
        add.clicked.connect(self._add_note)
        self.note_text.returnPressed.connect(self._add_note)
        delete = QPushButton("删除所选", box)
        delete.setObjectName("delete_note")
        delete.clicked.connect(self.delete_note)
        row.addWidget(self.note_date)
        row.addWidget(self.note_text, 1)
        row.addWidget(add)
        row.addWidget(delete)
        v.addLayout(row)
        self.note_error = QLabel(box)
        self.note_error.setStyleSheet(ERROR_STYLE)
        v.addWidget(self.note_error)
        box.setEnabled(self.returnee is not None)
        if self.returnee is None:
            self.note_text.setPlaceholderText("先保存登记，再记思想动态")
        return box

    def _load(self, r: Returnee) -> None:
        card = registry.card(r)
        for name, ed in self.editors.items():
            src = card["person"] if self._kind[name] == "person" else card["returnee"]
            ed.set_value(src.get(name))
        i = self.village.findData(card["village_id"] or "")
        self.village.setCurrentIndex(max(i, 0))
        self._show_notes(card["notes"])

    def _show_notes(self, notes) -> None:
        self.notes.clear()
        for note_id, date, text in notes:
            item = QListWidgetItem(f"{date}　{text}", self.notes)
            item.setData(Qt.ItemDataRole.UserRole, note_id)

    # -- checking -------------------------------------------------------------------------------
    def _fill_from_id(self) -> None:
        """A valid ID number fills in sex and birth date (they must agree anyway)."""
        try:
            idn = self.editors["id_number"].spec.parse(self.editors["id_number"].raw())
        except ValidationError:
            return
        if idn:
            self.editors["sex"].set_value(id_sex(idn))
            self.editors["birth_date"].set_value(id_birth_date(idn))

    def values(self) -> tuple[dict, dict]:
        person_raw = {n: ed.raw() for n, ed in self.editors.items() if self._kind[n] == "person"}
        ret_raw = {n: ed.raw() for n, ed in self.editors.items() if self._kind[n] == "returnee"}
        return person_raw, ret_raw

    def validate(self) -> bool:
        ok = True
        for ed in self.editors.values():
            try:
                ed.parse()
            except ValidationError:
                ok = False
        if not self.village.currentData():
            self.village_error.setText("请选择户籍所在村(社区)")
            self.village_error.setVisible(self._village_touched)
            ok = False
        else:
            self.village_error.hide()
        if ok:                       # the checks across fields, exactly as the save runs them
            person_raw, ret_raw = self.values()
            try:
                people.parse_person(person_raw, current=self._person)
                vals = registry.parse_returnee(ret_raw)
            except ValidationError as e:
                if e.field in self.editors:
                    self.editors[e.field].show_error(e.zh)
                ok = False
            else:
                sub = subsidy_status(vals.get("status"), vals.get("business_registered_date"),
                                     vals.get("startup_subsidy"))
                self.subsidy.setText(sub.text or "未登记创业")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        shown = any(ed.error.isVisibleTo(self) for ed in self.editors.values()) or self.village_error.isVisibleTo(self)
        if ok:
            self.message.setText("")
        elif shown:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText("请先改正标红的内容")
        else:                       # nothing wrong yet, only not finished: a hint, not an error
            self.message.setStyleSheet(HINT_STYLE)
            self.message.setText("带＊的为必填项")
        return ok

    def dirty_state(self):
        return self.values(), self.village.currentData()

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.validate() or self.op is not None:
            return
        person_raw, ret_raw = self.values()
        village, ret = self.village.currentData(), self.returnee
        kinds = {"returnees", "people"}       # a new person, or (narrowed below) what the edit changed

        def work():
            if ret is None:
                return services.add_returnee(person_raw, ret_raw, village).id
            changed = services.edit_returnee(ret.id, person_raw, ret_raw, village)
            if not set(changed) & (set(PERSON_FIELDS) | {"village"}):
                kinds.discard("people")         # the person as other lists show them is unchanged
            return ret.id
        self._save(work, lambda _id: kinds)

    # -- 思想动态 ------------------------------------------------------------------------------
    def _reload_notes(self, _result=None) -> None:
        self._show_notes(services.card(self.returnee.id)["notes"])

    def _note_refused(self, text: str, _error) -> None:
        self.note_error.setText(text)

    def _add_note(self) -> None:
        person_id, date, text = self.returnee.person_id, self.note_date.text(), self.note_text.text()

        def added(_note) -> None:
            self.note_error.setText("")
            self.note_text.clear()
            self._reload_notes()
        self._write(lambda: services.add_note(person_id, date, text), added, self._note_refused)

    def delete_note(self) -> None:
        item = self.notes.currentItem()
        if item is None:
            self.note_error.setText("请先在上面的列表中选中要删除的一条思想动态")
            return
        if not self.confirm("删除思想动态", f"确定删除这条思想动态吗？\n\n{item.text()}"):
            return
        note_id = item.data(Qt.ItemDataRole.UserRole)
        self.note_error.setText("")
        self._write(lambda: services.delete_note(note_id), self._reload_notes, self._note_refused)

