"""The migration runner: fresh → current, old → new with a backup first, newer schema refused."""
import sqlite3

import pytest
from peewee import SqliteDatabase

from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core.errors import SchemaError
from rural_cadre_desktop.core.migrations import SCHEMA_VERSION, migrate, schema_version
from rural_cadre_desktop.core.paths import backups_dir
from rural_cadre_desktop.core.store import open_store


def test_a_new_file_gets_the_current_schema(db_path):
    database = open_store(db_path)
    assert schema_version(database) == SCHEMA_VERSION
    tables = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"person", "returnee", "activity", "reserve_cadre", "attendance", "village"} <= tables
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    dbmod.close()


def _v1_file(path):
    """A database as the first release wrote it: schema version 1, with one setting."""
    database = dbmod.connect(path)
    migrate(database, target=1)
    database.execute_sql("INSERT INTO setting(key, value) VALUES ('marker', 'kept')")
    dbmod.close()


def test_the_real_v1_to_v2_step_drops_unused_indexes_and_keeps_data(db_path):
    _v1_file(db_path)
    database = open_store(db_path)          # migrates to the current version, backing up first
    assert schema_version(database) == SCHEMA_VERSION >= 2
    indexes = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")}
    assert not {i for i in indexes if i.endswith("_modified_at")}
    assert {"person_alias_of_id", "person_birth", "returnee_status"}.isdisjoint(indexes)
    assert {"person_id_number_live", "returnee_person_live", "person_name_initials"} <= indexes
    assert database.execute_sql("SELECT value FROM setting WHERE key='marker'").fetchone()[0] == "kept"
    dbmod.close()
    assert len(list(backups_dir(db_path).glob(f"*before-schema-v{SCHEMA_VERSION}*.db.gz"))) == 1


