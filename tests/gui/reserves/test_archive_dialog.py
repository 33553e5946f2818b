"""一人一档 dialog, driven as a clerk: type into the fields and table cells, press the buttons,
choose a photo; then reopen and see what was saved (real SQLite, writes on the writer thread)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from rural_cadre_desktop.core import db
from rural_cadre_desktop.core.models import AuditLog, FamilyMember, History, Person, ResumeEntry, Returnee
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.reserves import ArchiveDialog

# Committing a cell with Enter offscreen: the delegate's focus-out after Enter commits once more for
# the editor just closed; Qt warns and ignores it (the value was already committed by Enter).
pytestmark = pytest.mark.qt_log_ignore(
    r"QAbstractItemView::commitData called with an editor that does not belong to this view")


@pytest.fixture
def member(demo_store):
    """A person on the returnee registry (the card and the archive show one Person)."""
    return db.database.execute_sql(
        "SELECT person_id FROM returnee WHERE deleted = 0 ORDER BY id LIMIT 1").fetchone()[0]


@pytest.fixture
def reserve_member(demo_store):
    return db.database.execute_sql(
        "SELECT person_id FROM reserve_cadre WHERE deleted = 0 ORDER BY id LIMIT 1").fetchone()[0]


def _open(qtbot, pid) -> ArchiveDialog:
    dlg = ArchiveDialog(None, pid)
    # at teardown the test is over: close without the 保存/不保存 question (it would wait for a clerk)
    qtbot.addWidget(dlg, before_close_func=lambda w: setattr(w, "dirty", False))
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def _type(qtbot, widget, text):
    """Type as a clerk: keys for ASCII; Chinese arrives whole, as an input method commits it
    (QTest has no key for a CJK character)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def _retype(qtbot, dlg, name, text):
    w = dlg.editors[name].widget
    w.selectAll()
    qtbot.keyClick(w, Qt.Key.Key_Delete)
    _type(qtbot, w, text)


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _editors(view) -> list[QWidget]:
    return [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]


def _type_row(qtbot, dlg, key, values: dict):
    """Press 添加 on the part's tab, then type each cell and press Enter."""
    page = dlg.pages[key]
    dlg.tabs.setCurrentWidget(page)
    _click(qtbot, page.buttons["add"])
    row = page.model.rowCount() - 1
    for name, text in values.items():
        idx = page.model.index(row, page.part.columns.index(name))
        if page.view.currentIndex() != idx or not _editors(page.view):   # 添加 opened the first cell
            page.view.setCurrentIndex(idx)
            page.view.edit(idx)
        [ed] = _editors(page.view)
        _type(qtbot, ed, text)
        qtbot.keyClick(ed, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not _editors(page.view), timeout=2000)
        assert page.model.rows[row].values.get(name) == text
    return row


def _save(qtbot, dlg):
    with qtbot.waitSignal(dlg.saved, timeout=10000) as sig:
        _click(qtbot, dlg.buttons.button(QDialogButtonBox.StandardButton.Ok))
    return sig.args[0]


def _png(tmp_path, w=800, h=600):
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor("#3366aa"))
    path = tmp_path / "photo.png"
    assert img.save(str(path), "PNG")
    return str(path)


def test_edit_archive_save_reopen(qtbot, member, monkeypatch, tmp_path):
    dlg = _open(qtbot, member)
    _retype(qtbot, dlg, "native_place", "陕西商洛")
    _retype(qtbot, dlg, "phone", "13900001111")
    _type_row(qtbot, dlg, "resume", {"start_date": "2005.07", "end_date": "2010.06", "text": "西安某公司职员"})
    _type_row(qtbot, dlg, "resume", {"start_date": "2010.07", "text": "古城村种植合作社负责人"})
    _type_row(qtbot, dlg, "family", {"relation": "父亲", "name": "黎建华", "birth_date": "1960.05",
                                     "work_unit": "古城村村民"})
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (_png(tmp_path), ""))
    dlg.tabs.setCurrentWidget(dlg.photo)
    _click(qtbot, dlg.photo.choose)
    assert dlg.photo.picture.pixmap() is not None and not dlg.photo.picture.pixmap().isNull()
    assert _save(qtbot, dlg) == member
    assert not dlg.isVisible()

    p = Person.get_by_id(member)
    assert p.native_place == "陕西商洛" and p.phone == "13900001111"
    photo = QImage.fromData(bytes(p.photo))
    assert photo.width() * 5 == photo.height() * 4          # 4:5
    assert AuditLog.select().where(AuditLog.action == "edit", AuditLog.detail.startswith(f"people {member}")).exists()

    again = _open(qtbot, member)
    assert again.editors["native_place"].widget.text() == "陕西商洛"
    rows = again.pages["resume"].model.rows
    assert [r.values["text"] for r in rows][-2:] == ["西安某公司职员", "古城村种植合作社负责人"]
    assert rows[-2].values["start_date"] == "2005-07"
    fam = again.pages["family"].model.rows[-1].values
    assert (fam["relation"], fam["name"], fam["birth_date"]) == ("父亲", "黎建华", "1960-05")
    assert again.photo.photo == bytes(p.photo)

    # the returnee card shows the same person's new phone
    from rural_cadre_desktop.gui.returnees.dialog import ReturneeDialog
    card = ReturneeDialog(None, Returnee.get(Returnee.person == member, Returnee.deleted == False))  # noqa: E712
    qtbot.addWidget(card)
    assert card.editors["phone"].widget.text() == "13900001111"

    # move and delete résumé lines, delete the photo: saved as shown
    page = again.pages["resume"]
    again.tabs.setCurrentWidget(page)
    page.view.setCurrentIndex(page.model.index(page.model.rowCount() - 1, 0))
    _click(qtbot, page.buttons["up"])
    assert page.model.rows[-2].values["text"] == "古城村种植合作社负责人"
    page.view.setCurrentIndex(page.model.index(page.model.rowCount() - 1, 0))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    again.tabs.setCurrentWidget(again.photo)
    _click(qtbot, again.photo.remove)
    _save(qtbot, again)
    texts = [t for (t,) in ResumeEntry.select(ResumeEntry.text).where(
        ResumeEntry.person == member, ResumeEntry.deleted == False).order_by(ResumeEntry.seq).tuples()]  # noqa: E712
    assert texts[-1] == "古城村种植合作社负责人" and "西安某公司职员" not in texts
    assert Person.get_by_id(member).photo is None


