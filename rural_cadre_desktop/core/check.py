"""Is the ledger file healthy? `full_check` (integrity_check + foreign_key_check: `check`, and
before imports, sync and restore), `quick_check` (the GUI after its window shows), and `check`'s
report (schema, township, counts). A damaged file makes SQLite raise as well as report: both
become problems in a list, never a traceback."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from peewee import DatabaseError as PeeweeDatabaseError

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.errors import DAMAGED, UserError, explain, sqlite_code
from rural_cadre_desktop.core.kinds import KINDS
from rural_cadre_desktop.core.migrations import SCHEMA_VERSION, schema_version

_FAILURES = (sqlite3.DatabaseError, PeeweeDatabaseError)
_verified: tuple | None = None       # (connection, total_changes) that last passed a full check


@dataclass
class Health:
    ok: bool
    schema_version: int
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    township: str | None = None


def _pragma_check(database, pragma: str) -> list[str]:
    try:
        rows = [r[0] for r in database.execute_sql(f"PRAGMA {pragma}").fetchall()]
    except _FAILURES as e:
        _raise_if_not_damage(e)
        return [f"完整性检查：{e}"]
    if rows == ["ok"]:
        return []
    # SQLite's lines may hold a newline after "*** in database main ***": one line each here
    return [f"完整性检查：{' '.join(str(x).replace('*** in database main ***', '').split())}" for x in rows[:10]]


def _raise_if_not_damage(e: BaseException) -> None:
    """Only a file SQLite cannot read as a database is a verdict on it; a lock, a full disk or an
    interrupted check goes up as it is (mapped to its one line where there is one)."""
    if sqlite_code(e) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in str(e):
        return
    err = explain(e)
    if err is not None:
        raise err from e
    raise e


def full_check(database) -> list[str]:
    """Every page, index and foreign key: the problems found, [] when the file is intact."""
    global _verified
    problems = _pragma_check(database, "integrity_check")
    if not problems:
        try:
            fk = database.execute_sql("PRAGMA foreign_key_check").fetchall()
        except _FAILURES as e:
            _raise_if_not_damage(e)
            fk, problems = [], [f"完整性检查：{e}"]
        if fk:
            problems.append(f"有{len(fk)}条记录引用了不存在的记录（外键），例如表 {fk[0][0]}")
    if not problems:
        conn = database.connection()
        _verified = (conn, conn.total_changes)
    return problems


def quick_check(database) -> list[str]:
    """The pages and their structure without comparing indexes to tables (several times faster)."""
    return _pragma_check(database, "quick_check")


def require_intact(database, full: bool = True) -> None:
    """Refuse (UserError, nothing changed) when the ledger is damaged: before an import, a sync,
    a restore, an export. A full check already passed on this connection with nothing written
    since is not run again."""
    if full and _verified is not None:
        conn, changes = _verified
        if not database.is_closed() and database.connection() is conn and conn.total_changes == changes:
            return
    problems = full_check(database) if full else quick_check(database)
    if problems:
        zh, en = DAMAGED
        raise UserError(f"{zh}（{problems[0][:80]}）", en)


def check_database(database) -> Health:
    problems = full_check(database)
    try:
        version = schema_version(database)
        if version != SCHEMA_VERSION:
            problems.append(f"数据格式版本为{version}，本软件为{SCHEMA_VERSION}")
        dup = database.execute_sql(
            "SELECT count(*) FROM (SELECT person_id FROM returnee WHERE deleted = 0 GROUP BY person_id HAVING count(*) > 1)"
        ).fetchone()[0]
        if dup:
            problems.append(f"{dup}人有多条返乡登记（每人只应有一条）")
        counts = {}
        for name, kind in KINDS.items():
            table = kind.model._meta.table_name
            extra = " AND alias_of_id IS NULL" if table == "person" else ""
            counts[name] = database.execute_sql(f"SELECT count(*) FROM {table} WHERE deleted = 0{extra}").fetchone()[0]
        township = settings.get("township")
    except _FAILURES as e:          # a damaged page under a table the counts read
        _raise_if_not_damage(e)
        return Health(False, 0, problems or [f"完整性检查：{e}"])
    return Health(not problems, version, problems, counts, township)
