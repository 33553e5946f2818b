"""The 活动记录 page driven as a clerk would: the year's activities with kind and status filters;
edit a 恳谈会's place and participants (Enter opens it); 办结 a problem (办结 stays off until an
answer is typed), see 已办结 and the answer, reopen it; delete with the Delete key after a
confirmation (cancel keeps it); refusals show their sentence and write nothing; 思想动态 deletion."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import Activity, OutlookNote
from rural_cadre_desktop.core.returnees import activities
from rural_cadre_desktop.gui.returnees.activity_model import COL

YEAR = dt.date.today().year              # the demo writes this year's and last year's activities


@pytest.fixture
def log(tab):
    tab.pages.setCurrentIndex(2)
    page = tab.log
    page.confirm = lambda title, text: True
    return page


def pick(combo, text):
    i = combo.findText(text)
    assert i >= 0, text
    combo.setCurrentIndex(i)


def cell(page, row, key):
    return page.model.data(page.model.index(row, COL[key]))


def column(page, key):
    return [cell(page, r, key) for r in range(page.model.rowCount())]


def ok_button(dlg):
    return dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)


def button(dlg, text):
    (b,) = [b for b in dlg.findChildren(QPushButton) if b.text() == text]
    return b


def click_and_wait(qtbot, button, signal):
    with qtbot.waitSignal(signal, timeout=10000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def live_count(**where):
    q = Activity.select().where(Activity.deleted == False)
    for k, v in where.items():
        q = q.where(getattr(Activity, k) == v)
    return q.count()


def test_lists_the_years_activities_and_filters(log):
    assert log.year.value() == YEAR
    n = live_count(year=YEAR)
    assert log.model.total() == n == len(activities.list_activities(YEAR)) and n > 10
    assert log.count_label.text() == f"共 {n} 条"
    pick(log.kind, "恳谈会")
    assert log.model.total() == 4 and set(column(log, "kind")) == {"恳谈会"}     # one per village
    sym = column(log, "names")[0]
    assert sym.endswith("…") and sym.count("、") == 3                          # first four names, then …
    assert int(cell(log, 0, "count")) > 4
    pick(log.kind, "全部类别")
    pick(log.status, "已办结")
    assert log.model.total() == live_count(year=YEAR, status="handled")
    assert set(column(log, "status")) == {"已办结"} and all(column(log, "answer"))
    log.year.setValue(YEAR - 1)
    assert log.model.total() == live_count(year=YEAR - 1, status="handled")
    assert log.count_label.text() == f"共 {log.model.total()} 条"


def _expected(year, village_id=None, initials=None):
    """Activities of the year held in the village or with someone from it / with a participant
    whose pinyin initials start with `initials` — counted in Python from the stored rows."""
    from rural_cadre_desktop.core.models import ActivityParticipant, Person
    out = set()
    for a in Activity.select().where((Activity.deleted == False) & (Activity.year == year)):
        people = [p for p in Person.select().join(ActivityParticipant, on=(ActivityParticipant.person == Person.id))
                  .where((ActivityParticipant.activity == a.id) & (ActivityParticipant.deleted == False))]
        if village_id and a.village_id != village_id and not any(p.village_id == village_id for p in people):
            continue
        if initials and not any(p.name_initials.startswith(initials) for p in people):
            continue
        out.add(a.id)
    return out


def test_village_filter_and_name_search(qtbot, log):
    """活动记录 had neither: a clerk looking for 张三's visits read the whole year."""
    village = log.village.itemText(1)
    vid = log.village.itemData(1)
    pick(log.village, village)
    want = _expected(YEAR, village_id=vid)
    assert 0 < log.model.total() == len(want) < live_count(year=YEAR)
    assert {log.model.row_key(r) for r in range(log.model.rowCount())} == want
    pick(log.village, "全部村(社区)")
    from rural_cadre_desktop.core.people import name_initials
    typed = name_initials(cell(log, 0, "names").split("、")[0].rstrip("…"))   # as typed: 张三 → zs
    qtbot.keyClicks(log.search, typed)
    qtbot.keyClick(log.search, Qt.Key.Key_Return)
    want = _expected(YEAR, initials=typed)
    assert 0 < log.model.total() == len(want)
    assert {log.model.row_key(r) for r in range(log.model.rowCount())} == want
    log.search.clear()
    qtbot.keyClicks(log.search, "qqqqq")
    qtbot.keyClick(log.search, Qt.Key.Key_Return)
    assert log.model.total() == 0


