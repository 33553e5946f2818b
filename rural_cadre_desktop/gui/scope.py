"""What "当前列表" means for list-level actions (export, print, letters): exactly the rows the list
shows, in its order — or, when several rows are selected, the clerk chooses between "选中的 N 人"
and "当前列表 M 人". Every action says how many it took.

    scope = choose_scope(parent, "导出台账", selected=3, listed=300)   # "selected", "list" or None

One selected row is where the cursor happens to be, not a choice: it means the list (actions that
work on one person — 档案表, 修改 — read the selection themselves).
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

SELECTED, LISTED = "selected", "list"


def choose_scope(parent: QWidget | None, title: str, selected: int, listed: int, unit: str = "人",
                 what: str = "") -> str | None:
    """SELECTED, LISTED or None (cancelled). Asks only when two or more rows are selected."""
    if selected < 2:
        return LISTED
    box = QMessageBox(parent)
    box.setObjectName("scope_question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(f"列表中选中了 {selected} {unit}。{what or title}要用哪些？")
    sel = box.addButton(f"选中的 {selected} {unit}", QMessageBox.ButtonRole.AcceptRole)
    sel.setObjectName("scope_selected")
    lst = box.addButton(f"当前列表 {listed} {unit}", QMessageBox.ButtonRole.AcceptRole)
    lst.setObjectName("scope_list")
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(sel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is sel:
        return SELECTED
    if clicked is lst:
        return LISTED
    return None


def scope_label(scope: str, count: int, unit: str = "人") -> str:
    return f"选中的 {count} {unit}" if scope == SELECTED else f"当前列表 {count} {unit}"
