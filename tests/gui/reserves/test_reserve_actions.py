"""The 后备干部 tab's actions driven as a clerk would: 入库 of a returnee found by its 身份证号, the
three 资格联审 steps, the 年度考察评议 table (不称职 takes people out; their village then shows
“待补充” on the 一乡一库 page), and 出库 with a reason (the record is kept)."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.models import Person, ReserveCadre, Vetting
from rural_cadre_desktop.core.reserves import services
from rural_cadre_desktop.core.reserves.coverage import coverage
from rural_cadre_desktop.gui.reserves.review_table import NOTE, RATING

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def tab(main_window):
    t = main_window.reserves
    main_window.tabs.setCurrentWidget(t)
    t.load()
    return t


def click(qtbot, widget):
    qtbot.mouseClick(widget, LEFT, pos=widget.rect().center())


def type_text(qtbot, widget, text: str) -> None:
    """Typing: ASCII key by key; Chinese as an input method commits it (QTest cannot key it)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def select_row(qtbot, tab, reserve_id: str) -> None:
    row = tab.model.find(reserve_id)
    assert row >= 0
    index = tab.model.index(row, 0)
    tab.view.scrollTo(index)
    qtbot.mouseClick(tab.view.viewport(), LEFT, pos=tab.view.visualRect(index).center())
    assert tab.selected_rows() == [row]


def show_page(qtbot, tab, title: str):
    bar = tab.pages.tabBar()
    i = next(i for i in range(tab.pages.count()) if tab.pages.tabText(i) == title)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(i).center())
    assert tab.pages.currentIndex() == i
    return tab.pages.widget(i)


def visible_editor(page, kind):
    [ed] = [w for w in page.view.viewport().findChildren(kind) if w.isVisible()]
    return ed


def open_editor(qtbot, page, row: int, col: int, kind):
    """Click the cell, press F2: the delegate's editor for that cell, with the focus."""
    index = page.model.index(row, col)
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), LEFT, pos=page.view.visualRect(index).center())
    assert page.view.currentIndex() == index
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    return visible_editor(page, kind)


def returnee_outside_pool() -> Person:
    """A returnee aged 18–45 with no membership, living in one of the township's villages."""
    from rural_cadre_desktop.core.models import Returnee
    today = dt.date.today().isoformat()
    for r in Returnee.alive().order_by(Returnee.id):
        p = Person.get_by_id(r.person_id)
        age = services.age_on(p.birth_date, today)
        if (p.id_number and p.village_id and age is not None and 18 <= age <= 45
                and not ReserveCadre.alive().where(ReserveCadre.person == p.id).exists()):
            return p
    raise AssertionError("the demo has no returnee outside the pool")


def add_through_dialog(qtbot, driver, tab, person: Person, village: str) -> ReserveCadre:
    click(qtbot, tab.add_button)
    dlg = tab.dialog
    assert dlg is not None and dlg.isVisible()
    type_text(qtbot, dlg.search, person.id_number)
    assert dlg.results.count() == 1 and person.name in dlg.results.item(0).text()
    assert "返乡人员" in dlg.results.item(0).text()
    assert person.id_number not in dlg.results.item(0).text()          # masked in the list
    assert dlg.village.currentText() == village                         # the person's village
    dlg.track.setFocus()
    qtbot.keyClick(dlg.track, Qt.Key.Key_Home)                           # 村党组织书记后备人选
    assert dlg.track.currentData() == "secretary"
    dlg.recommended.setFocus()
    qtbot.keyClick(dlg.recommended, Qt.Key.Key_Down)                     # 群众推荐
    warnings = services.check_add(person.id, village, "secretary")
    if warnings:
        driver.answer("是")
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=10000)
    if warnings:
        assert all(w in driver.boxes[-1] for w in warnings)
    r = ReserveCadre.get(ReserveCadre.person == person.id)
    assert (r.status, r.track, r.recommended_by) == ("active", "secretary", "masses")
    assert tab.model.find(r.id) >= 0                                     # the list reloaded itself
    return r


