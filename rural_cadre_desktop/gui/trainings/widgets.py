"""Small pieces the training dialogs share: a date field, a choice combo, a day-count spin box,
the red line where a refusal is said, and the write on the writer thread."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QLabel, QWidget

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui.operations import run_op

TRAINING_CHANGES = frozenset({"trainings", "attendance"})


def date_edit(parent: QWidget, name: str, iso: str | None = None) -> QDateEdit:
    d = QDateEdit(parent, objectName=name)
    d.setCalendarPopup(True)
    d.setDisplayFormat("yyyy-MM-dd")
    d.setDate(QDate.fromString(iso, "yyyy-MM-dd") if iso and len(iso) == 10 else QDate.currentDate())
    return d


def iso(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


def choice_combo(parent: QWidget, name: str, choices: dict[str, str], blank: str | None = None) -> QComboBox:
    """Labels shown, identifiers as data; `blank` adds a first "none/all" entry with data None."""
    c = fitted_combo(parent, name)
    if blank is not None:
        c.addItem(blank, None)
    for key, label in choices.items():
        c.addItem(label, key)
    return fit(c)


def fitted_combo(parent: QWidget, name: str) -> QComboBox:
    """A combo that grows with its entries (call fit() once they are in)."""
    c = QComboBox(parent, objectName=name)
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return c


WIDEST = 240


def fit(combo: QComboBox) -> QComboBox:
    """Wide enough for its longest entry and the arrow: the style's own hint left the closing
    full-width bracket of “（全部年度）” under the arrow with the bundled font."""
    fm = combo.fontMetrics()
    longest = max((fm.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    # at most WIDEST: a rule's long name must not push the page past a 1024-pixel screen (the
    # list that drops down still shows it whole)
    combo.setMinimumWidth(min(longest + fm.height() + 24, WIDEST))
    if longest + fm.height() + 24 > WIDEST:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMaximumWidth(WIDEST)
        combo.view().setMinimumWidth(longest + fm.height() + 24)
    return combo


def select_data(combo: QComboBox, value) -> None:
    i = combo.findData(value)
    if i >= 0:
        combo.setCurrentIndex(i)


def days_spin(parent: QWidget, name: str, maximum: float = 3650) -> QDoubleSpinBox:
    """Days in half-day steps (a class may last 2.5 days)."""
    s = QDoubleSpinBox(parent, objectName=name)
    s.setDecimals(1)
    s.setSingleStep(0.5)
    s.setRange(0, maximum)
    return s


def error_label(parent: QWidget) -> QLabel:
    label = QLabel("", parent, objectName="error")
    label.setStyleSheet("color: #c00000")
    label.setWordWrap(True)
    return label


def refusal_text(e: BaseException) -> str:
    """A refusal as its Chinese sentence; anything else as a short failure notice."""
    if isinstance(e, UserError):
        return e.zh
    return f"保存失败：{e}。请重试；如仍失败，请把日志发给技术支持。"


def write(parent: QWidget, fn: Callable[[], object], label: str, on_success: Callable[[object], None],
          on_failure: Callable[[BaseException], None], changes=TRAINING_CHANGES):
    """One service call on the writer thread; the lists reload on the data-changed notice."""
    return run_op(parent, lambda ctx: fn(), write=True, label=label, on_success=on_success,
                  on_failure=on_failure, changes=changes)
