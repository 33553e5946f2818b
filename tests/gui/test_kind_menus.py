"""Every record kind with a ledger (core/kinds) is reachable from the main window's menus, found
through the real menu bar as a clerk finds them: printed (打印) and exported to Excel (文件), under
the one title its declaration gives, ID numbers masked, and audited like the command line."""
from __future__ import annotations

import openpyxl
import pdfplumber
import pytest

from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.ledgers import standard
from rural_cadre_desktop.core.models import AuditLog
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.actions import roster_words

LEDGERS = [k.name for k in kinds.with_ledger()]


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    def answer(name):
        monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(tmp_path / name), ""))
        return tmp_path / name
    return answer


def last_audit() -> AuditLog:
    return AuditLog.select().order_by(AuditLog.seq.desc()).first()


def select_row(qtbot, view, row: int) -> None:
    from PySide6.QtCore import Qt
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return pdf.pages[0].extract_text().replace(" ", "")


def test_the_menus_name_every_ledger(main_window, driver):
    """当前列表 for the kinds with a list tab; the roster kinds by their parent's selected record."""
    w = main_window
    texts = [a.text().replace("&", "") for a in driver.all_menu_actions(w)]
    assert any(t.startswith("当前列表的台账") for t in texts)
    assert any(t.startswith("导出当前列表台账为 Excel") for t in texts)
    assert "选中培训班的参训花名册(R)" in texts and "导出选中培训班的参训花名册为 Excel…" in texts
    for kind in kinds.with_ledger():
        if kind.ledger.roster_of:
            parent, word = roster_words(kind)
            assert any(t.startswith(f"选中{parent}的{word}") for t in texts)
            assert any(t.startswith(f"导出选中{parent}的{word}为 Excel") for t in texts)
        else:
            assert kind.name in w.list_tabs, f"{kind.name} has a ledger but no list tab to print it from"


def _roster_parent_row(w, kind) -> int:
    """A row of the parent's list whose roster is not empty."""
    tab = w.list_tabs[kind.ledger.roster_of]
    for r in range(tab.model.rowCount()):
        if standard.ledger(kind.name, training=tab.model.row_key(r)).rows:
            return r
    raise AssertionError("no parent record with a roster in the demo")


@pytest.mark.parametrize("kind_name", LEDGERS)
def test_every_ledger_prints_and_exports_from_the_menu_bar(main_window, qtbot, driver, save_to, kind_name):
    w = main_window
    kind = kinds.get(kind_name)
    title = kind.ledger.title
    id_col = next((i for i, c in enumerate(kind.ledger.columns, 1) if c.mask == "id"), None)
    if kind.ledger.roster_of:
        parent, word = roster_words(kind)
        tab = w.list_tabs[kind.ledger.roster_of]
        w.tabs.setCurrentWidget(tab)
        select_row(qtbot, tab.view, _roster_parent_row(w, kind))
        print_item, export_item = f"选中{parent}的{word}", f"导出选中{parent}的{word}为 Excel"
    else:
        tab = w.list_tabs[kind_name]
        w.tabs.setCurrentWidget(tab)
        print_item, export_item = "当前列表的台账", "导出当前列表台账为 Excel"

    driver.menu_action(w, print_item).trigger()
    qtbot.waitUntil(lambda: w.actions.dialog is not None and w.actions.dialog.isVisible(), timeout=30000)
    dlg = w.actions.dialog
    text = pdf_text(str(dlg.pdf_path))
    assert title in text
    if id_col is not None:
        assert "**********" in text                      # ID numbers masked in the printout
    audit = last_audit()
    assert (audit.action, audit.detail.split()[:2]) == ("pdf", ["ledger", kind_name])
    dlg.close()

    out = save_to(f"{kind_name}.xlsx")
    driver.menu_action(w, export_item).trigger()
    with qtbot.waitSignal(w.actions.op.done, timeout=30000):
        pass
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == title                     # the same title as the printout
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert rows
    if id_col is not None:
        assert all("*" in (r[id_col] or "*") for r in rows)
    audit = last_audit()
    assert audit.action == "export-ledger" and audit.detail.startswith(f"{kind_name} {len(rows)} rows")
    assert audit.detail.endswith("masked")


@pytest.mark.qt_log_ignore("This plugin does not support")     # offscreen: popups cannot grab keys
def test_the_roster_items_are_there_when_the_clerk_opens_the_menu(main_window, qtbot):
    """They are added when a menu first opens (their declarations load then, not at start)."""
    from PySide6.QtCore import Qt
    w = main_window
    print_menu = next(a.menu() for a in w.menuBar().actions() if a.text().startswith("打印"))
    texts = lambda: [a.text().replace("&", "") for a in print_menu.actions()]     # noqa: E731
    w.activateWindow()
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)              # Alt+P: 打印
    qtbot.waitUntil(print_menu.isVisible)
    assert "选中培训班的参训花名册(R)" in texts()
    print_menu.close()
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)              # opened again: once
    qtbot.waitUntil(print_menu.isVisible)
    assert texts().count("选中培训班的参训花名册(R)") == 1
    print_menu.close()
