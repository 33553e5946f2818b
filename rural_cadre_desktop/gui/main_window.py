"""The main window: three lists (返乡人员, 后备干部, 培训记录) and two pages (填报表格, 自定义报表),
menus and a status bar of counts. Only the first tab is built before the window shows; the others
when first shown or asked for (gui/lazy_tabs.py), and every menu's dialog module on first use."""
from __future__ import annotations

import logging

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop import APP_TITLE, __version__
from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core import settings
from rural_cadre_desktop.gui import operations
from rural_cadre_desktop.gui.lazy_tabs import LazyTabs, Slot, load

log = logging.getLogger("rcd.gui.main")

# The list tab of each record kind that has one, in tab order (the slot's name is the kind's name
# in core/kinds). A kind with a ledger prints and exports "当前列表" from its tab (文件/打印 menus);
# a roster ledger (core/kinds LedgerSpec.roster_of) from the record selected in its parent kind's tab.
LIST_TABS = (
    Slot("returnees", "返乡人员", "rural_cadre_desktop.gui.returnees:ReturneesTab"),    # built at once
    Slot("reserves", "后备干部", "rural_cadre_desktop.gui.tabs.reserves:ReservesTab",
         "rural_cadre_desktop.core.reserves.query:RESERVES"),
    Slot("trainings", "培训记录", "rural_cadre_desktop.gui.tabs.trainings:TrainingsTab",
         "rural_cadre_desktop.core.trainings.query:TRAININGS", unit="期"),
)
PAGES = (
    Slot("fill_page", "填报表格", "rural_cadre_desktop.gui.templates.fill_page:FillTemplatePage"),
    Slot("report_page", "自定义报表", "rural_cadre_desktop.gui.templates.report_page:CustomReportPage"),
)


def window_title() -> str:
    township = settings.get("township")
    return f"{APP_TITLE} — {township}" if township else f"{APP_TITLE} — （尚未设置乡镇）"


def _tab(name: str) -> property:
    return property(lambda self: self.lazy_tabs.get(name), doc=f"the {name} tab (built on first use)")


