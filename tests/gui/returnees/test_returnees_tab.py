"""The 返乡人员 tab driven as a clerk would: add through the card (a wrong ID number is refused
with its message), filter, search by pinyin initials, log a 恳谈会 with several people and see the
yearly grid change, delete with confirmation, merge and undo, reveal numbers, export."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox

from rural_cadre_desktop.core.models import AuditLog
from rural_cadre_desktop.core.returnees.query import COLUMN_INDEX
from rural_cadre_desktop.core.validation import id_check_char
from rural_cadre_desktop.gui import file_dialogs

GOOD_ID = "61102119850305123" + id_check_char("61102119850305123")
BAD_ID = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")


def type_text(qtbot, widget, text):
    """Keystrokes for ASCII; Chinese arrives as an input method commits it (QTest cannot type it)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif hasattr(widget, "insert"):
        widget.setFocus()
        widget.insert(text)
    else:
        widget.setFocus()
        widget.insertPlainText(text)


def ok_button(dlg):
    return dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)


def click_and_wait(qtbot, button, signal):
    """Click, then wait until the write the click queued on the writer thread has come back."""
    with qtbot.waitSignal(signal, timeout=10000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick(combo, text):
    i = combo.findText(text)
    assert i >= 0, text
    combo.setCurrentIndex(i)


def names_shown(tab):
    return [tab.model.row(i)[0] for i in range(tab.model.rowCount())]


def select_rows(tab, rows):
    sel = tab.view.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(tab.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def add_person(qtbot, tab, name, id_number="", village="石门村", status="已返乡", extra=None):
    qtbot.mouseClick(tab.buttons["add"], Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    type_text(qtbot, dlg.editors["name"].widget, name)
    if id_number:
        type_text(qtbot, dlg.editors["id_number"].widget, id_number)
    pick(dlg.village, village)
    pick(dlg.editors["status"].widget, status)
    for field, text in (extra or {}).items():
        type_text(qtbot, dlg.editors[field].widget, text)
    return dlg


def leave(qtbot, widget):
    """Tab out of a field, as the clerk moves on: its check shows from then on."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not widget.hasFocus())


def test_add_through_dialog_refuses_bad_id_then_saves(qtbot, tab):
    before = tab.model.total()
    dlg = add_person(qtbot, tab, "张三", BAD_ID, extra={"return_date": "2024.5"})
    err = dlg.editors["id_number"].error
    assert not err.isVisibleTo(dlg)                      # not red while the clerk is still typing
    leave(qtbot, dlg.editors["id_number"].widget)
    assert err.isVisibleTo(dlg) and "校验位" in err.text()
    assert not ok_button(dlg).isEnabled()
    dlg.editors["id_number"].widget.clear()
    type_text(qtbot, dlg.editors["id_number"].widget, GOOD_ID)
    assert not dlg.editors["id_number"].error.isVisibleTo(dlg)
    assert dlg.editors["sex"].raw() == "1" and dlg.editors["birth_date"].raw() == "1985-03-05"
    assert ok_button(dlg).isEnabled()
    click_and_wait(qtbot, ok_button(dlg), dlg.write_done)
    assert tab.model.total() == before + 1
    tab.filters.search.setText(GOOD_ID)
    tab.filters.apply_now()
    assert names_shown(tab) == ["张三"]
    assert tab.model.row(0)[COLUMN_INDEX["return_date"]] == "2024-05"
    tab.filters.search.clear()
    tab.filters.apply_now()

    # the same ID number again: refused at save with the sentence shown, nothing added
    dlg = add_person(qtbot, tab, "张三", GOOD_ID)
    click_and_wait(qtbot, ok_button(dlg), dlg.write_done)
    assert "已在返乡人员台账中" in dlg.message.text() and dlg.isVisible()
    assert tab.model.total() == before + 1
    dlg.reject()


def test_filter_and_search_by_pinyin_initials(qtbot, tab):
    dlg = add_person(qtbot, tab, "张三", GOOD_ID, village="柳树村", status="在外")
    click_and_wait(qtbot, ok_button(dlg), dlg.write_done)
    total = tab.model.total()
    pick(tab.filters.village, "柳树村")
    in_village = tab.model.total()
    assert 0 < in_village < total
    assert {tab.model.row(i)[COLUMN_INDEX["village"]] for i in range(tab.model.rowCount())} == {"柳树村"}
    pick(tab.filters.status, "在外")
    assert tab.model.total() <= in_village
    assert {tab.model.row(i)[COLUMN_INDEX["status"]] for i in range(tab.model.rowCount())} == {"away"}
    type_text(qtbot, tab.filters.search, "zs")
    tab.filters.apply_now()
    assert "张三" in names_shown(tab)
    assert all(n.startswith("张") or n[0] in "赵周朱郑曾钟庄祝翟" for n in names_shown(tab))
    pick(tab.filters.village, "全部村(社区)")
    pick(tab.filters.status, "全部状态")
    tab.filters.search.clear()
    tab.filters.apply_now()
    assert tab.model.total() == total


def test_log_symposium_with_several_people_updates_grid(qtbot, tab):
    tab.pages.setCurrentIndex(1)
    year = tab.grid.year.value()
    before = {tab.grid.model._all[i][0]: tab.grid.model._all[i] for i in range(tab.grid.model.total())}
    tab.pages.setCurrentIndex(0)
    select_rows(tab, [0, 1, 2])
    pids = [tab.model.person_id(r) for r in (0, 1, 2)]
    qtbot.mouseClick(tab.buttons["activity"], Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    assert dlg.chosen.count() == 3
    pick(dlg.editors["kind"].widget, "召开一次恳谈会")
    type_text(qtbot, dlg.editors["date"].widget, f"{year}-02-10")
    type_text(qtbot, dlg.editors["place"].widget, "镇政府会议室")
    # one more participant found through the picker's search
    fourth = tab.model.row(3)
    type_text(qtbot, dlg.search, fourth[0])
    assert dlg.results.count() >= 1
    dlg.results.item(0).setSelected(True)
    qtbot.mouseClick(dlg.findChild(type(tab.buttons["add"]), "add_participants"), Qt.MouseButton.LeftButton)
    assert dlg.chosen.count() == 4
    # a status on a 恳谈会 is not allowed: 保存 stays off until it is cleared
    assert not dlg.editors["status"].widget.isEnabled()
    assert ok_button(dlg).isEnabled()
    click_and_wait(qtbot, ok_button(dlg), dlg.saved)
    assert not dlg.isVisible()
    tab.pages.setCurrentIndex(1)
    after = {r[0]: r for r in tab.grid.model._all}
    from rural_cadre_desktop.core.returnees.grid import KINDS
    sym = 4 + KINDS.index("symposium")           # grid rows: id, name, village, village_id, counts…
    for pid in pids:
        assert after[pid][sym] == before[pid][sym] + 1
    sm = tab.grid.summary_model
    summary_total = sm.data(sm.index(sm.rowCount() - 1, 0))
    assert summary_total == "合计"


def test_activity_dialog_rules_shown_while_typing(qtbot, tab):
    select_rows(tab, [0])
    qtbot.mouseClick(tab.buttons["activity"], Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    pick(dlg.editors["kind"].widget, "收集一批意见建议")
    assert dlg.editors["status"].widget.isEnabled()
    pick(dlg.editors["status"].widget, "已办结")
    assert not ok_button(dlg).isEnabled() and "办理结果" in dlg.message.text()
    type_text(qtbot, dlg.editors["answer"].widget, "已转交交通所")
    assert ok_button(dlg).isEnabled()
    type_text(qtbot, dlg.editors["date"].widget, "1999-01-01")
    assert not ok_button(dlg).isEnabled()
    dlg.reject()


def test_delete_asks_first(qtbot, tab):
    total = tab.model.total()
    select_rows(tab, [0])
    tab.confirm = lambda title, text: False
    qtbot.mouseClick(tab.buttons["delete"], Qt.MouseButton.LeftButton)
    assert tab.model.total() == total
    tab.confirm = lambda title, text: True
    click_and_wait(qtbot, tab.buttons["delete"], tab.write_done)
    assert tab.model.total() == total - 1


def test_merge_and_undo_from_the_list(qtbot, tab):
    for _ in range(2):
        dlg = add_person(qtbot, tab, "钱多多", village="石门村", extra={"birth_date": "1990-01-02"})
        click_and_wait(qtbot, ok_button(dlg), dlg.write_done)
    tab.filters.duplicates.setChecked(True)
    assert tab.model.total() == 2
    assert tab.model.row(0)[COLUMN_INDEX["duplicate"]]
    select_rows(tab, [0, 1])
    click_and_wait(qtbot, tab.buttons["merge"], tab.write_done)
    assert tab.model.total() == 0 and tab.buttons["undo_merge"].isEnabled()
    click_and_wait(qtbot, tab.buttons["undo_merge"], tab.write_done)
    assert tab.model.total() == 2 and "撤销" in tab.message.text()


def test_numbers_masked_until_revealed_and_reveal_is_audited(qtbot, tab):
    col = COLUMN_INDEX["id_number"]
    shown = tab.model.data(tab.model.index(0, col))
    assert "*" in shown
    select_rows(tab, [0])
    with qtbot.waitSignal(tab.write_done, timeout=10000):      # the audit entry is a write
        tab.reveal_rows([0])
    assert "*" not in tab.model.data(tab.model.index(0, col))
    assert "*" in tab.model.data(tab.model.index(1, col))
    assert AuditLog.select().where(AuditLog.action == "reveal").count() == 1


def test_reveal_button_shows_and_hides_every_number(qtbot, tab):
    col = COLUMN_INDEX["id_number"]
    with qtbot.waitSignal(tab.write_done, timeout=10000):      # the audit entry is a write
        qtbot.mouseClick(tab.buttons["reveal"], Qt.MouseButton.LeftButton)
    assert tab.buttons["reveal"].isChecked() and tab.model.reveal_all
    assert "*" not in tab.model.data(tab.model.index(1, col))
    qtbot.mouseClick(tab.buttons["reveal"], Qt.MouseButton.LeftButton)
    assert not tab.model.reveal_all and "*" in tab.model.data(tab.model.index(1, col))


def test_export_what_the_list_shows(qtbot, tab, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    pick(tab.filters.village, "石门村")
    n = tab.model.total()
    out = tmp_path / "list.xlsx"
    asked = []
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda _p, title, *a, **k: (asked.append(title), (str(out), ""))[1])
    with qtbot.waitSignal(tab.exported, timeout=20000) as sig:
        qtbot.mouseClick(tab.buttons["export"], Qt.MouseButton.LeftButton)
    assert sig.args == [n] and f"当前列表 {n} 人" in asked[0]
    assert f"已导出当前列表的 {n} 人" in tab.message.text()
    ws = load_workbook(out, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "姓名" and len(rows) == n + 1
    id_col = rows[0].index("身份证号")
    assert all(isinstance(r[id_col], str) and "*" in r[id_col] for r in rows[1:] if r[id_col])
    assert {r[rows[0].index("村(社区)")] for r in rows[1:]} == {"石门村"}
    assert [r[0] for r in rows[1:6]] == names_shown(tab)[:5]


def test_export_the_selected_rows_when_the_clerk_chooses_them(qtbot, tab, tmp_path, monkeypatch, driver):
    from openpyxl import load_workbook
    out = tmp_path / "sel.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    select_rows(tab, [5, 2, 9])
    driver.answer("选中的 3 人")
    with qtbot.waitSignal(tab.exported, timeout=20000) as sig:
        qtbot.mouseClick(tab.buttons["export"], Qt.MouseButton.LeftButton)
    assert sig.args == [3] and "已导出选中的 3 人" in tab.message.text()
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    shown = names_shown(tab)
    assert [r[0] for r in rows[1:]] == [shown[2], shown[5], shown[9]]      # in the list's order


def test_export_cancelled_writes_nothing(qtbot, tab, tmp_path, monkeypatch):
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: ("", ""))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with qtbot.assertNotEmitted(tab.exported, wait=200):
        qtbot.mouseClick(tab.buttons["export"], Qt.MouseButton.LeftButton)
    assert list(cwd.iterdir()) == []


def test_grid_loads_off_the_ui_thread(qtbot, demo_store):
    from rural_cadre_desktop.gui.returnees.grid_view import EightOnesGridView
    view = EightOnesGridView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.refresh()
    assert view.model.total() == 60
    sm = view.summary_model
    assert sm.data(sm.index(sm.rowCount() - 1, 1)) == "60"


def test_is_the_main_windows_returnee_tab(qtbot, demo_store):
    from rural_cadre_desktop.gui.main_window import MainWindow
    from rural_cadre_desktop.gui.returnees import ReturneesTab
    w = MainWindow(demo_store)
    qtbot.addWidget(w)
    w.show()
    assert isinstance(w.returnees, ReturneesTab)
    assert "返乡人员 60 人" in w.counts.text()
