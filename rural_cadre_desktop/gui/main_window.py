"""The main window: three lists (返乡人员, 后备干部, 培训记录), menus and a status bar of counts."""
from __future__ import annotations

import logging

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop import APP_TITLE, __version__
from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core import kinds, settings
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.actions import WindowActions, rosters, roster_words
from rural_cadre_desktop.gui.returnees import ReturneesTab
from rural_cadre_desktop.gui.tabs.base import TableTab
from rural_cadre_desktop.gui.tabs.reserves import ReservesTab
from rural_cadre_desktop.gui.tabs.trainings import TrainingsTab

log = logging.getLogger("rcd.gui.main")

# The list tab of each record kind that has one, in tab order: (kind name in core/kinds, tab class).
# A kind with a ledger prints and exports "当前列表" from its tab (文件/打印 menus); a roster ledger
# (core/kinds LedgerSpec.roster_of) from the record selected in its parent kind's tab.
LIST_TABS = (("returnees", ReturneesTab), ("reserves", ReservesTab), ("trainings", TrainingsTab))


def window_title() -> str:
    township = settings.get("township")
    return f"{APP_TITLE} — {township}" if township else f"{APP_TITLE} — （尚未设置乡镇）"


class MainWindow(QMainWindow):
    def __init__(self, database=None, parent: QWidget | None = None, background_counts: bool = False):
        """`background_counts`: the lists count their rows on a reader thread after showing their
        first page (the program does; tests that read a count at once leave it off)."""
        super().__init__(parent)
        self.database = database or dbmod.database
        self.background_counts = background_counts
        self.setObjectName("MainWindow")
        from rural_cadre_desktop.gui.screen_fit import fit
        fit(self, 1280, 800)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.list_tabs: dict[str, TableTab] = {}
        for kind, tab_class in LIST_TABS:
            tab = tab_class(self.database, self)
            self.list_tabs[kinds.get(kind).name] = tab
            setattr(self, kind, tab)                   # self.returnees, self.reserves, self.trainings
            if background_counts and hasattr(tab.model, "background_count"):
                tab.model.background_count = True
        from rural_cadre_desktop.gui.templates import CustomReportPage, FillTemplatePage
        self.fill_page = FillTemplatePage(self)
        self.report_page = CustomReportPage(self)
        for tab in self.all_tabs():
            self.tabs.addTab(tab, tab.title)
            tab.counts_changed.connect(self.update_counts)
        for page in (self.fill_page, self.report_page):     # pages, not lists: no count in the status bar
            self.tabs.addTab(page, page.title)
        for i in range(self.tabs.count()):
            # Ctrl+1…5 switch tabs: clerks who work from the keyboard never need the mouse.
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i))
        self.actions = WindowActions(self)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self.tabs.currentChanged.connect(self._focus_tab)
        from rural_cadre_desktop.gui.damage_banner import DamageBanner
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.damage_banner = DamageBanner(self)     # hidden unless the quick check finds damage
        column.addWidget(self.damage_banner)
        column.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts)
        self._menus()
        self.reload()
        # after the tabs: they reload on the same notice first, then the counts are read
        operations.changes.data_changed.connect(self.on_data_changed)

    def all_tabs(self) -> list[TableTab]:
        return list(self.list_tabs.values())

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self._add(file_menu, "导入台账(&I)…", lambda: self.actions.import_ledger(), "Ctrl+I")
        self._add(file_menu, "导出当前列表台账为 Excel(&E)…", lambda: self.actions.export_ledger(), "Ctrl+E")
        for kind in rosters():           # 导出选中培训班的参训花名册为 Excel
            parent, word = roster_words(kind)
            self._add(file_menu, f"导出选中{parent}的{word}为 Excel…", lambda k=kind.name: self.actions.export_roster(k))
        file_menu.addSeparator()
        from rural_cadre_desktop.gui.dialogs import backup_dialog
        self._add(file_menu, "备份到U盘(&B)…", lambda: backup_dialog.backup_to_usb(self))
        self._add(file_menu, "从备份恢复(&R)…", lambda: backup_dialog.restore_from_backup(self))
        from rural_cadre_desktop.gui.sync import dialog as sync_dialog
        self._add(file_menu, "同步(U盘)(&U)…", lambda: sync_dialog.open_sync(self))
        file_menu.addSeparator()
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(lambda: self.close())
        file_menu.addAction(quit_action)

        settings_menu = bar.addMenu("设置(&S)")
        self.settings_action = QAction("设置(&S)…", self)
        self.settings_action.triggered.connect(lambda: self.open_settings())
        settings_menu.addAction(self.settings_action)
        self.villages_action = QAction("村(社区)(&V)…", self)
        self.villages_action.triggered.connect(lambda: self.open_villages())
        settings_menu.addAction(self.villages_action)

        print_menu = bar.addMenu("打印(&P)")
        self._add(print_menu, "邀请函(&L)…", lambda: self.actions.invitations(), "Ctrl+L")
        self._add(print_menu, "编辑邀请函模板(&T)…", lambda: self.actions.edit_letter_template())
        print_menu.addSeparator()
        self._add(print_menu, "选中人员的档案表(&A)", lambda: self.actions.archive(), "Ctrl+P")
        self._add(print_menu, "一村一册(&B)…", lambda: self.actions.village_book())
        self._add(print_menu, "当前列表的台账(&D)", lambda: self.actions.ledger_pdf())
        for kind in rosters():           # 选中培训班的参训花名册
            parent, word = roster_words(kind)
            self._add(print_menu, f"选中{parent}的{word}(&R)", lambda k=kind.name: self.actions.roster_pdf(k))

        help_menu = bar.addMenu("帮助(&H)")
        self._add(help_menu, "快捷键(&K)…", lambda: self.show_shortcuts(), "F1")
        about = QAction("关于(&A)", self)
        about.triggered.connect(lambda: self.about())
        help_menu.addAction(about)
        self.quit_action = quit_action

    def show_shortcuts(self) -> None:
        from rural_cadre_desktop.gui.dialogs.shortcuts_dialog import ShortcutsDialog
        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.open()

    def _add(self, menu, text: str, slot, shortcut: str | None = None) -> QAction:
        """A menu item calling slot() with no argument (triggered(bool) never reaches it)."""
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def reload(self) -> None:
        """Re-read everything (after settings or villages changed)."""
        self.setWindowTitle(window_title())
        for tab in self.all_tabs():
            tab.load()
        self.update_counts()

    def on_data_changed(self, kinds) -> None:
        """The lists reload themselves on the notice; the window keeps its title and counts."""
        if "settings" in kinds:
            self.setWindowTitle(window_title())
        self.update_counts()

    def update_counts(self) -> None:
        self.counts.setText("　·　".join(tab.count_text() for tab in self.all_tabs()))

    def _focus_search(self) -> None:
        """Ctrl+F: the current tab's search field (a tab with inner pages says which is current)."""
        tab = self.tabs.currentWidget()
        if hasattr(tab, "focus_search"):
            tab.focus_search()
        elif isinstance(tab, TableTab) and tab.search is not None:
            tab.search.setFocus()
            tab.search.selectAll()

    def _focus_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, TableTab):
            (tab.search or tab.view).setFocus()

    # -- dialogs ----------------------------------------------------------------------------
    def make_settings_dialog(self):
        from rural_cadre_desktop.gui.dialogs.settings_dialog import SettingsDialog
        dlg = SettingsDialog(self)
        return dlg

    def open_settings(self) -> None:
        dlg = self.make_settings_dialog()
        dlg.exec()
        dlg.deleteLater()

    def make_villages_dialog(self):
        from rural_cadre_desktop.gui.dialogs.villages_dialog import VillagesDialog
        dlg = VillagesDialog(self.database, self)
        return dlg

    def open_villages(self) -> None:
        dlg = self.make_villages_dialog()
        dlg.exec()
        dlg.deleteLater()

    def about(self) -> None:
        QMessageBox.about(self, "关于",
                          f"<b>{APP_TITLE}</b><br>版本 {__version__}<br><br>"
                          "返乡人员（在外创业经商人员）登记、村级后备干部一乡一库、培训记录。<br>"
                          f"数据库：{dbmod.db_path()}")
