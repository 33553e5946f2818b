"""The trainings as lists: every training session with how many attended (the 培训记录 tab), and
the attendance of one training (参训人员), as SQL fetched as tuples (core/listing.SqlList)."""
from __future__ import annotations

from dataclasses import dataclass

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.listing import (
    ListColumn,
    ListQuery,
    SqlList,
    db,
    ids_param,
    like_pattern,
    name_search,
)

ATTENDEES = "(SELECT count(*) FROM attendance a WHERE a.training_id = t.id AND a.deleted = 0)"

COLUMNS = [
    ListColumn("name", "名称", "t.name"),
    ListColumn("kind", "形式", "t.kind"),
    ListColumn("level", "层级", "t.level"),
    ListColumn("target", "对象", "t.target"),
    ListColumn("start_date", "开始", "t.start_date"),
    ListColumn("end_date", "结束", "t.end_date"),
    ListColumn("days", "天数", "t.days"),
    ListColumn("hours", "学时", "t.hours"),
    ListColumn("place", "地点", "t.place"),
    ListColumn("attendees", "参训人数", ATTENDEES),
]


@dataclass(frozen=True)
class TrainingQuery(ListQuery):
    """Filters of the trainings list; None means all. `year`: the year the training started."""
    kind: str | None = None             # codes.TRAINING_KINDS
    level: str | None = None            # codes.TRAINING_LEVELS
    target: str | None = None           # codes.TRAINING_TARGETS
    year: int | None = None
    only: tuple[str, ...] | None = None


class TrainingList(SqlList):
    query_class = TrainingQuery

    def conditions(self, q: TrainingQuery) -> tuple[list[str], list]:
        conds, params = [], []
        for field, allowed in (("kind", codes.TRAINING_KINDS), ("level", codes.TRAINING_LEVELS),
                               ("target", codes.TRAINING_TARGETS)):
            value = getattr(q, field)
            if value:
                if value not in allowed:
                    raise ValueError(value)
                conds.append(f"t.{field} = ?"); params.append(value)
        if q.year:
            conds.append("t.start_date >= ? AND t.start_date < ?")
            params += [f"{int(q.year):04d}", f"{int(q.year) + 1:04d}"]
        text = q.search.strip()
        if text:
            pat = like_pattern(text)
            conds.append("(t.name LIKE ? ESCAPE '\\' OR t.place LIKE ? ESCAPE '\\')"); params += [pat, pat]
        if q.only is not None:
            conds.append("t.id IN (SELECT value FROM json_each(?))"); params.append(ids_param(q.only))
        return conds, params


TRAININGS = TrainingList(COLUMNS, "training_session t", "t.id", base_where="t.deleted = 0",
                         default_order="t.start_date DESC", page_key="t.rowid")


def count(q: TrainingQuery | None = None) -> int:
    return TRAININGS.count(q)


def training_ids(q: TrainingQuery | None = None) -> list[str]:
    """The listed trainings' ids in the list's order: "the current list"."""
    return TRAININGS.keys(q)


def rows(q: TrainingQuery | None = None, offset: int = 0, limit: int | None = None) -> list[tuple]:
    """(id, *COLUMNS values, rowid) in the list's order."""
    return TRAININGS.rows(q, offset, limit)


def choices() -> list[tuple[str, str, str | None]]:
    """(id, name, start date) of every live training, newest first: for a 培训班 picker."""
    return list(db().execute_sql(
        "SELECT t.id, t.name, t.start_date FROM training_session t WHERE t.deleted = 0 "
        "ORDER BY t.start_date DESC, t.rowid"))


def training(training_id: str) -> dict | None:
    """One live training's fields (raw stored values), or None."""
    keys = ["id", "name", "kind", "level", "target", "start_date", "end_date", "days", "hours", "place", "organizer",
            "outside_county", "content", "remarks"]
    row = db().execute_sql(f"SELECT {', '.join('t.' + k for k in keys)} FROM training_session t "
                            "WHERE t.id = ? AND t.deleted = 0", [training_id]).fetchone()
    return dict(zip(keys, row)) if row else None


