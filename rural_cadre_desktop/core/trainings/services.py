"""Writes to the trainings (培训班) and their attendance (参训), shared by the 培训 tab and the
command line; plus the people pickers the tab's "add attendees" reads. Qt-free.

Every write checks everything first, then writes in ONE transaction with its audit row inside:
  training-add     <training id>
  training-edit    <training id> <changed fields>
  training-delete  <training id>             (tombstone; its attendance stays but no longer counts)
  training-copy    <new id> <from id>
  training-attend  <training id> +<added> ~<updated>
  attendance-remove <n> <attendance ids…>

Days: `days` is the class's length in days (half days allowed), at most its calendar span
(end − start + 1; the default); an attendance's `attended_days` empty means the whole class.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rural_cadre_desktop.core import codes, store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import Attendance, Person, TrainingSession
from rural_cadre_desktop.core.validation import (
    clean_text,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_enum,
)

# The editable fields of a training, in the order forms show them.
TRAINING_KEYS = ("name", "kind", "level", "target", "start_date", "end_date", "days", "hours", "place",
                 "organizer", "outside_county", "content", "remarks")
_TEXT_LIMITS = {"name": 100, "place": 100, "organizer": 100, "content": 4000, "remarks": 2000}
_LABELS = {"name": "培训班名称", "place": "地点", "organizer": "主办单位", "content": "培训内容", "remarks": "备注"}


@dataclass(frozen=True)
class AttendOutcome:
    added: int
    updated: int


def _atomic():
    return TrainingSession._meta.database.atomic()


# -- checks --------------------------------------------------------------------------------------------
def _day(value, field: str, label: str) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    iso = parse_date(value, field, label)
    if iso is None:
        return None
    if len(iso) != 10:
        raise ValidationError(f"{label}“{clean_text(value)}”只到月份，请写到日，如 {iso}-05",
                              f"{field}: a full date (YYYY-MM-DD) is required", field)
    return dt.date.fromisoformat(iso)


def _number(value, field: str, label: str) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return parse_decimal(value, field, label)


def span_days(start: dt.date, end: dt.date) -> int:
    """Calendar days from start to end, both counted."""
    return (end - start).days + 1


def check_training(values: dict) -> dict:
    """The stored values of a training from what was typed (identifiers or Chinese labels for
    kind/level/target, dates in any form parse_date reads, bool or 是/否 for outside_county).
    Raises ValidationError naming the first wrong field; writes nothing."""
    unknown = set(values) - set(TRAINING_KEYS)
    if unknown:
        key = min(unknown)
        raise ValidationError(f"培训班没有“{key}”这一项", f"unknown training field {key!r}", key)
    out: dict = {}
    for key, limit in _TEXT_LIMITS.items():
        text = clean_text(values.get(key))
        if len(text) > limit:
            raise ValidationError(f"{_LABELS[key]}太长（最多{limit}字）", f"{key} too long", key)
        out[key] = text or None
    if not out["name"]:
        raise ValidationError("请填写培训班名称", "name is required", "name")
    for key, choices, label in (("kind", codes.TRAINING_KINDS, "培训形式"), ("level", codes.TRAINING_LEVELS, "层级"),
                                ("target", codes.TRAINING_TARGETS, "培训对象")):
        out[key] = parse_enum(choices, values.get(key), key, label)
    if not out["kind"]:
        raise ValidationError(f"请选择培训形式（{'、'.join(codes.TRAINING_KINDS.values())}）", "kind is required", "kind")
    if not out["level"]:
        raise ValidationError("请选择举办层级（省级、市级、县级、乡级）", "level is required", "level")
    start = _day(values.get("start_date"), "start_date", "开始日期")
    end = _day(values.get("end_date"), "end_date", "结束日期")
    if start is None:
        raise ValidationError("请填写开始日期，如 2026-04-07", "start_date is required", "start_date")
    end = end or start
    if end < start:
        raise ValidationError(f"结束日期{end}早于开始日期{start}，请检查", "end_date is before start_date", "end_date")
    span = span_days(start, end)
    days = _number(values.get("days"), "days", "天数")
    if days is None:
        days = float(span)
    if days <= 0:
        raise ValidationError(f"天数应大于0（填写的是{days:g}）", "days must be > 0", "days")
    if days > span:
        raise ValidationError(f"天数{days:g}超过了{start}至{end}的{span}天，请检查天数或日期",
                              f"days {days:g} exceed the {span}-day span of the dates", "days")
    hours = _number(values.get("hours"), "hours", "学时")
    if hours is not None and hours < 0:
        raise ValidationError(f"学时不能为负数（填写的是{hours:g}）", "hours must be >= 0", "hours")
    outside = parse_bool(values.get("outside_county"), "outside_county", "是否县外培训")
    out.update(start_date=start.isoformat(), end_date=end.isoformat(), days=days, hours=hours,
               outside_county="1" if outside else None)
    return out


def training_of(tid: str) -> TrainingSession:
    t = TrainingSession.get_or_none(TrainingSession.id == clean_text(tid))
    if t is None or t.deleted:
        raise UserError(f"找不到培训班“{tid}”（可能已删除），请用 export trainings 导出的 id",
                        f"no training {tid!r}")
    return t


def _current(t: TrainingSession) -> dict:
    return {k: t.__data__.get(k) for k in TRAINING_KEYS}


def _span_of(t: TrainingSession) -> int | None:
    if t.start_date and t.end_date and len(t.start_date) == len(t.end_date) == 10:
        return span_days(dt.date.fromisoformat(t.start_date), dt.date.fromisoformat(t.end_date))
    return None


def _class_days(t: TrainingSession) -> float:
    """The class's days: its `days`, else its calendar span, else one day (an old record without dates)."""
    return float(t.days or _span_of(t) or 1)


