"""修改参训情况: one row of a class's attendance — attended days (less than the class when someone
missed part), 结业考试, 证书编号, 备注. Saved through services.attend (attending again updates the
one attendance) on the writer thread; a refusal stays in the dialog as one sentence."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.trainings import services
from rural_cadre_desktop.gui.formatters import number
from rural_cadre_desktop.gui.trainings.widgets import (
    days_spin,
    error_label,
    refusal_text,
    write,
)


class AttendanceDialog(QDialog):
    """`entry`: core/trainings/report_export.attendance_entry(). `saved()` after the lists reload."""
    saved = Signal(object)

    def __init__(self, entry: dict, training_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle(f"修改参训情况 — {entry['name']}")
        self.setObjectName("attendance_dialog")
        self.busy = False
        class_days = float(entry["class_days"] or 0)
        self.days = days_spin(self, "attended_days")
        # no upper bound from the class here: core refuses more days than the class, in one sentence
        self.days.setValue(float(entry["attended_days"] if entry["attended_days"] is not None else class_days))
        self.exam = QLineEdit(entry["exam_result"] or "", self, objectName="exam_result")
        self.exam.setPlaceholderText("如：合格、优秀")
        self.certificate = QLineEdit(entry["certificate_no"] or "", self, objectName="certificate_no")
        self.remarks = QLineEdit(entry["remarks"] or "", self, objectName="remarks")
        form = QFormLayout()
        form.addRow("学员：", QLabel(entry["name"], self))
        form.addRow("培训班：", QLabel(f"{training_name}（共 {number(class_days)} 天）", self))
        for text, w in (("参训天数(&D)：", self.days), ("结业考试(&E)：", self.exam), ("证书编号(&C)：", self.certificate),
                        ("备注(&R)：", self.remarks)):
            label = QLabel(text, self)
            label.setBuddy(w)
            form.addRow(label, w)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.days.setFocus()
        self.days.selectAll()

    def submit(self) -> None:
        if self.busy:
            return
        e = self.entry
        days, exam, cert, remarks = self.days.value(), self.exam.text(), self.certificate.text(), self.remarks.text()
        self.busy = True
        self.ok.setEnabled(False)

        def done(outcome) -> None:
            self.busy = False
            self.saved.emit(outcome)
            self.accept()

        def failed(err: BaseException) -> None:
            self.busy = False
            self.ok.setEnabled(True)
            self.error.setText(refusal_text(err))

        # empty text clears a value (attend keeps a value only when given None)
        write(self, lambda: services.attend(e["training_id"], [e["person_id"]], days, exam, cert, remarks),
              "正在保存参训情况…", done, failed, changes={"attendance"})