def test_returnee_in_vetted_rated_incompetent_and_village_left_lacking(qtbot, driver, tab):
    person = returnee_outside_pool()
    from rural_cadre_desktop.core.models import Village
    village = Village.get_by_id(person.village_id).name
    r = add_through_dialog(qtbot, driver, tab, person, village)

    for step in codes.VETTING_STEPS:
        select_row(qtbot, tab, r.id)
        click(qtbot, tab.vet_button)
        dlg = tab.dialog
        assert dlg.step.text() == codes.VETTING_STEPS[step]
        assert dlg.result.currentData() == "pass"
        type_text(qtbot, dlg.reviewer, "乡镇党委")
        click(qtbot, dlg.ok)
        qtbot.waitUntil(lambda: tab.dialog is None, timeout=10000)
    steps = [(v.step, v.result, v.reviewer) for v in Vetting.select().where(Vetting.reserve == r.id)]
    assert sorted(steps) == sorted((s, "pass", "乡镇党委") for s in codes.VETTING_STEPS)

    # the annual review: the newcomer and the village's other secretary candidate are 不称职
    other = (ReserveCadre.select().where((ReserveCadre.village == person.village_id) & (ReserveCadre.id != r.id)
                                         & (ReserveCadre.track == "secretary") & (ReserveCadre.status == "active")))
    others = [o.id for o in other]
    page = show_page(qtbot, tab, "年度考察评议")
    assert page.year.value() == dt.date.today().year
    ids = [row["id"] for row in page.rows]
    assert r.id in ids and set(others) <= set(ids)
    assert len(ids) == ReserveCadre.select().where(ReserveCadre.status == "active").count()
    for rid in [r.id, *others]:
        combo = open_editor(qtbot, page, ids.index(rid), RATING, QComboBox)
        for _ in range(4):
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentText() == "不称职"
        qtbot.keyClick(combo, Qt.Key.Key_Tab)        # commits, and the 备注 cell opens next
        assert page.model.index(ids.index(rid), RATING).data() == "不称职"
        note = visible_editor(page, QLineEdit)
        if rid == r.id:
            type_text(qtbot, note, "群众测评较差")
        qtbot.keyClick(note, Qt.Key.Key_Return)
    assert page.model.index(ids.index(r.id), NOTE).data() == "群众测评较差"
    driver.answer("是")
    click(qtbot, page.save)
    qtbot.waitUntil(lambda: "已保存" in page.result.text(), timeout=10000)
    assert "待补充（没有书记后备人选）：" in page.result.text() and village in page.result.text()
    for rid in [r.id, *others]:
        left = ReserveCadre.get_by_id(rid)
        assert (left.status, left.left_reason) == ("left", services.LEFT_INCOMPETENT)
    assert r.id not in [row["id"] for row in page.rows]                  # out of this year's pool now

    cov = show_page(qtbot, tab, "一乡一库")
    assert cov.status_of(village) == "待补充"
    row = next(i for i in range(cov.model.rowCount()) if cov.model.row(i)[0] == village)
    assert cov.model.data(cov.model.index(row, 4), Qt.ItemDataRole.ForegroundRole).color().name() == "#c00000"
    assert [c["village"] for c in coverage() if c["lacks_secretary_candidate"]] == [village]
    assert village in cov.summary.text()


def test_review_refusal_saves_none(qtbot, driver, tab):
    """A batch in which one membership was rated meanwhile (e.g. from the command line) is refused
    whole: nothing of it is written."""
    page = show_page(qtbot, tab, "年度考察评议")
    year = dt.date.today().year
    ids = [row["id"] for row in page.rows]
    first, second = [row["id"] for row in page.rows if not row["rating"]][:2]
    for rid in (first, second):
        combo = open_editor(qtbot, page, ids.index(rid), RATING, QComboBox)
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        qtbot.keyClick(combo, Qt.Key.Key_Down)                              # 称职
        qtbot.keyClick(combo, Qt.Key.Key_Return)
    services.review(second, year, "excellent")           # someone else got there first
    driver.answer("是")                 # 保存…？
    driver.answer("OK")                 # the refusal
    click(qtbot, page.save)
    qtbot.waitUntil(lambda: any("每年只评议一次" in b for b in driver.boxes), timeout=10000)
    from rural_cadre_desktop.core.models import AnnualReview
    assert not AnnualReview.select().where((AnnualReview.reserve == first) & (AnnualReview.year == year)).exists()
    assert page.save.isEnabled() and page.model.index(ids.index(first), RATING).data() == "称职"