# -- trainings -----------------------------------------------------------------------------------------
def add_training(values: dict) -> str:
    """A new training from the form's (or command line's) values; returns its id."""
    row = check_training(values)
    with _atomic():
        t = store.insert(TrainingSession, **row)
        store.audit("training-add", t.id)
    return t.id


def update_training(tid: str, values: dict) -> list[str]:
    """Change some fields of a training (the others keep their values); returns the changed fields.
    Refused when the new days fall below what someone already attended."""
    t = training_of(tid)
    merged = {**_current(t), **values}
    if merged.get("outside_county") == "1":
        merged["outside_county"] = True
    if "days" not in values and any(k in values for k in ("start_date", "end_date")) and t.days == _span_of(t):
        merged["days"] = None           # days were the whole span: they follow the new dates
    row = check_training(merged)
    over = (Attendance.alive().where((Attendance.training == t.id) & (Attendance.attended_days > row["days"]))
            .count())
    if over:
        raise ValidationError(f"已有{over}人登记的参训天数超过{row['days']:g}天，请先修改他们的参训天数",
                              "attended days exceed the new days", "days")
    with _atomic():
        changed = store.update(t, row)
        if changed:
            store.audit("training-edit", f"{t.id} {','.join(changed)}")
    return changed


def delete_training(tid: str) -> None:
    """Tombstone the training; its attendance rows stay (for the record) but no longer count."""
    t = training_of(tid)
    with _atomic():
        store.soft_delete(t)
        store.audit("training-delete", t.id)


_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def _next_year(d: str | None) -> str | None:
    if not d or len(d) != 10:
        return d                          # month-only: check_training asks for the day
    day = dt.date.fromisoformat(d)
    try:
        return day.replace(year=day.year + 1).isoformat()
    except ValueError:                    # 29 February
        return day.replace(year=day.year + 1, day=28).isoformat()


