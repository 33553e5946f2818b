"""ActivityDialog: record one of the "八个一" — year, kind, date, place, content, participants
(picked by name, pinyin initials or ID number; a 恳谈会 has many) and, for 解决实际问题 and
收集意见建议, the status and the answer. Checked as typed with the same rules as the save.
Given an existing activity it opens prefilled and saves with services.edit_activity (audited as
`edit activities` is; a new one as `activity add`). The save runs on the writer thread; the lists
reload on the "activities" notice, then `saved` comes; `write_done` after any outcome."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.fields import ACTIVITY_FIELDS
from rural_cadre_desktop.core.models import Activity
from rural_cadre_desktop.core.returnees import activities, display, query, services
from rural_cadre_desktop.gui.returnees.fields import FieldEditor
from rural_cadre_desktop.gui.returnees.form_dialog import FormDialog
from rural_cadre_desktop.gui.screen_fit import fit

_PID = Qt.ItemDataRole.UserRole


class ActivityDialog(FormDialog):

    def __init__(self, parent: QWidget | None = None, year: int | None = None, kind: str | None = None,
                 person_ids: list[str] = (), activity: Activity | None = None):
        super().__init__(parent)
        self.activity = activity
        self.setObjectName("ActivityDialog")
        self.setWindowTitle("修改“八个一”活动" if activity else "记录“八个一”活动")
        fit(self, 760, 560)
        form = QFormLayout()
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(year or dt.date.today().year)
        self.year.valueChanged.connect(self.validate)
        form.addRow("年度", self.year)
        self.editors: dict[str, FieldEditor] = {}
        for name in ("kind", "date", "place", "content", "status", "answer"):
            ed = FieldEditor(ACTIVITY_FIELDS[name], self, multiline=name in ("content", "answer"))
            ed.changed.connect(self.validate)
            self.editors[name] = ed
            form.addRow(ACTIVITY_FIELDS[name].label, ed.widget)
            form.addRow("", ed.error)

        # participants: search on the left, chosen on the right
        self.search = QLineEdit(self)
        self.search.setObjectName("participant_search")
        self.search.setPlaceholderText("姓名、拼音首字母（如 zs）或身份证号")
        self.search.textChanged.connect(self._search)
        self.results = QListWidget(self)
        self.results.setObjectName("results")
        self.results.itemDoubleClicked.connect(lambda item: self._add([item]))
        self.chosen = QListWidget(self)
        self.chosen.setObjectName("chosen")
        add = QPushButton("加入 →", self)
        add.setObjectName("add_participants")
        add.clicked.connect(lambda: self._add(self.results.selectedItems()))
        remove = QPushButton("← 移出", self)
        remove.clicked.connect(self._remove)
        self.results.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.chosen.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        picker = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.results)
        mid = QVBoxLayout()
        mid.addStretch(1)
        mid.addWidget(add)
        mid.addWidget(remove)
        mid.addStretch(1)
        right = QVBoxLayout()
        self.chosen_label = QLabel("参加人员：0 人", self)
        right.addWidget(self.chosen_label)
        right.addWidget(self.chosen)
        picker.addLayout(left, 1)
        picker.addLayout(mid)
        picker.addLayout(right, 1)

        self._make_footer()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(picker, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if kind:                      # set once the whole form exists: it re-validates
            self.editors["kind"].set_value(kind)
        if activity is not None:
            self._load(activity)
        for pid, name in services.names_of(person_ids):
            self._add_person(pid, name)
        self.validate()

    def _load(self, a: Activity) -> None:
        self.year.setValue(a.year)
        for name, ed in self.editors.items():
            ed.set_value(getattr(a, name))
        for pid, name in services.participants(a.id):
            self._add_person(pid, name)

    def _search(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            return
        for row in query.page(query.ReturneeQuery(search=text), 0, 50):
            texts = display.row_texts(row)
            item = QListWidgetItem(f"{texts[0]}　{texts[5]}　{texts[2]}", self.results)
            item.setData(_PID, row[query.ID_COLUMNS + 1])

    def _add_person(self, pid: str, label: str) -> None:
        if pid in self.person_ids():
            return
        item = QListWidgetItem(label, self.chosen)
        item.setData(_PID, pid)

    def _add(self, items) -> None:
        for item in items:
            self._add_person(item.data(_PID), item.text())
        self.validate()

    def _remove(self) -> None:
        for item in self.chosen.selectedItems():
            self.chosen.takeItem(self.chosen.row(item))
        self.validate()

    def person_ids(self) -> list[str]:
        return [self.chosen.item(i).data(_PID) for i in range(self.chosen.count())]

    def raw(self) -> dict:
        raw = {"year": self.year.value()} | {n: ed.raw() for n, ed in self.editors.items()}
        if raw["kind"] not in activities.WITH_STATUS:
            # empty rather than absent: an edit that changes the kind must clear the old status
            raw["status"] = raw["answer"] = ""
        return raw

    def validate(self) -> bool:
        with_status = self.editors["kind"].raw() in activities.WITH_STATUS
        for name in ("status", "answer"):
            self.editors[name].widget.setEnabled(with_status)
        ok = True
        for ed in self.editors.values():
            try:
                ed.parse()
            except ValidationError:
                ok = False
        self.chosen_label.setText(f"参加人员：{self.chosen.count()} 人")
        msg = ""
        if ok:
            try:
                activities.check(self.raw())
            except ValidationError as e:
                ok, msg = False, e.zh
                if e.field in self.editors:
                    self.editors[e.field].show_error(e.zh)
        if ok and not self.person_ids():
            ok, msg = False, "请在左边查找并加入参加人员"
        self.message.setText(msg)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def save(self) -> None:
        if not self.validate() or self.op is not None:
            return
        raw, pids, act = self.raw(), self.person_ids(), self.activity

        def work():
            if act is None:
                return services.add_activity(raw, pids).id
            services.edit_activity(act.id, raw, pids)
            return act.id
        self._save(work, {"activities"})
