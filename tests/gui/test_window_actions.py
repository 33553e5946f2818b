"""The 文件 and 打印 menus on demo data: they act on what is selected and produce real files."""
from __future__ import annotations

import openpyxl
import pdfplumber
from PySide6.QtCore import QItemSelectionModel

from rural_cadre_desktop.core.models import Person


def _select_row(tab, row: int) -> None:
    tab.view.selectionModel().select(tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                     | QItemSelectionModel.SelectionFlag.Rows)


def test_archive_of_the_selected_returnee_opens_in_the_preview(main_window, qtbot):
    w = main_window
    _select_row(w.returnees, 0)
    person = Person.get_by_id(w.returnees.model.person_id(0))
    w.actions.archive()
    with qtbot.waitSignal(w.actions.op.succeeded, timeout=30000) as blocker:
        pass
    path = blocker.args[0]
    text = pdfplumber.open(path).pages[0].extract_text()
    assert person.name in text
    assert w.actions.dialog is not None and w.actions.dialog.isVisible()
    w.actions.dialog.close()


def test_archive_without_a_selection_says_what_to_do(main_window, monkeypatch):
    told = []
    monkeypatch.setattr(main_window.actions, "warn", told.append)
    main_window.actions.archive()
    assert told and "选中一人" in told[0] and main_window.actions.op is None


def test_invitations_for_the_selected_people(main_window):
    w = main_window
    _select_row(w.returnees, 2)
    w.actions.invitations()
    dlg = w.actions.dialog
    assert dlg.person_ids == [w.returnees.model.person_id(2)]
    dlg.reject()


def test_export_the_current_list_to_excel(main_window, qtbot, tmp_path):
    w = main_window
    out = tmp_path / "台账.xlsx"
    w.actions.export_ledger("returnees", str(out))
    with qtbot.waitSignal(w.actions.op.succeeded, timeout=30000) as blocker:
        pass
    assert blocker.args[0] == 60
    ws = openpyxl.load_workbook(out).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    names = {p.name for p in Person.select()}
    assert sum(1 for v in values if v in names) >= 60


def test_village_book_for_the_chosen_village(main_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    from rural_cadre_desktop.core import regions
    village = regions.villages()[0].name
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (village, True))
    main_window.actions.village_book()
    with qtbot.waitSignal(main_window.actions.op.succeeded, timeout=30000) as blocker:
        pass
    with pdfplumber.open(blocker.args[0]) as pdf:
        assert village in pdf.pages[0].extract_text()
    main_window.actions.dialog.close()


def test_ledger_pdf_of_the_current_tab(main_window, qtbot):
    w = main_window
    w.tabs.setCurrentWidget(w.reserves)
    w.actions.ledger_pdf()
    with qtbot.waitSignal(w.actions.op.succeeded, timeout=30000) as blocker:
        pass
    with pdfplumber.open(blocker.args[0]) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height                   # landscape
        assert "后备" in page.extract_text()
    w.actions.dialog.close()