class MainWindow(QMainWindow):
    returnees = _tab("returnees")
    reserves = _tab("reserves")
    trainings = _tab("trainings")
    fill_page = _tab("fill_page")
    report_page = _tab("report_page")

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
        self._unbuilt_counts: dict[str, int] = {}
        self.lazy_tabs = LazyTabs(self.tabs, LIST_TABS + PAGES, self._make_tab, self._tab_built)
        for i in range(self.tabs.count()):
            # Ctrl+1…5 switch tabs: clerks who work from the keyboard never need the mouse.
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i))
        self._actions = None
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
        self.setWindowTitle(window_title())
        self.lazy_tabs.get(LIST_TABS[0].name)           # the first list, loaded and shown at once
        self._count_unbuilt()
        self.update_counts()
        # after the tabs: they reload on the same notice first, then the counts are read
        operations.changes.data_changed.connect(self.on_data_changed)

    def _make_tab(self, slot: Slot, cls: type) -> QWidget:
        if slot in PAGES:
            return cls(self)
        tab = cls(self.database, self)
        if self.background_counts and hasattr(tab.model, "background_count"):
            tab.model.background_count = True
        return tab

    def _tab_built(self, slot: Slot, tab: QWidget) -> None:
        self._unbuilt_counts.pop(slot.name, None)
        if slot in LIST_TABS:
            tab.counts_changed.connect(self.update_counts)
            tab.load()
            self.update_counts()

    @property
    def list_tabs(self) -> dict:
        """Kind name → its list tab, every one built (the menus' export and print actions)."""
        return {slot.name: self.lazy_tabs.get(slot.name) for slot in LIST_TABS}

    @property
    def actions(self):
        """The menus' actions (gui/actions.py), made on first use: their module brings the file
        dialogs and the report writers' front ends."""
        if self._actions is None:
            from rural_cadre_desktop.gui.actions import WindowActions
            self._actions = WindowActions(self)
        return self._actions

    def built_list_tabs(self) -> list[QWidget]:
        return [self.lazy_tabs.built[s.name] for s in LIST_TABS if self.lazy_tabs.is_built(s.name)]

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self._add(file_menu, "导入台账(&I)…", lambda: self.actions.import_ledger(), "Ctrl+I")
        self._add(file_menu, "导出当前列表台账为 Excel(&E)…", lambda: self.actions.export_ledger(), "Ctrl+E")
        self._rosters_later(file_menu, file_menu.addSeparator(),     # 导出选中培训班的参训花名册为 Excel
                            "导出选中{parent}的{word}为 Excel…", lambda k: self.actions.export_roster(k))
        self._add(file_menu, "备份到U盘(&B)…",
                  lambda: load("rural_cadre_desktop.gui.dialogs.backup_dialog:backup_to_usb")(self))
        self._add(file_menu, "从备份恢复(&R)…",
                  lambda: load("rural_cadre_desktop.gui.dialogs.backup_dialog:restore_from_backup")(self))
        self._add(file_menu, "同步(U盘)(&U)…", lambda: load("rural_cadre_desktop.gui.sync.dialog:open_sync")(self))
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
        self._rosters_later(print_menu, None, "选中{parent}的{word}(&R)",    # 选中培训班的参训花名册
                            lambda k: self.actions.roster_pdf(k))

        help_menu = bar.addMenu("帮助(&H)")
        self._add(help_menu, "快捷键(&K)…", lambda: self.show_shortcuts(), "F1")
        about = QAction("关于(&A)", self)
        about.triggered.connect(lambda: self.about())
        help_menu.addAction(about)
        self.quit_action = quit_action

    def _rosters_later(self, menu, before: QAction | None, text: str, slot) -> None:
        """The items of the roster ledgers (core/kinds LedgerSpec.roster_of), added when the menu
        first opens: they need the record kinds' declarations, which the window's first page does
        not (and they have no shortcut that would have to work before)."""
        def fill() -> None:
            menu.aboutToShow.disconnect(fill)
            from rural_cadre_desktop.core.kinds import roster_words, rosters
            for kind in rosters():
                parent, word = roster_words(kind)
                action = QAction(text.format(parent=parent, word=word), self)
                action.triggered.connect(lambda _checked=False, k=kind.name: slot(k))
                menu.insertAction(before, action) if before is not None else menu.addAction(action)
        menu.aboutToShow.connect(fill)

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
        for tab in self.built_list_tabs():
            tab.load()
        self._count_unbuilt()
        self.update_counts()

    def on_data_changed(self, kinds) -> None:
        """The lists reload themselves on the notice; the window keeps its title and counts."""
        if "settings" in kinds:
            self.setWindowTitle(window_title())
        self._count_unbuilt()
        self.update_counts()

    def _count_unbuilt(self) -> None:
        """The records of lists whose tab is not built yet, for the status bar: one count query
        each (on a reader thread when the lists count there)."""
        sources = {s.name: s.count for s in self.lazy_tabs.unbuilt() if s.count}
        if not sources:
            return

        def count() -> dict[str, int]:         # their modules too load on the reader, not at start
            return {name: load(src).count() for name, src in sources.items()}

        def counted(counts: dict[str, int]) -> None:
            self._unbuilt_counts.update({k: v for k, v in counts.items() if not self.lazy_tabs.is_built(k)})
            self.update_counts()
        if self.background_counts:
            operations.run_op(None, operations.interruptible(count), progress=False, on_success=counted)
        else:
            counted(count())

    def update_counts(self) -> None:
        parts = []
        for slot in LIST_TABS:
            if self.lazy_tabs.is_built(slot.name):
                parts.append(self.lazy_tabs.built[slot.name].count_text())
            else:
                n = self._unbuilt_counts.get(slot.name)
                parts.append(f"{slot.title} {'…' if n is None else n} {slot.unit}")
        self.counts.setText("　·　".join(parts))

    def _focus_search(self) -> None:
        """Ctrl+F: the current tab's search field (a tab with inner pages says which is current)."""
        tab = self.tabs.currentWidget()
        if hasattr(tab, "focus_search"):
            tab.focus_search()
        elif getattr(tab, "search", None) is not None:
            tab.search.setFocus()
            tab.search.selectAll()

    def _focus_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab in self.built_list_tabs():
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
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.about(self, "关于",
                          f"<b>{APP_TITLE}</b><br>版本 {__version__}<br><br>"
                          "返乡人员（在外创业经商人员）登记、村级后备干部一乡一库、培训记录。<br>"
                          f"数据库：{dbmod.db_path()}")
