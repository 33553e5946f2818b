"""Writes and audit through core services, lists following the "data changed" notice:
- a card saved through its real 保存 button reloads the returnee list once, through the notice
  (a list cut off from the notice stays as it was), and the lists that do not show returnees not at all;
- 转为后备 shows up in the 后备干部 tab by the same notice;
- an export and a form fill from the GUI read on a reader thread and write their audit row on the
  writer thread (never on a reader);
- a settings save and a village rename in the GUI write the audit rows their command-line
  equivalents write."""
from __future__ import annotations

import threading

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rural_cadre_desktop.cli.main import main as cli
from rural_cadre_desktop.core import store as store_mod
from rural_cadre_desktop.core.models import AuditLog, ReserveCadre
from rural_cadre_desktop.gui import file_dialogs, operations
from rural_cadre_desktop.gui.operations import writer


def _last_audit():
    a = AuditLog.select().order_by(AuditLog.seq.desc()).first()
    return a.action, a.detail


def _resets(model):
    seen = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


@pytest.fixture
def notices():
    """The data-changed notices sent during the test."""
    seen = []
    operations.changes.data_changed.connect(seen.append)
    yield seen
    operations.changes.data_changed.disconnect(seen.append)


def _ok(dlg):
    return dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _audits_on_threads(monkeypatch):
    """Wrap store.audit: record, for every row written, whether the writer thread wrote it."""
    seen = []
    real = store_mod.audit

    def audit(action, detail=None):
        seen.append((action, threading.get_ident(), writer.is_writer_thread()))
        return real(action, detail)
    monkeypatch.setattr(store_mod, "audit", audit)
    return seen


