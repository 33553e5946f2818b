"""Schema version and the migration runner.

The version lives in SQLite's `PRAGMA user_version` (part of the file header, changed inside the
same transaction as the migration). A migration step N brings the schema from N-1 to N. Before
migrating an existing file the runner backs it up; a file from a newer program is refused.
"""
from __future__ import annotations

from typing import Callable

from peewee import SqliteDatabase

from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core.errors import SchemaError
from rural_cadre_desktop.core.models import ALL_MODELS

SCHEMA_VERSION = 4

# Uniqueness the identity rules need, among live rows only (tombstones and aliases step aside).
_V1_INDEXES = [
    "CREATE UNIQUE INDEX IF NOT EXISTS person_id_number_live ON person(id_number) "
    "WHERE id_number IS NOT NULL AND deleted = 0 AND alias_of_id IS NULL",
    "CREATE UNIQUE INDEX IF NOT EXISTS returnee_person_live ON returnee(person_id) WHERE deleted = 0",
    "CREATE UNIQUE INDEX IF NOT EXISTS village_name_live ON village(township_id, norm_name) "
    "WHERE deleted = 0 AND merged_into_id IS NULL",
    "CREATE UNIQUE INDEX IF NOT EXISTS attendance_live ON attendance(training_id, person_id) WHERE deleted = 0",
    "CREATE UNIQUE INDEX IF NOT EXISTS participant_live ON activity_participant(activity_id, person_id) "
    "WHERE deleted = 0",
    "CREATE INDEX IF NOT EXISTS person_birth ON person(birth_date)",
    "CREATE INDEX IF NOT EXISTS returnee_status ON returnee(status)",
    "CREATE INDEX IF NOT EXISTS activity_year_kind ON activity(year, kind)",
]


def _v1_create(database: SqliteDatabase) -> None:
    database.create_tables(ALL_MODELS)
    for sql in _V1_INDEXES:
        database.execute_sql(sql)


def _v2_lean_indexes(database: SqliteDatabase) -> None:
    """Drop indexes no query uses; each one costs every bulk insert (measured on a 50k-row ledger
    import: 13 secondary indexes on person + returnee, ~0.05 s each per 50k rows).

    - `<table>_modified_at` on every synced table: sync reads changes with a scan (a few ms per
      100k rows), and nothing else orders or filters by it;
    - person(alias_of_id): nothing looks up aliases by their target;
    - person(birth_date), returnee(status): the list filters use other indexes or scan anyway.
    """
    from rural_cadre_desktop.core.models import SYNCED_MODELS
    for model in SYNCED_MODELS:
        database.execute_sql(f'DROP INDEX IF EXISTS "{model._meta.table_name}_modified_at"')
    for name in ("person_alias_of_id", "person_birth", "returnee_status"):
        database.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


def _v3_attachments_trainings_pinyin(database: SqliteDatabase) -> None:
    """附件 for archives and trainings; training hours/content, attended days and certificate
    numbers; the sort keys of every person recomputed: the dictionary-order pinyin key (new) and the
    姓氏笔画 key, which now follows the stroke order (横竖撇点折) within one count."""
    from rural_cadre_desktop.core.models import Attachment
    from rural_cadre_desktop.core.people import name_keys
    database.create_tables([Attachment], safe=True)
    database.execute_sql('DROP INDEX IF EXISTS "attachment_modified_at"')   # as v2 did for every synced table
    # Plain ADD COLUMN: peewee's migrator rebuilds a table to add NOT NULL, and dropping the old
    # person table would cascade-delete every returnee (seen on a v2 demo file).
    for table, column, decl in (("training_session", "hours", "REAL"), ("training_session", "content", "TEXT"),
                                ("attendance", "attended_days", "REAL"), ("attendance", "certificate_no", "TEXT"),
                                ("person", "name_pinyin", "TEXT NOT NULL DEFAULT ''")):
        have = {row[1] for row in database.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}
        if column not in have:
            database.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {decl}')
    database.execute_sql("CREATE INDEX IF NOT EXISTS person_name_pinyin ON person(name_pinyin)")
    # A village's people in name order straight from one index (the registry filtered by village
    # shows its first page without sorting the village); it also serves every village_id lookup.
    database.execute_sql("CREATE INDEX IF NOT EXISTS person_village_pinyin ON person(village_id, name_pinyin)")
    database.execute_sql('DROP INDEX IF EXISTS "person_village_id"')
    # 按姓氏笔画 (a check box above the registry) shows its first page from the index too
    database.execute_sql("CREATE INDEX IF NOT EXISTS person_name_strokes ON person(name_strokes)")
    # Both sort keys from the current rules, as plain UPDATEs: derived columns, not edits (no clocks,
    # no history, never synced as a change).
    rows = database.execute_sql("SELECT id, name FROM person").fetchall()
    keys = {}
    for _pid, name in rows:
        if name not in keys:
            _ini, strokes, pinyin = name_keys(name or "")
            keys[name] = (pinyin, strokes)
    database.cursor().executemany("UPDATE person SET name_pinyin = ?, name_strokes = ? WHERE id = ?",
                                  [(*keys[name], pid) for pid, name in rows])


