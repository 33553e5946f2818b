"""设置: bad input is refused next to its field and changes nothing; good input is saved."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from rural_cadre_desktop.core import regions, settings, setup
from rural_cadre_desktop.gui.dialogs.settings_dialog import SettingsDialog


def _dialog(qtbot):
    dlg = SettingsDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _save_button(dlg):
    return dlg.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)


def test_shows_current_settings_and_locks_county_and_township(qtbot, store):
    dlg = _dialog(qtbot)
    assert dlg.ui.countyEdit.text() == "洛南县" and dlg.ui.countyEdit.isReadOnly()
    assert dlg.ui.townshipEdit.text() == "石门镇" and dlg.ui.townshipEdit.isReadOnly()
    assert dlg.ui.filingUnitEdit.text() == "中共石门镇委员会组织办公室"
    assert _save_button(dlg).text() == "保存"


def test_bad_phone_is_refused_with_the_reason_beside_the_field(qtbot, store):
    settings.put("contact_phone", "0914-7321234")
    dlg = _dialog(qtbot)
    dlg.ui.contactPhoneEdit.setText("12345")
    dlg.ui.contactPersonEdit.setText("王芳")
    qtbot.mouseClick(_save_button(dlg), Qt.MouseButton.LeftButton)
    assert dlg.ui.contactPhoneError.isVisible()
    assert "电话号码“12345”不对" in dlg.ui.contactPhoneError.text()
    assert dlg.isVisible()                                   # still open, nothing written
    assert settings.get("contact_phone") == "0914-7321234"
    assert settings.get("contact_person") is None


def test_bad_region_code_is_refused(qtbot, store):
    dlg = _dialog(qtbot)
    dlg.ui.townshipCodeEdit.setText("61102")
    qtbot.mouseClick(_save_button(dlg), Qt.MouseButton.LeftButton)
    assert dlg.ui.townshipCodeError.isVisible() and "12位" in dlg.ui.townshipCodeError.text()
    assert not settings.get("township_code")


def test_good_values_are_saved_and_normalised(qtbot, store):
    dlg = _dialog(qtbot)
    dlg.ui.contactPhoneEdit.setText("0914 7321234")
    dlg.ui.contactPersonEdit.setText("王芳")
    dlg.ui.townshipCodeEdit.setText("611021100")
    dlg.ui.sealTextEdit.setText("中共石门镇委员会")
    with qtbot.waitSignal(dlg.saved):
        qtbot.mouseClick(_save_button(dlg), Qt.MouseButton.LeftButton)
    assert not dlg.ui.contactPhoneError.isVisible()
    assert not dlg.isVisible()
    assert settings.get("contact_phone") == "0914-7321234"
    assert settings.get("contact_person") == "王芳"
    assert settings.get("township_code") == "611021100000"
    assert regions.home_township().code == "611021100000"


def test_first_run_sets_up_county_and_township(qtbot, db_path):
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.store import open_store
    open_store(db_path)
    try:
        dlg = _dialog(qtbot)
        assert "首次使用" in dlg.windowTitle()
        assert not dlg.ui.countyEdit.isReadOnly()
        qtbot.mouseClick(_save_button(dlg), Qt.MouseButton.LeftButton)
        assert dlg.ui.errorLabel.isVisible() and "请填写县和乡镇名称" == dlg.ui.errorLabel.text()
        assert not setup.is_initialised()
        dlg.ui.countyEdit.setText("洛南县")
        dlg.ui.townshipEdit.setText("石门镇")
        dlg.ui.contactPhoneEdit.setText("13912345678")
        with qtbot.waitSignal(dlg.saved):
            qtbot.mouseClick(_save_button(dlg), Qt.MouseButton.LeftButton)
        assert setup.is_initialised()
        assert settings.get("township") == "石门镇" and settings.get("contact_phone") == "13912345678"
    finally:
        db.close()


def test_main_window_title_follows_settings(qtbot, main_window):
    dlg = main_window.make_settings_dialog()
    qtbot.addWidget(dlg)
    dlg.ui.contactPersonEdit.setText("王芳")
    with qtbot.waitSignal(dlg.saved):
        dlg.save()
    assert main_window.windowTitle().endswith("石门镇")
