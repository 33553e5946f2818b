"""文件 → 同步(U盘)…: export to a folder, import with a preview first, the conflict list —
driven as a clerk would. The other PC is the real command line in a second process."""
from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.sync.dialog import SyncDialog

PASS = "Tongbu-2026!"        # ASCII: QTest.keyClicks aborts on characters outside Latin-1


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def rcd(db, *args, check=True):
    return subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", str(db), *args],
                          capture_output=True, text=True, check=check)


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch):
    from rural_cadre_desktop.core.sync import package
    monkeypatch.setattr(package, "KDF_N", 2 ** 10)


@pytest.fixture
def sync_dialog(qtbot, main_window):
    dlg = SyncDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _returnee(rid):
    from rural_cadre_desktop.core.models import Returnee
    return Returnee.get_by_id(rid)


def export_in_gui(qtbot, dlg, folder, monkeypatch):
    page = dlg.export_page
    monkeypatch.setattr(file_dialogs, "existing_directory", lambda *a, **k: str(folder))
    click(qtbot, page.choose_button)
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClicks(page.again, PASS)
    with qtbot.waitSignal(page.finished_op, timeout=60000):
        click(qtbot, page.export_button)
    assert page.error.text() == ""
    return page.written


def test_the_file_menu_opens_the_sync_dialog(qtbot, main_window, driver):
    seen = []

    def close_it():
        dlg = QApplication.activeModalWidget() or next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, SyncDialog) and w.isVisible())
        seen.append([dlg.tabs.tabText(i) for i in range(dlg.tabs.count())])
        dlg.reject()
    QTimer.singleShot(0, close_it)
    driver.menu_action(main_window, "同步(U盘)").trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [["导出到U盘", "从U盘导入", "冲突列表"]]


def test_export_refuses_without_a_folder_or_with_passphrases_that_differ(qtbot, sync_dialog, tmp_path):
    page = sync_dialog.export_page
    click(qtbot, page.export_button)
    assert "请先选择" in page.error.text()
    qtbot.keyClicks(page.folder, str(tmp_path))
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClicks(page.again, PASS + "x")
    click(qtbot, page.export_button)
    assert "不一致" in page.error.text()
    assert list(tmp_path.glob("*.rcdsync")) == []


def test_export_preview_import_and_restore_a_conflict(qtbot, sync_dialog, main_window, tmp_path, monkeypatch):
    from rural_cadre_desktop.core import store
    usb = tmp_path / "usb"
    usb.mkdir()
    pkg = export_in_gui(qtbot, sync_dialog, usb, monkeypatch)
    assert pkg.exists() and pkg.parent == usb and pkg.suffix == ".rcdsync"
    # the other PC: set up from the package, edits two records, sends its package back
    other = tmp_path / "other" / "b.db"
    pp = tmp_path / "pp"
    pp.write_text(PASS + "\n", encoding="utf-8")
    rcd(other, "sync", "import", str(pkg), "--passphrase-file", str(pp))
    rids = [r["id"] for r in __import__("json").loads(rcd(other, "export", "returnees", "--format", "json").stdout)[:2]]
    rcd(other, "edit", "returnees", rids[0], "work_place=广东佛山")
    store.update(_returnee(rids[1]), {"mentor": "本机改的"})        # this PC, before the other PC's later edit
    rcd(other, "edit", "returnees", rids[1], "mentor=对方改的")
    back = tmp_path / "back.rcdsync"
    rcd(other, "sync", "export", "-o", str(back), "--passphrase-file", str(pp))

    sync_dialog.tabs.setCurrentWidget(sync_dialog.import_page)
    page = sync_dialog.import_page
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(back), ""))
    click(qtbot, page.choose_button)
    # a wrong passphrase first: one sentence, nothing changes
    qtbot.keyClicks(page.passphrase, "wrong-one")
    with qtbot.waitSignal(page.finished_op, timeout=60000):
        click(qtbot, page.preview_button)
    assert "口令" in page.error.text() and not page.commit_button.isEnabled()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASS)
    with qtbot.waitSignal(page.finished_op, timeout=60000):
        click(qtbot, page.preview_button)
    assert page.error.text() == "" and page.commit_button.isEnabled()
    assert "预览" in page.summary.text() and "更新 2" in page.summary.text() and "冲突 1" in page.summary.text()
    shown = {page.table_model.index(r, 0).data(): page.table_model.index(r, 2).data()
             for r in range(page.table_model.rowCount())}
    assert shown == {"返乡人员": "2"}
    assert page.village_model.rowCount() >= 1
    assert _returnee(rids[0]).work_place != "广东佛山"             # the preview wrote nothing
    with qtbot.waitSignal(page.finished_op, timeout=60000):
        click(qtbot, page.commit_button)
    assert "已导入" in page.summary.text()
    assert _returnee(rids[0]).work_place == "广东佛山"
    assert _returnee(rids[1]).mentor == "对方改的"                  # the newer edit won …

    conflicts = sync_dialog.conflicts_page
    sync_dialog.tabs.setCurrentWidget(conflicts)
    assert conflicts.model.rowCount() == 1
    row = [conflicts.model.index(0, c).data() for c in range(conflicts.model.columnCount())]
    assert row[4] == "传帮带结对人"                                 # the field's 中文 label
    assert row[5] == "对方改的" and row[7] == "本机改的"             # … and the loser is kept beside it
    conflicts.view.selectRow(0)
    with qtbot.waitSignal(conflicts.finished_op, timeout=60000):
        click(qtbot, conflicts.restore_button)
    assert _returnee(rids[1]).mentor == "本机改的"
    assert conflicts.model.index(0, 9).data() == "已恢复"
