"""村两委 dialogs over core/reserves/cadres.py: 新增任职 / 修改 (`CadreDialog`) and 离任 (`EndDialog`).

新增任职 takes a registered person found by name, pinyin initials or 身份证号 (the same search as
入库), or a new person by name + 身份证号; then village, post, 一肩挑 (only for 书记), term start
and — for a past term — its end. A refusal (a second sitting 书记, a date after today …) is the
core's sentence, shown in red inside the dialog, which stays open with what was typed; nothing is
written. Every write runs on the writer thread and announces `cadres` (+ `people` for a new person)."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QWidget,
)

from rural_cadre_desktop.core import codes, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.reserves import cadres
from rural_cadre_desktop.gui.reserves.actions_pool import (
    _WriteDialog as PoolWriteDialog,
)
from rural_cadre_desktop.gui.reserves.actions_pool import show_people

CHANGES = frozenset({"cadres"})


def _date_edit(parent: QWidget, name: str, iso: str | None = None) -> QDateEdit:
    d = QDateEdit(parent, objectName=name)
    d.setCalendarPopup(True)
    d.setDisplayFormat("yyyy-MM-dd")
    d.setDate(_qdate(iso) if iso else QDate.currentDate())
    return d


def _qdate(iso: str) -> QDate:
    parts = [int(x) for x in iso.split("-")] + [1, 1]       # YYYY-MM is taken as the 1st
    return QDate(parts[0], parts[1], parts[2])


def _iso(d: QDateEdit) -> str:
    return d.date().toString("yyyy-MM-dd")


class _WriteDialog(PoolWriteDialog):
    """The pool dialogs' base, with a refusal shown in red inside the dialog (`error`), which
    stays open with what was typed."""
    changes = CHANGES

    def __init__(self, title: str, ok_text: str, parent: QWidget | None):
        super().__init__(title, ok_text, parent)
        self.error = QLabel("", self, objectName="error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c00000")
        self.body.insertWidget(1, self.error)

    def show_refusal(self, e: BaseException) -> None:
        self.error.setText(e.zh if isinstance(e, UserError)
                           else f"保存失败：{e}。请重试；如仍失败，请把日志发给技术支持。")

    def run(self, fn, label: str, changes=None) -> None:
        if not self.busy:
            self.error.setText("")
        super().run(fn, label, changes)


class CadreDialog(_WriteDialog):
    """新增任职 (`post` None) or 修改 one post (`post`: a dict from cadres.posts)."""

    def __init__(self, parent: QWidget | None = None, village: str | None = None, post: dict | None = None):
        super().__init__("修改任职" if post else "新增任职（村两委成员）", "确定", parent)
        self.post = post
        self.setMinimumWidth(460)
        if post is None:
            self.existing = QRadioButton("已登记的人员", self, objectName="existing")
            self.new = QRadioButton("新登记人员", self, objectName="new_person")
            self.existing.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(self.existing)
            group.addButton(self.new)
            choice = QHBoxLayout()
            choice.addWidget(self.existing)
            choice.addWidget(self.new)
            choice.addStretch(1)
            self.form.addRow("人员：", choice)
            self.search = QLineEdit(self, objectName="person_search")
            self.search.setPlaceholderText("姓名、拼音首字母或身份证号")
            self.results = QListWidget(self, objectName="person_results")
            self.results.setMinimumHeight(110)
            self.name = QLineEdit(self, objectName="new_name")
            self.id_number = QLineEdit(self, objectName="new_id_number")
            self.id_number.setPlaceholderText("18 位身份证号")
            self.row("查找人员(&S)：", self.search)
            self.row("查找结果(&P)：", self.results)
            self.row("新人员姓名(&N)：", self.name)
            self.row("新人员身份证号(&I)：", self.id_number)
            self.search.textChanged.connect(self.find)
            self.existing.toggled.connect(lambda: self._person_mode())
            self._person_mode()
        else:
            self.form.addRow("人员：", QLabel(f"{post['name']}（{post['village']}）", self, objectName="who"))
        self.village = QComboBox(self, objectName="village")
        for v in regions.villages():
            self.village.addItem(v.name, v.name)
        want = post["village"] if post else village
        if want and self.village.findData(want) >= 0:
            self.village.setCurrentIndex(self.village.findData(want))
        self.village.setEnabled(post is None)               # a post stays in its village
        self.post_combo = QComboBox(self, objectName="post")
        for key, label in codes.CADRE_POSTS.items():
            self.post_combo.addItem(label, key)
        self.both = QCheckBox("一肩挑（书记兼任村委会主任）", self, objectName="holds_both")
        self.start = _date_edit(self, "term_start", post["term_start"] if post else None)
        self.ended = QCheckBox("已离任（登记往届任职）", self, objectName="ended")
        self.end = _date_edit(self, "term_end", post["term_end"] if post and post["term_end"] else None)
        self.row("村(社区)(&V)：", self.village)
        self.row("职务(&J)：", self.post_combo)
        self.form.addRow("", self.both)
        self.row("任职时间(&F)：", self.start)
        self.form.addRow("", self.ended)
        self.row("离任时间(&T)：", self.end)
        if post:
            self.post_combo.setCurrentIndex(self.post_combo.findData(post["post"]))
            self.both.setChecked(post["holds_both"])
            self.ended.setChecked(not post["current"])
        self.post_combo.currentIndexChanged.connect(lambda: self._post_changed())
        self.ended.toggled.connect(lambda: self.end.setEnabled(self.ended.isChecked()))
        self.end.setEnabled(self.ended.isChecked())
        self._post_changed()

    # -- the person -------------------------------------------------------------------------------
    def _person_mode(self) -> None:
        old = self.existing.isChecked()
        for w in (self.search, self.results):
            w.setEnabled(old)
        for w in (self.name, self.id_number):
            w.setEnabled(not old)
        (self.search if old else self.name).setFocus()

    def find(self, text: str) -> None:
        show_people(self.results, text)

    def person(self) -> dict | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # -- the post ---------------------------------------------------------------------------------
    def _post_changed(self) -> None:
        secretary = self.post_combo.currentData() == "secretary"
        self.both.setEnabled(secretary)                      # 一肩挑 means the secretary is also director
        if not secretary:
            self.both.setChecked(False)

    def submit(self) -> None:
        post, both = self.post_combo.currentData(), self.both.isChecked()
        start, end = _iso(self.start), (_iso(self.end) if self.ended.isChecked() else None)
        village = self.village.currentData()
        if self.post is not None:
            cid = self.post["id"]
            self.run(lambda: cadres.edit_post(cid, post, both, start, end), "正在保存…")
            return
        if not village:
            self.error.setText("请先在“村(社区)”里添加本乡镇的村，再登记村两委成员")
            return
        if self.existing.isChecked():
            p = self.person()
            if p is None:
                self.error.setText("请先查找并选中任职的人员，或选“新登记人员”填写姓名和身份证号")
                return
            pid = p["id"]
            self.run(lambda: cadres.add_post(pid, village, post, both, start, end), "正在保存…")
        else:
            name, idn = self.name.text(), self.id_number.text()
            self.run(lambda: cadres.add_post_for_new(name, idn, village, post, both, start, end), "正在保存…",
                     CHANGES | {"people"})


class EndDialog(_WriteDialog):
    """离任: the term's end date; the record stays as a past term."""

    def __init__(self, post: dict, parent: QWidget | None = None):
        super().__init__("离任", "离任", parent)
        self.post = post
        self.form.addRow("人员：", QLabel(f"{post['name']}（{post['village']}"
                                         f"{cadres.post_label(post['post'], post['holds_both'])}，"
                                         f"{post['term_start']}起）", self))
        self.end = _date_edit(self, "term_end")
        self.row("离任时间(&D)：", self.end)
        self.form.addRow(QLabel("离任后记录保留，显示为“已离任”。", self))

    def submit(self) -> None:
        cid, end = self.post["id"], _iso(self.end)
        self.run(lambda: cadres.end_post(cid, end), "正在办理离任…")
