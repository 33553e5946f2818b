"""The 文件 and 打印 menus on demo data, driven through the menu bar: they act on what the list shows
(its filter, its order), or on the selected rows when the clerk says so, and say how many."""
from __future__ import annotations

import re

import openpyxl
import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rural_cadre_desktop.core.models import Attendance, Person, ReserveCadre, Returnee
from rural_cadre_desktop.gui import file_dialogs


def click_rows(qtbot, view, rows, ctrl=True):
    """Click row after row, holding Ctrl from the second on (how a clerk picks several)."""
    for n, r in enumerate(rows):
        rect = view.visualRect(view.model().index(r, 0))
        mod = Qt.KeyboardModifier.ControlModifier if (ctrl and n) else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mod, rect.center())


def pick(combo, text):
    i = combo.findText(text)
    assert i >= 0, text
    combo.setCurrentIndex(i)


@pytest.fixture
def told(monkeypatch):
    """The sentences of the information boxes (acknowledged with OK)."""
    out = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: out.append(a[2]) or QMessageBox.StandardButton.Ok)
    return out


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """The save dialog answers with a file in tmp_path; remembers the title it showed."""
    asked = []

    def answer(name):
        def dialog(parent, title, *a, **k):
            asked.append(title)
            return str(tmp_path / name), ""
        monkeypatch.setattr(file_dialogs, "save_file_name", dialog)
        return tmp_path / name
    answer.asked = asked
    return answer


def wait_op(qtbot, w):
    with qtbot.waitSignal(w.actions.op.done, timeout=30000):
        pass


def preview_pdf(qtbot, w):
    qtbot.waitUntil(lambda: w.actions.dialog is not None and w.actions.dialog.isVisible(), timeout=30000)
    return w.actions.dialog


def returnee_names_in_list(tab):
    """The list's names top to bottom, loading every row (a small demo list)."""
    while tab.model.canFetchMore():
        tab.model.fetchMore()
    return [tab.model.row(i)[0] for i in range(tab.model.rowCount())]


