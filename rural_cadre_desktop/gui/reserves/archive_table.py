"""An archive part (简历, 家庭成员 …) as an editable table: a small model over core.archive.Row
lists, a delegate offering the choices of enumerated and coded columns, and the page with
添加 / 删除 / 上移 / 下移 (keys: Insert adds, Delete deletes the current row)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QPushButton,
                               QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from rural_cadre_desktop.core.archive import Part, Row


class PartModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, part: Part, rows: list[Row], parent=None):
        super().__init__(parent)
        self.part = part
        self.rows = [Row(r.id, dict(r.values)) for r in rows]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.part.specs)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            spec = self.part.specs[section]
            return spec.label + ("＊" if spec.required else "")
        return str(section + 1)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        return self.rows[index.row()].values.get(self.part.specs[index.column()].name, "")

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        name = self.part.specs[index.column()].name
        value = "" if value is None else str(value)
        if self.rows[index.row()].values.get(name, "") == value:
            return False
        self.rows[index.row()].values[name] = value
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def add_row(self, at: int | None = None) -> int:
        at = len(self.rows) if at is None else at
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, Row(None, {}))
        self.endInsertRows()
        self.edited.emit()
        return at

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            self.edited.emit()

    def move_row(self, row: int, by: int) -> bool:
        to = row + by
        if not (0 <= row < len(self.rows) and 0 <= to < len(self.rows)):
            return False
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if by > 0 else to)
        self.rows.insert(to, self.rows.pop(row))
        self.endMoveRows()
        self.edited.emit()
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box (typing allowed) for the columns that have a list of values."""

    def __init__(self, part: Part, parent=None):
        super().__init__(parent)
        self.part = part

    def _choices(self, column: int) -> list[str] | None:
        spec = self.part.specs[column]
        if spec.code_list is not None:
            return [label for _, label in spec.code_list.choices()]
        if spec.choices is not None:
            return list(spec.choices.values())
        return None

    def createEditor(self, parent, option, index):
        choices = self._choices(index.column())
        if choices is None:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.setEditable(True)
        box.addItems([""] + choices)
        return box

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class PartView(QTableView):
    """The table: Insert adds a row, Delete deletes the current one (when no cell is being edited)."""
    insert_pressed = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event):
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() == Qt.Key.Key_Insert:
                self.insert_pressed.emit()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.delete_pressed.emit()
                return
        super().keyPressEvent(event)


class PartPage(QWidget):
    """The table of one archive part with its buttons."""

    def __init__(self, part: Part, rows: list[Row], parent=None):
        super().__init__(parent)
        self.part = part
        self.model = PartModel(part, rows, self)
        self.view = PartView(self)
        self.view.setObjectName(f"table_{part.key}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(part, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for c, spec in enumerate(part.specs):
            self.view.setColumnWidth(c, 220 if spec.name in ("text", "school", "work_unit") else 110)
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, label, slot in [("add", "添加(Insert)", self.add), ("delete", "删除(Delete)", self.delete),
                                 ("up", "上移", lambda: self.move(-1)), ("down", "下移", lambda: self.move(1))]:
            if key in ("up", "down") and not part.ordered:
                continue
            b = QPushButton(label, self)
            b.setObjectName(f"{part.key}_{key}")
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.view.insert_pressed.connect(self.add)
        self.view.delete_pressed.connect(self.delete)

    def current_row(self) -> int:
        idx = self.view.currentIndex()
        return idx.row() if idx.isValid() else -1

    def add(self) -> None:
        at = self.model.add_row()
        index = self.model.index(at, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    def delete(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.remove_row(row)

    def move(self, by: int) -> None:
        row, col = self.current_row(), max(self.view.currentIndex().column(), 0)
        if row >= 0 and self.model.move_row(row, by):
            self.view.setCurrentIndex(self.model.index(row + by, col))

    def show_cell(self, row: int, name: str) -> None:
        """Select the cell a refusal names."""
        col = self.part.columns.index(name) if name in self.part.columns else 0
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, col))
            self.view.setFocus()