def test_edit_a_symposiums_place_and_participants(qtbot, tab, log):
    pick(log.kind, "恳谈会")
    log.view.selectRow(0)
    aid = log.model.row_key(0)
    before = activities.participant_ids(activities.get_activity(aid))
    log.view.setFocus()
    qtbot.keyClick(log.view, Qt.Key.Key_Return)                   # Enter = 修改
    dlg = log.dialog
    assert dlg.windowTitle() == "修改“八个一”活动"
    assert dlg.editors["place"].raw() == "镇政府会议室" and dlg.chosen.count() == len(before)
    dlg.editors["place"].widget.clear()
    dlg.editors["place"].widget.insert("村委会二楼")
    dlg.chosen.item(0).setSelected(True)
    removed = dlg.chosen.item(0).data(Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(button(dlg, "← 移出"), Qt.MouseButton.LeftButton)
    assert dlg.chosen.count() == len(before) - 1
    click_and_wait(qtbot, ok_button(dlg), dlg.saved)
    a = activities.get_activity(aid)
    assert a.place == "村委会二楼" and a.date and a.kind == "symposium"
    after = activities.participant_ids(a)
    assert set(after) == set(before) - {removed}
    r = log.model.find(aid)
    assert cell(log, r, "place") == "村委会二楼" and cell(log, r, "count") == str(len(before) - 1)
    assert log.current_row() == r                                # the edited row stays selected
    # the grid page was refreshed too: the removed person no longer has this year's 恳谈会
    from rural_cadre_desktop.core.returnees.grid import KINDS
    row = {g[0]: g for g in tab.grid.model._all}[removed]
    assert row[4 + KINDS.index("symposium")] in (0, None)


def test_handle_a_problem_then_reopen(qtbot, log):
    pick(log.kind, "实际问题")
    pick(log.status, "待办")
    assert log.model.total() >= 1
    log.view.selectRow(0)
    aid = log.model.row_key(0)
    assert log.buttons["handle"].isEnabled() and not log.buttons["reopen"].isEnabled()
    qtbot.mouseClick(log.buttons["handle"], Qt.MouseButton.LeftButton)
    dlg = log.dialog
    assert not dlg.ok.isEnabled()
    dlg.answer.insertPlainText("   ")                             # blanks are not an answer
    assert not dlg.ok.isEnabled()
    dlg.answer.insertPlainText("已协调镇中心小学，9月入学")
    assert dlg.ok.isEnabled()
    click_and_wait(qtbot, dlg.ok, dlg.write_done)
    assert not dlg.isVisible()
    a = activities.get_activity(aid)
    assert (a.status, a.answer) == ("handled", "已协调镇中心小学，9月入学")
    assert log.model.find(aid) == -1                              # the 待办 filter no longer shows it
    pick(log.status, "全部状态")
    r = log.model.find(aid)
    assert cell(log, r, "status") == "已办结" and cell(log, r, "answer") == "已协调镇中心小学，9月入学"

    log.select_activity(aid)
    assert log.buttons["reopen"].isEnabled()
    click_and_wait(qtbot, log.buttons["reopen"], log.write_done)
    a = activities.get_activity(aid)
    assert a.status == "open" and not a.answer
    r = log.model.find(aid)
    assert cell(log, r, "status") == "待办" and cell(log, r, "answer") == ""


def test_handle_only_for_problems_and_suggestions(log):
    pick(log.kind, "邀请函")
    log.view.selectRow(0)
    assert log.buttons["edit"].isEnabled() and not log.buttons["handle"].isEnabled()
    log.handle_selected()
    assert log.dialog is None


def test_delete_asks_first_and_cancel_keeps_it(qtbot, tab, log):
    pick(log.kind, "恳谈会")
    log.view.selectRow(1)
    aid, total = log.model.row_key(1), log.model.total()
    asked = []
    log.confirm = lambda title, text: asked.append(text) or False
    log.view.setFocus()
    qtbot.keyClick(log.view, Qt.Key.Key_Delete)
    assert "恳谈会" in asked[0] and "人参加" in asked[0]             # the question names the activity
    assert log.model.total() == total and activities.get_activity(aid)
    log.confirm = lambda title, text: True
    with qtbot.waitSignal(log.write_done, timeout=10000):
        qtbot.keyClick(log.view, Qt.Key.Key_Delete)
    assert log.model.total() == total - 1 and log.model.find(aid) == -1
    with pytest.raises(UserError):
        activities.get_activity(aid)
    assert "已删除" in log.message.text()


def test_date_outside_the_year_is_refused_as_typed(qtbot, log):
    pick(log.kind, "恳谈会")
    log.view.selectRow(0)
    aid = log.model.row_key(0)
    before = activities.get_activity(aid).__data__.copy()
    log.edit_selected()
    dlg = log.dialog
    dlg.editors["date"].widget.setText(f"{YEAR - 3}-02-10")
    assert not ok_button(dlg).isEnabled()
    err = dlg.editors["date"].error
    dlg.activateWindow()
    dlg.editors["date"].widget.setFocus()
    qtbot.waitUntil(dlg.editors["date"].widget.hasFocus)
    qtbot.keyClick(dlg.editors["date"].widget, Qt.Key.Key_Tab)           # the clerk moves on
    assert err.isVisibleTo(dlg) and "不在" in err.text() and "年度" in err.text()
    dlg.save()                                                    # even if forced, nothing is queued
    assert dlg.op is None and dlg.isVisible()
    assert Activity.get_by_id(aid).__data__ == before


def test_refusal_from_the_save_shows_in_the_dialog_and_writes_nothing(qtbot, log):
    """The activity was deleted meanwhile (another window, the command line): the save is refused."""
    pick(log.kind, "恳谈会")
    log.view.selectRow(0)
    aid = log.model.row_key(0)
    log.edit_selected()
    dlg = log.dialog
    dlg.editors["place"].widget.setText("别处")
    activities.delete_activity(activities.get_activity(aid))
    click_and_wait(qtbot, ok_button(dlg), dlg.write_done)
    assert dlg.isVisible() and "找不到这条活动" in dlg.message.text()
    assert ok_button(dlg).isEnabled()                             # the clerk may cancel or retry
    assert Activity.get_by_id(aid).place == "镇政府会议室"


def test_add_from_the_log_page(qtbot, tab, log):
    pick(log.kind, "意见建议")
    total = log.model.total()
    qtbot.mouseClick(log.buttons["add"], Qt.MouseButton.LeftButton)
    dlg = log.dialog
    assert dlg.editors["kind"].raw() == "suggestion" and dlg.year.value() == YEAR
    name = tab.model.row(0)[0]
    dlg.search.insert(name)
    dlg.results.item(0).setSelected(True)
    qtbot.mouseClick(button(dlg, "加入 →"), Qt.MouseButton.LeftButton)
    dlg.editors["content"].widget.insertPlainText("建议修通组道路")
    click_and_wait(qtbot, ok_button(dlg), dlg.saved)
    assert log.model.total() == total + 1
    r = log.current_row()
    assert cell(log, r, "content") == "建议修通组道路" and cell(log, r, "status") == "待办"


def test_delete_a_note_on_the_card(qtbot, tab):
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.buttons["edit"], Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    before = dlg.notes.count()
    dlg.note_text.insert("想回村办合作社")
    click_and_wait(qtbot, dlg.findChild(QPushButton, "add_note"), dlg.write_done)
    assert dlg.notes.count() == before + 1
    delete = dlg.findChild(QPushButton, "delete_note")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)           # nothing selected: says what to do
    assert "选中" in dlg.note_error.text() and dlg.notes.count() == before + 1
    item = next(dlg.notes.item(i) for i in range(dlg.notes.count()) if "想回村办合作社" in dlg.notes.item(i).text())
    note_id = item.data(Qt.ItemDataRole.UserRole)
    dlg.notes.setCurrentItem(item)
    asked = []
    dlg.confirm = lambda title, text: asked.append(text) or False
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert "想回村办合作社" in asked[0] and dlg.notes.count() == before + 1
    assert OutlookNote.get_by_id(note_id).deleted is False
    dlg.confirm = lambda title, text: True
    click_and_wait(qtbot, delete, dlg.write_done)
    assert dlg.notes.count() == before
    assert all("想回村办合作社" not in dlg.notes.item(i).text() for i in range(dlg.notes.count()))
    assert OutlookNote.get_by_id(note_id).deleted is True
    dlg.reject()
