"""设置 as a core service (core.setup.save_installation): every value checked before anything is
written, one transaction, audited; `settings --…` on the command line is the same call and writes
the same audit row; a first save on an empty database sets the installation up as `init` does."""
from __future__ import annotations

import pytest

from rural_cadre_desktop.cli.main import main as cli
from rural_cadre_desktop.core import regions, settings, setup
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.models import AuditLog, Setting


def _audit():
    return [(a.action, a.detail) for a in AuditLog.select().order_by(AuditLog.seq)]


def test_save_normalises_writes_and_audits_the_changed_keys(store):
    changed = setup.save_installation({"contact_person": " 王芳 ", "contact_phone": "0914 7321234",
                                       "township_code": "611021100", "seal_text": "中共石门镇委员会"})
    assert changed == ["township_code", "contact_person", "contact_phone"]      # the seal was already so
    assert settings.get("contact_phone") == "0914-7321234" and settings.get("contact_person") == "王芳"
    assert settings.get("township_code") == "611021100000" == regions.home_township().code
    assert _audit()[-1] == ("settings", "township_code,contact_person,contact_phone")
    assert setup.save_installation({"contact_person": "王芳"}) == []
    assert _audit()[-1] == ("settings", "")


def test_a_bad_value_is_refused_and_nothing_written(store):
    before = ([(s.key, s.value) for s in Setting.select().order_by(Setting.key)], AuditLog.select().count())
    for raw, field in [({"contact_person": "王芳", "contact_phone": "12345"}, "contact_phone"),
                       ({"township_code": "61102"}, "township_code"),
                       ({"filing_unit": "单" * 101}, "filing_unit"),
                       ({"node_id": "x"}, "node_id")]:
        with pytest.raises(ValidationError) as e:
            setup.save_installation(raw)
        assert e.value.field == field
    assert ([(s.key, s.value) for s in Setting.select().order_by(Setting.key)], AuditLog.select().count()) == before


def test_the_cli_writes_the_same_audit_row(store, db_path, capsys):
    setup.save_installation({"contact_person": "王芳"})
    gui_row = _audit()[-1]
    settings.put("contact_person", None)
    assert cli(["--db", str(db_path), "settings", "--contact-person", "王芳"]) == 0
    assert _audit()[-1] == gui_row == ("settings", "contact_person")
    assert "已修改：联系人" in capsys.readouterr().out
    assert cli(["--db", str(db_path), "settings", "--contact-phone", "123"]) == 1
    assert "电话号码" in capsys.readouterr().err and _audit()[-1] == gui_row
    assert cli(["--db", str(db_path), "settings"]) == 0
    assert "联系人：王芳" in capsys.readouterr().out


def test_first_save_sets_up_the_installation(db_path):
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.store import open_store
    open_store(db_path)
    try:
        with pytest.raises(ValidationError, match="请填写县和乡镇名称"):
            setup.save_installation({"contact_person": "王芳"})
        assert not setup.is_initialised() and AuditLog.select().count() == 0
        changed = setup.save_installation({"county": "洛南县", "township": "石门镇", "township_code": "",
                                           "filing_unit": "", "contact_person": "王芳"})
        assert setup.is_initialised() and settings.get("township") == "石门镇"
        assert settings.get("filing_unit") == "中共石门镇委员会组织办公室"      # an empty field keeps init's text
        assert [a for a, _ in _audit()] == ["init", "settings"]
        assert {"county", "township", "contact_person"} <= set(changed)
    finally:
        db.close()
