"""A large import into a near-empty table drops its indexes (the unique ones too) and builds them
again before the commit (core/ledgers/writer.py: one sort instead of a B-tree insert per row). The
indexes come back exactly as they were, after a commit and after a rollback alike; a duplicate
still refuses the whole import when the unique ones are built again."""
from __future__ import annotations

import sqlite3

import pytest

from rural_cadre_desktop.core import db, ledgers, people, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers import pipeline
from rural_cadre_desktop.core.store import open_store

from .helpers import make_id, write_village_book


def indexes(db_path) -> list[tuple]:
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
                           "ORDER BY name").fetchall()
    finally:
        con.close()


def test_indexes_rebuilt_after_a_streamed_import(store, db_path, tmp_path, monkeypatch):
    regions.add_village("柳树村")
    regions.add_village("杨河村")
    book = write_village_book(tmp_path / "b.xlsx")
    before = indexes(db_path)
    assert any(t == "person" and sql.upper().startswith("CREATE UNIQUE") for _, t, sql in before if sql)
    monkeypatch.setenv("RCD_LEDGER_DEFER_ROWS", "1")          # the writer process reads it at start
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    plan = pipeline.import_streamed(ledgers.prepare(book), pipeline.Writer())
    assert plan.counts()["new"] == 6
    db.close()
    assert indexes(db_path) == before
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM person").fetchone()[0] == 6
        used = con.execute("EXPLAIN QUERY PLAN SELECT id FROM person WHERE name = '张柳'").fetchall()
        assert any("person_name" in str(r) for r in used)
    finally:
        con.close()
    open_store(db_path)


def test_indexes_kept_when_the_import_is_rolled_back(store, db_path, monkeypatch):
    before = indexes(db_path)
    monkeypatch.setenv("RCD_LEDGER_DEFER_ROWS", "1")
    w = pipeline.Writer()
    w.send("begin", str(db_path))
    w.send("defer_indexes", {"person": 10, "returnee": 10})
    w.close()                                    # no "commit": the importer died or gave up
    assert not w.proc.is_alive()
    assert indexes(db_path) == before


def test_a_duplicate_id_number_still_refuses_the_whole_import(store, db_path, monkeypatch):
    """A person given the same 身份证号 meanwhile (another program wrote after the import looked):
    rebuilding the unique index fails, nothing of the import is kept, every index is back."""
    idn = make_id("19800101", 1)
    people.create_person({"name": "张三", "id_number": idn})
    before = indexes(db_path)
    monkeypatch.setenv("RCD_LEDGER_DEFER_ROWS", "1")
    w = pipeline.Writer()
    w.send("begin", str(db_path))
    w.send("defer_indexes", {"person": 10, "returnee": 10})
    cols = ["name", "name_initials", "name_pinyin", "id_number"]
    w.send("insert", "person", cols, [("p-new-1", "李四", "ls", "li3李 si4四", make_id("19800101", 2)),
                                      ("p-new-2", "张三", "zs", "zhang1张 san1三", idn)])
    w.send("commit")
    with pytest.raises(UserError, match="没有导入任何数据") as e:
        w.reply()
    w.close()
    assert "UNIQUE" in e.value.en
    db.close()
    assert indexes(db_path) == before
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT name FROM person").fetchall() == [("张三",)]
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    open_store(db_path)
