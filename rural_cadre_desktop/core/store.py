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


def open_store(path: str | os.PathLike, create: bool = True, announce=None):
    """Connect, migrate to the current schema (backing up first), and set up the clock.

    Another program's file or a damaged one is refused untouched (db.connect looks first); a
    missing or empty file becomes a new ledger only with `create` (init, demo, restore, sync
    import, the GUI's first start) — every caller in the program says which it wants.
    `announce(from, to)`: told before an older ledger is upgraded (migrations.migrate)."""
    global _clock
    database = dbmod.connect(Path(path), create=create)
    migrate(database, announce=announce)
    _clock = Clock(settings.node_id())
    return database


def clock() -> Clock:
    if _clock is None:
        raise RuntimeError("store not open")
    return _clock


def node() -> str:
    return clock().node


HWM_KEY = "clock_hwm"      # the highest stamp this installation has issued (Setting row)


def _hold_hwm(database) -> str:
    """Take the write lock and read the high-water mark: every process of the installation goes
    through this row inside its write transaction, so stamps never go backwards across processes."""
    cur = database.execute_sql(
        "INSERT INTO setting (key, value) VALUES (?, '') ON CONFLICT(key) DO UPDATE SET value = value "
        "RETURNING value", (HWM_KEY,))
    row = cur.fetchone()
    cur.fetchall()
    return (row[0] if row else "") or ""


def _issue(database, hwm: str, floors: Iterable[str] = ()) -> str:
    """A stamp after the high-water mark and after `floors` (the stamps already on the row);
    the mark is raised unless the stamp is more than a day ahead (a wrong clock's stamp on the row)."""
    from rural_cadre_desktop.core.clock import future_limit
    stamp = clock().tick(max([hwm, *[f for f in floors if f]]))
    if stamp > hwm and stamp <= future_limit():
        database.execute_sql("UPDATE setting SET value = ? WHERE key = ?", (stamp, HWM_KEY))
    return stamp


def new_stamp(database=None, floors: Iterable[str] = ()) -> str:
    """A stamp for a write made now, inside the caller's transaction (sync's own writes use it)."""
    database = database or dbmod.database
    return _issue(database, _hold_hwm(database), floors)


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
    values.setdefault("id", new_id())
    with model._meta.database.atomic():
        stamp = new_stamp(model._meta.database)
        row = model.create(created_at=stamp, modified_at=stamp, modified_by=node(), clocks="{}", **values)
    return row


def bulk_insert(model: type[BaseModel], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """executemany in the caller's transaction (peewee's insert_many is ~10x slower, STACK-NOTES).

    `fields` name the data columns (use `<fk>_id` column names for foreign keys); `rows` must start
    with the id. One clock stamp serves the whole batch.
    """
    stamp, who = new_stamp(model._meta.database), node()
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
    database = model._meta.database
    with database.atomic():
        # The row as stored now (another process may have written it since it was read): the new
        # stamp sorts after every stamp on it, and its other fields' clocks are kept.
        hwm = _hold_hwm(database)
        stored = database.execute_sql(f'SELECT created_at, modified_at, clocks FROM "{model._meta.table_name}" '
                                      "WHERE id = ?", (row.id,)).fetchone()
        created, modified, stored_clocks = stored if stored else (None, None, row.clocks)
        clocks = json.loads(stored_clocks or "{}")
        stamp = _issue(database, hwm, [created or "", modified or "", *clocks.values()])
        for field in changed:
            clocks[field] = stamp
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
