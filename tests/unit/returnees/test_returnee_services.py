"""core.returnees.services: the registry's writes as both faces make them. Each writes its audit
row in its own transaction — the same row the command line's `returnee …` / `activity …` /
`edit activities` / `delete activities` leave — and a refusal writes neither data nor audit."""
from __future__ import annotations

import datetime as dt

import pytest

from rural_cadre_desktop.cli.main import main as cli
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import Activity, AuditLog, History, Returnee
from rural_cadre_desktop.core.returnees import activities, services

YEAR = dt.date.today().year


def _last():
    a = AuditLog.select().order_by(AuditLog.seq.desc()).first()
    return (a.action, a.detail) if a else None


def _shape(row):
    """An audit row with its ids taken out: what must match between the two faces."""
    action, detail = row
    return action, " ".join("<id>" if len(w) == 36 and w.count("-") == 4 else w for w in detail.split(" "))


def test_card_writes_audit_as_the_cli_does(reg, db_path):
    village = reg["villages"]["石门村"]
    r = services.add_returnee({"name": "赵六"}, {"status": "away"}, village.id)
    gui = _last()
    assert gui == ("returnee-add", r.id)
    assert cli(["--db", str(db_path), "returnee", "add", "--name", "钱七", "--village", "石门村"]) == 0
    assert _shape(_last()) == _shape(gui)

    changed = services.edit_returnee(r.id, {"phone": "13800002222"}, {"work_place": "浙江宁波"}, None)
    assert set(changed) == {"phone", "work_place"}
    gui = _last()
    assert gui[0] == "returnee-edit" and gui[1].startswith(r.id)
    other = reg["returnees"]["李四"]
    assert cli(["--db", str(db_path), "returnee", "edit", other.person_id, "work_place=浙江宁波"]) == 0
    assert _last() == ("returnee-edit", f"{other.id} work_place")

    services.delete_returnee(r.id)
    assert _last() == ("returnee-delete", r.id) and Returnee.get_by_id(r.id).deleted
    assert cli(["--db", str(db_path), "returnee", "delete", other.person_id]) == 0
    assert _last() == ("returnee-delete", other.id)


def test_refusals_write_nothing(reg):
    before = (Returnee.select().count(), History.select().count(), AuditLog.select().count())
    with pytest.raises(UserError):
        services.add_returnee({"name": ""}, {}, reg["villages"]["石门村"].id)
    with pytest.raises(UserError):
        services.edit_returnee(reg["returnees"]["张三"].id, {"id_number": "123"}, {}, None)
    with pytest.raises(UserError):
        services.delete_returnee("no-such-returnee")
    assert (Returnee.select().count(), History.select().count(), AuditLog.select().count()) == before


def test_activity_writes_audit_as_the_cli_does(reg, db_path):
    pids = [r.person_id for r in reg["returnees"].values()]
    a = services.add_activity({"year": YEAR, "kind": "problem_solved", "content": "修路"}, pids[:2])
    assert _last() == ("activity-add", a.id)
    assert cli(["--db", str(db_path), "activity", "add", "--year", str(YEAR), "--kind", "visit",
                "--person", pids[0]]) == 0
    assert _shape(_last()) == ("activity-add", "<id>")

    services.set_activity_status(a.id, "handled", "已修好")
    gui = _last()
    assert gui == ("activity-status", f"{a.id} handled")
    services.set_activity_status(a.id, "open", "")
    assert cli(["--db", str(db_path), "activity", "status", a.id, "--status", "handled", "--answer", "已修好"]) == 0
    assert _last() == gui

    assert services.edit_activity(a.id, {"place": "村委会"}, pids[:3]) == ["place", "participants"]
    gui = _last()
    assert gui == ("edit", f"activities {a.id} place,participants")
    assert cli(["--db", str(db_path), "edit", "activities", a.id, "place=村部"]) == 0
    assert _last() == ("edit", f"activities {a.id} place")

    services.delete_activity(a.id)
    gui = _last()
    assert gui == ("delete", f"activities {a.id}") and Activity.get_by_id(a.id).deleted
    assert activities.participant_ids(Activity.get_by_id(a.id)) == []
    b = services.add_activity({"year": YEAR, "kind": "visit"}, pids[:1])
    assert cli(["--db", str(db_path), "delete", "activities", b.id]) == 0
    assert _shape(_last()) == _shape(gui)


def test_readers_for_the_forms(reg):
    r = reg["returnees"]["张三"]
    assert services.returnee(r.id).id == r.id and services.card(r.id)["person"]["name"] == "张三"
    pids = [x.person_id for x in reg["returnees"].values()]
    assert [n for _, n in services.names_of(list(reversed(pids)) + ["nobody"])] == list(reversed(list(reg["returnees"])))
    a = services.add_activity({"year": YEAR, "kind": "symposium"}, pids)
    assert sorted(n for _, n in services.participants(a.id)) == sorted(reg["returnees"])
    with pytest.raises(UserError):
        services.person("nobody")
