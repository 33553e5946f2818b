"""The registry's writes as the GUI and the command line both make them: each is one transaction,
checked before anything is written, and writes its audit row inside that transaction — so a save
through the 返乡人员 card leaves exactly the row `returnee add` / `returnee edit` leaves.

Audit rows (action, detail):
  returnee-add      <returnee id>                      (returnee add, 新增)
  returnee-edit     <returnee id> <changed fields>     (returnee edit, 修改)
  returnee-delete   <returnee id>                      (returnee delete, 删除)
  activity-add      <activity id>                      (activity add, 记“八个一”)
  activity-status   <activity id> <status>             (activity status, 办结 / 重新打开)
  edit              activities <id> <changed fields>   (edit activities ID …, 修改活动)
  delete            activities <id>                    (delete activities ID, 删除活动)
  person-merge / person-unmerge / to-reserve           (written by merging.py / cultivation.py)
思想动态 notes are not audited (neither is `returnee note`).

The functions take ids (not model rows), so the GUI can queue them on the writer thread as they
are; the readers at the end give the GUI what its forms show without a query of its own."""
from __future__ import annotations

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.models import Activity, OutlookNote, Person, Returnee
from rural_cadre_desktop.core.returnees import activities, merging, registry


def _atomic():
    return Person._meta.database.atomic()


# -- the registry card ---------------------------------------------------------------------------
def add_returnee(person_raw: dict, returnee_raw: dict, village=None) -> Returnee:
    with _atomic():
        r = registry.add_returnee(person_raw, returnee_raw, village)
        store.audit("returnee-add", r.id)
    return r


def edit_returnee(returnee_id: str, person_raw: dict, returnee_raw: dict, village=None) -> list[str]:
    """Change the card; returns the changed fields (audited even when none changed, like the CLI)."""
    with _atomic():
        r = registry.get_returnee(returnee_id)
        changed = registry.update_returnee(r, person_raw, returnee_raw, village)
        store.audit("returnee-edit", f"{r.id} {','.join(changed)}")
    return changed


def delete_returnee(returnee_id: str) -> None:
    with _atomic():
        r = registry.get_returnee(returnee_id)
        registry.delete_returnee(r)
        store.audit("returnee-delete", r.id)


def add_note(person_id: str, date, text) -> OutlookNote:
    return registry.add_note(person(person_id), date, text)


def delete_note(note_id: str) -> None:
    registry.delete_note(note_id)


# -- the "八个一" log ------------------------------------------------------------------------------
def add_activity(raw: dict, person_ids, village_id: str | None = None) -> Activity:
    with _atomic():
        a = activities.add_activity(raw, person_ids, village_id)
        store.audit("activity-add", a.id)
    return a


def edit_activity(activity_id: str, raw: dict, person_ids=None) -> list[str]:
    with _atomic():
        a = activities.get_activity(activity_id)
        changed = activities.update_activity(a, raw, person_ids)
        store.audit_edit("activities", a.id, changed)
    return changed


def set_activity_status(activity_id: str, status: str, answer: str | None = None) -> list[str]:
    with _atomic():
        a = activities.get_activity(activity_id)
        changed = activities.set_status(a, status, answer)
        store.audit("activity-status", f"{a.id} {status}")
    return changed


def delete_activity(activity_id: str) -> None:
    with _atomic():
        a = activities.get_activity(activity_id)
        activities.delete_activity(a)
        store.audit_delete("activities", a.id)


# -- merging two records of one person (audited in merging.py) ----------------------------------
def merge(person_a: str, person_b: str) -> dict:
    """Merge two records of one human, after a verified backup (a merge re-points every record of
    both; undo_merge reverses it, the backup is the way back when undo no longer can)."""
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.people import resolve
    a, b = resolve(person_a), resolve(person_b)      # refusals (unknown, same person) before the backup
    db.auto_backup("before-merge")
    return merging.merge(a, b)


def undo_merge(record: dict) -> int:
    return merging.undo_merge(record)


# -- what the forms show --------------------------------------------------------------------------
def person(person_id: str) -> Person:
    """A live person by UUID or 身份证号 (aliases followed)."""
    from rural_cadre_desktop.core.people import resolve
    return resolve(person_id)


def returnee(returnee_id: str) -> Returnee:
    return registry.get_returnee(returnee_id)


def card(returnee_id: str) -> dict:
    """What the registry card shows (registry.card) for a returnee id."""
    return registry.card(registry.get_returnee(returnee_id))


def activity(activity_id: str) -> Activity:
    return activities.get_activity(activity_id)


def names_of(person_ids) -> list[tuple[str, str]]:
    """(id, name) of these people, in the order given (unknown ids left out)."""
    ids = list(person_ids)
    found = dict(Person.select(Person.id, Person.name).where(Person.id.in_(ids)).tuples())
    return [(pid, found[pid]) for pid in ids if pid in found]


def participants(activity_id: str) -> list[tuple[str, str]]:
    """(person id, name) of an activity's live participants, by name."""
    a = activities.get_activity(activity_id)
    return list(Person.select(Person.id, Person.name).where(Person.id.in_(activities.participant_ids(a)))
                .order_by(Person.name).tuples())
