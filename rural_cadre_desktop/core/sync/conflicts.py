"""The conflict list: values that lost a merge (History source "sync-conflict"), shown beside the
value the record holds now, and restoring one as a new edit."""
from __future__ import annotations

import base64
import json

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.clock import node_of, stamp_to_iso
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import History
from rural_cadre_desktop.core.sync.report import TABLE_LABELS
from rural_cadre_desktop.core.sync.tables import by_name

RESTORED = "sync-restore"


def _value(text: str | None):
    obj = json.loads(text or "{}")
    v = obj.get("v")
    if isinstance(v, dict) and "b64" in v:
        v = base64.b64decode(v["b64"])
    return v, obj.get("s")


def _shown(v) -> str | None:
    if isinstance(v, (bytes, bytearray)):
        return f"<{len(v)} 字节>"
    return None if v is None else str(v)


def _who(table: str, row_id: str, database) -> tuple[str | None, str | None]:
    """(person name, village name) for display."""
    spec = by_name().get(table)
    if spec is None:
        return None, None
    pid = row_id if table == "person" else None
    vid = None
    row = database.execute_sql(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,)).fetchone()
    if row is None:
        return None, None
    cols = dict(zip(spec.columns, row))
    pid = pid or cols.get("person_id")
    vid = cols.get("village_id")
    name = None
    if pid:
        r = database.execute_sql("SELECT name, village_id FROM person WHERE id = ?", (pid,)).fetchone()
        if r:
            name, vid = r[0], vid or r[1]
    village = None
    if vid:
        r = database.execute_sql("SELECT name FROM village WHERE id = ?", (vid,)).fetchone()
        village = r[0] if r else None
    return name, village


def list_conflicts() -> list[dict]:
    """Every recorded conflict, newest first: the value kept now and the value that lost."""
    database = History._meta.database
    restored = {h.source[len(RESTORED) + 1:] for h in History.select(History.source)
                .where(History.source.startswith(RESTORED + ":"))}
    out = []
    for h in History.select().where(History.source == "sync-conflict").order_by(History.seq.desc()):
        lost, lost_stamp = _value(h.old_value)
        won, won_stamp = _value(h.new_value)
        spec = by_name().get(h.table)
        current = None
        if spec is not None and h.field in spec.index:
            r = database.execute_sql(f'SELECT "{h.field}" FROM "{h.table}" WHERE id = ?', (h.row_id,)).fetchone()
            current = r[0] if r else None
        person, village = _who(h.table, h.row_id, database)
        out.append({"n": h.seq, "table": h.table, "table_label": TABLE_LABELS.get(h.table, h.table),
                    "row_id": h.row_id, "field": h.field, "person": person, "village": village,
                    "kept_value": _shown(won), "kept_stamp": won_stamp, "kept_at": stamp_to_iso(won_stamp),
                    "kept_by": node_of(won_stamp) if won_stamp else None,
                    "lost_value": _shown(lost), "lost_stamp": lost_stamp, "lost_at": stamp_to_iso(lost_stamp),
                    "lost_by": node_of(lost_stamp) if lost_stamp else None,
                    "current_value": _shown(current), "restored": str(h.seq) in restored})
    return out


def restore(seq: int) -> list[str]:
    """Make the losing value of conflict `seq` the record's value again, as a new edit (History
    source "sync-restore:<seq>", audited)."""
    h = History.get_or_none((History.seq == seq) & (History.source == "sync-conflict"))
    if h is None:
        raise UserError(f"没有编号为 {seq} 的冲突记录，请先用 sync conflicts 查看编号", f"no conflict number {seq}")
    spec = by_name().get(h.table)
    row = spec.model.get_or_none(spec.model.id == h.row_id) if spec else None
    if row is None:
        raise UserError("冲突涉及的记录已不存在，无法恢复", "the record of this conflict no longer exists")
    value, _ = _value(h.old_value)
    field = next(f.name for f in spec.model._meta.sorted_fields if f.column_name == h.field)
    with History._meta.database.atomic():
        changed = store.update(row, {field: value}, source=f"{RESTORED}:{seq}")
        if not changed:       # the record already holds that value: still mark the conflict as dealt with
            History.create(table=h.table, row_id=h.row_id, field=h.field, old_value=None, new_value=None,
                           stamp=row.modified_at, source=f"{RESTORED}:{seq}")
        store.audit("sync-restore", f"{h.table} {h.row_id} {h.field} conflict={seq}")
    return changed
