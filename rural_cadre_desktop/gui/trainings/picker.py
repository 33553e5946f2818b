"""添加学员: pick people for a class three ways — 按职务 (the sitting cadres of a village or of every
village in one post: all sitting 书记 in one step, ticked at once), 按村 (everyone whose 户籍 is the
village) and 查找 (name, pinyin initials or 身份证号). Ticks are kept while the clerk switches
between the ways (a new 按职务 list replaces the previous one's ticks), so one 添加 can take people
from several lists, all named under the list; it calls services.attend once
(one transaction) on the writer thread."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes, regions
from rural_cadre_desktop.core.trainings import services
from rural_cadre_desktop.core.validation import mask
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import table_view
from rural_cadre_desktop.gui.trainings.widgets import (
    error_label,
    fit,
    fitted_combo,
    refusal_text,
    write,
)

HEADERS = ["姓名", "村(社区)", "说明"]
ALL_POSTS = "（全部两委职务）"


def village_combo(parent: QWidget, name: str, everyone: str | None) -> QComboBox:
    c = fitted_combo(parent, name)
    if everyone is not None:
        c.addItem(everyone, None)
    for v in regions.villages():
        c.addItem(v.name, v.id)
    return fit(c)


class PickerDialog(QDialog):
    """`saved(text saying how many were added)` after the attendance list is current."""
    saved = Signal(object)

    def __init__(self, training_id: str, training_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.training_id = training_id
        self.setWindowTitle(f"添加学员 — {training_name}")
        self.setObjectName("attendance_picker")
        self.chosen: dict[str, str] = {}         # person id → name, kept across the three ways
        self._ids: list[str] = []                # person id of each listed row
        self._auto: set[str] = set()             # ticked because the 按职务 list was chosen
        self.busy = False

        self.ways = QTabWidget(self, objectName="ways")
        # 按职务
        by_post = QWidget(self)
        self.post_village = village_combo(by_post, "post_village", "（全部村）")
        self.post = fitted_combo(by_post, "post")
        for key, label in codes.CADRE_POSTS.items():
            self.post.addItem(label, key)
        self.post.addItem(ALL_POSTS, None)
        fit(self.post)
        row = QHBoxLayout(by_post)
        row.addWidget(QLabel("村(社区)：", by_post))
        row.addWidget(self.post_village)
        row.addWidget(QLabel("现任职务：", by_post))
        row.addWidget(self.post)
        row.addStretch(1)
        # 按村
        by_village = QWidget(self)
        self.village = village_combo(by_village, "village", None)
        row = QHBoxLayout(by_village)
        row.addWidget(QLabel("户籍所在村(社区)：", by_village))
        row.addWidget(self.village)
        row.addStretch(1)
        # 查找
        by_search = QWidget(self)
        self.search = QLineEdit(by_search, objectName="search")
        self.search.setPlaceholderText("姓名、拼音首字母或身份证号")
        self.search.setClearButtonEnabled(True)
        row = QHBoxLayout(by_search)
        row.addWidget(QLabel("查找：", by_search))
        row.addWidget(self.search, 1)
        self.ways.addTab(by_post, "按职务")
        self.ways.addTab(by_village, "按村")
        self.ways.addTab(by_search, "查找")

        self.model = RowsModel(HEADERS, [], checkable=True)
        self.view = table_view(self.model, "candidates")
        self.all_button = QPushButton("全选", self, objectName="tick_all")
        self.none_button = QPushButton("全不选", self, objectName="tick_none")
        self.count = QLabel("", self, objectName="chosen_count")
        ticks = QHBoxLayout()
        ticks.addWidget(self.all_button)
        ticks.addWidget(self.none_button)
        ticks.addWidget(self.count, 1)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton("添加", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("ok")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.ways)
        layout.addWidget(self.view, 1)
        layout.addLayout(ticks)
        layout.addWidget(QLabel("参训天数默认为全程；缺课的学员添加后可在名单中修改。", self))
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.ways.currentChanged.connect(lambda _i: self.list_people())
        self.post_village.currentIndexChanged.connect(lambda _i: self.list_people())
        self.post.currentIndexChanged.connect(lambda _i: self.list_people())
        self.village.currentIndexChanged.connect(lambda _i: self.list_people())
        self.search.textChanged.connect(lambda _t: self.list_people())
        self.model.dataChanged.connect(lambda *_a: self._ticks_changed())
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.resize(640, 520)
        self.list_people()

    # -- the lists ------------------------------------------------------------------------------
    def _rows(self) -> tuple[list[tuple[str, tuple]], bool]:
        """(person id, shown row) of the current way, and whether they come ticked."""
        way = self.ways.currentIndex()
        if way == 0:
            found = services.people_by_post(self.post_village.currentData(), self.post.currentData())
            return [(pid, (name, village, codes.CADRE_POSTS.get(post, post or "")))
                    for pid, name, village, post in found], True
        if way == 1:
            vid = self.village.currentData()
            found = services.people_by_village(vid) if vid else []
            return [(pid, (name, village, mask(idn, "id") if idn else "")) for pid, name, village, idn in found], False
        text = self.search.text().strip()
        found = services.search_people(text) if text else []
        return [(p["id"], (p["name"], p["village"] or "", p["what"] or (mask(p["id_number"], "id")
                                                                         if p["id_number"] else "")))
                for p in found], False

    def list_people(self) -> None:
        rows, tick = self._rows()
        self._ids = [pid for pid, _ in rows]
        if tick:         # 按职务: the whole list is what the clerk asked for, in place of the last one
            for pid in self._auto:
                self.chosen.pop(pid, None)
            self._auto = set(self._ids)
            self.chosen.update((pid, r[0]) for pid, r in rows)
        self.model.set_rows([r for _, r in rows], checked=[pid in self.chosen for pid in self._ids])
        self.view.resizeColumnsToContents()
        self._show_count()

    def _ticks_changed(self) -> None:
        ticked = set(self.model.checked_rows())
        for i, pid in enumerate(self._ids):
            if i in ticked:
                self.chosen[pid] = self.model.row(i)[0]
            else:
                self.chosen.pop(pid, None)
        self._show_count()

    def _show_count(self) -> None:
        names = list(self.chosen.values())
        shown = "、".join(names[:8]) + ("等" if len(names) > 8 else "")
        self.count.setText(f"已选 {len(names)} 人" + (f"：{shown}" if names else ""))
        self.ok.setText(f"添加 {len(self.chosen)} 人" if self.chosen else "添加")

    # -- save -----------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.busy:
            return
        if not self.chosen:
            self.error.setText("还没有勾选人员；请先勾选要添加的学员")
            return
        people, tid = list(self.chosen), self.training_id
        self.busy = True
        self.ok.setEnabled(False)

        def done(outcome) -> None:
            self.busy = False
            self.saved.emit(outcome_text(outcome, len(people)))
            self.accept()

        def failed(e: BaseException) -> None:
            self.busy = False
            self.ok.setEnabled(True)
            self.error.setText(refusal_text(e))

        write(self, lambda: services.attend(tid, people), "正在添加学员…", done, failed, changes={"attendance"})


def outcome_text(outcome, asked: int) -> str:
    """"新添加 3 人，1 人已在名单中" (attending again changes nothing when no values are given)."""
    already = asked - outcome.added
    return f"新添加 {outcome.added} 人" + (f"，{already} 人已在名单中" if already else "")
