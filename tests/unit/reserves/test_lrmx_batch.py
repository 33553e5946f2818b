"""批量导出本村任免审批表 (core/reserves/lrmx_batch): the village's members in the pool, one file
each; a cancel or a refusal leaves the folder untouched."""
from __future__ import annotations

import pytest

from rural_cadre_desktop.core import db, lrmx
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.reserves import lrmx_batch


class Stop(Exception):
    pass


def _village() -> str:
    return db.database.execute_sql(
        "SELECT v.name FROM reserve_cadre rc JOIN village v ON v.id = rc.village_id "
        "WHERE rc.status = 'active' AND rc.deleted = 0 ORDER BY v.name LIMIT 1").fetchone()[0]


def test_reserves_of_a_village_exported_one_file_each(demo_store, tmp_path):
    village = _village()
    want = {r for (r,) in db.database.execute_sql(
        "SELECT DISTINCT rc.person_id FROM reserve_cadre rc JOIN village v ON v.id = rc.village_id "
        "WHERE v.name = ? AND rc.status = 'active' AND rc.deleted = 0", (village,)).fetchall()}
    people = lrmx_batch.people_of(village)
    assert {p for p, _ in people} == want and len(people) == len(want)
    assert len(lrmx_batch.people_of(village, reserves_only=False)) > len(people)     # everyone, as the CLI
    seen = []
    paths = lrmx_batch.export_folder(people, tmp_path / "册", progress=lambda i, n: seen.append((i, n)))
    assert [p.name for p in paths] == [lrmx.batch_filename(i, n) for i, (_, n) in enumerate(people, 1)]
    assert seen[-1] == (len(people), len(people))
    assert {lrmx.parse(p.read_bytes()).name for p in paths} == {n for _, n in people}


def test_cancel_and_refusals_write_nothing(demo_store, tmp_path):
    people = lrmx_batch.people_of(_village())
    calls = []

    def cancel_on_second():
        calls.append(1)
        if len(calls) == 2:
            raise Stop

    with pytest.raises(Stop):
        lrmx_batch.export_folder(people, tmp_path / "out", check_cancel=cancel_on_second)
    assert not (tmp_path / "out").exists()
    with pytest.raises(UserError, match="没有可导出的人员"):
        lrmx_batch.export_folder([], tmp_path / "out")
    afile = tmp_path / "a.txt"
    afile.write_text("x")
    with pytest.raises(UserError, match="是一个文件"):
        lrmx_batch.export_folder(people, afile)
    with pytest.raises(UserError, match="不存在"):
        lrmx_batch.export_folder(people, tmp_path / "no" / "such")
    with pytest.raises(UserError, match="找不到村"):
        lrmx_batch.people_of("没有这个村")
    assert not list(tmp_path.rglob("*.lrmx")) and not (tmp_path / "out").exists()
