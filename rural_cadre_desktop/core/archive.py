"""一人一档, editable: everything the archive dialog shows about one person, loaded into plain
dataclasses (`load_archive`), and ONE audited service that writes the person's 干部任免审批表 facts,
photo and archive parts (education, résumé, family, rewards, assessments) in one transaction after
every check has passed (`save_archive`). The read-only history (reserve memberships with their
资格联审 steps and 年度考察评议, trainings attended, "八个一" activities) comes along for display.

Values travel as the text a clerk reads and types (codes and enumerations by their Chinese names,
dates as stored); every cell is parsed with a core.fields spec, so the refusals are the same
sentences the returnee card and `edit` give. A refusal names its field: a person field by its
name (`id_number`), a table cell as `<part>.<row>.<field>` (row counted from 0).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rural_cadre_desktop.core import codes, db, people, store
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.validation import normalise_name
from rural_cadre_desktop.core.fields import PERSON_FIELDS, FieldSpec, coded, date, enum, integer, text
from rural_cadre_desktop.core.models import (Assessment, Education, FamilyMember, ResumeEntry,
                                             RewardPunishment)

# The 干部任免审批表 facts on Person the archive edits, in the sheet's order (户籍所在村 is `village`).
BASIC_FIELDS = ["name", "sex", "birth_date", "ethnicity", "native_place", "birthplace", "political_status",
                "party_join_date", "work_start_date", "health", "tech_title", "specialty", "current_post",
                "phone", "id_number"]

PHOTO_MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Part:
    """One editable table of the archive: its model, title, and the specs of its columns."""
    key: str
    title: str
    model: type
    specs: tuple[FieldSpec, ...]
    ordered: bool = False          # rows carry `seq` (the order the clerk put them in)

    @property
    def columns(self) -> list[str]:
        return [s.name for s in self.specs]


PARTS: dict[str, Part] = {p.key: p for p in [
    Part("education", "学历学位", Education, (
        enum("kind", "类别", codes.EDUCATION_KINDS, required=True), coded("level", "学历", codes.EDUCATION),
        text("degree", "学位", 50), text("school", "毕业院校", 100), text("major", "专业", 100))),
    Part("resume", "简历", ResumeEntry, (
        date("start_date", "起始时间"), date("end_date", "截止时间"),
        text("text", "单位及职务", 200, required=True)), ordered=True),
    Part("rewards", "奖惩情况", RewardPunishment, (
        enum("kind", "类别", codes.REWARD_KINDS, required=True), date("date", "时间"),
        text("text", "奖惩内容", 500, required=True))),
    Part("assessments", "年度考核结果", Assessment, (
        integer("year", "年度", 1950, 2100, required=True), text("result", "考核结果", 20, required=True))),
    Part("family", "家庭主要成员及重要社会关系", FamilyMember, (
        text("relation", "称谓", 20, required=True), FieldSpec("name", "姓名", normalise_name, True),
        date("birth_date", "出生年月"), coded("political_status", "政治面貌", codes.POLITICAL_STATUS),
        text("work_unit", "工作单位及职务", 200)), ordered=True),
]}


@dataclass
class Row:
    """One row of an archive table: its id (None for a new row) and the cells as text."""
    id: str | None
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class ArchiveData:
    person_id: str
    person: dict[str, str]                   # BASIC_FIELDS → text as shown in the form
    village: str                             # 户籍所在村 (name)
    photo: bytes | None
    parts: dict[str, list[Row]]              # PARTS key → rows in order
    history: dict[str, list[str]]            # 后备干部 / 培训 / “八个一”: read-only lines


@dataclass
class ArchiveChanges:
    """What the dialog hands to save_archive: only the parts present are written. `photo`: None
    leaves it alone, b"" deletes it, JPEG bytes replace it. Each part is the whole table as the
    clerk left it: rows missing from it are deleted."""
    person: dict[str, str] | None = None
    photo: bytes | None = None
    parts: dict[str, list[Row]] = field(default_factory=dict)


def _shown(spec: FieldSpec, value) -> str:
    if value is None:
        return ""
    if spec.code_list is not None or spec.choices is not None:
        return spec.display(value)
    return str(value)


def _sql(query: str, params=()) -> list[tuple]:
    return list(db.database.execute_sql(query, params).fetchall())


def _history(pid: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"reserves": [], "trainings": [], "activities": []}
    for rid, village, track, status, entered, left, reason in _sql(
            "SELECT r.id, v.name, r.track, r.status, r.entered_date, r.left_date, r.left_reason "
            "FROM reserve_cadre r JOIN village v ON v.id = r.village_id WHERE r.person_id = ? AND r.deleted = 0 "
            "ORDER BY r.entered_date", (pid,)):
        line = (f"{village} {codes.RESERVE_TRACKS.get(track, track)}，{codes.RESERVE_STATUS.get(status, status)}，"
                f"入库 {entered or '—'}" + (f"，出库 {left}" if left else "") + (f"（{reason}）" if reason else ""))
        out["reserves"].append(line)
        for step, d, result, reviewer in _sql(
                "SELECT step, date, result, reviewer FROM vetting WHERE reserve_id = ? AND deleted = 0 "
                "ORDER BY CASE step WHEN 'village' THEN 1 WHEN 'township' THEN 2 ELSE 3 END", (rid,)):
            out["reserves"].append(f"    资格联审 {codes.VETTING_STEPS.get(step, step)}：{codes.VETTING_RESULTS.get(result, result)}"
                                   f" {d or ''}" + (f"（{reviewer}）" if reviewer else ""))
        for year, rating, reviewer in _sql(
                "SELECT year, rating, reviewer FROM annual_review WHERE reserve_id = ? AND deleted = 0 ORDER BY year",
                (rid,)):
            out["reserves"].append(f"    {year}年度考察评议：{codes.REVIEW_RATINGS.get(rating, rating)}"
                                   + (f"（{reviewer}）" if reviewer else ""))
    for name, kind, level, start, days, exam in _sql(
            "SELECT t.name, t.kind, t.level, t.start_date, t.days, a.exam_result FROM attendance a "
            "JOIN training_session t ON t.id = a.training_id WHERE a.person_id = ? AND a.deleted = 0 "
            "AND t.deleted = 0 ORDER BY t.start_date", (pid,)):
        out["trainings"].append(f"{start or '—'} {name}（{codes.TRAINING_KINDS.get(kind, kind)}，"
                                f"{codes.TRAINING_LEVELS.get(level, level)}" + (f"，{days:g}天" if days else "")
                                + "）" + (f" 考核：{exam}" if exam else ""))
    for year, kind, d, content in _sql(
            "SELECT a.year, a.kind, a.date, a.content FROM activity_participant p JOIN activity a "
            "ON a.id = p.activity_id WHERE p.person_id = ? AND p.deleted = 0 AND a.deleted = 0 "
            "ORDER BY a.year, a.date", (pid,)):
        out["activities"].append(f"{year}年 {codes.EIGHT_ONES.get(kind, kind)} {d or ''}"
                                 + (f"：{content}" if content else ""))
    return out


def load_archive(pid: str) -> ArchiveData:
    p = people.resolve(pid)
    person = {f: _shown(PERSON_FIELDS[f], getattr(p, f)) for f in BASIC_FIELDS}
    parts: dict[str, list[Row]] = {}
    for part in PARTS.values():
        q = part.model.select().where((part.model.person == p.id) & (part.model.deleted == False))  # noqa: E712
        order = [part.model.seq, part.model.created_at] if part.ordered else [part.model.created_at]
        if part.key == "assessments":
            order = [Assessment.year]
        rows = q.order_by(*order)
        parts[part.key] = [Row(r.id, {s.name: _shown(s, getattr(r, s.name)) for s in part.specs}) for r in rows]
    return ArchiveData(p.id, person, p.village.name if p.village_id else "",
                       bytes(p.photo) if p.photo else None, parts, _history(p.id))


def _parse_rows(part: Part, rows: list[Row]) -> list[tuple[str | None, dict]]:
    out = []
    for i, row in enumerate(rows):
        if not any((row.values.get(c) or "").strip() for c in part.columns):
            continue                               # an empty row the clerk added and left
        values = {}
        for spec in part.specs:
            try:
                values[spec.name] = spec.parse(row.values.get(spec.name, ""))
            except ValidationError as e:
                raise ValidationError(f"{part.title}第{i + 1}行：{e.zh}", f"{part.key} row {i + 1}: {e.en}",
                                      f"{part.key}.{i}.{spec.name}") from None
        out.append((row.id, values))
    return out


def _check_photo(photo: bytes) -> None:
    if photo and not photo.startswith(b"\xff\xd8"):
        raise ValidationError("照片不是 JPEG 图片，请重新选择照片", "photo is not a JPEG", "photo")
    if len(photo) > PHOTO_MAX_BYTES:
        raise ValidationError("照片太大（超过 2 MB），请换一张", "photo too large", "photo")


def save_archive(pid: str, changes: ArchiveChanges) -> list[str]:
    """Check everything, then write it in one transaction; returns the names of what changed
    (person fields, `photo`, part keys). Audited as `edit people PID field,…`."""
    p = people.resolve(pid)
    raw = dict(changes.person or {})
    village_name = raw.pop("village", None)
    parsed = people.parse_person(raw, current=p) if raw else {}
    if "id_number" in parsed:
        people.check_unique_id(parsed["id_number"], except_id=p.id)
    village_id = ...
    if village_name is not None:
        from rural_cadre_desktop.core.regions import find_village
        v = find_village(village_name) if village_name.strip() else None
        if village_name.strip() and v is None:
            raise ValidationError(f"村(社区)“{village_name}”不在本乡镇的列表中，请先在“村(社区)”里添加",
                                  "unknown village", "village")
        village_id = v.id if v else None
    if changes.photo is not None:
        _check_photo(changes.photo)
    unknown = set(changes.parts) - set(PARTS)
    if unknown:
        raise ValidationError(f"没有“{sorted(unknown)[0]}”这一部分", "unknown archive part", sorted(unknown)[0])
    parsed_parts = {k: _parse_rows(PARTS[k], rows) for k, rows in changes.parts.items()}
    changed: list[str] = []
    with db.database.atomic():
        values = dict(parsed)
        if village_id is not ...:
            values["village"] = village_id
        if changes.photo is not None:
            values["photo"] = changes.photo or None
        changed += [f for f in store.update(p, values) if f not in ("name_initials", "name_strokes", "name_pinyin")]
        for key, rows in parsed_parts.items():
            if _write_part(p.id, PARTS[key], rows):
                changed.append(key)
        if changed:
            store.audit_edit("people", p.id, changed)
    return changed


def _write_part(pid: str, part: Part, rows: list[tuple[str | None, dict]]) -> bool:
    model = part.model
    existing = {r.id: r for r in model.select().where((model.person == pid) & (model.deleted == False))}  # noqa: E712
    touched = False
    kept = set()
    for seq, (rid, values) in enumerate(rows):
        if part.ordered:
            values["seq"] = seq
        row = existing.get(rid) if rid else None
        if row is None:
            store.insert(model, person=pid, **values)
            touched = True
        else:
            kept.add(rid)
            touched |= bool(store.update(row, values))
    for rid, row in existing.items():
        if rid not in kept:
            store.soft_delete(row)
            touched = True
    return touched