# -- who attended one training ------------------------------------------------------------------
ATTENDANCE_COLUMNS = [
    ListColumn("name", "姓名", "p.name", sort="p.name_strokes"),
    ListColumn("village", "村(社区)", "v.name", sort="v.sort_order"),
    ListColumn("sex", "性别", "p.sex"),
    ListColumn("birth_date", "出生年月", "p.birth_date"),
    ListColumn("political_status", "政治面貌", "p.political_status"),
    ListColumn("education", "学历", "p.education"),
    # empty attended_days means the whole class: shown as the class's days
    ListColumn("attended_days", "参训天数",
               "COALESCE(a.attended_days, (SELECT t.days FROM training_session t WHERE t.id = a.training_id))"),
    ListColumn("exam_result", "考试(考核)结果", "a.exam_result"),
    ListColumn("certificate_no", "证书编号", "a.certificate_no"),
    ListColumn("remarks", "备注", "a.remarks"),
]


@dataclass(frozen=True)
class AttendanceQuery(ListQuery):
    """The attendance of one training (`training_id` is required); search by name or initials."""
    training_id: str = ""
    village_id: str | None = None

    _NOT_FILTERS = ("sort", "descending", "training_id")


class AttendanceList(SqlList):
    query_class = AttendanceQuery

    def conditions(self, q: AttendanceQuery) -> tuple[list[str], list]:
        conds, params = ["a.training_id = ?"], [q.training_id]
        if q.village_id:
            conds.append("p.village_id = ?"); params.append(q.village_id)
        if q.search.strip():
            c, p = name_search(q.search)
            conds.append(c); params += p
        return conds, params


ATTENDANCE = AttendanceList(
    ATTENDANCE_COLUMNS,
    "attendance a JOIN person p ON p.id = a.person_id LEFT JOIN village v ON v.id = p.village_id",
    "a.id", base_where="a.deleted = 0 AND p.deleted = 0", default_order="v.sort_order, p.name_strokes",
    page_key="a.rowid")


def attendance(training_id: str) -> list[dict]:
    """Who attended this training: {id (attendance.id), person_id, name, village, …} in roster order."""
    keys = ["id", "person_id"] + [c.key for c in ATTENDANCE_COLUMNS]
    sql = (f"SELECT a.id, a.person_id, {', '.join(c.expr for c in ATTENDANCE_COLUMNS)} "
           f"FROM {ATTENDANCE.from_sql} WHERE a.deleted = 0 AND p.deleted = 0 AND a.training_id = ? "
           f"ORDER BY {ATTENDANCE.default_order}, a.rowid")
    return [dict(zip(keys, r)) for r in db().execute_sql(sql, [training_id])]


def attendance_count(training_id: str) -> int:
    return ATTENDANCE.count(AttendanceQuery(training_id=training_id))


def person_history(person_id: str) -> list[dict]:
    """One person's trainings (一人一档, the archive sheet's 培训情况), oldest first: training_id, name,
    kind, level, start_date, end_date, days (the class's), attended_days (what counts: the recorded
    days, else the class's), exam_result, certificate_no. Deleted classes and attendance left out."""
    keys = ["training_id", "name", "kind", "level", "start_date", "end_date", "days", "attended_days",
            "exam_result", "certificate_no"]
    sql = ("SELECT t.id, t.name, t.kind, t.level, t.start_date, t.end_date, t.days, COALESCE(a.attended_days, t.days), "
           "a.exam_result, a.certificate_no FROM attendance a JOIN training_session t ON t.id = a.training_id "
           "WHERE a.person_id = ? AND a.deleted = 0 AND t.deleted = 0 ORDER BY t.start_date, t.rowid")
    return [dict(zip(keys, r)) for r in db().execute_sql(sql, [person_id])]
