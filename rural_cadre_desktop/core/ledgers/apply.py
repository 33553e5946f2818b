"""Writing a plan: one transaction after an automatic backup, so a crash, a kill or a cancel at
any moment leaves all rows or none. New people and records go in with store.bulk_insert
(executemany); the few updates of known people go through store.update, which keeps history."""
from __future__ import annotations

import queue
import threading
from typing import Callable

from rural_cadre_desktop.core import regions, store
from rural_cadre_desktop.core.db import auto_backup, database
from rural_cadre_desktop.core.ledgers.existing import BOOL_COLS
from rural_cadre_desktop.core.ledgers.plan import Plan
from rural_cadre_desktop.core.ledgers.fast import uuid7_batch
from rural_cadre_desktop.core.models import Attendance, Person, ReserveCadre, Returnee
from rural_cadre_desktop.core.people import name_initials
from rural_cadre_desktop.core.strokes import _table as _stroke_table

NEW_PERSON_COLS = ("name", "name_initials", "name_strokes", "id_number", "sex", "birth_date", "ethnicity",
                   "political_status", "party_join_date", "education", "phone", "native_place", "birthplace",
                   "address", "current_post", "specialty", "health", "village_id")
NEW_RECORD = {
    "returnees": (Returnee, ("person_id", "status", "return_date", "work_place", "industry", "enterprise",
                             "position", "business_scale", "business_registered_date", "wants_return",
                             "wants_business", "wants_party", "wants_cadre", "honorary_role",
                             "contact_cadre", "mentor", "remarks"), {"status": "away"}),
    "reserves": (ReserveCadre, ("person_id", "village_id", "track", "status", "entered_date",
                                "recommended_by", "cultivation", "mentor", "remarks"),
                 {"track": "two_committees", "status": "active"}),
    "attendance": (Attendance, ("person_id", "training_id", "exam_result", "remarks"), {}),
}
CHUNK = 2000


class Cancelled(Exception):
    """The user pressed 取消: the transaction is rolled back, nothing changes."""


def _name_keys(name: str, cache: dict) -> tuple[str, str]:
    """(pinyin initials, stroke sort key) as core.people / core.strokes make them; cached per name
    (a township repeats names) and the initials are computed once for both."""
    keys = cache.get(name)
    if keys is None:
        ini = name_initials(name)
        t = _stroke_table()
        keys = cache[name] = (ini, "".join(f"{t.get(c, 99):02d}" for c in name[:6]) + "|" + ini)
    return keys


class _Builder:
    """Turns plan entries into the tuples bulk_insert takes, chunk by chunk."""

    def __init__(self, plan: Plan, village_ids: dict[str, str]):
        self.plan, self.village_ids = plan, village_ids
        self.model, rec_cols, self.defaults = NEW_RECORD[plan.kind]
        self.person_ids = iter(uuid7_batch(sum(1 for e in plan.entries if e.person_id is None)))
        self.record_ids = iter(uuid7_batch(sum(1 for e in plan.entries if e.record_id is None)))
        filled = _filled(e.row.person for e in plan.entries if e.person_id is None)
        self.person_cols = ["name", "name_initials", "name_strokes", "village_id"] + \
            [c for c in NEW_PERSON_COLS[3:-1] if c in filled]
        filled = _filled(e.row.record for e in plan.entries if e.record_id is None) | set(self.defaults)
        self.record_cols = ["person_id"] + [c for c in rec_cols[1:] if c in filled or
                                            (c == "village_id" and plan.kind == "reserves") or
                                            (c == "training_id" and plan.training_id)]
        self.extra = {"training_id": plan.training_id}
        self.names: dict = {}

    def build(self, entries) -> tuple[list, list, list]:
        people, records, updates = [], [], []
        pget = self.person_cols[4:]
        for entry in entries:
            row = entry.row
            vid = self.village_ids.get(entry.village_key) if entry.village_key else None
            pid = entry.person_id
            if pid is None:
                pid = next(self.person_ids)
                p = row.person
                name = p["name"]
                people.append((pid, name, *_name_keys(name, self.names), vid, *map(p.get, pget)))
            elif entry.person_fill:
                updates.append((Person, pid, entry.person_fill))
            if entry.record_id is None:
                rec = {**self.defaults, **row.record, **self.extra, "person_id": pid, "village_id": vid}
                records.append((next(self.record_ids), *map(rec.get, self.record_cols)))
            elif entry.record_fill:
                updates.append((self.model, entry.record_id, entry.record_fill))
        return people, records, updates


def _produce(builder: _Builder, entries: list, out: queue.Queue, stop: threading.Event) -> None:
    """Build chunks in a thread: sqlite3 releases the GIL while it steps, so the tuples for the
    next chunk are made while the main thread's executemany writes this one. No database access
    here: the connection and its transaction stay with the main thread."""
    try:
        for start in range(0, len(entries), CHUNK):
            if stop.is_set():
                return
            out.put(builder.build(entries[start:start + CHUNK]))
        out.put(None)
    except BaseException as e:       # handed to the main thread, which rolls back
        out.put(e)


def apply_plan(plan: Plan, progress: Callable[[int, int], None] | None = None,
               backup: bool = True) -> dict[str, int]:
    """Write the plan; `progress(done, total)` may raise Cancelled. Returns the plan's counts."""
    counts = plan.counts()
    if not plan.entries and not plan.new_villages:
        return counts
    if backup:
        auto_backup("before-import-ledger")
    total = len(plan.entries)
    stop = threading.Event()
    with database.atomic():
        village_ids = dict(plan.village_ids)
        for key, name in plan.new_villages.items():
            village_ids[key] = regions.add_village(name).id
        builder = _Builder(plan, village_ids)
        chunks: queue.Queue = queue.Queue(maxsize=4)
        worker = threading.Thread(target=_produce, args=(builder, plan.entries, chunks, stop), daemon=True)
        worker.start()
        updates, done = [], 0
        try:
            while (item := chunks.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                people, records, more = item
                if people:
                    store.bulk_insert(Person, builder.person_cols, people)
                if records:
                    store.bulk_insert(builder.model, builder.record_cols, records)
                updates.extend(more)
                done += CHUNK
                if progress:
                    progress(min(done, total), total)
        finally:
            stop.set()
            while worker.is_alive():          # let a blocked producer finish before rolling back
                try:
                    chunks.get_nowait()
                except queue.Empty:
                    worker.join(0.05)
        for d in plan.differences:
            if d.take_file:
                updates.append((Person if d.table == "person" else builder.model, d.target_id,
                                {d.field: d.file_value}))
        for mdl, rid, changes in updates:
            store.update(mdl.get_by_id(rid), _column_changes(changes), source="import")
        if progress:
            progress(total, total)
        store.audit("import-ledger", f"{plan.kind} new {counts['new']} updated {counts['updated']} "
                                     f"refused {counts['refused']} villages {len(plan.new_villages)}")
    return counts


def _filled(dicts) -> set[str]:
    """The columns some new row fills. Only those are bound: binding parameters is most of
    executemany's cost (29 bound columns insert 2.5x slower than 10); the rest stay NULL."""
    keys: set[str] = set()
    for d in dicts:
        keys.update(d)
    return keys


def _column_changes(changes: dict) -> dict:
    out = {}
    for f, v in changes.items():
        if f.endswith("_id"):
            f = f[:-3]                    # store.update takes the field name of a foreign key
        out[f] = bool(v) if f in BOOL_COLS and v is not None else v
    return out
