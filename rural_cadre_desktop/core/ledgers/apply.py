"""Writing a plan: one transaction after an automatic backup, so a crash, a kill or a cancel at
any moment leaves all rows or none. New people and records go in with store.bulk_insert
(executemany); the few updates of known people go through store.update, which keeps history."""
from __future__ import annotations

from typing import Callable

from rural_cadre_desktop.core import kinds, regions, store
from rural_cadre_desktop.core.db import auto_backup, database
from rural_cadre_desktop.core.ledgers.existing import PERSON_COLS, record_cols
from rural_cadre_desktop.core.ledgers.fast import PERSON_KEY_COLS, name_keys_memo, uuid7_batch
from rural_cadre_desktop.core.ledgers.plan import Plan
from rural_cadre_desktop.core.ledgers.writer import column_changes
from rural_cadre_desktop.core.models import Person

# A new person: name and its three name keys, the sheet's person fields, the village.
NEW_PERSON_COLS = ("name", *PERSON_KEY_COLS, *PERSON_COLS[1:])


def new_record(kind: str) -> tuple[type, tuple[str, ...], dict]:
    """(model, columns, defaults) of the records an import of `kind` inserts (core/kinds): the
    person, the training when rows belong to one, then record_cols."""
    rk = kinds.import_kind(kind)
    cols = ("person_id", *(("training_id",) if rk.importer.training else ()), *record_cols(rk))
    return rk.model, cols, dict(rk.importer.defaults)


CHUNK = 2000


class Cancelled(Exception):
    """The user pressed 取消: the transaction is rolled back, nothing changes."""


class _Builder:
    """Turns plan entries into the tuples bulk_insert takes, chunk by chunk. Each chunk binds only
    the columns its rows fill and takes its own sorted UUIDv7 batch (so the primary-key index
    appends); the streamed import (pipeline) builds its chunks with the same code. `keys=False`:
    people come without their three name keys (PERSON_KEY_COLS), which the writer process adds."""

    def __init__(self, kind: str, training_id: str | None, village_ids: dict[str, str], keys: bool = True):
        self.kind, self.training_id, self.village_ids = kind, training_id, village_ids
        self.model, self.rec_cols, self.defaults = new_record(kind)
        self.own_village = kinds.get(kind).own_village
        self.names = name_keys_memo() if keys else None

    def build(self, entries: list) -> tuple[list, list, list, list, list]:
        """(person cols, people, record cols, records, updates). Column by column (list
        comprehensions, then one zip): about 4x faster than a loop that builds each row's tuple
        field by field. New entries get `created` = (person id, record id)."""
        vids = self.village_ids
        vid = [vids.get(e.village_key) if e.village_key else None for e in entries]
        pid = [e.person_id for e in entries]
        new_p = [i for i, p in enumerate(pid) if p is None]
        person_cols, people = [], []
        if new_p:
            persons = [entries[i].row.person for i in new_p]
            filled = _filled(persons)
            more = [c for c in NEW_PERSON_COLS[4:-1] if c in filled]
            for i, p in zip(new_p, uuid7_batch(len(new_p))):
                pid[i] = p
            names = [p["name"] for p in persons]
            cols = [[p.get(c) for p in persons] for c in more]
            if self.names is None:
                person_cols = ["name", "village_id", *more]
                people = list(zip([pid[i] for i in new_p], names, [vid[i] for i in new_p], *cols))
            else:
                person_cols = ["name", *PERSON_KEY_COLS, "village_id", *more]
                keys = [self.names(n) for n in names]
                people = list(zip([pid[i] for i in new_p], names, [k[0] for k in keys], [k[1] for k in keys],
                                  [k[2] for k in keys], [vid[i] for i in new_p], *cols))
        new_r = [i for i, e in enumerate(entries) if e.record_id is None]
        record_cols, records = [], []
        if new_r:
            recs = [entries[i].row.record for i in new_r]
            filled = _filled(recs) | set(self.defaults)
            record_cols = ["person_id"] + [c for c in self.rec_cols[1:] if c in filled or
                                           (c == "village_id" and self.own_village) or
                                           (c == "training_id" and self.training_id)]
            cols = []
            for c in record_cols:
                if c == "person_id":
                    cols.append([pid[i] for i in new_r])
                elif c == "village_id":
                    cols.append([vid[i] for i in new_r])
                elif c == "training_id":
                    cols.append([self.training_id] * len(new_r))
                else:
                    d = self.defaults.get(c)
                    cols.append([r.get(c, d) for r in recs])
            rids = uuid7_batch(len(new_r))
            records = list(zip(rids, *cols))
            for i, rid in zip(new_r, rids):
                entries[i].created = (pid[i], rid)
        updates = [(Person, e.person_id, e.person_fill) for e in entries if e.person_id and e.person_fill]
        updates += [(self.model, e.record_id, e.record_fill) for e in entries if e.record_id and e.record_fill]
        return person_cols, people, record_cols, records, updates


def apply_plan(plan: Plan, progress: Callable[[int, int], None] | None = None,
               backup: bool = True) -> dict[str, int]:
    """Write the plan; `progress(done, total)` may raise Cancelled. Returns the plan's counts."""
    counts = plan.counts()
    if not plan.entries and not plan.new_villages:
        return counts
    if backup:
        auto_backup("before-import-ledger")
    total = len(plan.entries)
    with database.atomic():
        village_ids = dict(plan.village_ids)
        for key, name in plan.new_villages.items():
            village_ids[key] = regions.add_village(name).id
        builder = _Builder(plan.kind, plan.training_id, village_ids)
        updates, entries = [], plan.entries
        # Measured: building the next chunk in a thread while executemany writes this one gains
        # nothing (sqlite3 holds the GIL while binding), so chunks are built and written in turn.
        for start in range(0, len(entries), CHUNK):
            person_cols, people, record_cols, records, more = builder.build(entries[start:start + CHUNK])
            if people:
                store.bulk_insert(Person, person_cols, people)
            if records:
                store.bulk_insert(builder.model, record_cols, records)
            updates.extend(more)
            if progress:
                progress(min(start + CHUNK, total), total)
        updates.extend(taken_differences(plan, builder.model))
        for mdl, rid, changes in updates:
            store.update(mdl.get_by_id(rid), column_changes(changes), source="import")
        if progress:
            progress(total, total)
        store.audit("import-ledger", audit_detail(plan))
    return counts


def taken_differences(plan: Plan, model) -> list[tuple]:
    return [(Person if d.table == "person" else model, d.target_id, {d.field: d.file_value})
            for d in plan.differences if d.take_file]


def audit_detail(plan: Plan) -> str:
    c = plan.counts()
    return f"{plan.kind} new {c['new']} updated {c['updated']} refused {c['refused']} villages {len(plan.new_villages)}"


def _filled(dicts) -> set[str]:
    """The columns some new row fills. Only those are bound: binding parameters is most of
    executemany's cost (29 bound columns insert 2.5x slower than 10); the rest stay NULL."""
    keys: set[str] = set()
    for d in dicts:
        keys.update(d)
    return keys
