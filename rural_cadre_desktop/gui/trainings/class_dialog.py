"""新增培训班 / 修改培训班: every field of a class. Days follow the dates (the calendar span) until the
clerk types another number. 确定 sends the values to core (services.add_training /
update_training) on the writer thread; a refusal is shown as its one Chinese sentence under the
fields and the dialog stays open with what was typed."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.trainings import services
from rural_cadre_desktop.gui.trainings.widgets import (
    choice_combo,
    date_edit,
    days_spin,
    error_label,
    iso,
    refusal_text,
    select_data,
    write,
)

ATTACHMENT_KINDS = {"notice": "通知", "sign_in": "签到表", "other": "其他"}


class ClassDialog(QDialog):
    """`training_id` None: a new class; else that class's fields to change. `saved(training id)`
    comes after the lists are current."""
    saved = Signal(object)

    def __init__(self, parent: QWidget | None = None, training_id: str | None = None):
        super().__init__(parent)
        self.training_id = training_id
        self.setWindowTitle("修改培训班" if training_id else "新增培训班")
        self.setObjectName("training_class_dialog")
        self.busy = False
        self._following = True          # days follow the dates until typed
        self._setting_days = False
        current = self._current() if training_id else {}

        self.name = QLineEdit(current.get("name") or "", self, objectName="name")
        self.kind = choice_combo(self, "kind", codes.TRAINING_KINDS)
        self.level = choice_combo(self, "level", codes.TRAINING_LEVELS)
        level_row = QHBoxLayout()           # where it was held sits beside who held it
        select_data(self.level, current.get("level") or "county")
        select_data(self.kind, current.get("kind") or "rotation")
        self.target = choice_combo(self, "target", codes.TRAINING_TARGETS, blank="（未指定）")
        select_data(self.target, current.get("target"))
        self.outside = QCheckBox("在县外举办（外出培训）", self, objectName="outside_county")
        self.outside.setChecked(current.get("outside_county") == "1")
        self.place = QLineEdit(current.get("place") or "", self, objectName="place")
        self.start = date_edit(self, "start_date", current.get("start_date"))
        self.end = date_edit(self, "end_date", current.get("end_date"))
        self.days = days_spin(self, "days")
        self.span = QLabel("", self, objectName="span")
        self.hours = days_spin(self, "hours", 10000)
        self.hours.setSpecialValueText("未填")
        self.hours.setMaximumWidth(self.days.sizeHint().width() + 20)
        self.organizer = QLineEdit(current.get("organizer") or "", self, objectName="organizer")
        self.organizer.setPlaceholderText("如：中共洛南县委组织部")
        self.content = QPlainTextEdit(current.get("content") or "", self, objectName="content")
        self.content.setFixedHeight(56)
        self.remarks = QLineEdit(current.get("remarks") or "", self, objectName="remarks")
        self.error = error_label(self)

        level_row.addWidget(self.level)
        level_row.addSpacing(16)
        level_row.addWidget(self.outside)
        level_row.addStretch(1)
        days_row = QHBoxLayout()
        days_row.addWidget(self.days)
        days_row.addWidget(self.span, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("至", self))
        dates.addWidget(self.end)
        dates.addStretch(1)
        form = QFormLayout()
        for text, w in (("培训班名称(&A)：", self.name), ("培训形式(&K)：", self.kind), ("举办层级(&L)：", level_row),
                        ("培训对象(&T)：", self.target), ("地点(&P)：", self.place),
                        ("起止日期(&D)：", dates), ("天数(&Y)：", days_row), ("学时(&H)：", self.hours),
                        ("主办单位(&G)：", self.organizer), ("培训内容(&C)：", self.content), ("备注(&R)：", self.remarks)):
            label = QLabel(text, self)
            label.setBuddy(w if isinstance(w, QWidget) else w.itemAt(0).widget())   # a row: its first field
            form.addRow(label, w)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.attachments = self._attachments_box()
        layout.addWidget(self.attachments)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.start.dateChanged.connect(lambda _d: self._dates_changed())
        self.end.dateChanged.connect(lambda _d: self._dates_changed())
        self.days.valueChanged.connect(lambda _v: self._days_typed())
        if current.get("days") is not None:
            self._set_days(float(current["days"]))
            self._following = float(current["days"]) == self._span()
        self._dates_changed()
        if current.get("hours"):
            self.hours.setValue(float(current["hours"]))
        self.resize(520, self.sizeHint().height())
        self.name.setFocus()

    def _current(self) -> dict:
        t = services.training_of(self.training_id)
        return {k: getattr(t, k) for k in services.TRAINING_KEYS}

    def _attachments_box(self):
        """通知 / 签到表 / 其他 of a saved class (gui/attachments_box: each change is written at once)."""
        box = QGroupBox("附件（通知、签到表扫描件等）", self)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(6, 2, 6, 2)
        if self.training_id:
            from rural_cadre_desktop.gui.attachments_box import AttachmentsBox
            attached = AttachmentsBox("training_session", self.training_id, ATTACHMENT_KINDS, box)
            attached.view.setMaximumHeight(110)         # a class has a notice and a sign-in sheet or two
            attached.layout().setContentsMargins(0, 0, 0, 0)
            inner.addWidget(attached)
        else:
            inner.addWidget(QLabel("保存培训班后，可在“修改…”中添加附件。", box))
        return box

    # -- days follow the dates -----------------------------------------------------------------
    def _span(self) -> int:
        return self.start.date().daysTo(self.end.date()) + 1

    def _set_days(self, value: float) -> None:
        self._setting_days = True
        self.days.setValue(value)
        self._setting_days = False

    def _days_typed(self) -> None:
        if not self._setting_days:
            self._following = False

    def _dates_changed(self) -> None:
        span = self._span()
        if self._following and span > 0:
            self._set_days(span)
        self.span.setText(f"起止日期共 {span} 天" if span > 0 else "结束日期早于开始日期")

    # -- save ----------------------------------------------------------------------------------
    def values(self) -> dict:
        return {
            "name": self.name.text(), "kind": self.kind.currentData(), "level": self.level.currentData(),
            "target": self.target.currentData(), "outside_county": self.outside.isChecked(),
            "place": self.place.text(), "start_date": iso(self.start), "end_date": iso(self.end),
            "days": self.days.value(), "hours": self.hours.value() or None,
            "organizer": self.organizer.text(), "content": self.content.toPlainText(), "remarks": self.remarks.text(),
        }

    def submit(self) -> None:
        if self.busy:
            return
        values, tid = self.values(), self.training_id
        self.busy = True
        self.ok.setEnabled(False)
        self.error.clear()

        def done(result) -> None:
            self.busy = False
            self.saved.emit(tid or result)
            self.accept()

        def failed(e: BaseException) -> None:
            self.busy = False
            self.ok.setEnabled(True)
            self.error.setText(refusal_text(e))

        if tid:
            write(self, lambda: services.update_training(tid, values), "正在保存培训班…", done, failed)
        else:
            write(self, lambda: services.add_training(values), "正在保存培训班…", done, failed)
