"""What the sync pages share: a passphrase field, a red error line, a report table."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from rural_cadre_desktop.gui.crash import friendly_message
from rural_cadre_desktop.gui.rows_model import RowsModel


def passphrase_field(parent: QWidget, placeholder: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


def message(error: BaseException) -> str:
    return friendly_message(error) or f"操作没有完成：{error}"


def table(parent: QWidget, headers: list[str], rows: list[tuple], centered=(),
          stretch: int = 0) -> tuple[QTableView, RowsModel]:
    model = RowsModel(headers, rows, parent=parent, centered=centered, tooltips=True)
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view, model
