"""The card as a clerk typing from paper meets it (issue 16): it does not open red, Esc and the
close button ask before throwing a filled card away, the wheel over an unfocused drop-down does not
change it, a 身份证号 someone already holds offers 打开已有记录, the required village is marked and
its "（请选择）" fits, and with no villages yet the card says so and offers to add one."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from rural_cadre_desktop.core.models import Person, Returnee


def _new_card(qtbot, tab):
    qtbot.mouseClick(tab.buttons["add"], Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    qtbot.waitUntil(dlg.isVisible)
    return dlg


def _visible_errors(dlg):
    return [e.text() for e in (ed.error for ed in dlg.editors.values()) if e.isVisibleTo(dlg)] + \
        ([dlg.village_error.text()] if dlg.village_error.isVisibleTo(dlg) else [])


def test_a_new_card_does_not_open_red(qtbot, tab):
    dlg = _new_card(qtbot, tab)
    assert _visible_errors(dlg) == []
    assert dlg.message.text() == "带＊的为必填项" and "b91c1c" not in dlg.message.styleSheet()
    # leaving 姓名 empty is what makes it red
    dlg.activateWindow()
    name = dlg.editors["name"].widget
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert "姓名不能为空" in _visible_errors(dlg)
    dlg.reject()


def test_esc_and_close_ask_before_discarding_a_filled_card(qtbot, tab):
    dlg = _new_card(qtbot, tab)
    asked = []
    dlg.confirm = lambda title, text: asked.append(text) or False       # 否: keep filling
    qtbot.keyClicks(dlg.editors["phone"].widget, "13800000000")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert asked and dlg.isVisible()
    dlg.close()
    assert len(asked) == 2 and dlg.isVisible()
    dlg.confirm = lambda title, text: asked.append(text) or True        # 是: throw it away
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_an_untouched_card_closes_without_asking(qtbot, tab):
    tab.view.selectRow(0)
    tab.edit_selected()
    dlg = tab.dialog
    dlg.confirm = lambda title, text: (_ for _ in ()).throw(AssertionError("asked for nothing"))
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_the_wheel_does_not_change_an_unfocused_dropdown(qtbot, tab):
    dlg = _new_card(qtbot, tab)
    combo = dlg.editors["wants_return"].widget
    assert isinstance(combo, QComboBox) and combo.currentText() == ""
    assert not combo.hasFocus()
    for _ in range(3):
        wheel = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                            QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(combo, wheel)
    assert combo.currentText() == ""
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    dlg.reject()


def test_a_held_id_number_offers_the_existing_record(qtbot, tab):
    holder = Person.select().join(Returnee, on=(Returnee.person == Person.id)).where(
        (Person.id_number.is_null(False)) & (Returnee.deleted == False)).first()         # noqa: E712
    dlg = _new_card(qtbot, tab)
    qtbot.keyClicks(dlg.editors["id_number"].widget, holder.id_number)
    assert dlg.holder.isVisibleTo(dlg) and holder.name in dlg.holder_label.text()
    assert dlg.holder_button.isVisibleTo(dlg)
    qtbot.mouseClick(dlg.holder_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    card = tab.dialog
    assert card is not dlg and card.isVisible() and card.returnee is not None
    assert card.returnee.person_id == holder.id
    assert card.editors["name"].raw() == holder.name
    card.reject()


def test_the_village_is_marked_required_and_its_choice_fits(qtbot, tab):
    dlg = _new_card(qtbot, tab)
    labels = [w.text() for w in dlg.findChildren(QLabel)]
    assert "户籍所在村(社区)＊" in labels
    combo = dlg.village
    assert combo.width() >= combo.fontMetrics().horizontalAdvance("（请选择）") + 20
    dlg.reject()


def test_with_no_villages_the_card_says_what_to_do(qtbot, store):
    from rural_cadre_desktop.gui.returnees import ReturneesTab
    t = ReturneesTab(store, run_async=False)
    qtbot.addWidget(t)
    t.show()
    t.load()
    dlg = _new_card(qtbot, t)
    assert dlg.village.count() == 1 and dlg.no_villages.isVisibleTo(dlg)
    qtbot.mouseClick(dlg.add_village_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.villages_dialog.isVisible())
    dlg.villages_dialog.reject()
    dlg.reject()
