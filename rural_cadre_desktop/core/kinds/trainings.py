"""培训班 and 参训记录: every training session, and who attended which."""
from __future__ import annotations

from rural_cadre_desktop.core import codes, fields
from rural_cadre_desktop.core.kinds.common import (L_BIRTH, L_EDUCATION, L_ID, L_NAME, L_PHONE, L_POLITICAL, L_SEX,
                                                   L_VILLAGE, PERSON, PERSON_JOIN, SYNC, VILLAGE, deleted,
                                                   person_joins, span_sql)
from rural_cadre_desktop.core.kinds.spec import (Col, LedgerColumn, Export, FormSpec, ImportField, ImportSpec, LedgerSpec,
                                                 RecordKind, form_col)

TRAININGS = RecordKind(
    "trainings", "培训班", "TrainingSession",
    Export("ts", (Col("id", "ts.id"),
                  *(Col(f, f"ts.{f}") for f in ("name", "kind", "level", "target", "start_date", "end_date", "days",
                                                "hours", "place", "organizer")),
                  Col("outside_county", "COALESCE(ts.outside_county, '') = '1'", "bool"), Col("content", "ts.content"),
                  Col("remarks", "ts.remarks"),
                  Col("attendance_count", "(SELECT count(*) FROM attendance at WHERE at.training_id = ts.id "
                                          "AND at.deleted = 0)"),
                  deleted("ts"), *SYNC),
           "", "ts.start_date, ts.rowid"),
    fields.TRAINING_FIELDS,
    ledger=LedgerSpec(
        "培训班台账", "期", "FROM training_session t", "t.deleted = 0",
        (LedgerColumn("培训班名称", 4.0, 30, "t.name"), LedgerColumn("类别", 1.3, 10, "t.kind", codes.TRAINING_KINDS),
         LedgerColumn("层级", 0.9, 8, "t.level", codes.TRAINING_LEVELS),
         LedgerColumn("对象", 1.4, 12, "t.target", codes.TRAINING_TARGETS),
         LedgerColumn("起止日期", 2.6, 24, span_sql("t.start_date", "t.end_date")), LedgerColumn("天数", 0.7, 6, "t.days", "num"),
         LedgerColumn("地点", 1.8, 16, "t.place"), LedgerColumn("主办单位", 2.2, 18, "t.organizer"),
         LedgerColumn("参训人数", 1.0, 8, "(SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id "
                                    "WHERE a.training_id = t.id AND a.deleted = 0 AND p.deleted = 0)", "count")),
        id="t.id", name=None, order="t.start_date, t.name", village=None,
        no_village="，或导出 attendance（参训人员花名册）", year=("t.start_date", "培训开始年份"), training="t.id"),
)

ATTENDANCE = RecordKind(
    "attendance", "参训记录", "Attendance",
    Export("at", (Col("id", "at.id"), Col("training_id", "at.training_id"), Col("training", "ts.name"),
                  Col("training_kind", "ts.kind"), Col("training_level", "ts.level"),
                  Col("start_date", "ts.start_date"), Col("end_date", "ts.end_date"), Col("days", "ts.days"),
                  Col("attended_days", "at.attended_days"), *PERSON, *VILLAGE, Col("exam_result", "at.exam_result"),
                  Col("certificate_no", "at.certificate_no"), Col("remarks", "at.remarks"),
                  deleted("at"), *SYNC),
           "JOIN training_session ts ON ts.id = at.training_id " + person_joins("at", "p.village_id"),
           "ts.start_date, at.rowid"),
    fields.ATTENDANCE_FIELDS, person_bearing=True, parents=("person", "training"),
    ledger=LedgerSpec(
        "参训人员花名册", "人次", f"FROM attendance x {PERSON_JOIN} JOIN training_session t ON t.id = x.training_id",
        "x.deleted = 0 AND p.deleted = 0 AND t.deleted = 0",
        (LedgerColumn("培训班", 3.0, 24, "t.name"), LedgerColumn("培训时间", 1.6, 11, span_sql("t.start_date", "t.end_date")),
         L_VILLAGE, L_NAME, L_SEX, L_BIRTH, L_ID, L_POLITICAL, L_EDUCATION, L_PHONE,
         LedgerColumn("考核结果", 1.2, 10, "x.exam_result"), LedgerColumn("备注", 1.8, 20, "x.remarks")),
        then_by=("t.start_date", "t.name"), year=("t.start_date", "培训开始年份"), training="t.id",
        roster_of="trainings", menu="参训花名册"),
    importer=ImportSpec("attendance", "培训参训名单", (
        ImportField("exam_result", ("考核结果", "考试成绩", "成绩", "考核等次", "结业考核"), ("考核", "成绩"), True),
        ImportField("remarks", ("备注",), ("备注",)),
    ), training=True, help="参训名单"),
    forms=(
        FormSpec("attendance", "参训记录", (
            form_col("training.name", "培训班名称", source="training",
                     synonyms=(("培训班名称", "培训名称", "培训班", "培训班次", "培训项目"), ("培训班",))),
            form_col("training.kind", "培训形式", "enum", source="training_kind", enum=codes.TRAINING_KINDS,
                     synonyms=(("培训形式", "培训方式", "培训类型"), ())),
            form_col("training.level", "培训层级", "enum", source="training_level", enum=codes.TRAINING_LEVELS,
                     synonyms=(("培训层级", "培训级别", "举办层级"), ())),
            form_col("training.start_date", "培训时间", "date", source="start_date",
                     synonyms=(("培训时间", "培训日期", "开班时间"), ("培训时间",))),
            form_col("training.days", "培训天数", "num", source="days",
                     synonyms=(("培训天数", "天数", "学时(天)"), ("天数",))),
            form_col("attendance.exam_result", "考核结果"), form_col("attendance.remarks", "备注"),
        ), match="attendance", year_key="start_date"),
        FormSpec("trainees", "参训人员（按人汇总）", (
            form_col("trainee.sessions", "参训次数", "int", source="sessions",
                     synonyms=(("参训次数", "培训次数"), ("参训次",))),
            form_col("trainee.days", "参训天数", "num", source="days", synonyms=(("参训天数", "培训天数"), ())),
            form_col("trainee.trainings", "参加的培训班", source="trainings",
                     synonyms=(("参加的培训班", "参训班次", "参加培训情况"), ())),
        ), match="attendance", rows="per_person", year_key="start_date"),
    ),
)

KINDS = (TRAININGS, ATTENDANCE)