def ledger_rows(path, name_col: int):
    """(序号, name) of each row of a printed ledger, in order."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for line in page.extract_text().splitlines():
                m = re.match(r"^(\d+) (.+)$", line)
                if m:
                    out.append((int(m.group(1)), m.group(2).split()[name_col]))
    return out


def xlsx_rows(path):
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r and "姓名" in r)
    return rows[head], [r for r in rows[head + 1:] if r and isinstance(r[0], int)]


def filter_village(w, qtbot):
    from rural_cadre_desktop.core import regions
    tab = w.returnees
    village = regions.villages()[1].name
    pick(tab.filters.village, village)
    qtbot.waitUntil(lambda: tab.model.q.village_id is not None, timeout=5000)
    return village


# -- 一人一档 ----------------------------------------------------------------------------------

def test_archive_of_the_selected_returnee_opens_in_the_preview(main_window, qtbot, driver):
    w = main_window
    click_rows(qtbot, w.returnees.view, [0])
    person = Person.get_by_id(w.returnees.model.person_id(0))
    driver.menu_action(w, "选中人员的档案表").trigger()
    dlg = preview_pdf(qtbot, w)
    assert person.name in pdfplumber.open(str(dlg.pdf_path)).pages[0].extract_text()
    dlg.close()


def test_archive_without_a_selection_says_what_to_do(main_window, driver, told):
    driver.menu_action(main_window, "选中人员的档案表").trigger()
    assert told and "选中一人" in told[0] and main_window.actions.op is None


# -- 当前列表的台账 (PDF) ------------------------------------------------------------------------

def test_printed_ledger_is_the_filtered_list_in_its_order(main_window, qtbot, driver):
    w = main_window
    village = filter_village(w, qtbot)
    names = returnee_names_in_list(w.returnees)
    assert 0 < len(names) < 60
    driver.menu_action(w, "当前列表的台账").trigger()
    dlg = preview_pdf(qtbot, w)
    rows = ledger_rows(str(dlg.pdf_path), 1)          # 序号 村 姓名 …
    assert [n for _, n in rows] == names
    assert f"当前列表 {len(names)} 人" in dlg.windowTitle()
    assert f"{len(names)} 人" in w.statusBar().currentMessage()
    text = pdfplumber.open(str(dlg.pdf_path)).pages[0].extract_text()
    assert village in text
    dlg.close()


def test_printed_ledger_of_several_selected_rows_when_the_clerk_chooses_them(main_window, qtbot, driver):
    w = main_window
    names = returnee_names_in_list(w.returnees)
    click_rows(qtbot, w.returnees.view, [4, 1, 7])
    driver.answer("选中的 3 人")
    driver.menu_action(w, "当前列表的台账").trigger()
    dlg = preview_pdf(qtbot, w)
    assert "选中的 3 人" in driver.boxes[0] or "3" in driver.boxes[0]
    assert "选中的 3 人" in dlg.windowTitle()
    assert [n for _, n in ledger_rows(str(dlg.pdf_path), 1)] == [names[1], names[4], names[7]]   # the list's order
    dlg.close()


def test_several_selected_but_the_clerk_takes_the_whole_list(main_window, qtbot, driver):
    w = main_window
    click_rows(qtbot, w.returnees.view, [0, 2])
    driver.answer("当前列表 60 人")
    driver.menu_action(w, "当前列表的台账").trigger()
    dlg = preview_pdf(qtbot, w)
    assert len(ledger_rows(str(dlg.pdf_path), 1)) == 60
    dlg.close()


def test_cancelling_the_choice_prints_nothing(main_window, qtbot, driver):
    w = main_window
    click_rows(qtbot, w.returnees.view, [0, 2])
    driver.answer("取消")
    driver.menu_action(w, "当前列表的台账").trigger()
    assert driver.boxes and w.actions.op is None


def test_printed_reserve_ledger_is_the_searched_list(main_window, qtbot, driver):
    w = main_window
    tab = w.reserves
    w.tabs.setCurrentWidget(tab)
    initials = Person.get_by_id(ReserveCadre.get_by_id(tab.model.row_key(0)).person_id).name_initials
    qtbot.keyClicks(tab.search, initials)
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    listed = tab.model.total()
    assert 0 < listed < ReserveCadre.alive().count()
    shown = [tab.model.data(tab.model.index(r, 0)) for r in range(tab.model.rowCount())]
    driver.menu_action(w, "当前列表的台账").trigger()
    dlg = preview_pdf(qtbot, w)
    names = [n for _, n in ledger_rows(str(dlg.pdf_path), 1)]      # 序号 村 姓名 …
    assert names == shown
    assert f"当前列表 {listed} 人" in dlg.windowTitle()
    dlg.close()


def test_attendance_roster_is_the_selected_trainings(main_window, qtbot, driver):
    w = main_window
    tab = w.trainings
    w.tabs.setCurrentWidget(tab)
    row = next(r for r in range(tab.model.rowCount()) if tab.model.data(tab.model.index(r, 8)) not in ("0", ""))
    click_rows(qtbot, tab.view, [row])
    tid, name = tab.model.row_key(row), tab.model.data(tab.model.index(row, 0))
    attendees = Attendance.alive().where(Attendance.training == tid).count()
    assert attendees < Attendance.alive().count()       # not every class
    driver.menu_action(w, "选中培训班的参训花名册").trigger()
    dlg = preview_pdf(qtbot, w)
    assert name in dlg.windowTitle() and f"{attendees} 人" in dlg.windowTitle()
    with pdfplumber.open(str(dlg.pdf_path)) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    seqs = [int(m) for m in re.findall(r"^(\d+) ", text, re.M)]
    assert max(seqs) == attendees
    dlg.close()


def test_attendance_roster_without_a_selected_training_is_refused(main_window, driver, told):
    w = main_window
    driver.menu_action(w, "选中培训班的参训花名册").trigger()
    assert told and "选中一期培训班" in told[0]
    assert w.actions.op is None and w.tabs.currentWidget() is w.trainings


# -- 导出当前列表台账为 Excel -------------------------------------------------------------------

def test_excel_export_is_the_filtered_list_in_its_order(main_window, qtbot, driver, save_to):
    w = main_window
    filter_village(w, qtbot)
    names = returnee_names_in_list(w.returnees)
    out = save_to("台账.xlsx")
    driver.menu_action(w, "导出当前列表台账为 Excel").trigger()
    wait_op(qtbot, w)
    head, rows = xlsx_rows(out)
    assert [r[head.index("姓名")] for r in rows] == names
    assert f"当前列表 {len(names)} 人" in save_to.asked[0]
    assert f"已导出当前列表的 {len(names)} 人" in w.statusBar().currentMessage()


def test_excel_export_follows_the_lists_sort(main_window, qtbot, driver, save_to):
    w = main_window
    view = w.returnees.view
    header = view.horizontalHeader()
    col = 2                                        # 出生年月
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    from PySide6.QtCore import QPoint
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert w.returnees.model.q.sort == "birth_date"
    names = returnee_names_in_list(w.returnees)
    out = save_to("sorted.xlsx")
    driver.menu_action(w, "导出当前列表台账为 Excel").trigger()
    wait_op(qtbot, w)
    head, rows = xlsx_rows(out)
    assert [r[head.index("姓名")] for r in rows] == names


def test_excel_export_of_the_selected_reserves(main_window, qtbot, driver, save_to):
    w = main_window
    tab = w.reserves
    w.tabs.setCurrentWidget(tab)
    click_rows(qtbot, tab.view, [0, 3])
    expected = [tab.model.data(tab.model.index(r, 0)) for r in (0, 3)]
    out = save_to("reserves.xlsx")
    driver.answer("选中的 2 人")
    driver.menu_action(w, "导出当前列表台账为 Excel").trigger()
    wait_op(qtbot, w)
    head, rows = xlsx_rows(out)
    assert [r[head.index("姓名")] for r in rows] == expected
    assert "已导出选中的 2 人" in w.statusBar().currentMessage()


def test_excel_export_cancelled_writes_nothing(main_window, qtbot, driver, monkeypatch, tmp_path):
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: ("", ""))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    driver.menu_action(main_window, "导出当前列表台账为 Excel").trigger()
    assert main_window.actions.op is None and list(cwd.iterdir()) == []


# -- 邀请函 -------------------------------------------------------------------------------------

def test_invitations_offer_the_selected_and_the_list(main_window, qtbot, driver):
    w = main_window
    click_rows(qtbot, w.returnees.view, [2])
    driver.menu_action(w, "邀请函").trigger()
    dlg = w.actions.dialog
    assert [b.text() for b in dlg.group_buttons] == ["选中的 1 人", "当前列表 60 人"]
    assert dlg.group_buttons[0].isChecked()
    away = Returnee.alive().where(Returnee.status == "away").count()
    driver.click(dlg.group_buttons[1])
    assert f"将生成 {away} 封" in dlg.count_label.text()
    assert dlg.include_returned.text() == f"也给已返乡的 {60 - away} 人"
    dlg.reject()


def test_invitations_for_the_filtered_list_go_to_those_still_away_in_list_order(main_window, qtbot, driver):
    w = main_window
    filter_village(w, qtbot)
    tab = w.returnees
    returnee_names_in_list(tab)
    away = [tab.model.row(r)[0] for r in range(tab.model.rowCount()) if tab.model.status(r) == "away"]
    driver.menu_action(w, "邀请函").trigger()
    dlg = w.actions.dialog
    assert [b.text() for b in dlg.group_buttons] == [f"当前列表 {tab.model.total()} 人"]
    assert f"将生成 {len(away)} 封" in dlg.count_label.text()
    driver.click(dlg.generate_button)
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=30000)
    with pdfplumber.open(str(dlg.preview.pdf_path)) as pdf:
        assert len(pdf.pages) == len(away)
        firsts = [p.extract_text() for p in pdf.pages[:3]]
    for name, text in zip(away, firsts):
        assert name in text.replace(" ", "")
    dlg.preview.close()


def test_invitations_with_nobody_listed_say_so(main_window, qtbot, driver, told):
    w = main_window
    tab = w.returnees
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "qqqqqq")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert tab.model.total() == 0
    driver.menu_action(w, "邀请函").trigger()
    assert told and "没有人员" in told[0]


def test_roster_of_several_selected_trainings_is_refused(main_window, qtbot, driver, told):
    w = main_window
    tab = w.trainings
    w.tabs.setCurrentWidget(tab)
    click_rows(qtbot, tab.view, [0, 1])
    driver.menu_action(w, "导出选中培训班的参训花名册为 Excel").trigger()
    assert told and "选中了 2 期培训班" in told[0] and "请只选中一期" in told[0]
    assert w.actions.op is None
