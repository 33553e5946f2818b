"""Every column a filled form or a custom report can carry, per record kind.

One catalogue serves both: the keys are the ledger importer's field keys (core.ledgers.synonyms:
"person.name", "village", "returnee.work_place" …) so its header table maps a superior's form
straight onto them, plus keys for what only output needs: derived figures ("derived.age" at a
date, 党龄, this year's "八个一", training days, village coverage) and the training/activity a row
belongs to. Extra header wordings the import table lacks live in EXTRA_SYNONYMS.
"""
from __future__ import annotations

from dataclasses import dataclass

from rural_cadre_desktop.core import codes

# kind -> (Chinese name, ledger kind whose header synonyms apply)
KINDS: dict[str, tuple[str, str]] = {
    "returnees": ("返乡人员（在外创业经商人员）", "returnees"),
    "reserves": ("村级后备干部", "reserves"),
    "attendance": ("参训记录", "attendance"),
    "trainees": ("参训人员（按人汇总）", "attendance"),
    "activities": ("“八个一”活动（按参与人）", "returnees"),
    "cadres": ("村两委成员", "returnees"),
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = "text"     # text id phone date int num yesno enum seq
    source: str = ""       # record key (export_records naming); "" for derived
    enum: dict | None = None
    person_only: bool = False   # lives on the person, not on every kind's export row

    @property
    def summable(self) -> bool:
        # ages, 党龄 and years are counted per person, never added up in a 合计 row
        return self.type in ("int", "num") and self.key not in ("derived.age", "derived.party_years", "activity.year")


def _c(key, label, type_="text", source=None, enum=None, person_only=False) -> Column:
    return Column(key, label, type_, key.split(".", 1)[-1] if source is None else source, enum, person_only)


SEQ = Column("ignore.seq", "序号", "seq")
PERSON = [
    _c("village", "村(社区)", source="village"), _c("person.township", "乡镇", source="township"),
    _c("person.name", "姓名"), _c("person.sex", "性别", source="sex_name"),
    _c("person.id_number", "身份证号", "id"), _c("person.birth_date", "出生年月", "date"),
    _c("derived.age", "年龄", "int", ""), _c("person.ethnicity", "民族", source="ethnicity_name"),
    _c("person.political_status", "政治面貌", source="political_status_name"),
    _c("person.party_join_date", "入党时间", "date", person_only=True),
    _c("derived.party_years", "党龄", "int", ""),
    _c("person.education", "学历", source="education_name"), _c("person.phone", "联系电话", "phone"),
    _c("person.native_place", "籍贯", person_only=True), _c("person.birthplace", "出生地", person_only=True),
    _c("person.address", "家庭住址", person_only=True), _c("person.current_post", "现任职务", person_only=True),
    _c("person.specialty", "特长", person_only=True), _c("person.health", "健康状况", person_only=True),
    _c("person.work_start_date", "参加工作时间", "date", person_only=True),
]
DERIVED = [
    _c("derived.eight_ones_count", "本年度“八个一”次数", "int", ""),
    _c("derived.eight_ones_kinds", "本年度“八个一”内容", "text", ""),
    _c("derived.training_days", "本年度培训天数", "num", ""),
    _c("derived.village_secretary_reserve", "本村有无书记后备人选", "yesno", ""),
]
RETURNEE = [
    _c("returnee.status", "状态", "enum", enum=codes.RETURNEE_STATUS),
    _c("returnee.return_date", "返乡时间", "date"), _c("returnee.work_place", "流向（务工地点）"),
    _c("returnee.industry", "从业情况"), _c("returnee.enterprise", "企业名称"), _c("returnee.position", "职务"),
    _c("returnee.business_scale", "经营规模"), _c("returnee.business_registered_date", "创业登记时间", "date"),
    _c("returnee.wants_return", "返乡意愿", "yesno"), _c("returnee.wants_business", "返乡创业意向", "yesno"),
    _c("returnee.wants_party", "入党意向", "yesno"), _c("returnee.wants_cadre", "任村干部意向", "yesno"),
    _c("returnee.honorary_role", "荣誉职务", "enum", enum=codes.HONORARY_ROLES),
    _c("returnee.contact_cadre", "联系干部"), _c("returnee.mentor", "传帮带结对人"),
    _c("returnee.startup_subsidy", "创业补贴（元）", "num"), _c("returnee.loan_guarantee", "贷款担保（元）", "num"),
    _c("returnee.remarks", "备注"),
]
RESERVE = [
    _c("reserve.track", "后备类别", "enum", enum=codes.RESERVE_TRACKS),
    _c("reserve.status", "在库状态", "enum", enum=codes.RESERVE_STATUS),
    _c("reserve.entered_date", "入库时间", "date"),
    _c("reserve.recommended_by", "推荐方式", "enum", enum=codes.RECOMMENDED_BY),
    _c("reserve.cultivation", "培养措施"), _c("reserve.mentor", "帮带人"), _c("reserve.remarks", "备注"),
]
TRAINING = [
    _c("training.name", "培训班名称", source="training"),
    _c("training.kind", "培训形式", "enum", source="training_kind", enum=codes.TRAINING_KINDS),
    _c("training.level", "培训层级", "enum", source="training_level", enum=codes.TRAINING_LEVELS),
    _c("training.start_date", "培训时间", "date", source="start_date"),
    _c("training.days", "培训天数", "num", source="days"),
]
ATTENDANCE = [_c("attendance.exam_result", "考核结果"), _c("attendance.remarks", "备注")]
TRAINEE = [_c("trainee.sessions", "参训次数", "int", source="sessions"),
           _c("trainee.days", "参训天数", "num", source="days"),
           _c("trainee.trainings", "参加的培训班", source="trainings")]
ACTIVITY = [
    _c("activity.year", "年度", "int", source="year"),
    _c("activity.kind", "活动类别", "enum", source="activity_kind", enum=codes.EIGHT_ONES),
    _c("activity.date", "活动时间", "date", source="date"), _c("activity.place", "地点", source="place"),
    _c("activity.content", "活动内容", source="content"),
]
CADRE = [
    _c("cadre.post", "职务", "enum", source="post", enum=codes.CADRE_POSTS),
    _c("cadre.holds_both_posts", "是否“一肩挑”", "yesno", source="holds_both_posts"),
    _c("cadre.term_start", "任职时间", "date", source="term_start"),
]

_BY_KIND = {
    "returnees": PERSON + RETURNEE + DERIVED,
    "reserves": PERSON + RESERVE + DERIVED,
    "attendance": PERSON + TRAINING + ATTENDANCE + DERIVED,
    "trainees": PERSON + TRAINEE + DERIVED,
    "activities": PERSON + ACTIVITY + DERIVED,
    "cadres": PERSON + CADRE + DERIVED,
}


def columns_for(kind: str) -> list[Column]:
    """The catalogue of one kind, 序号 first (the order the column pickers show)."""
    return [SEQ] + _BY_KIND[kind]


def column_index(kind: str) -> dict[str, Column]:
    return {c.key: c for c in columns_for(kind)}


def resolve_column(kind: str, name: str) -> Column | None:
    """A column by key, by the part after the dot ("age"), or by its Chinese label."""
    cols = columns_for(kind)
    name = name.strip()
    for test in (lambda c: c.key == name, lambda c: c.key.split(".", 1)[-1] == name, lambda c: c.label == name):
        hits = [c for c in cols if test(c)]
        if len(hits) == 1:
            return hits[0]
    return None


# Header wordings for keys the importer's table does not know (exact names, contained words);
# checked before the importer's table so that e.g. 培训天数 is not read as something else.
EXTRA_SYNONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "derived.age": (("年龄", "岁数", "年龄(岁)", "周岁"), ("年龄",)),
    "derived.party_years": (("党龄", "党龄(年)"), ("党龄",)),
    "person.township": (("乡镇", "所在乡镇", "乡镇(街道)", "镇办", "乡镇名称"), ()),
    "person.work_start_date": (("参加工作时间",), ()),
    "derived.eight_ones_count": (("八个一次数", "八个一", "八个一活动次数"), ("八个一次",)),
    "derived.eight_ones_kinds": (("八个一内容", "八个一情况", "八个一活动", "参加八个一活动情况"), ("八个一",)),
    "derived.training_days": (("年度培训天数", "本年度培训天数", "累计培训天数", "培训天数合计"), ("培训天数",)),
    "derived.village_secretary_reserve": (("有无书记后备人选", "是否有书记后备人选", "书记后备人选"), ("书记后备",)),
    "training.name": (("培训班名称", "培训名称", "培训班", "培训班次", "培训项目"), ("培训班",)),
    "training.kind": (("培训形式", "培训方式", "培训类型"), ()),
    "training.level": (("培训层级", "培训级别", "举办层级"), ()),
    "training.start_date": (("培训时间", "培训日期", "开班时间"), ("培训时间",)),
    "training.days": (("培训天数", "天数", "学时(天)"), ("天数",)),
    "trainee.sessions": (("参训次数", "培训次数"), ("参训次",)),
    "trainee.days": (("参训天数", "培训天数"), ()),
    "trainee.trainings": (("参加的培训班", "参训班次", "参加培训情况"), ()),
    "activity.kind": (("活动类别", "活动类型", "八个一类别"), ("活动类",)),
    "activity.date": (("活动时间", "活动日期"), ("活动时",)),
    "activity.content": (("活动内容", "主要内容"), ("内容",)),
    "activity.place": (("活动地点",), ()),
    "activity.year": (("年度",), ()),
    "cadre.post": (("职务", "现任职务", "村内职务", "任职情况"), ()),
    "cadre.holds_both_posts": (("是否一肩挑", "一肩挑"), ("一肩挑",)),
    "cadre.term_start": (("任职时间", "任现职时间"), ("任职时",)),
    "reserve.status": (("在库状态", "是否在库"), ()),
    "returnee.startup_subsidy": (("创业补贴", "一次性创业补贴", "补贴金额"), ("补贴",)),
    "returnee.loan_guarantee": (("贷款担保", "担保贷款", "担保金额"), ("担保",)),
}
