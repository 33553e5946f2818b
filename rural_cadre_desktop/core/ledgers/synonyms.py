"""Column header names as offices really write them, per field — read from the kinds'
declarations (core/kinds/: common.PERSON_IMPORT for the person, ImportSpec.fields per kind).

Kept apart from the importer so that filling a superior's template can map its columns with the
same table. Keys are "<prefix>.<field>": person.*, returnee.*, reserve.*, attendance.* (each
importable kind's ImportSpec.prefix), plus "village" (the person's 村(社区)) and "ignore.seq" (序号).
Built once at import; matching a header is a few dict lookups.
"""
from __future__ import annotations

import re
import unicodedata

from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.kinds.common import PERSON_IMPORT, SEQ_WORDS, VILLAGE_WORDS
from rural_cadre_desktop.core.validation import to_halfwidth

# field key -> (exact names, words that identify the field when contained in a longer header)
SYNONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ignore.seq": (SEQ_WORDS.names, SEQ_WORDS.words),
    "village": (VILLAGE_WORDS.names, VILLAGE_WORDS.words),
    **{f"person.{f.field}": (f.names, f.words) for f in PERSON_IMPORT},
    **{f"{k.importer.prefix}.{f.field}": (f.names, f.words) for k in kinds.importable() for f in k.importer.fields},
}

# How other offices label the same columns (county systems' exports, townships' own ledgers),
# beyond the wordings the kinds declare: exact names, then words contained in a longer header.
OFFICE_WORDINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "village": (("所属村居", "所属村(社区)", "所属村（居）", "所在村居", "所在村(居)", "村(居)委会", "村居委会",
                 "所属行政村", "所在行政村", "村(社区)名称", "村社区名称", "所属村社区", "户籍村", "所属社区",
                 "村居名称", "村别(居)"), ("所属村", "村居", "行政村", "村(居)")),
    "person.name": (("姓名(全名)", "人员名称", "户主姓名", "成员姓名", "人才姓名"), ()),
    "person.id_number": (("身份证号(18位)", "公民身份证号", "公民身份证号码", "身份证号码(18位)", "证件号"), ()),
    "person.birth_date": (("出生年月(年月)", "出生年份"), ()),
    "person.phone": (("联系电话(手机)", "手机号码(联系方式)", "本人电话", "本人手机", "联系号码", "移动电话"),
                     ("手机号", "联系号码")),
    "person.education": (("文化程度(学历)", "受教育程度"), ("受教育",)),
    "person.political_status": (("党员/群众", "是否党员"), ()),
    "returnee.status": (("返乡状态", "是否已返乡", "返乡情况", "当前状态", "在外/返乡", "人员类型"),
                        ("返乡状态", "是否返乡")),
    "returnee.work_place": (("外出务工地点", "务工省市", "外出地址", "务工所在地", "现工作地", "现务工地点",
                             "外出务工地", "务工去向", "流出地"), ("务工地", "外出地")),
    "returnee.industry": (("从事行业(工种)", "从事工作", "务工行业", "工种", "从事产业"), ("行业", "工种")),
    "returnee.enterprise": (("现工作单位", "务工单位", "所在单位"), ()),
    "returnee.return_date": (("返乡年月", "回乡日期", "返回时间"), ()),
}

# Which field keys each ledger kind takes (order = the order shown in the wizard).
_PERSON = ["village"] + [f"person.{f.field}" for f in PERSON_IMPORT]
KIND_FIELDS: dict[str, list[str]] = {
    k.name: _PERSON + [f"{k.importer.prefix}.{f.field}" for f in k.importer.fields] for k in kinds.importable()}

_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_NOISE = re.compile(r"[\s*＊:：、/\\_\-—.·]")


def norm_header(text) -> str:
    """A header cell reduced to its words: no spaces, line breaks, marks, full-width forms."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", to_halfwidth(str(text)))
    return _NOISE.sub("", s).replace("（", "(").replace("）", ")")


for _key, (_names, _words) in OFFICE_WORDINGS.items():
    if _key in SYNONYMS:           # the kinds' wordings first: they name the field in the wizard
        SYNONYMS[_key] = (SYNONYMS[_key][0] + _names, SYNONYMS[_key][1] + _words)

_EXACT: dict[str, list[str]] = {}
for _key, (_names, _) in SYNONYMS.items():
    for _n in _names:
        _EXACT.setdefault(norm_header(_n), []).append(_key)


_WORDS: dict[str, tuple[str, ...]] = {k: tuple(norm_header(w) for w in words if w) for k, (_, words) in SYNONYMS.items()}


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
        for word in _WORDS[key]:
            if word in h:
                return key
    return None


# Values offices write for an enumeration, beyond its labels (在外 / 已返乡): key -> text -> identifier.
VALUE_WORDINGS: dict[str, dict[str, str]] = {
    "returnee.status": {"返乡": "returned", "已回乡": "returned", "回乡": "returned", "已返回": "returned",
                        "返乡创业": "returned", "已返乡创业": "returned", "返乡就业": "returned", "是": "returned",
                        "在外务工": "away", "外出务工": "away", "外出": "away", "未返乡": "away", "在外创业": "away",
                        "在外经商": "away", "外出经商": "away", "在外就业": "away", "否": "away"},
}


def field_label(key: str) -> str:
    """The Chinese name of a field key, as the wizard and reports show it."""
    return SYNONYMS[key][0][0] if key in SYNONYMS else key
