"""Blocks every person-bearing kind shares: the person's and the village's export keys, ledger
columns, import fields (with the header wordings offices use) and form columns, and the sync
keys every record exports. A kind module puts these beside its own."""
from __future__ import annotations

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.kinds.spec import Col, LedgerColumn, FormColumn, ImportField, form_col

# ---- export (JSON/CSV) ---------------------------------------------------------------------
SYNC = (Col("created_at", "{a}.created_at", "clock"), Col("modified_at", "{a}.modified_at", "clock"),
        Col("modified_by", "{a}.modified_by"))
PERSON = (Col("person_id", "p.id"), Col("name", "p.name"), Col("id_number", "p.id_number"),
          Col("sex", "p.sex", "code:sex"), Col("birth_date", "p.birth_date"), Col("phone", "p.phone"))
PERSON_MORE = (Col("ethnicity", "p.ethnicity", "code:ethnicity"),
               Col("political_status", "p.political_status", "code:political_status"),
               Col("education", "p.education", "code:education"))
VILLAGE = (Col("village_id", "v.id"), Col("village", "v.name"), Col("township", "t.name"))


def person_joins(alias: str, village: str) -> str:
    """The joins that give `p` (the record's person), `v` (village: `village`) and `t` (township)."""
    return (f"JOIN person p ON p.id = {alias}.person_id "
            f"LEFT JOIN village v ON v.id = {village} LEFT JOIN township t ON t.id = v.township_id")


def deleted(alias: str) -> Col:
    return Col("deleted", f"{alias}.deleted", "bool")


# ---- ledger columns ------------------------------------------------------------------------
SEQ = LedgerColumn("序号", 1.0, 6)                     # every ledger's first column (core.ledgers.standard adds it)
L_VILLAGE = LedgerColumn("村(社区)", 1.4, 12, "v.name")
L_NAME = LedgerColumn("姓名", 1.3, 10, "p.name")
L_SEX = LedgerColumn("性别", 0.6, 6, "p.sex", codes.SEX)
L_BIRTH = LedgerColumn("出生年月", 1.4, 10, "p.birth_date", "date")
L_ID = LedgerColumn("身份证号", 3.2, 21, "p.id_number", "id")
L_POLITICAL = LedgerColumn("政治面貌", 1.3, 12, "p.political_status", "political")
L_EDUCATION = LedgerColumn("学历", 1.9, 12, "p.education", codes.EDUCATION)
L_PHONE = LedgerColumn("联系电话", 2.1, 14, "p.phone", "phone")
PERSON_JOIN = "JOIN person p ON p.id = x.person_id LEFT JOIN village v ON v.id = p.village_id"


def span_sql(start: str, end: str) -> str:
    """Two dates as a ledger prints a span: 2025-04-08至2025-04-17, one date when both agree."""
    return (f"CASE WHEN COALESCE({start}, '') = '' THEN COALESCE({end}, '') "
            f"WHEN COALESCE({end}, '') = '' OR {end} = {start} THEN {start} ELSE {start} || '至' || {end} END")


# ---- import: the person's columns in an office's ledger --------------------------------------
SEQ_WORDS = ImportField("seq", ("序号", "编号", "序", "No", "NO"))       # key "ignore.seq": never imported
VILLAGE_WORDS = ImportField("village", ("村别", "所在村", "村(社区)", "村社区", "村名", "村", "村居", "社区", "行政村",
                                        "所属村", "所在村(社区)", "村(居)", "户籍所在村", "村委会", "村别(社区)"),
                            ("所在村", "村别", "村(社区)"))                 # key "village": the row's 村(社区)
PERSON_IMPORT = (
    ImportField("name", ("姓名", "名字", "姓 名", "人员姓名"), ("姓名",)),
    ImportField("id_number", ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "居民身份证号",
                              "居民身份证号码", "身份证件号码"), ("身份证", "身份号码", "证件号")),
    ImportField("sex", ("性别",), ("性别",), True),
    ImportField("birth_date", ("出生年月", "出生日期", "出生年月日", "生日", "出生时间"), ("出生",), True),
    ImportField("ethnicity", ("民族",), ("民族",), True),
    ImportField("political_status", ("政治面貌", "政治面目", "党派"), ("政治面",), True),
    ImportField("party_join_date", ("入党时间", "入党年月", "入党日期"), ("入党时间", "入党年月"), True),
    ImportField("education", ("学历", "文化程度", "最高学历", "文化", "学历学位"), ("学历", "文化程度"), True),
    ImportField("phone", ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "联系手机"),
                ("电话", "手机", "联系方式")),
    ImportField("native_place", ("籍贯",)),
    ImportField("birthplace", ("出生地",)),
    ImportField("address", ("住址", "家庭住址", "现住址", "户籍地址", "家庭地址"), ("住址",)),
    ImportField("current_post", ("现任职务", "现职务")),
    ImportField("specialty", ("特长", "专长", "熟悉专业有何专长"), ("专长",)),
    ImportField("health", ("健康状况",), (), True),
)

# ---- form columns (fill-template, custom reports): the person's ------------------------------
FORM_PERSON: tuple[FormColumn, ...] = (
    form_col("village", "村(社区)", source="village"),
    form_col("person.township", "乡镇", source="township",
             synonyms=(("乡镇", "所在乡镇", "乡镇(街道)", "镇办", "乡镇名称"), ())),
    form_col("person.name", "姓名"), form_col("person.sex", "性别", source="sex_name"),
    form_col("person.id_number", "身份证号", "id"), form_col("person.birth_date", "出生年月", "date"),
    form_col("derived.age", "年龄", "int", "", synonyms=(("年龄", "岁数", "年龄(岁)", "周岁"), ("年龄",))),
    form_col("person.ethnicity", "民族", source="ethnicity_name"),
    form_col("person.political_status", "政治面貌", source="political_status_name"),
    form_col("person.party_join_date", "入党时间", "date", person_only=True),
    form_col("derived.party_years", "党龄", "int", "", synonyms=(("党龄", "党龄(年)"), ("党龄",))),
    form_col("person.education", "学历", source="education_name"), form_col("person.phone", "联系电话", "phone"),
    form_col("person.native_place", "籍贯", person_only=True), form_col("person.birthplace", "出生地", person_only=True),
    form_col("person.address", "家庭住址", person_only=True), form_col("person.current_post", "现任职务", person_only=True),
    form_col("person.specialty", "特长", person_only=True), form_col("person.health", "健康状况", person_only=True),
    form_col("person.work_start_date", "参加工作时间", "date", person_only=True, synonyms=(("参加工作时间",), ())),
)
