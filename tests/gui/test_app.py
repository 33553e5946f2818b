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


def test_logging_writes_a_rotating_file_and_routes_qt_messages(tmp_path, monkeypatch):
    import logging

    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from rural_cadre_desktop.gui import logging_setup
    monkeypatch.setattr(logging_setup, "_file_handler", None)
    root = logging.getLogger("rcd")
    handlers = list(root.handlers)
    previous = None
    try:
        path = logging_setup.setup_logging(tmp_path / "logs")
        assert path == tmp_path / "logs" / "rural-cadre-desktop.log"
        logging.getLogger("rcd.gui.test").info("你好")
        qWarning("a message from Qt")
        for h in root.handlers:
            h.flush()
        text = path.read_text("utf-8")
        assert "rcd.gui.test: 你好" in text
        assert "WARNING rcd.qt: a message from Qt" in text
    finally:
        previous = qInstallMessageHandler(None)      # hand Qt's messages back (pytest-qt reinstalls its own)
        for h in root.handlers:
            if h not in handlers:
                root.removeHandler(h)
                h.close()
    assert previous is not None


def test_a_full_log_is_rotated_at_start_and_old_ones_are_kept_up_to_five(tmp_path):
    from rural_cadre_desktop.gui import logging_setup
    log = tmp_path / "rural-cadre-desktop.log"
    log.write_text("small", "utf-8")
    logging_setup.rotate(log)
    assert log.read_text("utf-8") == "small"                    # under the limit: kept as it is
    for day in range(7):
        log.write_bytes(b"x" * logging_setup.MAX_BYTES + str(day).encode())
        logging_setup.rotate(log)
        assert not log.exists()                                  # the next start writes a new one
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == [f"rural-cadre-desktop.log.{i}" for i in range(1, 6)]
    assert (tmp_path / "rural-cadre-desktop.log.1").read_bytes().endswith(b"6")    # the newest
    assert (tmp_path / "rural-cadre-desktop.log.5").read_bytes().endswith(b"2")


def test_an_older_ledger_being_upgraded_says_so_while_it_works(qtbot):
    from rural_cadre_desktop.gui.app import upgrade_notice
    notice = upgrade_notice(3, 4)
    qtbot.addWidget(notice)
    assert notice.isVisible()
    assert "正在升级台账的数据格式（第3版 → 第4版）" in notice.text() and "请稍候" in notice.text()
    notice.close()
