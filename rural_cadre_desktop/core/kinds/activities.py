"""“八个一” activities: one record per activity of a year, its participants as link rows."""
from __future__ import annotations

from rural_cadre_desktop.core import codes, fields
from rural_cadre_desktop.core.kinds.common import SYNC
from rural_cadre_desktop.core.kinds.spec import Col, Export, FormSpec, RecordKind, form_col

ACTIVITIES = RecordKind(
    "activities", "八个一活动", "Activity",
    Export("a", (Col("id", "a.id"), Col("year", "a.year"), Col("kind", "a.kind"), Col("date", "a.date"),
                 Col("place", "a.place"), Col("content", "a.content"), Col("status", "a.status"),
                 Col("answer", "a.answer"), Col("village_id", "v.id"), Col("village", "v.name"),
                 Col("person_ids", "(SELECT group_concat(ap.person_id, ',') FROM activity_participant ap "
                                   "WHERE ap.activity_id = a.id AND ap.deleted = 0)", "list"),
                 Col("deleted", "a.deleted", "bool"), *SYNC),
           "LEFT JOIN village v ON v.id = a.village_id", "a.year, a.date, a.rowid"),
    fields.ACTIVITY_FIELDS, parts=(("ActivityParticipant", ("activity", "person")),),
    forms=(FormSpec("activities", "“八个一”活动（按参与人）", (
        form_col("activity.year", "年度", "int", source="year", synonyms=(("年度",), ())),
        form_col("activity.kind", "活动类别", "enum", source="activity_kind", enum=codes.EIGHT_ONES,
                 synonyms=(("活动类别", "活动类型", "八个一类别"), ("活动类",))),
        form_col("activity.date", "活动时间", "date", source="date", synonyms=(("活动时间", "活动日期"), ("活动时",))),
        form_col("activity.place", "地点", source="place", synonyms=(("活动地点",), ())),
        form_col("activity.content", "活动内容", source="content", synonyms=(("活动内容", "主要内容"), ("内容",))),
    ), match="returnees", rows="participants", year_key="year"),),
)

KINDS = (ACTIVITIES,)
