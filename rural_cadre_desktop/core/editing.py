"""`edit KIND ID FIELD=VALUE…` and `delete KIND ID`: the same validation as the GUI forms,
all fields checked before anything is written, one transaction."""
from __future__ import annotations

from rural_cadre_desktop.core import kinds, models, people, regions, store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.fields import PERSON_FIELDS
from rural_cadre_desktop.core.models import Activity, Person, Returnee, Village


# Columns the store keeps in step with others (search keys); not news to the person who edited.
_DERIVED = {"name_initials", "name_strokes", "name_pinyin"}


def _get(kind_name: str, record_id: str):
    kind = kinds.get(kind_name)
    row = kind.model.get_or_none(kind.model.id == record_id)
    if row is None or row.deleted:
        raise UserError(f"找不到 id 为 {record_id} 的{kind.label}记录（可能已删除），请先导出核对 id",
                        f"no {kind_name} record with id {record_id}")
    return kind, row


def edit_record(kind_name: str, record_id: str, assignments: dict[str, str]) -> list[str]:
    """Apply FIELD=VALUE pairs; returns the names of fields that changed. Raises before writing."""
    kind, row = _get(kind_name, record_id)
    if kind.model is Activity:           # the "八个一" rules (status only for problems/suggestions …)
        from rural_cadre_desktop.core.returnees.activities import update_activity
        return update_activity(row, assignments)
    # Trainings' rules (days within the dates, attended days within the class) live in their service.
    from rural_cadre_desktop.core.trainings import services as trainings
    if kind.model is models.TrainingSession:
        return trainings.update_training(row.id, assignments)
    if kind.model is models.Attendance and assignments and set(assignments) <= set(trainings.ATTENDANCE_KEYS):
        return trainings.update_attendance(row.id, assignments)
    # A post's rules (one sitting 书记 and 主任 per village, 一肩挑, dates) live in core/reserves/cadres.
    post_fields = {"post", "holds_both_posts", "term_start", "term_end"}
    if kind.model is models.VillageCadre and assignments and set(assignments) <= post_fields:
        from rural_cadre_desktop.core.reserves import cadres
        values = {f: getattr(row, f) for f in post_fields}
        for key, raw in assignments.items():
            values[key] = kind.specs[key].parse(raw) if key in kind.specs else raw
        return cadres.edit_post(row.id, values["post"], bool(values["holds_both_posts"]),
                                values["term_start"], values["term_end"])
    own, person_raw, village_name = {}, {}, None
    for key, raw in assignments.items():
        if key == "village" and kind.own_village:
            village_name = raw
        elif key in kind.specs and kind.model is not Person:
            own[key] = kind.specs[key].parse(raw)
        elif kind.person_bearing and (key in PERSON_FIELDS or key == "village"):
            person_raw[key] = raw
        else:
            allowed = sorted(set(kind.specs) | (set(PERSON_FIELDS) | {"village"} if kind.person_bearing else set()))
            raise ValidationError(f"{kind.label}没有可修改的字段“{key}”（可改：{'、'.join(allowed)}）",
                                  f"{kind_name} has no editable field {key!r}", key)
    if kind.model is Village:
        changed = []
        with Village._meta.database.atomic():
            if own:
                regions.rename_village(row, own.get("name") or row.name, own.get("code"))
                changed = list(own)
        return changed
    new_village = None
    if village_name is not None:
        new_village = regions.find_village(village_name)
        if new_village is None:
            raise ValidationError(f"村(社区)“{village_name}”不在本乡镇的列表中", "unknown village", "village")
    person = row if kind.model is Person else (Person.get_by_id(row.person_id) if kind.person_bearing else None)
    if kind.model is Person:
        person_raw = assignments
    if person_raw:
        parsed = people.parse_person({k: v for k, v in person_raw.items() if k != "village"}, current=person)
        if "id_number" in parsed:
            people.check_unique_id(parsed["id_number"], except_id=person.id)
    _check_record_rules(kind.model, row, own)
    changed = []
    with kind.model._meta.database.atomic():
        if person_raw:
            changed += people.update_person(person, person_raw)
        if own:
            changed += store.update(row, own)
        if new_village is not None:
            changed += store.update(row, {"village": new_village.id})
    return [f for f in changed if f not in _DERIVED]


def _check_record_rules(model, row, own: dict) -> None:
    if model is Returnee and own.get("status") == "away":
        own.setdefault("return_date", None)


def delete_record(kind_name: str, record_id: str) -> None:
    """Tombstone a record (and what hangs off it). Deleting a village still in use is refused."""
    kind, row = _get(kind_name, record_id)
    db = kind.model._meta.database
    with db.atomic():
        if kind.model is Village:
            in_use = any(m.alive().where(m.village == row).exists()
                         for m in (Person, *(k.model for k in kinds.KINDS.values() if k.own_village)))
            if in_use:
                raise UserError(f"“{row.name}”下还有人员或记录，不能删除；若是合村并居，请用“合并”",
                                "village still has records; merge it instead")
        for model, fk in dependants(kind.model):
            for dep in model.alive().where(fk == row.id):
                store.soft_delete(dep)
        store.soft_delete(row)


def dependants(parent) -> list[tuple]:
    """(model, foreign key) of the records a delete of a `parent` row takes with it: every kind
    that names it among its `parents` (core/kinds), and link rows (`parts`: activity participants)."""
    out = []
    for k in kinds.KINDS.values():
        for fk in k.parents:
            field = getattr(k.model, fk)
            if field.rel_model is parent:
                out.append((k.model, field))
    for k in kinds.KINDS.values():
        for model_name, fks in k.parts:
            model = getattr(models, model_name)
            out += [(model, getattr(model, fk)) for fk in fks if getattr(model, fk).rel_model is parent]
    return out
