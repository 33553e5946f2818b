"""The warning across the top of the main window when the ledger file is damaged.

The quick check (core.check.quick_check) runs after the window shows, on a worker thread (a
100k-row ledger takes a noticeable moment), so a clerk sees the lists at once and the banner only
when something is wrong — with the way out: restore the newest good backup."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from rural_cadre_desktop.gui import operations

log = logging.getLogger("rcd.gui.damage")

RESTORE_MENU_TEXT = "从备份恢复"       # the 文件 menu item that restores a backup
_STYLE = "QWidget#DamageBanner { background: #fde2e1; border-bottom: 1px solid #d9534f; }"


class DamageBanner(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("DamageBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)    # else a QWidget paints no background
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        lay.addWidget(self.text, 1)
        self.restore_button = QPushButton("从备份恢复…", self)
        self.restore_button.clicked.connect(lambda: self._restore())
        lay.addWidget(self.restore_button)
        self.problems: list[str] = []
        self.hide()

    def show_problems(self, problems: list[str]) -> None:
        """Nothing to say for an intact file; otherwise one sentence and the way out."""
        self.problems = list(problems or [])
        if not self.problems:
            self.hide()
            return
        log.warning("quick check found the ledger damaged: %s", "; ".join(self.problems[:3]))
        if not self.styleSheet():           # styled when first shown: a hidden banner costs no start
            self.setStyleSheet(_STYLE)
            self.text.setStyleSheet("color: #8a1f11;")
        self.text.setText(f"数据库文件已损坏（检查发现 {len(self.problems)} 处问题），请不要继续录入："
                          "用“文件 → 从备份恢复…”恢复最近的完好备份，或联系技术支持。")
        self.text.setToolTip("\n".join(self.problems[:10]))       # SQLite's own words, for IT staff
        self.restore_button.setVisible(self._restore_action() is not None)
        self.show()

    def _restore_action(self):
        for top in self.window_.menuBar().actions():
            menu = top.menu()
            for action in (menu.actions() if menu else []):
                if action.text().replace("&", "").startswith(RESTORE_MENU_TEXT):
                    return action
        return None

    def _restore(self) -> None:
        action = self._restore_action()
        if action is not None:
            action.trigger()


def check_in_background(window) -> operations.Op:
    """Start the quick check on a reader thread; its outcome fills window.damage_banner.
    Quitting stops a check still reading (operations.stop_reads)."""
    def check():
        from rural_cadre_desktop.core import db
        from rural_cadre_desktop.core.check import quick_check
        return quick_check(db.database)

    # quick_check reports damage as problems; it raises only for what says nothing about the
    # file (another program holding a lock, the check stopped at quit): run_op logs that, and no
    # banner cries wolf.
    return operations.run_op(window, operations.interruptible(check), progress=False,
                             label="正在检查数据库…", on_success=window.damage_banner.show_problems)
