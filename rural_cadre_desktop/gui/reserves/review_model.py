"""The 年度考察评议 table's model and delegate: the pool of a year (core.reserves.services.review_pool)
with the clerk's choices kept in the model, edited through ONE delegate — a combo for 评议等次, a
line for 备注, a checklist (the township's 负面清单 items plus free text) for 负面清单.

Why a delegate and not a combo and a line editor per row as index widgets: a county pool has
thousands of members, and two live widgets per row cost seconds to build (bench/bench_review_table.py);
a delegate makes one editor, for the cell being edited. Keyboard: F2, a double-click or typing opens
the editor, Tab commits and goes on to the next cell, Esc reverts. Rows already reviewed that year
show their rating and are read-only here.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.reserves import negative_list

HEADERS = ["姓名", "村(社区)", "类别", "评议等次", "备注", "负面清单"]
RATING, NOTE, NEGATIVE = 3, 4, 5
NOT_RATED = "（未评）"
TRACK_SHORT = {"secretary": "书记后备", "two_committees": "两委后备"}
_DISPLAY, _EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
_FOREGROUND, _TOOLTIP = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole
_ROOT = QModelIndex()
_GREY, _RED = QBrush(QColor("#888888")), QBrush(QColor("#b00000"))


class ReviewModel(QAbstractTableModel):
    """Rows of review_pool(year); `rating/note/negative[i]` hold what the clerk chose (unrated rows)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self._fixed: list[tuple] = []          # name, village, track shown
        self.rating: list[str | None] = []
        self.note: list[str] = []
        self.negative: list[str | None] = []

    def set_pool(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._fixed = [(r["name"], r["village"] or "", TRACK_SHORT.get(r["track"], r["track"])) for r in rows]
        self.rating = [None] * len(rows)
        self.note = [""] * len(rows)
        self.negative = [None] * len(rows)
        self.endResetModel()

    def reviewed(self, row: int) -> bool:
        return bool(self.rows[row]["rating"])

    def chosen(self) -> list[tuple[str, str, str | None, str | None]]:
        """(reserve id, rating, note, 负面清单) of every row given a rating."""
        return [(r["id"], self.rating[i], self.note[i].strip() or None, self.negative[i])
                for i, r in enumerate(self.rows) if self.rating[i] and not r["rating"]]

    def findings_without_rating(self) -> list[str]:
        return [r["name"] for i, r in enumerate(self.rows) if self.negative[i] and not self.rating[i] and not r["rating"]]

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def _value(self, i: int, c: int) -> str:
        r = self.rows[i]
        if c < RATING:
            return self._fixed[i][c]
        if r["rating"]:                                   # reviewed: what was recorded
            return {RATING: codes.REVIEW_RATINGS.get(r["rating"], r["rating"]), NOTE: r["note"] or "",
                    NEGATIVE: negative_list.short(r.get("negative_list"))}[c]
        if c == RATING:
            return codes.REVIEW_RATINGS[self.rating[i]] if self.rating[i] else NOT_RATED
        return self.note[i] if c == NOTE else negative_list.short(self.negative[i])

    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        i, c = index.row(), index.column()
        if role == _DISPLAY or role == _TOOLTIP and c in (NOTE, NEGATIVE):
            return self._value(i, c)
        if role == _EDIT:
            return {RATING: self.rating[i], NOTE: self.note[i], NEGATIVE: self.negative[i]}.get(c)
        if role == _FOREGROUND:
            if c == NEGATIVE:
                return _RED
            if c >= RATING and self.reviewed(i) or c == RATING and not self.rating[i]:
                return _GREY
        return None

    def setData(self, index, value, role=_EDIT) -> bool:
        if role != _EDIT or not index.isValid() or self.reviewed(index.row()):
            return False
        i, c = index.row(), index.column()
        if c == RATING:
            self.rating[i] = value or None
        elif c == NOTE:
            self.note[i] = (value or "").strip()
        elif c == NEGATIVE:
            self.negative[i] = value or None
        else:
            return False
        self.dataChanged.emit(index, index, [_DISPLAY, _EDIT, _FOREGROUND])
        return True

    def flags(self, index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() >= RATING and not self.reviewed(index.row()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section, orientation, role=_DISPLAY):
        if role != _DISPLAY:
            return None
        return HEADERS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)


class ChecklistEditor(QFrame):
    """The 负面清单 cell's editor: the township's items to tick, and a line for anything else.
    `finished(hint)` when the clerk is done (Tab/Enter: next cell; Esc: revert; focus left)."""
    finished = Signal(object)

    def __init__(self, parent: QWidget, items: list[str]):
        super().__init__(parent)
        self.setObjectName("negative_editor")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.items = list(items)
        self.list = QListWidget(self, objectName="negative_items")
        self.other = QLineEdit(self, objectName="negative_other")
        self.other.setPlaceholderText("其他情形（多条用“；”分开）")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        head = QLabel("负面清单（空格键勾选，Tab 完成）：", self)
        layout.addWidget(head)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.other)
        self.setFocusProxy(self.list)
        for w in (self.list, self.other):
            w.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._done = False

    def set_value(self, text: str | None) -> None:
        found, rest = negative_list.split(text, self.items)
        self.list.clear()
        for item in self.items:
            it = QListWidgetItem(item, self.list)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if item in found else Qt.CheckState.Unchecked)
        self.other.setText(rest)
        self.list.setCurrentRow(0)

    def value(self) -> str | None:
        checked = [self.list.item(i).text() for i in range(self.list.count())
                   if self.list.item(i).checkState() == Qt.CheckState.Checked]
        return negative_list.join(checked, self.other.text())

    def check(self, text: str, on: bool = True) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).text() == text:
                self.list.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def preferred_height(self) -> int:
        rows = min(self.list.count(), 8)
        return rows * (self.list.sizeHintForRow(0) if self.list.count() else 20) + self.other.sizeHint().height() + 48

    def _finish(self, hint) -> None:
        if not self._done:
            self._done = True
            self.finished.emit(hint)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self._finish(QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if obj is self.list and self.list.currentItem() is not None:
                    it = self.list.currentItem()        # Enter on an item ticks it, as Space does
                    it.setCheckState(Qt.CheckState.Unchecked if it.checkState() == Qt.CheckState.Checked
                                     else Qt.CheckState.Checked)
                    return True
                self._finish(QAbstractItemDelegate.EndEditHint.SubmitModelCache)
                return True
            if key == Qt.Key.Key_Tab and obj is self.list:
                self.other.setFocus()
                return True
            if key == Qt.Key.Key_Tab and obj is self.other:
                self._finish(QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
            if key == Qt.Key.Key_Backtab:
                if obj is self.other:
                    self.list.setFocus()
                else:
                    self._finish(QAbstractItemDelegate.EndEditHint.EditPreviousItem)
                return True
        return super().eventFilter(obj, event)

    def _focus_changed(self, _old, new) -> None:
        # Clicking elsewhere (another widget, 保存) ends the edit and keeps what was ticked.
        w = new
        while w is not None:
            if w is self:
                return
            w = w.parentWidget()
        if new is not None:
            self._finish(QAbstractItemDelegate.EndEditHint.NoHint)


class ReviewDelegate(QStyledItemDelegate):
    """One editor at a time, for the cell being edited; `editor` is the open one (or None)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor: QWidget | None = None
        self.closeEditor.connect(self._closed)

    def _closed(self, editor, _hint=None) -> None:
        if editor is self.editor:
            self.editor = None

    def eventFilter(self, obj, event) -> bool:
        # An editor closed by Enter loses the focus afterwards: Qt's filter would commit it once
        # more to a view it no longer belongs to (a warning); the value is already committed.
        if event.type() == QEvent.Type.FocusOut and obj is not self.editor:
            return False
        # Enter ends the edit now (Qt's filter queues it, and a click that closed the editor
        # meanwhile made that queued commit warn about an editor gone).
        if event.type() == QEvent.Type.KeyPress and obj is self.editor and not isinstance(obj, ChecklistEditor) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not (isinstance(obj, QComboBox) and obj.view().isVisible()):
            self._commit_close(obj, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(obj, event)

    def createEditor(self, parent, option, index):
        c = index.column()
        if c == RATING:
            ed = QComboBox(parent, objectName="rating_editor")
            ed.addItem(NOT_RATED, None)
            for key, label in codes.REVIEW_RATINGS.items():
                ed.addItem(label, key)
            # each choice (mouse or arrow keys) reaches the model at once; Tab/Enter/leaving ends the edit
            ed.activated.connect(lambda _i: self.commitData.emit(ed))
        elif c == NOTE:
            ed = QLineEdit(parent, objectName="note_editor")
        elif c == NEGATIVE:
            ed = ChecklistEditor(parent, negative_list.items())
            ed.finished.connect(lambda hint: self._commit_close(ed, hint))
        else:
            return None
        self.editor = ed
        return ed

    def _commit_close(self, editor, hint) -> None:
        if editor is not self.editor:
            return
        if hint != QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint)

    def finish(self) -> None:
        """Commit and close the open editor (before saving)."""
        if self.editor is not None:
            self._commit_close(self.editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index) -> None:
        value = index.data(_EDIT)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, ChecklistEditor):
            editor.set_value(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def setModelData(self, editor, model, index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), _EDIT)
        elif isinstance(editor, ChecklistEditor):
            model.setData(index, editor.value(), _EDIT)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), _EDIT)

    def updateEditorGeometry(self, editor, option, index) -> None:
        if not isinstance(editor, ChecklistEditor):
            super().updateEditorGeometry(editor, option, index)
            return
        # wider and taller than the cell, kept inside the table's visible area
        area = editor.parentWidget().rect()
        rect = QRect(option.rect.topLeft(), option.rect.size())
        rect.setWidth(max(rect.width(), 360))
        rect.setHeight(min(editor.preferred_height(), max(area.height(), 120)))
        if rect.right() > area.right():
            rect.moveRight(area.right())
        if rect.bottom() > area.bottom():
            rect.moveBottom(area.bottom())
        rect.moveTop(max(rect.top(), 0))
        rect.moveLeft(max(rect.left(), 0))
        editor.setGeometry(rect)