def test_vet_fail_takes_out_and_remove_keeps_record(qtbot, driver, tab):
    from rural_cadre_desktop.core.models import Village
    person = returnee_outside_pool()
    village = Village.get_by_id(person.village_id).name
    fresh = add_through_dialog(qtbot, driver, tab, person, village)

    # the same person on the same track again: refused with the service's sentence, nothing written
    click(qtbot, tab.add_button)
    dlg = tab.dialog
    type_text(qtbot, dlg.search, person.id_number)
    assert "在库后备" in dlg.results.item(0).text()
    driver.answer("OK")
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: any("不能重复纳入" in b for b in driver.boxes), timeout=10000)
    assert ReserveCadre.select().where(ReserveCadre.person == person.id).count() == 1
    click(qtbot, dlg.buttons.buttons()[1])                               # 取消
    assert tab.dialog is None

    active = [r for r in ReserveCadre.select().where(ReserveCadre.status == "active").order_by(ReserveCadre.id)]
    select_row(qtbot, tab, fresh.id)
    click(qtbot, tab.vet_button)
    dlg = tab.dialog
    dlg.result.setFocus()
    qtbot.keyClick(dlg.result, Qt.Key.Key_Down)                          # 不通过
    assert "将出库" in dlg.warning.text()
    step = services.next_step(fresh.id)["step"]
    driver.answer("是")                 # 不通过 … 将出库，确定吗？
    driver.answer("OK")                 # 已办理出库
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=10000)
    qtbot.waitUntil(lambda: any("已办理出库" in b for b in driver.boxes), timeout=10000)
    fresh = ReserveCadre.get_by_id(fresh.id)
    assert (fresh.status, fresh.left_reason) == ("left", f"资格联审：{codes.VETTING_STEPS[step]}未通过")

    target = next(r for r in active if r.id != fresh.id)
    select_row(qtbot, tab, target.id)
    click(qtbot, tab.remove_button)
    dlg = tab.dialog
    driver.answer("OK")                 # 请写明出库原因
    click(qtbot, dlg.ok)                # no reason: refused, nothing written
    qtbot.waitUntil(lambda: any("请写明出库原因" in b for b in driver.boxes), timeout=10000)
    assert ReserveCadre.get_by_id(target.id).status == "active" and dlg.isVisible()
    type_text(qtbot, dlg.reason, "外出务工")
    driver.answer("OK")                 # 已办理出库
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=10000)
    target = ReserveCadre.get_by_id(target.id)
    assert (target.status, target.left_reason, target.deleted) == ("left", "外出务工", False)
    assert target.left_date == dt.date.today().isoformat()
    row = tab.model.find(target.id)
    assert row >= 0                                                      # still listed
    status_col = [c.key for c in tab.model.columns()].index("status")
    assert tab.model.index(row, status_col).data() == "已出库"

    select_row(qtbot, tab, target.id)                                    # a left membership: refused
    driver.answer("OK")
    click(qtbot, tab.remove_button)
    qtbot.waitUntil(lambda: any("已出库，不能再办理" in b for b in driver.boxes), timeout=10000)
    assert tab.dialog is None


def test_archive_opens_for_the_selected_member(qtbot, driver, tab):
    member = ReserveCadre.select().order_by(ReserveCadre.id).first()
    driver.answer("OK")                 # nothing selected yet
    click(qtbot, tab.archive_button)
    qtbot.waitUntil(lambda: any("请先在名册中选中一名后备干部" in b for b in driver.boxes), timeout=10000)
    select_row(qtbot, tab, member.id)
    click(qtbot, tab.archive_button)
    from rural_cadre_desktop.gui.reserves import ArchiveDialog
    assert isinstance(tab.archive, ArchiveDialog) and tab.archive.isVisible()
    assert Person.get_by_id(member.person_id).name in tab.archive.windowTitle() + " ".join(
        w.text() for w in tab.archive.findChildren(QLineEdit))
    tab.archive.reject()