def _v4_list_indexes(database: SqliteDatabase) -> None:
    """The returnee list from indexes (issue 16, bench/bench_filter.py): person_name_pinyin becomes
    a partial index of live people carrying the searched columns (a "contains" search reads it in
    list order instead of the whole table); people without an ID number get a small one (只看疑似重复);
    dated returnees one per year field (返乡年份, 创业登记年份), flagged ones one per intention (有入党意向…).
    Derived from stored columns: nothing to sync, nothing to recompute."""
    from rural_cadre_desktop.core.models.people import (
        PERSON_LIST_INDEX,
        PERSON_NO_ID_INDEX,
    )
    from rural_cadre_desktop.core.models.returnees import (
        RETURNEE_WANTS_INDEXES,
        RETURNEE_YEAR_INDEXES,
    )

    old = database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'person_name_pinyin'").fetchone()
    if old and "WHERE" not in (old[0] or ""):        # v3's one-column index (a new file has the v4 one)
        database.execute_sql('DROP INDEX "person_name_pinyin"')
    for sql in (PERSON_LIST_INDEX, PERSON_NO_ID_INDEX, *RETURNEE_YEAR_INDEXES, *RETURNEE_WANTS_INDEXES):
        database.execute_sql(sql)


MIGRATIONS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: _v1_create, 2: _v2_lean_indexes, 3: _v3_attachments_trainings_pinyin, 4: _v4_list_indexes}


def schema_version(database: SqliteDatabase) -> int:
    return database.execute_sql("PRAGMA user_version").fetchone()[0]


def migrate(database: SqliteDatabase, migrations: dict[int, Callable] | None = None,
            target: int | None = None, backup: bool = True,
            announce: Callable[[int, int], None] | None = None) -> list[int]:
    """Bring the open database up to `target`; returns the steps applied. `announce(from, to)` is
    called first when there is something to do (the backup and the steps of a county's ledger take
    seconds: the window says so meanwhile)."""
    migrations = MIGRATIONS if migrations is None else migrations
    target = SCHEMA_VERSION if target is None else target
    current = schema_version(database)
    if current > target:
        raise SchemaError(
            f"这个数据库由更新版本的软件建立（数据格式第{current}版，本软件只认识到第{target}版），"
            "请安装新版软件后再打开；数据没有改动",
            f"database schema version {current} is newer than this program's {target}")
    if current == target:
        return []
    if announce is not None and current > 0:
        announce(current, target)
    if current > 0 and backup:
        dbmod.auto_backup(f"before-schema-v{target}")
    applied = []
    for version in range(current + 1, target + 1):
        step = migrations.get(version)
        if step is None:
            raise SchemaError(f"缺少第{version}版的数据格式升级步骤，请联系技术支持",
                              f"no migration to schema version {version}")
        with database.atomic():
            step(database)
            database.execute_sql(f"PRAGMA user_version = {int(version)}")
        applied.append(version)
    return applied