def copy_training(tid: str) -> str:
    """This class again one year later: dates shifted by a year (same length), a year in the name moved on too
    ("2025年…" → "2026年…"), no attendance. Returns the new id."""
    t = training_of(tid)
    values = _current(t)
    values["name"] = _YEAR.sub(lambda m: str(int(m.group(0)) + 1), t.name)
    values["start_date"] = _next_year(t.start_date)
    if t.start_date and t.end_date and len(t.start_date) == len(t.end_date) == 10:   # same length, even across 29 Feb
        length = dt.date.fromisoformat(t.end_date) - dt.date.fromisoformat(t.start_date)
        values["end_date"] = (dt.date.fromisoformat(values["start_date"]) + length).isoformat()
    values["outside_county"] = t.outside_county == "1"
    row = check_training(values)
    with _atomic():
        new = store.insert(TrainingSession, **row)
        store.audit("training-copy", f"{new.id} {t.id}")
    return new.id


# -- attendance ----------------------------------------------------------------------------------------
def _resolve_all(people: list[str]) -> list[Person]:
    from rural_cadre_desktop.core.people import resolve
    out, seen = [], set()
    for pid in people:
        p = resolve(clean_text(pid))
        if p.id not in seen:
            seen.add(p.id)
            out.append(p)
    return out


def _attendance_values(t: TrainingSession, days, exam, certificate_no, remarks, given: set | None = None) -> dict:
    """The attendance columns to write: those given (not None, or named in `given`), checked.
    Attended days must lie in (0, the class's days]; the whole class is stored as empty."""
    named = given or set()
    out = {}
    days_text = clean_text(days) if isinstance(days, str) else days
    if days_text not in (None, "") or "attended_days" in named:
        class_days = _class_days(t)
        n = _number(days_text, "attended_days", "参训天数") if days_text not in (None, "") else None
        if n is not None and not 0 < n <= class_days:
            raise ValidationError(f"参训天数应在0到{class_days:g}天之间（“{t.name}”共{class_days:g}天），填写的是{n:g}",
                                  f"attended days must be in (0, {class_days:g}]", "attended_days")
        out["attended_days"] = None if n is None or n == class_days else n
    for key, value, limit, label in (("exam_result", exam, 50, "考核结果"), ("certificate_no", certificate_no, 50, "证书编号"),
                                     ("remarks", remarks, 2000, "备注")):
        if value is not None or key in named:
            text = clean_text(value)
            if len(text) > limit:
                raise ValidationError(f"{label}太长（最多{limit}字）", f"{key} too long", key)
            out[key] = text or None
    return out


def attend(tid: str, people: list[str], days: float | None = None, exam: str | None = None,
           certificate_no: str | None = None, remarks: str | None = None) -> AttendOutcome:
    """These people (UUIDs or 身份证号) attended the training. Everyone is resolved and every value
    checked before anything is written; one attendance per person and class: attending again
    updates that one with the values given (None keeps what is there). One transaction."""
    t = training_of(tid)
    if not people:
        raise UserError("没有选择参训人员，请先选人", "no people given")
    persons = _resolve_all(list(people))
    given = _attendance_values(t, days, exam, certificate_no, remarks)
    existing = {a.person_id: a for a in Attendance.alive().where(
        (Attendance.training == t.id) & Attendance.person.in_([p.id for p in persons]))}
    added = updated = 0
    with _atomic():
        for p in persons:
            a = existing.get(p.id)
            if a is None:
                store.insert(Attendance, training=t, person=p, **given)
                added += 1
            elif store.update(a, given):
                updated += 1
        store.audit("training-attend", f"{t.id} +{added} ~{updated}")
    return AttendOutcome(added, updated)


ATTENDANCE_KEYS = ("attended_days", "exam_result", "certificate_no", "remarks")


def update_attendance(attendance_id: str, values: dict) -> list[str]:
    """Change one attendance (keys of ATTENDANCE_KEYS; attended_days empty or the class's days = the
    whole class); returns the changed fields. Checked first, one transaction."""
    a = Attendance.get_or_none(Attendance.id == clean_text(attendance_id))
    if a is None or a.deleted:
        raise UserError(f"找不到参训记录“{attendance_id}”（可能已移除），请刷新后再试", f"no attendance {attendance_id!r}")
    unknown = set(values) - set(ATTENDANCE_KEYS)
    if unknown:
        key = min(unknown)
        raise ValidationError(f"参训记录没有可修改的字段“{key}”（可改：{'、'.join(ATTENDANCE_KEYS)}）",
                              f"attendance has no editable field {key!r}", key)
    t = TrainingSession.get_by_id(a.training_id)
    changes = _attendance_values(t, values.get("attended_days"), values.get("exam_result"),
                                 values.get("certificate_no"), values.get("remarks"), given=set(values))
    with _atomic():
        changed = store.update(a, changes)
        if changed:
            store.audit("attendance-edit", f"{a.id} {','.join(changed)}")
    return changed


