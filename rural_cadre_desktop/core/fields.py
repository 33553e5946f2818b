"""Field specifications: one place that says, for every editable field, its Chinese label and
how a typed or imported value is checked and normalised. The GUI forms, `edit` on the command
line and the spreadsheet importer all use these, so "same validation as the GUI" holds by design.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core import validation as v


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    parse: Callable[[Any], Any]
    required: bool = False
    choices: dict[str, str] | None = None        # enumerations: identifier -> label
    code_list: codes.CodeList | None = None      # GB/T coded fields
    type: str = "text"                           # text date bool code enum int num: what the value is

    def display(self, value) -> str:
        """The value as a clerk reads it."""
        if value is None or value == "":
            return ""
        if self.code_list is not None:
            return self.code_list.name(value) or str(value)
        if self.choices is not None:
            return self.choices.get(value, str(value))
        if isinstance(value, bool):
            return "是" if value else "否"
        return str(value)


def _text(label: str, field: str, limit: int = 200):
    def parse(raw):
        s = v.clean_text(raw)
        if len(s) > limit:
            raise v.ValidationError(f"{label}太长（{len(s)}字，最多{limit}字）", f"{field} too long", field)
        return s or None
    return parse


def text(name, label, limit=200, required=False):
    base = _text(label, name, limit)

    def parse(raw):
        s = base(raw)
        if required and not s:
            raise v.ValidationError(f"{label}不能为空", f"{name} is required", name)
        return s
    return FieldSpec(name, label, parse, required)


def date(name, label, required=False, past=False):
    """past: the date cannot lie ahead (a birth, a return home)."""
    def parse(raw):
        d = v.parse_date(raw, name, label)
        if required and not d:
            raise v.ValidationError(f"{label}不能为空", f"{name} is required", name)
        return v.not_future(d, name, label) if past else d
    return FieldSpec(name, label, parse, required, type="date")


def boolean(name, label):
    return FieldSpec(name, label, lambda raw: v.parse_bool(raw, name, label), type="bool")


def coded(name, label, code_list):
    return FieldSpec(name, label, lambda raw: v.parse_code(code_list, raw, name), code_list=code_list, type="code")


def enum(name, label, choices, required=False, default=None):
    def parse(raw):
        val = v.parse_enum(choices, raw, name, label)
        if val is None and required:
            if default is not None:
                return default
            raise v.ValidationError(f"{label}不能为空", f"{name} is required", name)
        return val
    return FieldSpec(name, label, parse, required, choices=choices, type="enum")


def integer(name, label, lo=None, hi=None, required=False):
    def parse(raw):
        val = v.parse_int(raw, name, label, lo, hi)
        if val is None and required:
            raise v.ValidationError(f"{label}不能为空", f"{name} is required", name)
        return val
    return FieldSpec(name, label, parse, required, type="int")


def decimal(name, label):
    return FieldSpec(name, label, lambda raw: v.parse_decimal(raw, name, label), type="num")


PERSON_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    FieldSpec("name", "姓名", v.normalise_name, required=True),
    FieldSpec("id_number", "身份证号", v.normalise_id_number),
    coded("sex", "性别", codes.SEX),
    date("birth_date", "出生年月", past=True),
    coded("ethnicity", "民族", codes.ETHNICITY),
    coded("political_status", "政治面貌", codes.POLITICAL_STATUS),
    date("party_join_date", "入党时间"),
    coded("education", "学历", codes.EDUCATION),
    FieldSpec("phone", "联系电话", v.normalise_phone),
    text("native_place", "籍贯", 50),
    text("birthplace", "出生地", 50),
    date("work_start_date", "参加工作时间"),
    text("health", "健康状况", 20),
    text("tech_title", "专业技术职务", 50),
    text("specialty", "熟悉专业有何专长", 200),
    text("current_post", "现任职务", 100),
    text("address", "住址", 200),
    text("remarks", "备注", 2000),
]}

RETURNEE_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    enum("status", "状态", codes.RETURNEE_STATUS, required=True, default="away"),
    date("return_date", "返乡时间", past=True),
    text("work_place", "流向（务工地点）", 100),
    text("industry", "从事行业", 100),
    text("enterprise", "企业名称", 100),
    text("position", "职务", 50),
    text("business_scale", "经营规模", 100),
    date("business_registered_date", "创业登记时间"),
    boolean("wants_return", "有返乡意愿"),
    boolean("wants_business", "有返乡创业意向"),
    boolean("wants_party", "有入党意向"),
    boolean("wants_cadre", "有任村干部意向"),
    boolean("four_political", "有政治觉悟"),
    boolean("four_economic", "有经济实力"),
    boolean("four_reputation", "有良好口碑"),
    boolean("four_hometown", "有回报家乡意愿"),
    enum("honorary_role", "百人团荣誉职务", codes.HONORARY_ROLES),
    text("contact_cadre", "一对一联系干部", 50),
    text("mentor", "传帮带结对人", 50),
    decimal("startup_subsidy", "一次性创业补贴（元）"),
    decimal("loan_guarantee", "贷款担保（元）"),
    text("remarks", "备注", 2000),
]}

ACTIVITY_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    integer("year", "年度", 2000, 2100, required=True),
    enum("kind", "活动类别", codes.EIGHT_ONES, required=True),
    date("date", "日期"),
    text("place", "地点", 100),
    text("content", "内容", 4000),
    enum("status", "办理状态", codes.ACTIVITY_STATUS),
    text("answer", "办理结果", 4000),
]}

RESERVE_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    enum("track", "后备类别", codes.RESERVE_TRACKS, required=True, default="two_committees"),
    enum("status", "在库状态", codes.RESERVE_STATUS, required=True, default="active"),
    date("entered_date", "入库时间"),
    date("left_date", "出库时间"),
    text("left_reason", "出库原因", 500),
    enum("recommended_by", "推荐方式", codes.RECOMMENDED_BY),
    text("cultivation", "培养措施", 2000),
    text("mentor", "帮带人", 50),
    text("remarks", "备注", 2000),
]}

VETTING_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    enum("step", "审查环节", codes.VETTING_STEPS, required=True),
    date("date", "日期"),
    enum("result", "结果", codes.VETTING_RESULTS, required=True, default="pending"),
    text("reviewer", "审查人", 50),
    text("remarks", "备注", 2000),
]}

REVIEW_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    integer("year", "年度", 2000, 2100, required=True),
    enum("rating", "评议等次", codes.REVIEW_RATINGS, required=True),
    text("reviewer", "评议人", 50),
    text("negative_list", "负面清单情形", 2000),
    text("remarks", "备注", 2000),
]}

CADRE_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    enum("post", "职务", codes.CADRE_POSTS, required=True),
    boolean("holds_both_posts", "一肩挑"),
    date("term_start", "任职时间"),
    date("term_end", "离任时间"),
]}

TRAINING_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    text("name", "培训班名称", 100, required=True),
    enum("kind", "培训形式", codes.TRAINING_KINDS, required=True),
    enum("level", "层级", codes.TRAINING_LEVELS, required=True),
    enum("target", "培训对象", codes.TRAINING_TARGETS),
    date("start_date", "开始日期"),
    date("end_date", "结束日期"),
    decimal("days", "天数"),
    text("place", "地点", 100),
    text("organizer", "主办单位", 100),
    FieldSpec("outside_county", "县外培训", lambda raw: (None if v.parse_bool(raw, "outside_county", "县外培训")
                                                        is None else ("1" if v.parse_bool(raw) else "0")), type="bool"),
    text("remarks", "备注", 2000),
]}

ATTENDANCE_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    text("exam_result", "考核结果", 50),
    text("remarks", "备注", 2000),
]}

VILLAGE_FIELDS: dict[str, FieldSpec] = {f.name: f for f in [
    text("name", "村(社区)名称", 30, required=True),
    FieldSpec("code", "区划代码", v.parse_region_code),
]}
