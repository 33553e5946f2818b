"""Starting the GUI: one QApplication, the bundled font, Qt's Chinese translation, logging, the
crash handler, the store, first-run setup, then the main window."""
from __future__ import annotations

import logging
import sys
import time

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from rural_cadre_desktop import APP_NAME, APP_TITLE, __version__
from rural_cadre_desktop.core.paths import bundled_font, default_db_path

log = logging.getLogger("rcd.gui.app")

FONT_POINT_SIZE = 11


def install_font(app: QApplication) -> str | None:
    """Register the bundled font and make it the application font.

    Without this Qt picks a different fallback font per character and rare names (䶮) come out
    in a Japanese face next to Song (STACK-NOTES). Returns the family name, None if unusable.
    """
    font_id = QFontDatabase.addApplicationFont(str(bundled_font()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled font not loaded: %s", bundled_font())
        return None
    font = QFont(families[0], FONT_POINT_SIZE)
    app.setFont(font)
    return families[0]


def install_translations(app: QApplication) -> QTranslator | None:
    """Qt's own zh_CN strings, so standard dialogs and context menus speak Chinese."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    log.warning("qtbase_zh_CN.qm not found in %s", folder)
    return None


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return app


DAILY_BACKUP_DELAY_MS = 5000
# The quick check reads the whole file (0.6 s for 100,000 returnees): once the window has been up
# a moment, so the first page and the clerk's first keys do not share the machine with it.
QUICK_CHECK_DELAY_MS = 1000


def _daily_backup(window) -> None:
    from rural_cadre_desktop.core import backup
    from rural_cadre_desktop.gui.operations import run_op

    def failed(e) -> None:          # a damaged ledger gives no backup: the banner says what to do
        log.warning("daily backup not taken: %s", getattr(e, "zh", e))
    run_op(None, lambda _ctx: backup.daily_backup(), progress=False, on_failure=failed,
           on_success=lambda path: path and log.info("daily backup %s", path))


def upgrade_notice(old: int, new: int):
    """A small window saying what the wait is for while an older ledger is backed up and upgraded
    (seconds for a county's ledger, before the main window can open)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel
    label = QLabel(f"正在升级台账的数据格式（第{old}版 → 第{new}版）。\n"
                   "先自动备份，再升级；数据多时需要一点时间，请稍候……")
    label.setObjectName("upgrade_notice")
    label.setWindowTitle(APP_TITLE)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMargin(24)
    label.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
    label.show()
    QApplication.processEvents()        # painted before the work holds the thread
    return label


def _refuse(message: str, quit_after: int | None, box=QMessageBox.critical) -> int:
    """Tell the clerk why we cannot start; never block an unattended smoke run on a dialog."""
    log.error("cannot start: %s", message)
    if quit_after is None:
        box(None, APP_TITLE, message)
    else:
        print(f"错误：{message}", file=sys.stderr)
    return 1


def run_gui(db: str | None, quit_after: int | None) -> int:
    started = time.perf_counter()
    app = application()
    from rural_cadre_desktop.core.paths import clean_work
    from rural_cadre_desktop.gui.crash import CrashHandler
    from rural_cadre_desktop.gui.logging_setup import setup_logging
    clean_work()        # the data folder (logs, error reports) private, temp files kept in it
    log_path = setup_logging()
    CrashHandler(show_dialog=quit_after is None).install()
    log.info("starting %s %s, log %s", APP_NAME, __version__, log_path)
    install_font(app)
    install_translations(app)

    from rural_cadre_desktop.core import db as dbmod
    from rural_cadre_desktop.core.errors import UserError
    from rural_cadre_desktop.core.setup import is_initialised
    from rural_cadre_desktop.core.store import open_store
    from rural_cadre_desktop.gui import instance_lock
    from rural_cadre_desktop.gui.operations import writer
    path = default_db_path(db)
    try:
        # one window per ledger, decided before the database is touched (gui/instance_lock.py)
        window_lock = instance_lock.acquire(path)
    except UserError as e:          # not a failure: the ledger is open in another window
        return _refuse(e.zh, quit_after, QMessageBox.information)
    notice = []
    try:
        # the first start makes the ledger; an older one is backed up and upgraded, saying so
        database = open_store(path, create=True, announce=lambda a, b: notice.append(upgrade_notice(a, b)))
    except UserError as e:
        instance_lock.release(window_lock)
        return _refuse(e.zh, quit_after)
    finally:
        for shown in notice:
            shown.close()

    from rural_cadre_desktop.core.errors import explain
    from rural_cadre_desktop.gui.main_window import MainWindow
    try:
        window = MainWindow(database, background_counts=True)
    except Exception as e:          # a damaged page under the first lists: say so, no traceback
        err = explain(e)
        if err is None:
            raise
        instance_lock.release(window_lock)
        dbmod.close()
        return _refuse(err.zh, quit_after)
    window.show()
    if not is_initialised():
        dlg = window.make_settings_dialog()
        if quit_after is None:
            dlg.exec()
            dlg.deleteLater()
        else:
            dlg.show()        # visible for the smoke run, but nothing waits for an answer
    log.info("window shown in %.3f s (%s)", time.perf_counter() - started, window.counts.text())
    # the lists' counts follow the first page from a reader thread
    window.returnees.model.counted.connect(lambda: log.info("counted (%s)", window.counts.text()))
    from rural_cadre_desktop.gui.damage_banner import check_in_background
    QTimer.singleShot(QUICK_CHECK_DELAY_MS, lambda: check_in_background(window))
    # The day's first backup reads the whole file: well after the window is up, off the UI thread.
    QTimer.singleShot(DAILY_BACKUP_DELAY_MS, lambda: _daily_backup(window))
    if quit_after is not None:
        QTimer.singleShot(quit_after, app.quit)
    try:
        return app.exec()
    finally:
        from rural_cadre_desktop.gui.operations import stop_reads
        stop_reads()            # a count or quick check of a large file still reading
        writer.shutdown()
        dbmod.close()
        instance_lock.release(window_lock)