def remove_attendance(attendance_ids: list[str]) -> None:
    """Tombstone these attendance rows (all found first; one transaction)."""
    if not attendance_ids:
        raise UserError("没有选择要移除的参训记录", "no attendance ids given")
    rows = []
    for aid in dict.fromkeys(attendance_ids):
        a = Attendance.get_or_none(Attendance.id == aid)
        if a is None or a.deleted:
            raise UserError(f"找不到参训记录“{aid}”（可能已移除），请刷新后再试", f"no attendance {aid!r}")
        rows.append(a)
    with _atomic():
        for a in rows:
            store.soft_delete(a)
        store.audit("attendance-remove", f"{len(rows)} {' '.join(a.id for a in rows)}")


# -- who to add: the pickers of the tab ----------------------------------------------------------------
def _db():
    from rural_cadre_desktop.core.listing import db
    return db()


def sitting_on() -> str:
    """The SQL condition "post `vc` is held on the day bound twice after it" (ISO text)."""
    # Month-only dates: a term starting in 2024-05 has begun on 2024-05-01; one ending in 2024-05 runs to its end.
    return ("(vc.term_start IS NULL OR vc.term_start <= ?) AND (vc.term_end IS NULL OR "
            "(CASE WHEN length(vc.term_end) = 7 THEN vc.term_end || '-31' ELSE vc.term_end END) >= ?)")


def people_by_post(village_id: str | None, post: str | None = "secretary",
                   on: dt.date | None = None) -> list[tuple[str, str, str, str]]:
    """(person_id, name, village name, post) of the cadres sitting on `on` (default today) in the
    village (None: every village), in that post (None: every post); one row per person and village."""
    on_iso = (on or dt.date.today()).isoformat()
    conds, params = [sitting_on(), "vc.deleted = 0", "p.deleted = 0", "p.alias_of_id IS NULL"], [on_iso, on_iso]
    if village_id:
        conds.append("vc.village_id = ?"); params.append(village_id)
    if post:
        if post not in codes.CADRE_POSTS:
            raise ValueError(post)
        conds.append("vc.post = ?"); params.append(post)
    sql = (f"SELECT p.id, p.name, v.name, min(vc.post) FROM village_cadre vc JOIN person p ON p.id = vc.person_id "
           f"JOIN village v ON v.id = vc.village_id WHERE {' AND '.join(conds)} "
           "GROUP BY p.id, v.id ORDER BY v.sort_order, v.name, p.name_pinyin, p.name")
    return [tuple(r) for r in _db().execute_sql(sql, params).fetchall()]


def people_by_village(village_id: str) -> list[tuple[str, str, str, str | None]]:
    """(person_id, name, village name, 身份证号) of every live person whose 户籍所在村 is the village."""
    sql = ("SELECT p.id, p.name, v.name, p.id_number FROM person p JOIN village v ON v.id = p.village_id "
           "WHERE p.village_id = ? AND p.deleted = 0 AND p.alias_of_id IS NULL ORDER BY p.name_pinyin, p.name")
    return [tuple(r) for r in _db().execute_sql(sql, [village_id]).fetchall()]


def search_people(text: str, limit: int = 50) -> list[dict]:
    """People by name (contains), pinyin initials or 身份证号 (at least 4 characters); dicts with
    id, name, id_number, village, what (返乡人员/现任村干部/在库后备)."""
    from rural_cadre_desktop.core.reserves.services import find_people
    return find_people(text, limit)
