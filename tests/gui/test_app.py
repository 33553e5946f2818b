"""Application set-up: the bundled font becomes the app font; Qt's own dialogs speak Chinese."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from rural_cadre_desktop.gui import app as appmod


def test_bundled_font_is_the_application_font(qapp):
    before = QApplication.font()
    try:
        family = appmod.install_font(qapp)
        assert family == "LXGW WenKai"
        assert QApplication.font().family() == family
        # the rare characters DESIGN.md names are in the font itself, not left to fallbacks
        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(ch)) for ch in "䶮𠇔堃喆")
    finally:
        QApplication.setFont(before)


def test_qt_standard_buttons_are_translated(qapp, qtbot):
    translator = appmod.install_translations(qapp)
    assert translator is not None
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])
    finally:
        qapp.removeTranslator(translator)
