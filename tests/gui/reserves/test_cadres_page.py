"""The 村两委 page of the 后备干部 tab, driven as a clerk would: choose a village, 新增任职 of a
registered person as 书记 with 一肩挑 (the row, the 一乡一库 page and `export cadres` all show it), a
second sitting 书记 refused with the core's sentence and nothing written, 离任 (the record stays,
greyed), 删除 with confirmation, a post for a new person, and the reserves listed beside the posts."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rural_cadre_desktop.core.kinds.export import export_records
from rural_cadre_desktop.core.models import AuditLog, Person, VillageCadre

LEFT = Qt.MouseButton.LeftButton


def _id(first17):
    from rural_cadre_desktop.core.validation import id_check_char
    return first17 + id_check_char(first17)


WANG = _id("61010219900307231")
NEW = _id("61010219850505123")


@pytest.fixture
def town(store):
    """东村 (no sitting secretary), 西村 (周书 sits as 书记); 王青 and 李二 registered; 李二 is a
    secretary candidate of 东村."""
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.regions import add_village
    from rural_cadre_desktop.core.reserves import cadres, services
    vs = {n: add_village(n) for n in ("东村", "西村")}
    wang = create_person({"name": "王青", "id_number": WANG, "political_status": "01", "education": "30"}, vs["东村"])
    li = create_person({"name": "李二", "birth_date": "1992-04-04", "political_status": "01", "education": "20"},
                       vs["东村"])
    zhou = create_person({"name": "周书", "birth_date": "1975-05-05", "political_status": "01"}, vs["西村"])
    cadres.add_post(zhou.id, "西村", "secretary", False, "2021-10-01")
    services.add(li.id, "东村", "secretary", date="2025-03-01")
    return store, vs, {"wang": wang, "li": li, "zhou": zhou}


@pytest.fixture
def page(qtbot, town):
    from rural_cadre_desktop.gui.main_window import MainWindow
    w = MainWindow(town[0])
    qtbot.addWidget(w)
    w.show()
    tab = w.reserves
    w.tabs.setCurrentWidget(tab)
    bar = tab.pages.tabBar()
    i = next(i for i in range(tab.pages.count()) if tab.pages.tabText(i) == "村两委")
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(i).center())
    assert tab.pages.currentWidget() is tab.cadres and tab.cadres.loaded
    return tab.cadres


def click(qtbot, widget):
    qtbot.mouseClick(widget, LEFT, pos=widget.rect().center())


def choose_village(qtbot, page, name: str) -> None:
    """Arrow keys through the combo (全部, 东村, 西村) to `name`."""
    page.village.setFocus()
    qtbot.keyClick(page.village, Qt.Key.Key_Home)
    while page.village.currentText() != name:
        before = page.village.currentIndex()
        qtbot.keyClick(page.village, Qt.Key.Key_Down)
        assert page.village.currentIndex() != before
    assert page.village.currentText() == name


def type_date(qtbot, edit, digits: str) -> None:
    """A date typed into a QDateEdit section by section (yyyy, MM, dd), each section selected
    first as a click into it selects it."""
    from PySide6.QtWidgets import QDateTimeEdit
    edit.setFocus()
    sections = (QDateTimeEdit.Section.YearSection, QDateTimeEdit.Section.MonthSection,
                QDateTimeEdit.Section.DaySection)
    for section, part in zip(sections, (digits[:4], digits[4:6], digits[6:])):
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, part)


def shown(page) -> list[tuple]:
    return [page.model.row(i) for i in range(page.model.rowCount())]


def select(qtbot, page, name: str) -> None:
    row = next(i for i, r in enumerate(shown(page)) if r[2] == name)
    index = page.model.index(row, 0)
    qtbot.mouseClick(page.view.viewport(), LEFT, pos=page.view.visualRect(index).center())


def choose_post(qtbot, dlg, label: str) -> None:
    dlg.post_combo.setFocus()
    qtbot.keyClick(dlg.post_combo, Qt.Key.Key_Home)
    while dlg.post_combo.currentText() != label:
        qtbot.keyClick(dlg.post_combo, Qt.Key.Key_Down)


def test_secretary_holding_both_posts_then_refusal(qtbot, driver, page, town):
    _, vs, ps = town
    window = page.window()
    choose_village(qtbot, page, "东村")
    assert shown(page) == []
    assert "现任两委成员0人，书记：空缺" in page.summary.text()
    assert [page.reserves.row(i)[1:3] for i in range(page.reserves.rowCount())] == [("李二", "村党组织书记后备人选")]
    assert "东村在库后备干部1人（书记后备人选1人）" in page.reserve_title.text()

    click(qtbot, page.add_button)
    dlg = page.dialog
    assert dlg is not None and dlg.isVisible() and dlg.village.currentText() == "东村"
    dlg.search.setFocus()
    qtbot.keyClicks(dlg.search, WANG)
    assert dlg.results.count() == 1 and dlg.results.item(0).text().startswith("王青")
    assert WANG not in dlg.results.item(0).text()                       # masked in the list
    choose_post(qtbot, dlg, "主任")
    assert not dlg.both.isEnabled()                                    # 一肩挑 is only for 书记
    choose_post(qtbot, dlg, "书记")
    assert dlg.both.isEnabled()
    driver.click(dlg.both)
    assert dlg.both.isChecked()
    type_date(qtbot, dlg.start, "20211001")
    assert dlg.start.date().toString("yyyy-MM-dd") == "2021-10-01"
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=10000)

    row = shown(page)[0]
    assert (row[1], row[2], row[7], row[9]) == ("书记（一肩挑）", "王青", "2021-10-01", "现任")
    assert "书记：王青（一肩挑）" in page.summary.text()
    exported = [c for c in export_records("cadres") if c["person_id"] == ps["wang"].id]
    assert [(c["post"], c["holds_both_posts"], c["village"], c["term_start"], c["current"]) for c in exported] == \
        [("secretary", True, "东村", "2021-10-01", True)]
    assert AuditLog.select().where(AuditLog.action == "cadre-add").count() == 2

    tab = window.reserves
    bar = tab.pages.tabBar()
    i = next(i for i in range(tab.pages.count()) if tab.pages.tabText(i) == "一乡一库")
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(i).center())
    cov = tab.coverage
    east = next(cov.model.row(r) for r in range(cov.model.rowCount()) if cov.model.row(r)[0] == "东村")
    assert east[3] == "王青（一肩挑）"
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(tab.pages.indexOf(page)).center())

    # 西村 already has a sitting 书记: the core's sentence in the dialog, nothing written
    choose_village(qtbot, page, "西村")
    before = (VillageCadre.select().count(), AuditLog.select().count())
    click(qtbot, page.add_button)
    dlg = page.dialog
    assert dlg.village.currentText() == "西村"
    dlg.search.setFocus()
    qtbot.keyClicks(dlg.search, "le")                                  # 李二 by pinyin initials
    assert dlg.results.currentItem().text().startswith("李二")
    choose_post(qtbot, dlg, "书记")
    type_date(qtbot, dlg.start, "20240101")
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: dlg.error.text() != "", timeout=10000)
    assert dlg.error.text().startswith("西村已有现任书记“周书”，一个村只能有一名现任书记")
    assert dlg.isVisible() and dlg.ok.isEnabled()
    assert (VillageCadre.select().count(), AuditLog.select().count()) == before
    click(qtbot, dlg.cancel)
    assert page.dialog is None


def test_end_delete_and_new_person(qtbot, driver, page, town):
    _, vs, ps = town
    choose_village(qtbot, page, "西村")
    select(qtbot, page, "周书")
    click(qtbot, page.end_button)
    dlg = page.dialog
    type_date(qtbot, dlg.end, "20240630")
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=10000)
    row = shown(page)[0]
    assert (row[2], row[8], row[9]) == ("周书", "2024-06-30", "已离任")
    grey = page.model.data(page.model.index(0, 2), Qt.ItemDataRole.ForegroundRole)
    assert grey.color().name() == "#808080"
    assert VillageCadre.get(VillageCadre.person == ps["zhou"].id).term_end == "2024-06-30"

    # 离任 again: said, nothing opened
    select(qtbot, page, "周书")
    driver.answer("OK")
    click(qtbot, page.end_button)
    qtbot.waitUntil(lambda: any("已于2024-06-30离任" in b for b in driver.boxes), timeout=10000)
    assert page.dialog is None

    # a post for someone not yet registered
    click(qtbot, page.add_button)
    dlg = page.dialog
    driver.click(dlg.new)
    assert dlg.new.isChecked() and dlg.name.isEnabled() and not dlg.search.isEnabled()
    dlg.name.setFocus()
    dlg.name.insert("赵新")                                             # Chinese, as an input method commits it
    dlg.id_number.setFocus()
    qtbot.keyClicks(dlg.id_number, NEW)
    choose_post(qtbot, dlg, "书记")
    type_date(qtbot, dlg.start, "20240701")
    click(qtbot, dlg.ok)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=10000)
    new = Person.get(Person.id_number == NEW)
    assert (new.name, new.village_id) == ("赵新", vs["西村"].id)
    assert [(r[1], r[2], r[9]) for r in shown(page)] == [("书记", "赵新", "现任"), ("书记", "周书", "已离任")]

    # 删除: asked first; 否 keeps it, 是 leaves a tombstone
    select(qtbot, page, "周书")
    driver.answer("否")
    click(qtbot, page.delete_button)
    assert any("删除“周书”的书记任职记录" in b for b in driver.boxes)
    assert len(shown(page)) == 2
    select(qtbot, page, "周书")
    driver.answer("是")
    click(qtbot, page.delete_button)
    qtbot.waitUntil(lambda: len(shown(page)) == 1, timeout=10000)
    assert VillageCadre.get(VillageCadre.person == ps["zhou"].id).deleted is True


def test_pool_structure_under_the_coverage(qtbot, page, town):
    tab = page.window().reserves
    bar = tab.pages.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(tab.pages.indexOf(tab.coverage)).center())
    cov = tab.coverage
    model = cov.structure_model
    rows = {model.row(i)[0]: model.row(i)[1:] for i in range(model.rowCount())}
    # the pool is 李二 alone: born 1992-04, 大学本科, 中共党员, gender unknown (no ID number), not a returnee or cadre
    assert rows["年龄"][0] == "35岁及以下 1人（100.0%）" and rows["年龄"][1] == "36–45岁 0人（0.0%）"
    assert rows["学历"][1] == "大学本科 1人（100.0%）"
    assert rows["政治面貌"] == ("党员 1人（100.0%）", "非党员 0人（0.0%）")
    assert rows["来源"] == ("返乡人员 0人（0.0%）", "现任村干部 0人（0.0%）", "其他 1人（100.0%）")
    assert cov.structure_summary.text().startswith("在库后备干部1人，平均年龄")
    cov.track.setFocus()
    qtbot.keyClick(cov.track, Qt.Key.Key_End)                          # 两委后备干部
    assert cov.track.currentData() == "two_committees"
    assert cov.structure_summary.text() == "在库后备干部 0 人"


def test_pool_prints_into_the_preview(qtbot, page, town):
    import subprocess
    tab = page.window().reserves
    bar = tab.pages.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(tab.pages.indexOf(tab.coverage)).center())
    cov = tab.coverage
    click(qtbot, cov.print_button)
    qtbot.waitUntil(lambda: cov.preview is not None, timeout=20000)
    text = subprocess.run(["pdftotext", str(cov.preview.pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout.replace(" ", "")
    assert "石门镇村级后备干部队伍情况（一乡一库）" in text and "东村" in text and "西村" in text
    assert "1个村(社区)缺村党组织书记后备人选（待补充）：西村" in text and "周书" in text
    qtbot.waitUntil(lambda: AuditLog.select().where(AuditLog.action == "pdf").exists(), timeout=10000)
    assert AuditLog.get(AuditLog.action == "pdf").detail == "pool 2 villages"
    cov.preview.close()
