"""`check`: is the database file healthy, which schema is it, and how much does it hold."""
from __future__ import annotations

from dataclasses import dataclass, field

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.kinds import KINDS
from rural_cadre_desktop.core.migrations import SCHEMA_VERSION, schema_version


@dataclass
class Health:
    ok: bool
    schema_version: int
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    township: str | None = None


def check_database(database) -> Health:
    problems = []
    integrity = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        problems += [f"完整性检查：{x}" for x in integrity[:10]]
    fk = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(f"有{len(fk)}条记录引用了不存在的记录（外键），例如表 {fk[0][0]}")
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
    return Health(not problems, version, problems, counts, settings.get("township"))
