"""Column header names as offices really write them, per field.

Kept apart from the importer so that filling a superior's template (a later issue) can map its
columns with the same table. Keys are "<table>.<field>": person.*, returnee.*, reserve.*,
attendance.*, plus "village" (the person's 村(社区)) and "ignore.seq" (序号).
"""
from __future__ import annotations

import re
import unicodedata

from rural_cadre_desktop.core.validation import to_halfwidth

# field key -> (exact names, words that identify the field when contained in a longer header)
SYNONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ignore.seq": (("序号", "编号", "序", "No", "NO"), ()),
    "village": (("村别", "所在村", "村(社区)", "村社区", "村名", "村", "村居", "社区", "行政村", "所属村",
                 "所在村(社区)", "村(居)", "户籍所在村", "村委会", "村别(社区)"), ("所在村", "村别", "村(社区)")),
    "person.name": (("姓名", "名字", "姓 名", "人员姓名"), ("姓名",)),
    "person.id_number": (("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "居民身份证号",
                          "居民身份证号码", "身份证件号码"), ("身份证", "身份号码", "证件号")),
    "person.sex": (("性别",), ("性别",)),
    "person.birth_date": (("出生年月", "出生日期", "出生年月日", "生日", "出生时间"), ("出生",)),
    "person.ethnicity": (("民族",), ("民族",)),
    "person.political_status": (("政治面貌", "政治面目", "党派"), ("政治面",)),
    "person.party_join_date": (("入党时间", "入党年月", "入党日期"), ("入党时间", "入党年月")),
    "person.education": (("学历", "文化程度", "最高学历", "文化", "学历学位"), ("学历", "文化程度")),
    "person.phone": (("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "联系手机"),
                     ("电话", "手机", "联系方式")),
    "person.native_place": (("籍贯",), ()),
    "person.birthplace": (("出生地",), ()),
    "person.address": (("住址", "家庭住址", "现住址", "户籍地址", "家庭地址"), ("住址",)),
    "person.current_post": (("现任职务", "现职务"), ()),
    "person.specialty": (("特长", "专长", "熟悉专业有何专长"), ("专长",)),
    "person.health": (("健康状况",), ()),
    "returnee.status": (("状态", "是否返乡", "目前状态", "人员状态", "类别"), ()),
    "returnee.return_date": (("返乡时间", "返乡日期", "回乡时间"), ("返乡时间",)),
    "returnee.work_place": (("务工地点", "务工经商地点", "流向", "外出地点", "务工地", "工作地点", "所在地",
                             "外出务工地点", "创业地点", "务工经商地"), ("地点", "流向")),
    "returnee.industry": (("从业情况", "从事行业", "从事行业及职务", "行业", "从事职业", "职业", "从业类型",
                           "务工经商类型"), ("行业", "从业")),
    "returnee.enterprise": (("企业名称", "单位名称", "工作单位", "所在企业"), ("企业", "单位")),
    "returnee.position": (("职务",), ()),
    "returnee.business_scale": (("经营规模", "规模", "年收入"), ("规模",)),
    "returnee.business_registered_date": (("创业登记时间", "登记时间", "注册时间"), ()),
    "returnee.wants_return": (("是否有返乡意愿", "返乡意愿", "有无返乡意愿", "是否愿意返乡"), ("返乡意愿", "愿意返乡", "愿返乡", "向返乡")),
    "returnee.wants_business": (("返乡创业意向", "是否有创业意向", "创业意向", "有无创业意愿", "返乡创业意愿"),
                                ("创业意", "愿创业", "向创业")),
    "returnee.wants_party": (("入党意向", "是否有入党意向", "入党意愿", "有无入党意愿"), ("入党意", "愿入党", "向入党")),
    "returnee.wants_cadre": (("任村干部意向", "是否愿意任村干部", "任职意向", "村干部意向"), ("村干部意", "任职意", "愿任村干部", "向任村干部")),
    "returnee.contact_cadre": (("联系干部", "一对一联系干部", "包联干部", "结对干部"), ("联系干部", "包联")),
    "returnee.mentor": (("传帮带结对人", "结对人", "帮带人"), ()),
    "returnee.honorary_role": (("荣誉职务", "百人团荣誉职务"), ("荣誉",)),
    "returnee.remarks": (("备注", "说明"), ("备注",)),
    "reserve.track": (("后备类别", "后备类型", "人选类别", "类别"), ("后备类",)),
    "reserve.entered_date": (("入库时间", "确定时间", "纳入时间"), ("入库",)),
    "reserve.recommended_by": (("推荐方式", "推荐渠道", "推荐类型"), ("推荐",)),
    "reserve.cultivation": (("培养措施", "培养方式"), ("培养",)),
    "reserve.mentor": (("帮带人", "传帮带", "培养联系人", "结对帮带人"), ("帮带",)),
    "reserve.remarks": (("备注",), ("备注",)),
    "attendance.exam_result": (("考核结果", "考试成绩", "成绩", "考核等次", "结业考核"), ("考核", "成绩")),
    "attendance.remarks": (("备注",), ("备注",)),
}

# Which field keys each ledger kind takes (order = the order shown in the wizard).
_PERSON = ["village", "person.name", "person.id_number", "person.sex", "person.birth_date",
           "person.ethnicity", "person.political_status", "person.party_join_date", "person.education",
           "person.phone", "person.native_place", "person.birthplace", "person.address", "person.current_post",
           "person.specialty", "person.health"]
KIND_FIELDS: dict[str, list[str]] = {
    "returnees": _PERSON + [k for k in SYNONYMS if k.startswith("returnee.")],
    "reserves": _PERSON + [k for k in SYNONYMS if k.startswith("reserve.")],
    "attendance": _PERSON + [k for k in SYNONYMS if k.startswith("attendance.")],
}

_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_NOISE = re.compile(r"[\s*＊:：、/\\_\-—.·]")


def norm_header(text) -> str:
    """A header cell reduced to its words: no spaces, line breaks, marks, full-width forms."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", to_halfwidth(str(text)))
    return _NOISE.sub("", s).replace("（", "(").replace("）", ")")


_EXACT: dict[str, list[str]] = {}
for _key, (_names, _) in SYNONYMS.items():
    for _n in _names:
        _EXACT.setdefault(norm_header(_n), []).append(_key)


def match_header(text, kind: str) -> str | None:
    """The field key a header cell names for this ledger kind, or None."""
    allowed = KIND_FIELDS[kind] + ["ignore.seq"]
    h = norm_header(text)
    if not h or h.isdigit():
        return None
    for candidate in (h, _BRACKETS.sub("", h)):
        for key in _EXACT.get(candidate, ()):
            if key in allowed:
                return key
    for key in allowed:
        for word in SYNONYMS[key][1]:
            if word and norm_header(word) in h:
                return key
    return None


def field_label(key: str) -> str:
    """The Chinese name of a field key, as the wizard and reports show it."""
    return SYNONYMS[key][0][0] if key in SYNONYMS else key