def test_card_save_reloads_the_list_through_the_notice(qtbot, main_window, notices):
    w = main_window
    tab = w.returnees
    tab.view.selectRow(3)
    rid = tab.model.returnee_id(3)
    resets = {name: _resets(getattr(w, name).model) for name in ("returnees", "reserves", "trainings")}
    qtbot.mouseClick(tab.buttons["edit"], Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    dlg.editors["work_place"].widget.clear()
    dlg.editors["work_place"].widget.insert("新疆喀什")
    with qtbot.waitSignal(dlg.write_done, timeout=10000):
        qtbot.mouseClick(_ok(dlg), Qt.MouseButton.LeftButton)
    assert notices == [frozenset({"returnees"})]         # a returnee field: the person as listed elsewhere is unchanged
    assert resets == {"returnees": [1], "reserves": [], "trainings": []}        # once, and only what shows it
    from rural_cadre_desktop.core.returnees.query import COLUMN_INDEX
    r = next(i for i in range(tab.model.rowCount()) if tab.model.returnee_id(i) == rid)
    assert tab.model.row(r)[COLUMN_INDEX["work_place"]] == "新疆喀什"
    assert tab.selected_rows() == [r]                                           # the selection is kept
    assert _last_audit() == ("returnee-edit", f"{rid} work_place")              # as `returnee edit` writes

    # cut off from the notice, the list no longer follows a save: nobody reloads it by hand
    operations.changes.data_changed.disconnect(tab.on_data_changed)
    total = tab.model.total()
    qtbot.mouseClick(tab.buttons["add"], Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    dlg.editors["name"].widget.insert("新来人")
    dlg.village.setCurrentIndex(1)
    with qtbot.waitSignal(dlg.write_done, timeout=10000):
        qtbot.mouseClick(_ok(dlg), Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and _last_audit()[0] == "returnee-add"
    assert tab.model.total() == total and resets["returnees"] == [1]


def test_to_reserve_reaches_the_reserves_tab_by_the_notice(qtbot, main_window):
    w = main_window
    tab = w.returnees
    member = {r.person_id for r in ReserveCadre.alive()}
    row = next(r for r in range(tab.model.rowCount()) if tab.model.person_id(r) not in member)
    tab.view.selectRow(row)
    tab.confirm = lambda title, text: True
    before = w.reserves.model.total()
    resets = _resets(tab.model)
    with qtbot.waitSignal(tab.write_done, timeout=10000):
        qtbot.mouseClick(tab.buttons["reserve"], Qt.MouseButton.LeftButton)
    assert w.reserves.model.total() == before + 1
    assert f"后备干部 {before + 1} 人" in w.counts.text()
    assert resets == []                                    # the returnee list itself did not change
    assert _last_audit()[0] == "to-reserve"


def test_returnee_export_audits_on_the_writer_thread(qtbot, demo_store, tmp_path, monkeypatch):
    from rural_cadre_desktop.core.returnees import xlsx
    from rural_cadre_desktop.gui.returnees import ReturneesTab
    tab = ReturneesTab(demo_store)
    qtbot.addWidget(tab)
    tab.show()
    tab.load()
    readers = []
    real_export = xlsx.export_xlsx
    monkeypatch.setattr(xlsx, "export_xlsx", lambda *a, **k: (readers.append(threading.get_ident()),
                                                                real_export(*a, **k))[1])
    audits = _audits_on_threads(monkeypatch)
    out = tmp_path / "list.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(tab.exported, timeout=20000) as sig:
        qtbot.mouseClick(tab.buttons["export"], Qt.MouseButton.LeftButton)
    assert out.exists() and sig.args == [60]
    (action, ident, on_writer), = audits                   # one row, written before `exported`
    assert action == "returnee-export-xlsx" and on_writer
    assert ident not in (readers[0], threading.get_ident())
    assert _last_audit() == ("returnee-export-xlsx", "60 rows")


def test_form_fill_audits_on_the_writer_thread(qtbot, demo_store, tmp_path, monkeypatch):
    from rural_cadre_desktop.gui.templates import FillTemplatePage
    page = FillTemplatePage()
    qtbot.addWidget(page)
    wb = Workbook()
    wb.active.append(["序号", "姓名", "公民身份号码"])
    tpl = tmp_path / "form.xlsx"
    wb.save(tpl)
    assert page.load_template(tpl)
    audits = _audits_on_threads(monkeypatch)
    with qtbot.waitSignal(page.finished, timeout=20000):
        page.generate(tmp_path / "filled.xlsx")
    (action, _ident, on_writer), = audits
    assert action == "fill-template" and on_writer
    assert _last_audit() == ("fill-template", "form.xlsx → filled.xlsx returnees 60 rows masked")


def test_settings_save_audits_as_the_cli_does(qtbot, main_window, db_path, notices):
    from rural_cadre_desktop.gui.dialogs.settings_dialog import SettingsDialog
    dlg = SettingsDialog(main_window)             # nobody reloads anything by hand after it
    qtbot.addWidget(dlg)
    resets = {name: _resets(getattr(main_window, name).model) for name in ("returnees", "reserves", "trainings")}
    dlg.ui.contactPersonEdit.setText("王芳")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.save()
    gui = _last_audit()
    assert gui == ("settings", "contact_person") and notices == [frozenset({"settings"})]
    assert resets == {"returnees": [], "reserves": [], "trainings": []}       # no list shows the settings
    from rural_cadre_desktop.core import settings
    settings.put("contact_person", None)
    assert cli(["--db", str(db_path), "settings", "--contact-person", "王芳"]) == 0
    assert _last_audit() == gui


def test_village_rename_audits_as_cli_edit_and_lists_follow(qtbot, main_window, db_path):
    from rural_cadre_desktop.core import regions
    from rural_cadre_desktop.gui.dialogs.villages_dialog import VillagesDialog
    w = main_window
    dlg = VillagesDialog(parent=w)                # nobody reloads anything by hand after it
    qtbot.addWidget(dlg)
    first, second = regions.villages()[:2]
    dlg.select_name(first.name)
    dlg.ask_text = lambda *a, **k: "新华村"
    resets = {name: _resets(getattr(w, name).model) for name in ("returnees", "reserves", "trainings")}
    with qtbot.waitSignal(dlg.op_finished, timeout=10000):
        dlg.rename_village()
    assert "新华村" in dlg.names()
    assert _last_audit() == ("edit", f"villages {first.id} name")
    assert resets == {"returnees": [1], "reserves": [1], "trainings": []}     # each list once, by the notice
    tab = w.returnees
    assert tab.filters.village.findText("新华村") >= 0                 # the village choices followed too
    assert cli(["--db", str(db_path), "edit", "villages", second.id, "name=新安村"]) == 0
    assert _last_audit() == ("edit", f"villages {second.id} name")
