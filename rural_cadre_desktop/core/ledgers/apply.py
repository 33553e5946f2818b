"""Writing a plan: one transaction after an automatic backup, so a crash, a kill or a cancel at
any moment leaves all rows or none. New people and records go in with store.bulk_insert
(executemany); the few updates of known people go through store.update, which keeps history."""
from __future__ import annotations

from typing import Callable

from rural_cadre_desktop.core import regions, store
from rural_cadre_desktop.core.db import auto_backup, database
from rural_cadre_desktop.core.ledgers.existing import BOOL_COLS
from rural_cadre_desktop.core.ledgers.plan import Plan
from rural_cadre_desktop.core.models import Attendance, Person, ReserveCadre, Returnee, new_id
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


def _stroke_key(name: str, initials: str) -> str:
    # same as core.strokes.stroke_key, without computing the initials a second time
    t = _stroke_table()
    return "".join(f"{t.get(c, 99):02d}" for c in name[:6]) + "|" + initials


def apply_plan(plan: Plan, progress: Callable[[int, int], None] | None = None,
               backup: bool = True) -> dict[str, int]:
    """Write the plan; `progress(done, total)` may raise Cancelled. Returns the plan's counts."""
    counts = plan.counts()
    if not plan.entries and not plan.new_villages:
        return counts
    if backup:
        auto_backup("before-import-ledger")
    model, rec_cols, defaults = NEW_RECORD[plan.kind]
    total = len(plan.entries)
    with database.atomic():
        village_ids = dict(plan.village_ids)
        for key, name in plan.new_villages.items():
            village_ids[key] = regions.add_village(name).id
        new_people, new_records, updates = [], [], []
        for entry in plan.entries:
            row = entry.row
            vid = village_ids.get(entry.village_key) if entry.village_key else None
            pid = entry.person_id
            if pid is None:
                pid = new_id()
                p = row.person
                name = p["name"]
                ini = name_initials(name)
                new_people.append((pid, name, ini, _stroke_key(name, ini), *[p.get(c) for c in NEW_PERSON_COLS[3:-1]],
                                   vid))
            elif entry.person_fill:
                updates.append((Person, pid, entry.person_fill))
            if entry.record_id is None:
                rec = {**defaults, **row.record, "person_id": pid, "village_id": vid,
                       "training_id": plan.training_id}
                new_records.append((new_id(), *[rec.get(c) for c in rec_cols]))
            elif entry.record_fill:
                updates.append((model, entry.record_id, entry.record_fill))
        for d in plan.differences:
            if d.take_file:
                updates.append((Person if d.table == "person" else model, d.target_id, {d.field: d.file_value}))
        work = len(new_people) + len(new_records) + len(updates)
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done * total // max(1, work), total)
        for batch, mdl, cols in ((new_people, Person, NEW_PERSON_COLS), (new_records, model, rec_cols)):
            for start in range(0, len(batch), CHUNK):
                chunk = batch[start:start + CHUNK]
                store.bulk_insert(mdl, cols, chunk)
                tick(len(chunk))
        for mdl, rid, changes in updates:
            store.update(mdl.get_by_id(rid), _column_changes(changes), source="import")
            tick(1)
        store.audit("import-ledger", f"{plan.kind} new {counts['new']} updated {counts['updated']} "
                                     f"refused {counts['refused']} villages {len(plan.new_villages)}")
    return counts


def _column_changes(changes: dict) -> dict:
    out = {}
    for f, v in changes.items():
        if f.endswith("_id"):
            f = f[:-3]                    # store.update takes the field name of a foreign key
        out[f] = bool(v) if f in BOOL_COLS and v is not None else v
    return out
