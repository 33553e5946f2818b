"""The .lrmx in the GUI, driven as a clerk through the 后备干部 tab's 任免审批表 menu and the archive
dialog: an import shows what it would change before anything is written, 确定导入 writes it; a
malformed or another person's file is refused with core's sentence and changes nothing; export of
the selected member and the batch export of one village (off the UI thread) are audited."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rural_cadre_desktop.core import db, lrmx
from rural_cadre_desktop.core.models import (
    AuditLog,
    History,
    Person,
    ReserveCadre,
    Village,
)
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.reserves import ArchiveDialog
from rural_cadre_desktop.gui.reserves.lrmx_dialogs import (
    BatchExportDialog,
    ImportPreviewDialog,
)

LEFT = Qt.MouseButton.LeftButton


def _sql(q, params=()):
    return list(db.database.execute_sql(q, params).fetchall())


def _snapshot():
    return {t: _sql(f'SELECT * FROM "{t}" ORDER BY 1') for t in ("person", "resume_entry", "family_member",
                                                                    "history", "audit_log")}


@pytest.fixture
def tab(main_window):
    t = main_window.reserves
    main_window.tabs.setCurrentWidget(t)
    t.load()
    return t


@pytest.fixture
def member(demo_store) -> Person:
    pid = _sql("SELECT rc.person_id FROM reserve_cadre rc JOIN person p ON p.id = rc.person_id "
               "WHERE rc.deleted = 0 AND p.id_number IS NOT NULL ORDER BY rc.id LIMIT 1")[0][0]
    return Person.get_by_id(pid)


def _edit(data: bytes, tag: str, value: str) -> bytes:
    return re.sub(rf"<{tag}>[^<]*</{tag}>|<{tag} />".encode(), f"<{tag}>{value}</{tag}>".encode(), data, count=1)


def _menu(qtbot, tab, text: str):
    """Open the 任免审批表 button's menu and trigger the item."""
    action = next(a for a in tab.lrmx_button.menu().actions() if a.text().startswith(text))
    assert action.isEnabled()
    action.trigger()


def _preview(qtbot) -> ImportPreviewDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ImportPreviewDialog), timeout=10000)
    return QApplication.activeModalWidget()


def test_import_shows_changes_first_then_writes(qtbot, tab, member, tmp_path, monkeypatch):
    f = tmp_path / "任免审批表.lrmx"
    f.write_bytes(_edit(lrmx.export_person(member.id), "JiGuan", "陕西商洛"))
    old = member.native_place
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(f), ""))
    before = _snapshot()
    _menu(qtbot, tab, "导入任免审批表")
    dlg = _preview(qtbot)
    rows = [dlg.model.row(i) for i in range(dlg.model.rowCount())]
    assert ("籍贯", old or "（空）", "陕西商洛") in rows
    assert f"将更新台账中的 {member.name}" in dlg.heading.text()
    assert _snapshot() == before                                  # shown, nothing written yet
    qtbot.mouseClick(dlg.ok, LEFT)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=10000)
    assert Person.get_by_id(member.id).native_place == "陕西商洛"
    assert History.select().where((History.row_id == member.id) & (History.field == "native_place")).exists()
    assert AuditLog.select().where(AuditLog.action == "lrmx-import").count() == 1


def test_cancel_writes_nothing_and_malformed_file_is_refused(qtbot, driver, tab, member, tmp_path, monkeypatch):
    good = _edit(lrmx.export_person(member.id), "JiGuan", "陕西商洛")
    f = tmp_path / "a.lrmx"
    f.write_bytes(good)
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(f), ""))
    before = _snapshot()
    _menu(qtbot, tab, "导入任免审批表")
    dlg = _preview(qtbot)
    qtbot.mouseClick(dlg.buttons.button(dlg.buttons.StandardButton.Cancel), LEFT)
    assert not dlg.isVisible() and _snapshot() == before

    f.write_bytes(good[:700])                                     # cut off
    driver.answer("OK")
    _menu(qtbot, tab, "导入任免审批表")
    assert driver.boxes and driver.boxes[-1].startswith("这个文件不能导入：文件不完整")
    f.write_bytes(good.replace(b"<Person>", b"<Root>").replace(b"</Person>", b"</Root>"))
    driver.answer("OK")
    _menu(qtbot, tab, "导入任免审批表")
    assert "不是干部任免审批表" in driver.boxes[-1]
    assert _snapshot() == before


