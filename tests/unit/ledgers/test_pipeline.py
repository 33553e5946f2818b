"""The streamed import (a writer process, one transaction) gives the same plan and the same rows as
the serial make_plan + apply_plan, and commits nothing unless everything arrived."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from rural_cadre_desktop.core import db, ledgers, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers import pipeline
from rural_cadre_desktop.core.store import open_store

from .helpers import ZHANG, make_id, write_messy, write_xlsx

# Data columns compared between the two paths (ids, stamps and history differ by nature).
PERSON = "name, name_initials, name_strokes, name_pinyin, id_number, sex, birth_date, political_status, education, phone"
RETURNEE = "r.status, r.work_place, r.industry, r.wants_return, r.wants_business, r.remarks"


def content(path):
    con = sqlite3.connect(path)
    try:
        people = con.execute(f"SELECT {PERSON}, (SELECT name FROM village v WHERE v.id = p.village_id) "
                             "FROM person p ORDER BY name, id_number").fetchall()
        recs = con.execute(f"SELECT p.name, p.id_number, {RETURNEE} FROM returnee r JOIN person p "
                           "ON p.id = r.person_id ORDER BY p.name, p.id_number").fetchall()
        villages = con.execute("SELECT name, sort_order FROM village ORDER BY sort_order").fetchall()
        history = con.execute("SELECT count(*) FROM history").fetchone()[0]
        return people, recs, villages, history
    finally:
        con.close()


def both_ways(db_path, tmp_path, path, chunk, monkeypatch, **kw):
    """Import `path` serially into db_path and streamed into a copy made before; returns both plans."""
    db.close()
    copy = tmp_path / "streamed.db"
    shutil.copy(db_path, copy)
    open_store(db_path)
    serial = ledgers.make_plan(ledgers.prepare(path), **kw)
    ledgers.apply_plan(serial)
    db.close()
    open_store(copy)
    monkeypatch.setattr(pipeline, "CHUNK", chunk)
    streamed = pipeline.import_streamed(ledgers.prepare(path), pipeline.Writer(), **kw)
    db.close()
    open_store(db_path)
    return serial, streamed, copy


def same_plan(a, b):
    assert a.counts() == b.counts()
    assert [(r.number, r.reason) for r in a.refused] == [(r.number, r.reason) for r in b.refused]
    assert a.flagged == b.flagged
    assert [(d.row, d.field, d.db_value, d.file_value) for d in a.differences] == \
        [(d.row, d.field, d.db_value, d.file_value) for d in b.differences]
    assert a.new_villages == b.new_villages


@pytest.mark.parametrize("chunk", [1, 3, 2000])
def test_messy_ledger_streamed_as_serial(store, db_path, tmp_path, monkeypatch, chunk):
    regions.add_village("石门村")
    path = tmp_path / "台账.xlsx"
    write_messy(path)
    serial, streamed, copy = both_ways(db_path, tmp_path, path, chunk, monkeypatch, create_villages=True)
    same_plan(serial, streamed)
    assert serial.counts()["new"] >= 6 and serial.refused and serial.flagged
    assert content(db_path) == content(copy)


def test_duplicate_fills_a_person_already_written_and_village_renamed(store, db_path, tmp_path, monkeypatch):
    """Chunks of one row: 张三 is written before his second row brings the phone and the status; the
    village is created with the name its first spelling gives and renamed when 柳树社区 comes."""
    other = make_id("19900101", 7)
    rows = [["序号", "姓名", "身份证号码", "村别", "联系电话", "目前状态"],
            [1, "张三", ZHANG, "柳树", "", ""],
            [2, "李四", other, "柳树村委会", "13800001111", ""],
            [3, "张三", ZHANG, "柳树社区", "13900002222", "已返乡"]]
    path = write_xlsx(tmp_path / "d.xlsx", {"S": rows})
    serial, streamed, copy = both_ways(db_path, tmp_path, path, 1, monkeypatch, create_villages=True)
    same_plan(serial, streamed)
    people, recs, villages, _ = content(copy)
    assert content(db_path)[:3] == (people, recs, villages)
    assert ("张三", ZHANG, "returned") == recs[0][:3] and people[0][9] == "13900002222"
    assert villages == [("柳树社区", 0)]


def test_existing_people_differences_and_update(store, db_path, tmp_path, monkeypatch):
    regions.add_village("石门村")
    first = write_xlsx(tmp_path / "a.xlsx", {"S": [["姓名", "身份证号码", "村别", "联系电话"],
                                                    ["张三", ZHANG, "石门村", "13800001111"]]})
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(first)))
    second = write_xlsx(tmp_path / "b.xlsx", {"S": [["姓名", "身份证号码", "村别", "联系电话", "文化程度"],
                                                     ["张三", ZHANG, "石门村", "13900002222", "高中"],
                                                     ["王五", make_id("19800101", 8), "石门村", "", ""]]})
    serial, streamed, copy = both_ways(db_path, tmp_path, second, 1, monkeypatch, update=True)
    same_plan(serial, streamed)
    assert serial.counts()["updated"] == 1 and serial.counts()["new"] == 1
    assert content(db_path) == content(copy)          # history rows of the update too


def test_nothing_committed_unless_everything_arrived(store, db_path, tmp_path):
    """The writer rolls back when the pipe closes before "commit" (the importer killed, or failed)."""
    path = tmp_path / "台账.xlsx"
    write_messy(path)
    regions.add_village("石门村")
    plan = ledgers.make_plan(ledgers.prepare(path), create_villages=True)
    from rural_cadre_desktop.core.ledgers.apply import _Builder
    builder = _Builder(plan.kind, None, dict(plan.village_ids))
    person_cols, people, record_cols, records, _ = builder.build([e for e in plan.entries if e.village_key
                                                                   in plan.village_ids or not e.village_key])
    w = pipeline.Writer()
    w.send("begin", str(db_path))
    w.send("insert", "person", person_cols, people)
    w.send("insert", "returnee", record_cols, records)
    w.close()                                     # no "commit"
    assert not w.proc.is_alive()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_writer_refusal_rolls_back_and_reaches_the_user(store, db_path, tmp_path):
    w = pipeline.Writer()
    w.send("begin", str(db_path))
    w.send("insert", "returnee", ["person_id", "status"], [("r1", "no-such-person", "away")])   # FK fails
    w.send("commit")
    with pytest.raises(UserError, match="没有导入"):
        w.reply()
    w.close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM returnee").fetchone()[0] == 0
    con.close()
