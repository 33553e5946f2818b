"""The 后备干部 tab's dialogs over core/reserves/services.py: 入库 (a person found by name, pinyin
initials or 身份证号, then village, track, 推荐方式 and date; the service's warnings shown before
the clerk confirms), 资格联审 (the next step of the selected membership) and 出库 (date and reason;
the record is kept). Every write runs on the writer thread (gui/operations.run_op) and announces
`reserves` (+ `vettings`), so the lists and the coverage page reload themselves; a refusal shows
the service's Chinese sentence."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.reserves import services
from rural_cadre_desktop.core.validation import mask
from rural_cadre_desktop.gui.operations import run_op

RESERVE_CHANGES = frozenset({"reserves", "vettings"})


def date_edit(parent: QWidget, name: str) -> QDateEdit:
    d = QDateEdit(QDate.currentDate(), parent, objectName=name)
    d.setCalendarPopup(True)
    d.setDisplayFormat("yyyy-MM-dd")
    return d


def choice_combo(parent: QWidget, name: str, choices: dict[str, str]) -> QComboBox:
    c = QComboBox(parent, objectName=name)
    for key, label in choices.items():
        c.addItem(label, key)
    return c


def refused(parent: QWidget, e: BaseException) -> None:
    """A refusal as its Chinese sentence; anything else as a short failure notice."""
    text = e.zh if isinstance(e, UserError) else f"保存失败：{e}。请重试；如仍失败，请把日志发给技术支持。"
    QMessageBox.warning(parent, "未能保存", text)


def gap_text(gaps) -> str:
    gaps = [g for g in dict.fromkeys(gaps) if g]
    return f"\n\n{'、'.join(gaps)}现在没有村党组织书记后备人选（待补充），请及时补充。" if gaps else ""



def show_people(results: QListWidget, text: str) -> None:
    """The people a search finds (services.find_people), ID numbers masked, the first one current;
    each item carries the person's dict (UserRole)."""
    results.clear()
    for p in services.find_people(text):
        where = f"  {p['village']}" if p["village"] else ""
        what = f"  〔{p['what']}〕" if p["what"] else ""
        item = QListWidgetItem(f"{p['name']}  {mask(p['id_number'], 'id') if p['id_number'] else ''}{where}{what}")
        item.setData(Qt.ItemDataRole.UserRole, p)
        results.addItem(item)
    if results.count():
        results.setCurrentRow(0)

class _WriteDialog(QDialog):
    """A dialog whose OK runs one service call on the writer thread; `saved(outcome)` after the
    lists are current. Subclasses say which kinds of data a save changes (`changes`) and may show a
    refusal their own way (`show_refusal`: a message box here)."""
    saved = Signal(object)
    changes = RESERVE_CHANGES

    def __init__(self, title: str, ok_text: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.cancel = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.buttons)
        self.busy = False

    def row(self, text: str, widget: QWidget) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        self.form.addRow(label, widget)

    def submit(self) -> None:
        raise NotImplementedError

    def show_refusal(self, e: BaseException) -> None:
        refused(self, e)

    def run(self, fn, label: str, changes=None) -> None:
        if self.busy:
            return
        self.busy = True
        self.ok.setEnabled(False)

        def done(outcome) -> None:
            self.busy = False
            self.saved.emit(outcome)
            self.accept()

        def failed(e: BaseException) -> None:
            self.busy = False
            self.ok.setEnabled(True)
            self.show_refusal(e)

        run_op(self, lambda ctx: fn(), write=True, label=label, on_success=done, on_failure=failed,
               changes=changes or self.changes)


