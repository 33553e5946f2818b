"""The 培训记录 tab driven as a clerk would: create a class (新增培训班…, type, 确定), add every sitting
书记 in one step through the picker (按职务), and watch a secretary in 达标情况 go from 未达标 to
已达标 as their attended days are set; refusals (end before start, days beyond the dates, more
attended days than the class, nothing ticked) stay in the dialog and write nothing; delete and copy
ask first; 达标情况 exports the rows shown and shows the 双百 progress when the plan is on; 导入签到表
opens the wizard on this class; a saved class takes its attachments (签到表)."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from rural_cadre_desktop.core.models import Attendance, AuditLog, TrainingSession
from rural_cadre_desktop.core.trainings import query
from rural_cadre_desktop.gui import file_dialogs

LEFT = Qt.MouseButton.LeftButton
YEAR = dt.date.today().year
COUNTY = "村党组织书记每年县级以上轮训（不少于5天）"
NAME = f"{YEAR}年村党组织书记集中轮训班"


@pytest.fixture
def town(store):
    """古城村 (书记 宋振, 主任 王海, villager 赵民) and 柳树村 (书记 林浩), posts held since 2020."""
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.regions import add_village
    from rural_cadre_desktop.core.reserves import cadres
    vs = {n: add_village(n) for n in ("古城村", "柳树村")}
    people = {}
    for name, village, post in (("宋振", "古城村", "secretary"), ("王海", "古城村", "director"),
                                ("赵民", "古城村", None), ("林浩", "柳树村", "secretary")):
        p = create_person({"name": name, "birth_date": "1980-05-05", "political_status": "01"}, vs[village])
        if post:
            cadres.add_post(p.id, village, post, False, "2020-01-01")
        people[name] = p
    return store, people


@pytest.fixture
def tab(qtbot, town):
    from rural_cadre_desktop.gui.main_window import MainWindow
    w = MainWindow(town[0])
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentWidget(w.trainings)
    return w.trainings


def click(qtbot, widget):
    qtbot.mouseClick(widget, LEFT, pos=widget.rect().center())


def page(qtbot, tab, title: str):
    bar = tab.pages.tabBar()
    i = next(i for i in range(tab.pages.count()) if tab.pages.tabText(i) == title)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(i).center())
    assert tab.pages.currentIndex() == i


def click_row(qtbot, view, row: int):
    index = view.model().index(row, 0)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def type_date(qtbot, edit, iso: str):
    """Click into the year and type the digits, as a clerk does (the edit moves on by itself)."""
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(edit, iso.replace("-", ""))
    assert edit.date().toString("yyyy-MM-dd") == iso


def tick(qtbot, view, row: int):
    """Tick a row's check box from the keyboard: the row's first cell, then the space bar."""
    click_row(qtbot, view, row)
    qtbot.keyClick(view, Qt.Key.Key_Space)


def retype(qtbot, spin, text: str):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def choose(combo, text: str):
    """Pick an entry of a combo by its text (what a clerk reads in the popup)."""
    i = combo.findText(text)
    assert i >= 0, f"{text!r} not offered"
    combo.setCurrentIndex(i)


def rule_row(rules_page, name: str, label: str = COUNTY) -> tuple:
    m = rules_page.model
    rows = [m.row(i) for i in range(m.rowCount()) if m.row(i)[0] == name and m.row(i)[2] == label]
    assert len(rows) == 1, f"{name} {label}: {rows}"
    return rows[0]


def new_class(qtbot, tab, name=NAME, start=f"{YEAR}-03-02", end=f"{YEAR}-03-06"):
    click(qtbot, tab.add_button)
    dlg = tab.dialog
    assert dlg.isVisible() and dlg.windowTitle() == "新增培训班"
    dlg.name.insert(name)                    # Chinese arrives whole, as an input method commits it
    choose(dlg.kind, "集中轮训")
    choose(dlg.level, "县级")
    choose(dlg.target, "村党组织书记")
    type_date(qtbot, dlg.start, start)
    type_date(qtbot, dlg.end, end)
    dlg.place.insert("洛南县委党校")
    return dlg


def save(qtbot, dlg):
    with qtbot.waitSignal(dlg.saved, timeout=10000) as sig:
        click(qtbot, dlg.ok)
    assert not dlg.isVisible()
    return sig.args[0]


def refused(qtbot, dlg) -> str:
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: dlg.error.text() != "" and dlg.ok.isEnabled(), timeout=10000)
    assert dlg.isVisible()
    return dlg.error.text()


def edit_days(qtbot, tab, person: str, days: str):
    pane = tab.attendance
    row = next(r for r in range(pane.model.rowCount()) if pane.model.value(r, "name") == person)
    click_row(qtbot, pane.view, row)
    click(qtbot, pane.edit_button)
    dlg = pane.dialog
    assert dlg.windowTitle() == f"修改参训情况 — {person}"
    retype(qtbot, dlg.days, days)
    return dlg


def test_create_class_add_every_secretary_in_one_step_and_meet_the_rule(qtbot, tab, town):
    _, people = town
    page(qtbot, tab, "达标情况")
    assert rule_row(tab.rules, "宋振")[6] == "未达标"
    page(qtbot, tab, "培训班")

    dlg = new_class(qtbot, tab)
    assert dlg.days.value() == 5            # days follow the dates
    assert dlg.span.text() == "起止日期共 5 天"
    tid = save(qtbot, dlg)
    t = TrainingSession.get_by_id(tid)
    assert (t.name, t.kind, t.level, t.target, t.start_date, t.end_date, t.days, t.place) == (
        NAME, "rotation", "county", "secretary", f"{YEAR}-03-02", f"{YEAR}-03-06", 5.0, "洛南县委党校")
    # the new class is listed, selected, and its (empty) roster shown below
    assert [tab.model.value(r, "name") for r in tab.selected_rows()] == [NAME]
    assert tab.attendance.title.text() == f"参训人员：{NAME}（0 人）"

    click(qtbot, tab.attendance.add_button)
    picker = tab.attendance.dialog
    assert picker.ways.tabText(picker.ways.currentIndex()) == "按职务"
    choose(picker.post_village, "古城村")
    assert [picker.model.row(i)[:3] for i in range(picker.model.rowCount())] == [("宋振", "古城村", "书记")]
    assert picker.count.text() == "已选 1 人：宋振"       # one village's list in place of the township's
    choose(picker.post_village, "（全部村）")              # every sitting 书记 of the township, ticked
    listed = {picker.model.row(i)[0] for i in range(picker.model.rowCount())}
    assert listed == {"宋振", "林浩"} and picker.model.checked_rows() == [0, 1]
    assert picker.count.text() == "已选 2 人：宋振、林浩" and picker.ok.text() == "添加 2 人"
    with qtbot.waitSignal(picker.saved, timeout=10000) as sig:
        click(qtbot, picker.ok)
    assert sig.args[0] == "新添加 2 人"
    pane = tab.attendance
    assert pane.title.text() == f"参训人员：{NAME}（2 人）"
    assert {(pane.model.value(r, "name"), pane.model.data(pane.model.index(r, 2)), pane.model.data(pane.model.index(r, 3)))
            for r in range(pane.model.rowCount())} == {("宋振", "书记", "5"), ("林浩", "书记", "5")}
    assert tab.model.value(tab.model.find(tid), "attendees") == 2
    assert AuditLog.select().where(AuditLog.action == "training-attend", AuditLog.detail == f"{tid} +2 ~0").exists()

    # 宋振 missed two days: short by 2 in 达标情况
    dlg = edit_days(qtbot, tab, "宋振", "3")
    dlg.certificate.insert("LN2026-001")
    save(qtbot, dlg)
    page(qtbot, tab, "达标情况")
    assert rule_row(tab.rules, "宋振")[3:7] == ("5", "3", "2", "未达标")
    assert rule_row(tab.rules, "林浩")[6] == "✓ 已达标"
    page(qtbot, tab, "培训班")

    # corrected to the class's 5 days: met
    save(qtbot, edit_days(qtbot, tab, "宋振", "5"))
    page(qtbot, tab, "达标情况")
    assert rule_row(tab.rules, "宋振")[3:7] == ("5", "5", "", "✓ 已达标")
    assert rule_row(tab.rules, "宋振")[7].startswith(NAME)
    a = Attendance.get((Attendance.person == people["宋振"].id) & (Attendance.training == tid))
    assert (a.attended_days, a.certificate_no) == (None, "LN2026-001")       # empty: the whole class


def test_refusals_stay_in_the_class_dialog_and_write_nothing(qtbot, tab):
    before = query.count()
    dlg = new_class(qtbot, tab, start=f"{YEAR}-03-06", end=f"{YEAR}-03-02")
    assert dlg.span.text() == "结束日期早于开始日期"
    assert refused(qtbot, dlg) == f"结束日期{YEAR}-03-02早于开始日期{YEAR}-03-06，请检查"
    assert dlg.name.text() == NAME                         # what was typed is still there
    type_date(qtbot, dlg.end, f"{YEAR}-03-07")
    assert dlg.days.value() == 2
    retype(qtbot, dlg.days, "3")
    type_date(qtbot, dlg.end, f"{YEAR}-03-07")            # the dates no longer move typed days
    assert refused(qtbot, dlg).startswith("天数3超过了")
    assert query.count() == before and not TrainingSession.select().exists()
    retype(qtbot, dlg.days, "2")
    save(qtbot, dlg)
    assert query.count() == before + 1


def test_attendance_refusals_and_removal(qtbot, tab, town, driver):
    save(qtbot, new_class(qtbot, tab))
    pane = tab.attendance
    click(qtbot, pane.add_button)
    picker = pane.dialog
    choose(picker.post_village, "古城村")
    click(qtbot, picker.none_button)
    click(qtbot, picker.ok)
    assert picker.error.text() == "还没有勾选人员；请先勾选要添加的学员" and picker.isVisible()
    bar = picker.ways.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(1).center())      # 按村: everyone of the village, unticked
    choose(picker.village, "古城村")
    assert sorted(picker.model.row(i)[0] for i in range(picker.model.rowCount())) == ["宋振", "王海", "赵民"]
    assert picker.model.checked_rows() == []
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(2).center())      # 查找: by name, ticked by hand
    picker.search.insert("赵民")
    assert picker.model.rowCount() == 1 and picker.model.checked_rows() == []
    tick(qtbot, picker.view, 0)
    assert picker.model.checked_rows() == [0]
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(0).center())      # ticks are kept across the ways
    assert picker.count.text() == "已选 2 人：赵民、宋振"
    with qtbot.waitSignal(picker.saved, timeout=10000):
        click(qtbot, picker.ok)
    assert sorted(pane.model.value(r, "name") for r in range(pane.model.rowCount())) == ["宋振", "赵民"]

    dlg = edit_days(qtbot, tab, "赵民", "6")
    assert refused(qtbot, dlg).startswith("参训天数应在0到5天之间")
    assert Attendance.get(Attendance.person == town[1]["赵民"].id).attended_days is None
    dlg.reject()

    row = next(r for r in range(pane.model.rowCount()) if pane.model.value(r, "name") == "赵民")
    click_row(qtbot, pane.view, row)
    driver.answer("否")
    click(qtbot, pane.remove_button)
    assert pane.model.rowCount() == 2
    driver.answer("是")
    with qtbot.waitSignal(pane.model.modelReset, timeout=10000):
        click(qtbot, pane.remove_button)
    assert [pane.model.value(r, "name") for r in range(pane.model.rowCount())] == ["宋振"]
    assert driver.boxes[-1] == f"从“{NAME}”的参训名单中移除“赵民”吗？"
    assert Attendance.get(Attendance.person == town[1]["赵民"].id).deleted


def test_delete_and_copy_ask_first(qtbot, tab, driver):
    tid = save(qtbot, new_class(qtbot, tab, name="2025年书记外出培训", start="2025-06-02", end="2025-06-05"))
    driver.answer("是")
    click(qtbot, tab.copy_button)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.training_id not in (None, tid), timeout=10000)
    copy = tab.dialog
    assert copy.windowTitle() == "修改培训班" and copy.name.text() == "2026年书记外出培训"
    assert iso_of(copy.start) == "2026-06-02" and copy.days.value() == 4
    copy.remarks.insert("按上年复制")
    save(qtbot, copy)
    assert TrainingSession.get_by_id(copy.training_id).remarks == "按上年复制"
    assert tab.model.total() == 2

    choose(tab.year, "2025年")                               # the year filter
    assert tab.model.total() == 1 and tab.model.value(0, "name") == "2025年书记外出培训"
    click_row(qtbot, tab.view, 0)
    driver.answer("否")
    click(qtbot, tab.delete_button)
    assert not TrainingSession.get_by_id(tid).deleted
    driver.answer("是")
    with qtbot.waitSignal(tab.model.modelReset, timeout=10000):
        click(qtbot, tab.delete_button)
    assert TrainingSession.get_by_id(tid).deleted and tab.model.total() == 0
    choose(tab.year, "（全部年度）")
    assert tab.model.total() == 1


def iso_of(edit) -> str:
    return edit.date().toString("yyyy-MM-dd")


def test_rules_only_short_and_export_the_rows_shown(qtbot, tab, monkeypatch, tmp_path):
    page(qtbot, tab, "达标情况")
    rules = tab.rules
    assert rules.double_hundred.isHidden()                 # 双百 is off on a township installation
    # 2 secretaries × 2 rules, and the installation's returnee training (none held)
    assert rules.model.rowCount() == 5
    assert rule_row(rules, "全县（乡镇）返乡人员培训", "返乡人员年度培训")[6] == "未达标"
    page(qtbot, tab, "培训班")
    save(qtbot, new_class(qtbot, tab))          # a class both secretaries attend in full
    click(qtbot, tab.attendance.add_button)
    with qtbot.waitSignal(tab.attendance.dialog.saved, timeout=10000):
        click(qtbot, tab.attendance.dialog.ok)
    page(qtbot, tab, "达标情况")
    click(qtbot, rules.only_short)
    assert rules.only_short.isChecked() and rules.model.rowCount() == 3
    assert rules.summary.text() == f"{YEAR}年度：4 条（人·规则），已达标 2 条，未达标 2 条；下表只列未达标"
    assert [rules.village_model.row(i) for i in range(rules.village_model.rowCount())] == [
        ("古城村", "1/1", "0/1", ""), ("柳树村", "1/1", "0/1", "")]
    choose(rules.village, "柳树村")
    assert {rules.model.row(i)[0] for i in range(rules.model.rowCount())} == {"林浩"}
    out = tmp_path / "达标.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(rules.export_button.clicked):
        click(qtbot, rules.export_button)
    qtbot.waitUntil(lambda: out.exists() and rules.op is not None and not rules.op.running, timeout=10000)
    ws = load_workbook(out).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert values[0][0] == f"{YEAR}年度培训达标情况（柳树村，未达标）"
    assert values[1][:7] == ["姓名", "村(社区)", "规则", "应训天数", "已训天数", "差几天", "达标"]
    assert [r[:7] for r in values[2:]] == [
        ["林浩", "柳树村", "村党组织书记每两年外出培训（不少于3天）", 3, 0, 3, "未达标"]]
    qtbot.waitUntil(lambda: AuditLog.select().where(AuditLog.action == "training-report-xlsx").exists(),
                    timeout=10000)


def test_import_sign_in_sheet_opens_the_wizard_on_this_class(qtbot, tab):
    tid = save(qtbot, new_class(qtbot, tab))
    click(qtbot, tab.attendance.import_button)
    wizard = tab.attendance.dialog
    qtbot.addWidget(wizard)
    assert wizard.file_page.kind.currentData() == "attendance"
    assert wizard.file_page.training.currentData() == tid
    wizard.reject()


def test_double_hundred_progress_when_the_plan_is_on(qtbot, town):
    from rural_cadre_desktop.core import settings
    from rural_cadre_desktop.gui.main_window import MainWindow
    settings.set_double_hundred(enabled=True, two_committees_target=3)
    w = MainWindow(town[0])
    qtbot.addWidget(w)
    w.show()
    w.tabs.setCurrentWidget(w.trainings)
    tab = w.trainings
    page(qtbot, tab, "达标情况")
    label = tab.rules.double_hundred
    assert not label.isHidden()
    assert label.text() == f"“双百”计划 {YEAR}年：后备干部县级培训 0/100 人，村两委干部县级培训 0/3 人"
    page(qtbot, tab, "培训班")
    save(qtbot, new_class(qtbot, tab))
    click(qtbot, tab.attendance.add_button)
    picker = tab.attendance.dialog
    choose(picker.post, "（全部两委职务）")                   # 宋振, 王海, 林浩
    with qtbot.waitSignal(picker.saved, timeout=10000):
        click(qtbot, picker.ok)
    assert label.text() == f"“双百”计划 {YEAR}年：后备干部县级培训 0/100 人，村两委干部县级培训 3/3 人"


def test_a_saved_class_takes_its_notice_and_sign_in_sheet(qtbot, tab, monkeypatch, tmp_path):
    from rural_cadre_desktop.core import attachments
    tid = save(qtbot, new_class(qtbot, tab))
    assert tab.dialog.attachments.findChild(QWidget, "attachments_box") is None     # a new class: save first
    click(qtbot, tab.edit_button)
    dlg = tab.dialog
    assert dlg.training_id == tid and dlg.name.text() == NAME and dlg.days.value() == 5
    box = dlg.attachments.findChild(QWidget, "attachments_box")
    choose(box.kind, "签到表")
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(scan), ""))
    with qtbot.waitSignal(box.changed, timeout=10000):
        click(qtbot, box.add_button)
    [item] = attachments.list_for("training_session", tid)
    assert (item.kind, item.file_name) == ("sign_in", "签到表.pdf")
    dlg.reject()
