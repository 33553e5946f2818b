"""The main window's quick check runs after it shows, off the UI thread, and puts a banner with
the way out (文件 → 从备份恢复…) across the top when the ledger file is damaged."""
from __future__ import annotations

import random
import sqlite3

from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core.store import open_store
from rural_cadre_desktop.gui.damage_banner import check_in_background
from rural_cadre_desktop.gui.main_window import MainWindow


def overwrite_index_page(path, index: str) -> None:
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    page = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size:page * size] = random.Random(3).randbytes(size)
    path.write_bytes(bytes(data))


def shown_window(qtbot, database) -> MainWindow:
    w = MainWindow(database)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def run_check(qtbot, w: MainWindow) -> None:
    op = check_in_background(w)
    with qtbot.waitSignal(op.done, timeout=30000):
        pass


def test_an_intact_ledger_shows_no_banner(qtbot, demo_store):
    w = shown_window(qtbot, demo_store)
    run_check(qtbot, w)
    assert not w.damage_banner.isVisible()


def test_a_damaged_index_puts_a_banner_with_the_way_out_over_the_lists(qtbot, demo_store, db_path):
    dbmod.close()
    overwrite_index_page(db_path, "person_id_number_live")
    w = shown_window(qtbot, open_store(db_path, create=False))
    assert w.returnees.isVisible() and not w.damage_banner.isVisible()   # the lists come first
    run_check(qtbot, w)
    assert w.damage_banner.isVisible()
    text = w.damage_banner.text.text()
    assert text.startswith("数据库文件已损坏") and "文件 → 从备份恢复…" in text
    assert w.damage_banner.geometry().bottom() <= w.tabs.geometry().top()
    has_restore_item = any(a.text().replace("&", "").startswith("从备份恢复")
                           for top in w.menuBar().actions() if top.menu() for a in top.menu().actions())
    assert w.damage_banner.restore_button.isVisible() == has_restore_item