class AddDialog(_WriteDialog):
    """入库: any person (a returnee, a sitting cadre …) found by search."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("纳入后备干部（入库）", "入库", parent)
        self.search = QLineEdit(self, objectName="person_search")
        self.search.setPlaceholderText("姓名、拼音首字母或身份证号")
        self.results = QListWidget(self, objectName="person_results")
        self.results.setMinimumHeight(140)
        self.village = QComboBox(self, objectName="village")
        for v in regions.villages():
            self.village.addItem(v.name, v.name)
        self.track = choice_combo(self, "track", codes.RESERVE_TRACKS)
        self.recommended = choice_combo(self, "recommended_by", codes.RECOMMENDED_BY)
        self.date = date_edit(self, "entered_date")
        rows = [("查找人员(&S)：", self.search), ("人员(&P)：", self.results), ("村(社区)(&V)：", self.village),
                ("后备类别(&T)：", self.track), ("推荐方式(&R)：", self.recommended), ("入库时间(&D)：", self.date)]
        for text, w in rows:
            label = QLabel(text, self)
            label.setBuddy(w)
            self.form.addRow(label, w)
        self.search.textChanged.connect(self.find)
        self.results.currentItemChanged.connect(self._picked)
        self.search.setFocus()

    def find(self, text: str) -> None:
        show_people(self.results, text)

    def _picked(self, item) -> None:
        if item is None:
            return
        p = item.data(Qt.ItemDataRole.UserRole)
        i = self.village.findData(p["village"]) if p["village"] else -1
        if i >= 0:
            self.village.setCurrentIndex(i)

    def person(self) -> dict | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def submit(self) -> None:
        p = self.person()
        if p is None:
            QMessageBox.warning(self, "未能入库", "请先查找并选中要纳入后备干部的人员")
            return
        village, track = self.village.currentData(), self.track.currentData()
        rec, on = self.recommended.currentData(), self.date.date().toString("yyyy-MM-dd")
        if not village:
            QMessageBox.warning(self, "未能入库", "请先在“村(社区)”里添加本乡镇的村，再纳入后备干部")
            return
        try:
            warnings = services.check_add(p["id"], village, track, on)
        except UserError as e:
            refused(self, e)
            return
        if warnings:
            text = (f"“{p['name']}”纳入{village}{codes.RESERVE_TRACKS[track]}，请核实以下情况：\n\n"
                    + "\n".join(f"· {w}" for w in warnings) + "\n\n仍要入库吗？")
            if QMessageBox.question(self, "请核实", text) != QMessageBox.StandardButton.Yes:
                return
        self.run(lambda: services.add(p["id"], village, track, rec, on), "正在入库…")


class VetDialog(_WriteDialog):
    """资格联审: the next step of one membership (村级摸排 → 乡级初审 → 县级联审)."""

    def __init__(self, reserve_id: str, state: dict, parent: QWidget | None = None):
        super().__init__("资格联审", "登记", parent)
        self.reserve_id, self.state = reserve_id, state
        passed = "、".join(codes.VETTING_STEPS[s] for s in state["passed"]) or "无"
        self.who = QLabel(f"{state['name']}（{state['village']}，{codes.RESERVE_TRACKS[state['track']]}）", self)
        self.step = QLabel(codes.VETTING_STEPS[state["step"]], self, objectName="step")
        self.passed = QLabel(passed, self)
        self.result = QComboBox(self, objectName="result")
        self.result.addItem("通过", "pass")
        self.result.addItem("不通过", "fail")
        self.date = date_edit(self, "vet_date")
        self.reviewer = QLineEdit(self, objectName="reviewer")
        self.note = QLineEdit(self, objectName="note")
        self.warning = QLabel("", self, objectName="fail_warning")
        self.warning.setStyleSheet("color: #c00000")
        self.form.addRow("人员：", self.who)
        self.form.addRow("已通过：", self.passed)
        self.form.addRow("本次环节：", self.step)
        for text, w in (("审查结果(&R)：", self.result), ("审查日期(&D)：", self.date),
                        ("审查人(&E)：", self.reviewer), ("备注(&N)：", self.note)):
            label = QLabel(text, self)
            label.setBuddy(w)
            self.form.addRow(label, w)
        self.form.addRow(self.warning)
        self.result.currentIndexChanged.connect(self._result_changed)

    def _result_changed(self) -> None:
        fail = self.result.currentData() == "fail"
        self.warning.setText(f"不通过：{self.state['name']}将出库，记录保留。" if fail else "")

    def submit(self) -> None:
        step, result = self.state["step"], self.result.currentData()
        if result == "fail":
            text = (f"{codes.VETTING_STEPS[step]}不通过，“{self.state['name']}”将出库"
                    f"（出库原因：资格联审：{codes.VETTING_STEPS[step]}未通过），记录保留。确定吗？")
            if QMessageBox.question(self, "资格联审不通过", text) != QMessageBox.StandardButton.Yes:
                return
        on = self.date.date().toString("yyyy-MM-dd")
        reviewer, note = self.reviewer.text(), self.note.text()
        self.run(lambda: services.vet(self.reserve_id, step, result, on, reviewer, note), "正在登记…")


class RemoveDialog(_WriteDialog):
    """出库: date and reason; the record stays, status 已出库."""

    def __init__(self, reserve_id: str, state: dict, parent: QWidget | None = None):
        super().__init__("出库", "出库", parent)
        self.reserve_id, self.state = reserve_id, state
        self.date = date_edit(self, "left_date")
        self.reason = QLineEdit(self, objectName="reason")
        self.reason.setPlaceholderText("如：外出务工、本人申请、违纪违法等")
        self.form.addRow("人员：", QLabel(f"{state['name']}（{state['village']}，"
                                         f"{codes.RESERVE_TRACKS[state['track']]}）", self))
        for text, w in (("出库时间(&D)：", self.date), ("出库原因(&R)：", self.reason)):
            label = QLabel(text, self)
            label.setBuddy(w)
            self.form.addRow(label, w)
        self.form.addRow(QLabel("出库后记录保留，状态为“已出库”。", self))
        self.reason.setFocus()

    def submit(self) -> None:
        reason, on = self.reason.text(), self.date.date().toString("yyyy-MM-dd")
        if not reason.strip():
            QMessageBox.warning(self, "未能出库", "请写明出库原因")
            return
        self.run(lambda: services.remove(self.reserve_id, reason, on), "正在出库…")
