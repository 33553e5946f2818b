"""The yearly "八个一" log: activities of the eight kinds with their participants.

Rules (checked before anything is written):
- year 2000–2100, kind one of the eight, at least one participant, no person twice;
- a dated activity belongs to the year of its date;
- only 解决一些实际问题 (problem_solved) and 收集一批意见建议 (suggestion) carry a status; they
  start `open`, and become `handled` only with the answer written down.
"""
from __future__ import annotations

from rural_cadre_desktop.core import people, store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.fields import ACTIVITY_FIELDS
from rural_cadre_desktop.core.models import Activity, ActivityParticipant, Person

WITH_STATUS = ("problem_solved", "suggestion")


def _parse(raw: dict) -> dict:
    out = {}
    for key, value in raw.items():
        spec = ACTIVITY_FIELDS.get(key)
        if spec is None:
            raise ValidationError(f"活动没有“{key}”这个字段", f"unknown activity field {key!r}", key)
        out[key] = spec.parse(value)
    return out


def _check(values: dict) -> None:
    kind, status = values.get("kind"), values.get("status")
    if values.get("date") and values.get("year") and int(values["date"][:4]) != values["year"]:
        raise ValidationError(f"活动日期{values['date']}不在{values['year']}年度内，请核对年度或日期",
                              "date is outside the activity's year", "date")
    if kind not in WITH_STATUS:
        if status or values.get("answer"):
            raise ValidationError("只有“解决一些实际问题”和“收集一批意见建议”有办理状态和办理结果",
                                  "only problem_solved and suggestion activities have a status", "status")
        return
    if status == "handled" and not values.get("answer"):
        raise ValidationError("标记为“已办结”时请填写办理结果", "a handled item needs its answer", "answer")


def _participants(person_ids) -> list[Person]:
    resolved = [people.resolve(str(pid)) for pid in person_ids]
    seen, out = set(), []
    for p in resolved:                        # two spellings of one person (UUID, ID number) count once
        if p.id not in seen:
            seen.add(p.id)
            out.append(p)
    if not out:
        raise ValidationError("请至少选择一名参加人员", "at least one participant is required", "person_ids")
    return out


def check(raw: dict) -> dict:
    """Parse and check a new activity's fields (no participants, no writing); the form runs this
    as the clerk types, the save runs it again."""
    values = _parse(raw)
    for req in ("year", "kind"):
        if values.get(req) is None:
            spec = ACTIVITY_FIELDS[req]
            raise ValidationError(f"{spec.label}不能为空", f"{req} is required", req)
    if values["kind"] in WITH_STATUS:
        values["status"] = values.get("status") or "open"
    _check(values)
    return values


def add_activity(raw: dict, person_ids, village_id: str | None = None) -> Activity:
    values = check(raw)
    members = _participants(person_ids)
    if village_id is None:               # a one-person activity belongs to that person's village
        villages = {p.village_id for p in members}
        village_id = villages.pop() if len(villages) == 1 else None
    with Activity._meta.database.atomic():
        act = store.insert(Activity, village=village_id, **values)
        store.bulk_insert(ActivityParticipant, ["activity_id", "person_id"],
                          [(store.new_id(), act.id, p.id) for p in members])
    return act


def get_activity(activity_id: str) -> Activity:
    a = Activity.get_or_none(Activity.id == activity_id)
    if a is None or a.deleted:
        raise UserError(f"找不到这条活动（{activity_id}），可能已被删除；请刷新列表后重试",
                        f"no activity {activity_id}")
    return a


def participant_ids(activity: Activity) -> list[str]:
    return [r[0] for r in ActivityParticipant.select(ActivityParticipant.person)
            .where((ActivityParticipant.activity == activity) & (ActivityParticipant.deleted == False))  # noqa: E712
            .tuples()]


def update_activity(activity: Activity, raw: dict, person_ids=None) -> list[str]:
    """Change fields and (when given) the participant list: missing ones are tombstoned, new added."""
    values = _parse(raw)
    merged = {f: getattr(activity, f) for f in ACTIVITY_FIELDS} | values
    _check(merged)
    members = _participants(person_ids) if person_ids is not None else None
    changed = []
    with Activity._meta.database.atomic():
        changed += store.update(activity, values)
        if members is not None:
            want = {p.id for p in members}
            have = {}
            for link in ActivityParticipant.alive().where(ActivityParticipant.activity == activity):
                have[link.person_id] = link
            for pid, link in have.items():
                if pid not in want:
                    store.soft_delete(link)
            new = [(store.new_id(), activity.id, pid) for pid in want if pid not in have]
            if new:
                store.bulk_insert(ActivityParticipant, ["activity_id", "person_id"], new)
            if new or set(have) - want:
                changed.append("participants")
    return changed


def set_status(activity: Activity, status: str, answer: str | None = None) -> list[str]:
    """open → handled (with the answer), or back to open when it was marked by mistake."""
    raw = {"status": status}
    if answer is not None:
        raw["answer"] = answer
    return update_activity(activity, raw)


def delete_activity(activity: Activity) -> None:
    with Activity._meta.database.atomic():
        for link in ActivityParticipant.alive().where(ActivityParticipant.activity == activity):
            store.soft_delete(link)
        store.soft_delete(activity)


_LIST_SQL = """
SELECT a.id, a.year, a.kind, a.date, a.place, a.content, a.status, a.answer,
       (SELECT v.name FROM village v WHERE v.id = a.village_id),
       (SELECT count(*) FROM activity_participant ap WHERE ap.activity_id = a.id AND ap.deleted = 0),
       (SELECT group_concat(p.name, '、') FROM (SELECT p.name FROM activity_participant ap
            JOIN person p ON p.id = ap.person_id WHERE ap.activity_id = a.id AND ap.deleted = 0 LIMIT 6) p)
FROM activity a WHERE a.deleted = 0 AND a.year = ? {extra}
ORDER BY a.date IS NULL, a.date, a.rowid"""
LIST_KEYS = ("id", "year", "kind", "date", "place", "content", "status", "answer", "village",
             "participant_count", "participant_names")


def list_activities(year: int, kind: str | None = None, person_id: str | None = None) -> list[tuple]:
    extra, params = "", [int(year)]
    if kind:
        if kind not in ACTIVITY_FIELDS["kind"].choices:
            raise ValidationError(f"活动类别“{kind}”不是“八个一”之一", f"unknown kind {kind!r}", "kind")
        extra += " AND a.kind = ?"
        params.append(kind)
    if person_id:
        extra += (" AND EXISTS (SELECT 1 FROM activity_participant ap WHERE ap.activity_id = a.id"
                  " AND ap.person_id = ? AND ap.deleted = 0)")
        params.append(person_id)
    return list(Activity._meta.database.execute_sql(_LIST_SQL.format(extra=extra), params))