def test_export_selected_and_batch_export_of_a_village(qtbot, driver, tab, member, tmp_path, monkeypatch):
    from tests.gui.reserves.test_reserve_actions import select_row
    rid = ReserveCadre.get(ReserveCadre.person == member.id).id
    select_row(qtbot, tab, rid)
    target = tmp_path / "one.lrmx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(target), ""))
    driver.answer("OK")                                           # 已导出 …
    _menu(qtbot, tab, "导出任免审批表")
    qtbot.waitUntil(lambda: any("已导出" in b for b in driver.boxes), timeout=10000)
    assert lrmx.parse(target.read_bytes()).id_number == member.id_number     # in full
    assert AuditLog.get(AuditLog.action == "lrmx-export").detail == f"person {member.id}"

    village = Village.get_by_id(ReserveCadre.get(ReserveCadre.person == member.id).village_id).name
    want = _sql("SELECT COUNT(DISTINCT person_id) FROM reserve_cadre rc JOIN village v ON v.id = rc.village_id "
                "WHERE v.name = ? AND rc.status = 'active' AND rc.deleted = 0", (village,))[0][0]
    _menu(qtbot, tab, "批量导出本村任免审批表")
    dlg = tab.lrmx_button.dialogs["dialog"]
    assert isinstance(dlg, BatchExportDialog) and dlg.isVisible()
    dlg.village.setFocus()
    dlg.village.setCurrentIndex(dlg.village.findText(village))
    assert dlg.count.text() == f"将导出 {want} 人"
    qtbot.mouseClick(dlg.ok, LEFT)                                # no folder yet: said, nothing done
    assert dlg.message.text() == "请先选择保存的文件夹"
    folder = tmp_path / "村册"
    monkeypatch.setattr(file_dialogs, "existing_directory", lambda *a, **k: str(folder))
    qtbot.mouseClick(dlg.browse, LEFT)
    assert dlg.folder.text() == str(folder)
    qtbot.mouseClick(dlg.ok, LEFT)
    qtbot.waitUntil(lambda: dlg.message.text().startswith("已导出"), timeout=20000)
    files = sorted(folder.glob("*.lrmx"))
    assert len(files) == want and f"{want} 人" in dlg.message.text() and str(folder) in dlg.message.text()
    assert {lrmx.parse(p.read_bytes()).name for p in files} >= {member.name}
    assert AuditLog.select().where(AuditLog.detail == f"village {village} {want} people").exists()

    dlg.everyone.setChecked(True)                                 # everyone of the village, as the CLI
    assert dlg.count.text() == f"将导出 {len(lrmx.village_people(village))} 人"
    dlg.reject()


def test_archive_import_must_be_this_person(qtbot, driver, member, tmp_path, monkeypatch):
    other = Person.get(Person.id_number.is_null(False) & (Person.id != member.id) & (Person.deleted == False))
    dlg = ArchiveDialog(None, member.id)
    qtbot.addWidget(dlg, before_close_func=lambda w: setattr(w, "dirty", False))
    dlg.show()
    f = tmp_path / "other.lrmx"
    f.write_bytes(lrmx.export_person(other.id))
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(f), ""))
    before = _snapshot()
    driver.answer("OK")
    qtbot.mouseClick(dlg.import_button, LEFT)
    assert "与本档案不是同一人" in driver.boxes[-1] and _snapshot() == before

    f.write_bytes(_edit(lrmx.export_person(member.id), "JianKangZhuangKuang", "良好"))
    qtbot.mouseClick(dlg.import_button, LEFT)
    preview = _preview(qtbot)
    assert ("健康状况", member.health or "（空）", "良好") in [preview.model.row(i) for i in range(preview.model.rowCount())]
    qtbot.mouseClick(preview.ok, LEFT)
    qtbot.waitUntil(lambda: dlg.editors["health"].raw() == "良好", timeout=10000)   # the dialog reloaded
    assert Person.get_by_id(member.id).health == "良好" and not dlg.dirty