def test_the_v2_to_v3_step_adds_columns_without_losing_a_row(db_path):
    """v3 adds columns with plain ALTER TABLE: peewee's migrator would rebuild `person`, and
    dropping the old table cascades to every returnee (it did, on a demo file)."""
    from rural_cadre_desktop.core import demo
    open_store(db_path)
    demo.generate(returnees=30, seed=2)
    dbmod.close()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("DROP TABLE attachment")
    con.execute("DROP INDEX person_name_pinyin")
    con.execute("DROP INDEX person_village_pinyin")
    con.execute("CREATE INDEX person_village_id ON person(village_id)")          # as v2 had it
    for table, column in (("person", "name_pinyin"), ("attendance", "attended_days"),
                          ("attendance", "certificate_no"), ("training_session", "hours"),
                          ("training_session", "content")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("person", "returnee", "reserve_cadre", "attendance", "activity_participant")}
    con.close()
    database = open_store(db_path)
    after = {t: database.execute_sql(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before and before["returnee"] == 30
    assert database.execute_sql("SELECT count(*) FROM person WHERE name_pinyin = ''").fetchone()[0] == 0
    name, key = database.execute_sql("SELECT name, name_pinyin FROM person LIMIT 1").fetchone()
    assert key.split(" ")[0].endswith(name[0])
    database.execute_sql("SELECT hours, content FROM training_session")
    database.execute_sql("SELECT attended_days, certificate_no FROM attendance")
    database.execute_sql("SELECT owner_table, data FROM attachment")
    indexes = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"person_name_pinyin", "person_village_pinyin"} <= indexes and "person_village_id" not in indexes
    dbmod.close()


def test_an_old_schema_is_backed_up_then_migrated(db_path):
    _v1_file(db_path)

    def v2(database):
        database.execute_sql("ALTER TABLE person ADD COLUMN nickname TEXT")

    database = dbmod.connect(db_path)
    applied = migrate(database, {1: None, 2: v2}, target=2)
    assert applied == [2]
    assert schema_version(database) == 2
    cols = {r[1] for r in database.execute_sql("PRAGMA table_info(person)")}
    assert "nickname" in cols
    dbmod.close()
    backups = list(backups_dir(db_path).glob("*.db.gz"))
    assert len(backups) == 1
    from rural_cadre_desktop.core.backup_file import decompress
    decompress(backups[0], db_path.with_name("unpacked.db"))      # automatic backups are compressed
    old = sqlite3.connect(db_path.with_name("unpacked.db"))
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT value FROM setting WHERE key='marker'").fetchone()[0] == "kept"
    assert "nickname" not in {r[1] for r in old.execute("PRAGMA table_info(person)")}


def test_a_failing_step_leaves_the_file_as_it_was(db_path):
    _v1_file(db_path)

    def broken(database):
        database.execute_sql("ALTER TABLE person ADD COLUMN half TEXT")
        raise RuntimeError("boom")

    database = dbmod.connect(db_path)
    with pytest.raises(RuntimeError):
        migrate(database, {2: broken}, target=2)
    assert schema_version(database) == 1
    assert "half" not in {r[1] for r in database.execute_sql("PRAGMA table_info(person)")}
    dbmod.close()


def test_a_newer_schema_is_refused_and_untouched(db_path):
    _v1_file(db_path)
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaError) as e:
        open_store(db_path)
    assert "更新版本" in e.value.zh and "newer" in e.value.en
    dbmod.close()
    assert sqlite3.connect(db_path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    assert not backups_dir(db_path).exists()
    assert len(db_path.read_bytes()) == len(before)


def test_a_missing_step_is_refused(db_path):
    database = SqliteDatabase(str(db_path))
    database.connect()
    with pytest.raises(SchemaError):
        migrate(database, {}, target=1)
    database.close()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据库")
    from rural_cadre_desktop.core.errors import UserError
    with pytest.raises(UserError) as e:
        open_store(bad)
    assert "不是本软件的数据库" in e.value.zh
    assert bad.read_text() == "这不是数据库"


_V4_INDEXES = ("person_name_pinyin", "person_no_id_number", "returnee_return_date",
               "returnee_business_registered_date", "returnee_wants_return", "returnee_wants_business",
               "returnee_wants_party", "returnee_wants_cadre")


def _index_sql(con) -> dict[str, str]:
    return {name: sql for name, sql in con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


def test_the_v3_to_v4_step_builds_the_list_indexes_as_a_new_file_has_them(db_path, tmp_path):
    """v4 (issue 16): the returnee list's partial indexes. A v3 file gets exactly the indexes a new
    file is created with; no row changes and the list reads the same, in the same order."""
    from rural_cadre_desktop.core import demo
    from rural_cadre_desktop.core.returnees import query
    fresh = tmp_path / "fresh.db"
    open_store(fresh)
    dbmod.close()
    con = sqlite3.connect(fresh)
    new_file = _index_sql(con)
    con.close()
    assert set(_V4_INDEXES) <= set(new_file)
    assert "WHERE deleted = 0 AND alias_of_id IS NULL" in new_file["person_name_pinyin"]

    open_store(db_path)
    demo.generate(villages=3, returnees=40, seed=4)
    dbmod.close()
    con = sqlite3.connect(db_path)                 # back to v3 as it was shipped
    for name in _V4_INDEXES:
        con.execute(f"DROP INDEX {name}")
    con.execute("CREATE INDEX person_name_pinyin ON person(name_pinyin)")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    tables = ("person", "returnee", "activity", "setting")
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    con.close()

    database = open_store(db_path)
    assert schema_version(database) == SCHEMA_VERSION == 4
    qs = [query.ReturneeQuery(), query.ReturneeQuery(search="1"), query.ReturneeQuery(year=2024),
          query.ReturneeQuery(wants=("wants_return",)), query.ReturneeQuery(sort="work_place", descending=True)]
    lists = [[r[-1] for r in query.page(q)] for q in qs]
    dbmod.close()
    con = sqlite3.connect(db_path)
    assert _index_sql(con) == new_file
    assert {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables} == before
    con.close()
    assert len(list(backups_dir(db_path).glob("*before-schema-v4*.db.gz"))) == 1
    # the same lists from the same rows without the indexes (plain scans): nothing but speed changed
    con = sqlite3.connect(db_path)
    for name in _V4_INDEXES:
        con.execute(f"DROP INDEX {name}")
    con.commit()
    con.close()
    open_store(db_path)
    assert [[r[-1] for r in query.page(q)] for q in qs] == lists and len(lists[0]) == 40
    dbmod.close()



def test_an_upgrade_is_announced_before_it_starts_and_only_then(db_path):
    """The window says what the wait is for (gui/app.upgrade_notice): open_store tells before the
    backup and the steps of an older ledger, and says nothing for a new or a current one."""
    told = []
    open_store(db_path, announce=lambda a, b: told.append((a, b)))
    assert told == []                                     # a new ledger: nothing to upgrade
    dbmod.close()
    open_store(db_path, announce=lambda a, b: told.append((a, b)))
    assert told == []                                     # current already
    dbmod.close()
    con = sqlite3.connect(db_path)
    for name in _V4_INDEXES:
        con.execute(f"DROP INDEX {name}")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()

    def announce(a, b):
        told.append((a, b))
        assert schema_version(dbmod.database) == 3        # before anything was done
    database = open_store(db_path, announce=announce)
    assert told == [(3, SCHEMA_VERSION)] and schema_version(database) == SCHEMA_VERSION
