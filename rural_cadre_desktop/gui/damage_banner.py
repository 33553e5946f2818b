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
        self.setStyleSheet(_STYLE)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setStyleSheet("color: #8a1f11;")
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


_running: set = set()        # the connections of checks under way (stop_checks interrupts them)


def check_in_background(window) -> operations.Op:
    """Start the quick check on a reader thread; its outcome fills window.damage_banner."""
    def work(ctx):
        from rural_cadre_desktop.core import db
        from rural_cadre_desktop.core.check import quick_check
        conn = db.database.connection()
        _running.add(conn)
        try:
            return quick_check(db.database)
        finally:
            _running.discard(conn)

    # quick_check reports damage as problems; it raises only for what says nothing about the
    # file (another program holding a lock): run_op logs that, and no banner cries wolf.
    return operations.run_op(window, work, progress=False, label="正在检查数据库…",
                             on_success=window.damage_banner.show_problems)


def stop_checks() -> None:
    """At quit: a check of a large file still reading stops now instead of holding up the exit."""
    for conn in list(_running):
        conn.interrupt()
