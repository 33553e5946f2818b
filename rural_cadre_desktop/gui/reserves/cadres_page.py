"""村两委 page of the 后备干部 tab: the sitting and past 两委 posts of one village (or all), editable
(新增任职 / 修改 / 离任 / 删除), and beside them that village's active reserves (对照: track, age,
学历), so a successor can be weighed against the people sitting now. Current posts come first,
past ones after in grey. Rows are core/reserves/cadres.posts() and candidates(); writes go through
gui/reserves/cadre_dialog.py (or delete_post here) on the writer thread, and the page reloads on
the data-changed notice."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.reserves import cadres
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.reserves.cadre_dialog import CadreDialog, EndDialog
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import table_view

ALL = "全部"
HEADERS = ["村(社区)", "职务", "姓名", "性别", "年龄", "学历", "政治面貌", "任职时间", "离任时间", "状态"]
POST, STATE = 1, 9
CURRENT, PAST = "现任", "已离任"
GREY = QBrush(QColor("#808080"))
RESERVE_HEADERS = ["村(社区)", "姓名", "后备类别", "年龄", "学历", "政治面貌", "入库时间"]


class PostsModel(RowsModel):
    """Past terms in grey."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            return GREY if self.row(index.row())[STATE] == PAST else None
        return super().data(index, role)


def _age(n) -> str:
    return "" if n is None else str(n)


class CadresPage(QWidget):
    shows = frozenset({"cadres", "reserves", "people", "villages"})

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dialog = None                         # the dialog open now
        self.posts: list[dict] = []
        self.village = QComboBox(self, objectName="cadre_village")
        self.add_button = QPushButton("新增任职(&N)…", self, objectName="cadre_add")
        self.edit_button = QPushButton("修改(&E)…", self, objectName="cadre_edit")
        self.end_button = QPushButton("离任(&L)…", self, objectName="cadre_end")
        self.delete_button = QPushButton("删除", self, objectName="cadre_delete")
        bar = QHBoxLayout()
        label = QLabel("村(社区)(&C)：", self)
        label.setBuddy(self.village)
        bar.addWidget(label)
        bar.addWidget(self.village)
        for b in (self.add_button, self.edit_button, self.end_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.model = PostsModel(HEADERS, [], centered=(3, 4, STATE))
        self.view = table_view(self.model, "cadres_view")
        self.summary = QLabel(self, objectName="cadres_summary")
        self.reserves = RowsModel(RESERVE_HEADERS, [], centered=(3,))
        self.reserve_view = table_view(self.reserves, "cadre_reserves_view")
        self.reserve_title = QLabel("对照：本村在库后备干部", self, objectName="reserve_title")
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.reserve_title)
        lower_layout.addWidget(self.reserve_view, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.end_button.clicked.connect(lambda: self.end_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.village.currentIndexChanged.connect(lambda: self.load() if self.loaded else None)
        self.loaded = False
        operations.changes.data_changed.connect(self.on_data_changed)

    # -- loading ----------------------------------------------------------------------------------
    def on_data_changed(self, kinds) -> None:
        if self.loaded and operations.affects(kinds, *self.shows):
            if operations.affects(kinds, "villages"):
                self._fill_villages()
            self.load()

    def _fill_villages(self) -> None:
        keep = self.village.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(ALL, None)
        for v in regions.villages():
            self.village.addItem(v.name, v.id)
        i = self.village.findData(keep) if keep else 0
        self.village.setCurrentIndex(max(i, 0))
        self.village.blockSignals(False)

    def village_name(self) -> str | None:
        return self.village.currentText() if self.village.currentData() else None

    def load(self) -> None:
        if not self.loaded:
            self._fill_villages()
        vid = self.village.currentData()
        self.posts = cadres.posts(vid)
        self.model.set_rows([(p["village"], cadres.post_label(p["post"], p["holds_both"]), p["name"], p["sex"],
                              _age(p["age"]), p["education"], p["political"], p["term_start"], p["term_end"],
                              CURRENT if p["current"] else PAST) for p in self.posts])
        pool = cadres.candidates(vid)
        self.reserves.set_rows([(r["village"], r["name"], codes.RESERVE_TRACKS.get(r["track"], r["track"]),
                                 _age(r["age"]), r["education"], r["political"], r["entered"]) for r in pool])
        current = [p for p in self.posts if p["current"]]
        where = self.village_name() or "全乡镇"
        sec = [p for p in current if p["post"] == "secretary"]
        who = "、".join(p["name"] + ("（一肩挑）" if p["holds_both"] else "") for p in sec) or "空缺"
        past = len(self.posts) - len(current)
        self.summary.setText(f"{where}：现任两委成员{len(current)}人，书记：{who}；往届任职{past}条")
        secretary_pool = sum(1 for r in pool if r["track"] == "secretary")
        self.reserve_title.setText(f"对照：{where}在库后备干部{len(pool)}人（书记后备人选{secretary_pool}人）")
        for view in (self.view, self.reserve_view):
            view.resizeColumnsToContents()
            head = view.horizontalHeader()
            head.setStretchLastSection(False)          # compact columns, no stretched 状态 column
            for col in range(view.model().columnCount()):
                head.resizeSection(col, head.sectionSize(col) + 16)
        self.loaded = True

    # -- actions ----------------------------------------------------------------------------------
    def tell(self, text: str) -> None:
        QMessageBox.information(self, "村两委", text)

    def selected(self) -> dict | None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if len(rows) != 1:
            self.tell("请先在列表中选中一条任职记录" if not rows else "一次只能办理一条，请只选中一行")
            return None
        return self.posts[rows[0]]

    def _open(self, dlg) -> None:
        self.dialog = dlg
        dlg.finished.connect(lambda _result: setattr(self, "dialog", None))
        dlg.open()

    def add(self) -> None:
        self._open(CadreDialog(self, village=self.village_name()))

    def edit_selected(self) -> None:
        post = self.selected()
        if post is not None:
            self._open(CadreDialog(self, post=post))

    def end_selected(self) -> None:
        post = self.selected()
        if post is None:
            return
        if not post["current"]:
            self.tell(f"“{post['name']}”的这条任职已于{post['term_end']}离任，无需再办理")
            return
        self._open(EndDialog(post, self))

    def delete_selected(self) -> None:
        post = self.selected()
        if post is None:
            return
        text = (f"删除“{post['name']}”的{cadres.post_label(post['post'], post['holds_both'])}任职记录"
                f"（{post['term_start']}起）？\n\n删除只用于录错的记录；任期结束请用“离任”，记录会保留。")
        if QMessageBox.question(self, "删除任职记录", text) != QMessageBox.StandardButton.Yes:
            return
        cid = post["id"]

        def failed(e: BaseException) -> None:
            QMessageBox.warning(self, "未能删除", e.zh if isinstance(e, UserError) else f"删除失败：{e}")
        operations.run_op(self, lambda ctx: cadres.delete_post(cid), write=True, label="正在删除…",
                          on_failure=failed, changes={"cadres"})