def _counts():
    return History.select().count(), AuditLog.select().count(), ResumeEntry.select().count(), FamilyMember.select().count()


def test_bad_id_number_refused_next_to_field(qtbot, member):
    before, id_before = _counts(), Person.get_by_id(member).id_number
    dlg = _open(qtbot, member)
    _type_row(qtbot, dlg, "resume", {"start_date": "2001.09", "text": "务工"})
    dlg.tabs.setCurrentIndex(0)
    _retype(qtbot, dlg, "id_number", "610123198803051234")
    with qtbot.waitSignal(dlg.write_done, timeout=10000):
        _click(qtbot, dlg.buttons.button(QDialogButtonBox.StandardButton.Ok))
    err = dlg.findChild(type(dlg.message), "error_id_number")
    assert err.isVisible() and "身份证" in err.text()
    assert dlg.message.text() and dlg.isVisible()
    assert _counts() == before and Person.get_by_id(member).id_number == id_before


def test_bad_date_in_resume_refused_and_cell_selected(qtbot, member):
    before = _counts()
    dlg = _open(qtbot, member)
    _retype(qtbot, dlg, "health", "良好")
    row = _type_row(qtbot, dlg, "resume", {"start_date": "2001.13", "text": "务工"})
    with qtbot.waitSignal(dlg.write_done, timeout=10000):
        _click(qtbot, dlg.buttons.button(QDialogButtonBox.StandardButton.Ok))
    page = dlg.pages["resume"]
    assert dlg.tabs.currentWidget() is page and "简历第" in dlg.message.text()
    assert page.view.currentIndex().row() == row and page.view.currentIndex().column() == 0
    assert _counts() == before and Person.get_by_id(member).health != "良好"


def test_bad_date_field_shown_once_left(qtbot, member):
    dlg = _open(qtbot, member)
    _retype(qtbot, dlg, "work_start_date", "2099.99")
    error = dlg.findChild(type(dlg.message), "error_work_start_date")
    assert not error.isVisible()                       # not red while still typing
    w = dlg.editors["work_start_date"].widget
    dlg.activateWindow()
    w.setFocus()
    qtbot.waitUntil(w.hasFocus)
    qtbot.keyClick(w, Qt.Key.Key_Tab)                  # the clerk moves on: now it says what is wrong
    assert error.isVisible()


def test_close_with_unsaved_changes_asks(qtbot, member, driver):
    before = _counts()
    dlg = _open(qtbot, member)
    _retype(qtbot, dlg, "native_place", "河南")
    driver.answer("取消")
    dlg.reject()
    assert dlg.isVisible()                    # 取消: stays open, nothing lost
    driver.answer("不保存")
    dlg.reject()
    assert not dlg.isVisible() and _counts() == before
    assert Person.get_by_id(member).native_place != "河南"


def test_close_and_save(qtbot, member, driver):
    dlg = _open(qtbot, member)
    _retype(qtbot, dlg, "native_place", "河南")
    driver.answer("保存")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.reject()
    assert Person.get_by_id(member).native_place == "河南"


def test_history_shows_reserve_membership(qtbot, reserve_member):
    dlg = _open(qtbot, reserve_member)
    text = dlg.findChild(QWidget, "history").toPlainText()
    assert "后备" in text and "【参加培训】" in text


def test_fits_small_screen(qtbot, member):
    dlg = _open(qtbot, member)
    assert dlg.width() <= 1024 and dlg.height() <= 768
    assert dlg.minimumSizeHint().height() <= 768
