"""Merging two person records into one (core.people.merge_people) and undoing it.

merge_people writes every change through store.update with source='merge', so History holds the
old values. We note the History range the merge wrote (in the audit log, as JSON) and undo by
writing those old values back, newest first, in one transaction. Undo is refused when any of those
fields was changed again after the merge (undoing would silently throw that edit away) or when the
merge was already undone.
"""
from __future__ import annotations

import json

from peewee import BooleanField, FloatField, IntegerField, fn

from rural_cadre_desktop.core import people, store
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import SYNCED_MODELS, AuditLog, History, Person

_TABLES = {m._meta.table_name: m for m in SYNCED_MODELS}


def _max_seq() -> int:
    return History.select(fn.MAX(History.seq)).scalar() or 0


def merge(a: Person, b: Person) -> dict:
    """Merge two people; returns the merge record (keep, drop, History seq range) for undo."""
    with Person._meta.database.atomic():
        first = _max_seq() + 1
        keep = people.merge_people(a, b)
        last = _max_seq()
        drop = b if keep.id == a.id else a
        record = {"keep": keep.id, "drop": drop.id, "first_seq": first, "last_seq": last}
        store.audit("person-merge", json.dumps(record))
    return record


def _decode(model, field: str, text: str | None):
    if text is None:
        return None
    f = model._meta.fields[field]
    if isinstance(f, BooleanField):
        return text in ("True", "1", "true")
    if isinstance(f, IntegerField) and not f.primary_key:
        return int(text)
    if isinstance(f, FloatField):
        return float(text)
    return text


def find_merge(person_id: str) -> dict:
    """The latest not-undone merge in which `person_id` was kept or dropped."""
    for row in AuditLog.select().where(AuditLog.action == "person-merge").order_by(AuditLog.seq.desc()):
        rec = json.loads(row.detail)
        if person_id in (rec["keep"], rec["drop"]):
            undone = AuditLog.select().where((AuditLog.action == "person-unmerge") &
                                             (AuditLog.detail == row.detail)).exists()
            if undone:
                raise UserError("这次合并已经撤销过了", "this merge was already undone")
            return rec
    raise UserError("没有找到这个人的合并记录，无法撤销", "no merge found for this person")


def undo_merge(record: dict) -> int:
    """Restore what the merge changed; returns how many fields were restored."""
    rows = list(History.select().where(History.seq.between(record["first_seq"], record["last_seq"]) &
                                       (History.source == "merge")).order_by(History.seq.desc()))
    if not rows:
        raise UserError("合并记录中没有可撤销的改动", "nothing to undo")
    later = History.select().where((History.seq > record["last_seq"]) &
                                   History.row_id.in_({h.row_id for h in rows}) &
                                   History.field.in_({h.field for h in rows}))
    touched = {(h.row_id, h.field) for h in rows}
    for h in later:
        if (h.row_id, h.field) in touched:
            raise UserError("合并之后这两人的记录又被修改过，不能自动撤销；请手工核对修改",
                            "records were edited after the merge; cannot undo automatically")
    with Person._meta.database.atomic():
        for h in rows:                     # newest first: the ID number moves back in a valid order
            model = _TABLES[h.table]
            row = model.get_by_id(h.row_id)
            store.update(row, {h.field: _decode(model, h.field, h.old_value)}, source="undo-merge")
        store.audit("person-unmerge", json.dumps(record))
    return len(rows)
