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
