"""The 村(社区) services (core.regions): add, rename, code and 合村并居, each one audited
transaction — a change of name or code leaves the row `edit villages ID …` leaves; every refusal
writes nothing (no audit row either). The villages list the dialog shows."""
from __future__ import annotations

import re

import pytest

from rural_cadre_desktop.cli.main import main as cli
from rural_cadre_desktop.core import regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import AuditLog, History, Person, Village
from rural_cadre_desktop.core.regions import VILLAGES, VillageQuery


def _audit():
    return [(a.action, a.detail) for a in AuditLog.select().order_by(AuditLog.seq)]


def _snapshot():
    return (Village.select().count(), History.select().count(), AuditLog.select().count())


def test_create_village_audited_and_duplicate_refused(store):
    v = regions.create_village("石门村", "611021100201")
    assert _audit()[-1] == ("village-add", f"{v.id} 石门村")
    before = _snapshot()
    for name, code, message in [("石门", None, "已经在村(社区)列表中"), ("河口村", "611021100201", "已被其他村(社区)使用"),
                                ("12组", None, "不像地名"), ("河口村", "1234", "12位")]:
        with pytest.raises(UserError, match=re.escape(message)):
            regions.create_village(name, code)
    assert _snapshot() == before


def test_change_village_writes_the_row_the_cli_edit_writes(store, db_path):
    a = regions.create_village("石门村")
    b = regions.create_village("河口村")
    assert regions.change_village(a.id, name="石门新村") == ["name"]
    gui_row = _audit()[-1]
    assert gui_row == ("edit", f"villages {a.id} name")
    assert cli(["--db", str(db_path), "edit", "villages", b.id, "name=河口新村"]) == 0
    cli_row = _audit()[-1]
    assert cli_row == ("edit", f"villages {b.id} name")
    assert regions.change_village(a.id, code="611021100201") == ["code"]
    assert _audit()[-1] == ("edit", f"villages {a.id} code")
    assert regions.change_village(a.id, code="") == ["code"] and Village.get_by_id(a.id).code is None


def test_change_village_refusals_write_nothing(store):
    a = regions.create_village("石门村", "611021100201")
    b = regions.create_village("河口村")
    before = _snapshot()
    with pytest.raises(UserError, match="已有名为“石门村”"):
        regions.change_village(b.id, name="石门")
    with pytest.raises(UserError, match="已被其他村\\(社区\\)使用"):
        regions.change_village(b.id, code="611021100201")
    with pytest.raises(UserError, match="12位"):
        regions.change_village(b.id, code="12")
    with pytest.raises(UserError, match="找不到这个村"):
        regions.change_village("no-such-village", name="新村")
    assert _snapshot() == before and Village.get_by_id(a.id).name == "石门村"


def test_merge_moves_everything_and_is_audited(demo_store):
    absorbed, into = regions.villages()[:2]
    people = Person.alive().where(Person.village == absorbed).count()
    moved = regions.merge_village_into(absorbed.id, into.id)
    assert moved >= people > 0
    assert _audit()[-1] == ("village-merge", f"{absorbed.id} {into.id} {moved}")
    assert Person.alive().where(Person.village == absorbed).count() == 0
    assert regions.find_village(absorbed.name).id == into.id
    before = _snapshot()
    with pytest.raises(UserError, match="它自己"):
        regions.merge_village_into(into.id, into.id)
    with pytest.raises(UserError, match="已删除或已合并"):            # merged once: gone from the list
        regions.merge_village_into(absorbed.id, into.id)
    assert _snapshot() == before


def test_the_villages_list(demo_store):
    rows = VILLAGES.rows(VillageQuery())
    assert [r[1] for r in rows] == [v.name for v in regions.villages()]
    people = {r[1]: r[3] for r in rows}
    for v in regions.villages():
        assert people[v.name] == Person.alive().where(Person.village == v).count()
    assert VILLAGES.count(VillageQuery(township_id="another-township")) == 0
    assert not VillageQuery(township_id="x").is_filtered()
    name = rows[0][1]
    assert [r[1] for r in VILLAGES.rows(VillageQuery(search=name[:2]))] == [name]
