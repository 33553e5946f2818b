"""村(社区): add, rename, code, merge — and each refusal shown in Chinese, changing nothing."""
from __future__ import annotations

from PySide6.QtCore import Qt

from rural_cadre_desktop.core import regions
from rural_cadre_desktop.core.models import Person, Village
from rural_cadre_desktop.gui.dialogs.villages_dialog import VillagesDialog


def _dialog(qtbot, database, answers=None, confirm=True):
    dlg = VillagesDialog(database)
    qtbot.addWidget(dlg)
    dlg.show()
    queue = list(answers or [])
    dlg.ask_text = lambda *a, **k: queue.pop(0)
    dlg.ask_item = lambda title, label, items: queue.pop(0)
    dlg.confirm = lambda text: confirm
    return dlg


def _click(qtbot, dlg, button):
    with qtbot.waitSignal(dlg.op_finished):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_add_then_duplicate_refused(qtbot, store):
    dlg = _dialog(qtbot, store, ["石门村", "石门"])
    assert dlg.names() == []
    _click(qtbot, dlg, dlg.add_button)
    assert dlg.names() == ["石门村"]
    assert "已添加" in dlg.message.text()
    _click(qtbot, dlg, dlg.add_button)                # 石门 is the same village as 石门村
    assert "已经在村(社区)列表中" in dlg.message.text()
    assert dlg.names() == ["石门村"]
    assert Village.select().count() == 1


def test_bad_name_refused(qtbot, store):
    dlg = _dialog(qtbot, store, ["12组"])
    _click(qtbot, dlg, dlg.add_button)
    assert "不像地名" in dlg.message.text()
    assert Village.select().count() == 0


def test_rename_and_rename_onto_another_refused(qtbot, store):
    regions.add_village("石门村")
    regions.add_village("河口村")
    dlg = _dialog(qtbot, store, ["石门新村", "河口"])
    assert dlg.select_name("石门村")
    _click(qtbot, dlg, dlg.rename_button)
    assert set(dlg.names()) == {"石门新村", "河口村"}
    assert dlg.select_name("石门新村")
    _click(qtbot, dlg, dlg.rename_button)
    assert "已有名为“河口村”的村(社区)" in dlg.message.text()
    assert set(dlg.names()) == {"石门新村", "河口村"}


def test_rename_without_selection_asks_for_one(qtbot, store):
    regions.add_village("石门村")
    dlg = _dialog(qtbot, store)
    dlg.rename_button.click()
    assert dlg.message.text() == "请先在列表中选中一个村(社区)。"


def test_set_code_bad_refused_good_saved(qtbot, store):
    regions.add_village("石门村")
    dlg = _dialog(qtbot, store, ["1234", "611021100201"])
    dlg.select_name("石门村")
    dlg.code_button.click()                                   # refused before any write
    assert "应为12位数字" in dlg.message.text()
    assert Village.get().code is None
    _click(qtbot, dlg, dlg.code_button)
    assert Village.get().code == "611021100201"
    assert dlg.model.data(dlg.model.index(0, 1)) == "611021100201"


def test_duplicate_code_refused(qtbot, store):
    regions.add_village("石门村", "611021100201")
    regions.add_village("河口村")
    dlg = _dialog(qtbot, store, ["611021100201"])
    dlg.select_name("河口村")
    _click(qtbot, dlg, dlg.code_button)
    assert "已被其他村(社区)使用" in dlg.message.text()
    assert Village.get(Village.name == "河口村").code is None


def test_merge_moves_people_after_confirmation(qtbot, demo_store):
    names = [v.name for v in regions.villages()]
    absorbed, into = names[0], names[1]
    moving = Person.select().join(Village).where(Village.name == absorbed).count()
    assert moving > 0
    dlg = _dialog(qtbot, demo_store, [into], confirm=False)
    dlg.select_name(absorbed)
    dlg.merge_button.click()                                  # the clerk says 否: nothing happens
    assert dlg.names() == names
    dlg.confirm = lambda text: True
    dlg.ask_item = lambda *a: into
    changed = []
    dlg.changed.connect(lambda: changed.append(1))
    dlg.select_name(absorbed)
    _click(qtbot, dlg, dlg.merge_button)
    assert absorbed not in dlg.names() and changed == [1]
    target = regions.find_village(into)
    assert Person.select().where(Person.village == target).count() >= moving
    assert regions.find_village(absorbed).id == target.id      # the old name still finds it


def test_main_window_reloads_after_a_village_change(qtbot, main_window):
    dlg = main_window.make_villages_dialog()
    qtbot.addWidget(dlg)
    dlg.ask_text = lambda *a, **k: "新建村"
    with qtbot.waitSignal(main_window.returnees.model.modelReset):
        dlg.add_village()
    assert "新建村" in dlg.names()
