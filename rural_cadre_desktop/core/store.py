"""Opening the store and writing to it with clocks, history and tombstones.

Every write in the program goes through `insert`, `update`, `soft_delete` or `bulk_insert`, so
each row's `modified_at`, per-field clocks and history stay right for sync without callers
thinking about it.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Iterable, Sequence

from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.clock import Clock
from rural_cadre_desktop.core.migrations import migrate
from rural_cadre_desktop.core.models import AuditLog, BaseModel, History, new_id

_clock: Clock | None = None


def open_store(path: str | os.PathLike, create: bool = True):
    """Connect, migrate to the current schema (backing up first), and set up the clock."""
    global _clock
    path = Path(path)
    if not create and not path.exists():
        from rural_cadre_desktop.core.errors import UserError
        raise UserError(f"数据库文件 {path} 不存在，请先用 init 或 demo 建立，或检查路径",
                        f"database {path} does not exist")
    database = dbmod.connect(path)
    migrate(database)
    _clock = Clock(settings.node_id())
    return database


def clock() -> Clock:
    if _clock is None:
        raise RuntimeError("store not open")
    return _clock


def node() -> str:
    return clock().node


def _encode(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(value)} bytes>"
    if isinstance(value, BaseModel):
        return value.id
    return None if value is None else str(value)


def _column_value(model: type[BaseModel], field: str, value):
    f = model._meta.fields[field]
    if hasattr(f, "rel_model") and isinstance(value, BaseModel):
        return value.id
    return value


def insert(model: type[BaseModel], **values) -> BaseModel:
    stamp = clock().tick()
    values.setdefault("id", new_id())
    row = model.create(created_at=stamp, modified_at=stamp, modified_by=node(), clocks="{}", **values)
    return row


def bulk_insert(model: type[BaseModel], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """executemany in the caller's transaction (peewee's insert_many is ~10x slower, STACK-NOTES).

    `fields` name the data columns (use `<fk>_id` column names for foreign keys); `rows` must start
    with the id. One clock stamp serves the whole batch.
    """
    stamp, who = clock().tick(), node()
    # The bookkeeping columns are the same for the whole batch: written into the statement once
    # instead of bound on every row (10–25 % of the insert time). Both are [0-9a-f-] only.
    if not set(stamp + who) <= set("0123456789abcdef-"):
        raise ValueError(f"unexpected characters in clock stamp {stamp!r} / node {who!r}")
    cols = ["id", "created_at", "modified_at", "modified_by", "clocks", "deleted", *fields]
    values = ["?", f"'{stamp}'", f"'{stamp}'", f"'{who}'", "'{}'", "0", *("?" * len(fields))]
    sql = f'INSERT INTO "{model._meta.table_name}" ({", ".join(cols)}) VALUES ({", ".join(values)})'
    counted = _Counter(rows)
    model._meta.database.cursor().executemany(sql, counted)
    return counted.n


class _Counter:
    """Passes rows through to executemany, counting them (a generator would cost a frame per row)."""

    def __init__(self, rows):
        self._it = iter(rows)
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        row = next(self._it)
        self.n += 1
        return row


def update(row: BaseModel, changes: dict, source: str = "edit") -> list[str]:
    """Write the fields that really change; returns their names. History keeps old values."""
    model = type(row)
    changed = {}
    for field, value in changes.items():
        if field not in model._meta.fields:
            raise KeyError(field)
        value = _column_value(model, field, value)
        old = row.__data__.get(field)        # raw stored value (an id for foreign keys)
        if old != value:
            changed[field] = (old, value)
    if not changed:
        return []
    stamp = clock().tick()
    clocks = json.loads(row.clocks or "{}")
    for field in changed:
        clocks[field] = stamp
    with model._meta.database.atomic():
        History.insert_many([
            {"table": model._meta.table_name, "row_id": row.id, "field": f, "old_value": _encode(o),
             "new_value": _encode(v), "stamp": stamp, "source": source}
            for f, (o, v) in changed.items()]).execute()
        model.update(**{f: v for f, (o, v) in changed.items()}, modified_at=stamp, modified_by=node(),
                     clocks=json.dumps(clocks, sort_keys=True)).where(model.id == row.id).execute()
    for f, (o, v) in changed.items():
        row.__data__[f] = v
    row.modified_at, row.clocks = stamp, json.dumps(clocks, sort_keys=True)
    return list(changed)


def soft_delete(row: BaseModel, source: str = "delete") -> None:
    update(row, {"deleted": True}, source=source)


def audit(action: str, detail: str | None = None) -> None:
    AuditLog.create(at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    action=action, detail=detail)


def audit_edit(kind: str, record_id: str, changed) -> None:
    """The row `edit KIND ID FIELD=VALUE…` writes: ("edit", "KIND ID field,field")."""
    audit("edit", f"{kind} {record_id} {','.join(changed)}")


def audit_delete(kind: str, record_id: str) -> None:
    """The row `delete KIND ID` writes: ("delete", "KIND ID")."""
    audit("delete", f"{kind} {record_id}")
