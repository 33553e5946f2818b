"""Turning one sheet row into validated column values, or into a refusal with a reason.

Parsers are built once per column (core.fields specs, memoised per distinct cell value where the
column repeats itself: 性别, 政治面貌, 学历, dates, 是/否 …), so the per-row path is a few dict
lookups plus the ID number check. What cannot be trusted refuses the row (bad or cut ID number,
sex/birth date contradicting it, no name); a value that merely fails to parse (a phone with 10
digits) is left out and flagged, so the rest of the person still arrives.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from rural_cadre_desktop.core import fields as F
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.ledgers.layout import Layout
from rural_cadre_desktop.core.ledgers.synonyms import field_label
from rural_cadre_desktop.core.validation import (check_id_agrees, clean_text, id_birth_date, id_sex,
                                                 normalise_id_number, normalise_name)

FOOTER_WORDS = ("合计", "总计", "小计", "共计", "填表人", "填报人", "审核人", "负责人", "制表", "注：", "注:",
                "说明：", "说明:", "备注：", "单位负责人", "联系人", "统计人")
_SPECS = {"person": F.PERSON_FIELDS, "returnee": F.RETURNEE_FIELDS, "reserve": F.RESERVE_FIELDS,
          "attendance": F.ATTENDANCE_FIELDS}
_MEMO = {"sex", "ethnicity", "political_status", "education", "birth_date", "party_join_date", "status",
         "return_date", "work_place", "industry", "wants_return", "wants_business", "wants_party",
         "wants_cadre", "honorary_role", "track", "recommended_by", "entered_date", "exam_result",
         "business_registered_date", "contact_cadre", "mentor", "health"}


@dataclass
class Row:
    """A row that passed: person and record values (only what the sheet gave), village as written."""
    number: int                    # the sheet's own row number (1-based, as Excel shows it)
    person: dict
    record: dict
    village: str
    flags: list[str] = field(default_factory=list)
    cells: list = field(default_factory=list, repr=False)   # as the sheet had it, for refusals later


@dataclass
class Refusal:
    number: int
    reason: str
    cells: list                    # the row as the sheet had it


def _memoised(parse: Callable) -> Callable:
    cache: dict = {}

    def run(raw):
        try:
            hit = cache.get(raw, cache)
        except TypeError:          # unhashable: never from calamine, but be safe
            return parse(raw)
        if hit is cache:
            try:
                hit = cache[raw] = (True, parse(raw))
            except ValidationError as e:
                hit = cache[raw] = (False, e)
        if hit[0]:
            return hit[1]
        raise hit[1]
    return run


def _id_cell(raw):
    """15-digit old numbers stored as numbers are exact in a float; Excel only cuts 16+ digits."""
    if isinstance(raw, float) and raw.is_integer() and 1e14 <= raw < 1e15:
        return str(int(raw))
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return raw


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def is_skippable(cells: list) -> bool:
    """Blank rows, 合计/填表人 footers and the 1 2 3 … column-number row under some headers."""
    texts = [c for c in cells if not _blank(c)]
    if not texts:
        return True
    first = clean_text(texts[0]).replace(" ", "").replace("\u3000", "")
    if first.startswith(FOOTER_WORDS):
        return True
    return len(texts) >= 3 and all(isinstance(c, (int, float)) and not isinstance(c, bool) or
                                   (isinstance(c, str) and c.strip().isdigit() and len(c.strip()) <= 2)
                                   for c in texts)


class Cleaner:
    """Precompiled per-column parsers for one layout."""

    def __init__(self, layout: Layout):
        self.plain: list[tuple[int, str, str, Callable, str]] = []   # col, table, field, parse, label
        self.name_col = self.id_col = self.village_col = None
        self.sex_col = self.birth_col = None
        for col, key in sorted(layout.mapping.items()):
            table, _, name = key.partition(".")
            if key == "person.name":
                self.name_col = col
            elif key == "person.id_number":
                self.id_col = col
            elif key == "village":
                self.village_col = col
            elif table in _SPECS and name in _SPECS[table]:
                spec = _SPECS[table][name]
                parse = _memoised(spec.parse) if name in _MEMO else spec.parse
                if key == "person.sex":
                    self.sex_col = col
                if key == "person.birth_date":
                    self.birth_col = col
                self.plain.append((col, table, name, parse, field_label(key)))
        self.width = max(layout.mapping, default=0) + 1

    def clean(self, number: int, cells: list) -> Row | Refusal:
        if len(cells) < self.width:
            cells = list(cells) + [""] * (self.width - len(cells))
        try:
            name = normalise_name(cells[self.name_col]) if self.name_col is not None else ""
        except ValidationError as e:
            return Refusal(number, "没有姓名" if _blank(cells[self.name_col]) else e.zh, cells)
        person: dict = {"name": name}
        record: dict = {}
        flags: list[str] = []
        idn = None
        if self.id_col is not None:
            try:
                idn = normalise_id_number(_id_cell(cells[self.id_col]))
            except ValidationError as e:
                return Refusal(number, e.zh, cells)
        for col, table, fname, parse, label in self.plain:
            raw = cells[col]
            if _blank(raw):
                continue
            try:
                value = parse(raw)
            except ValidationError as e:
                if col in (self.sex_col, self.birth_col) and idn:
                    continue           # the ID number supplies both; the cell is checked below
                flags.append(f"{e.zh}（该项未导入）")
                continue
            if value is None:
                continue
            (person if table == "person" else record)[fname] = value
        if idn:
            try:
                check_id_agrees(idn, person.get("sex"), person.get("birth_date"))
            except ValidationError as e:
                return Refusal(number, e.zh, cells)
            for col, label in ((self.sex_col, "性别"), (self.birth_col, "出生年月")):
                if col is not None and not _blank(cells[col]) and \
                        ("sex" if col == self.sex_col else "birth_date") not in person:
                    return Refusal(number, f"{label}“{clean_text(cells[col])}”看不懂，无法与身份证号核对", cells)
            person["id_number"] = idn
            person["sex"] = id_sex(idn)
            person["birth_date"] = id_birth_date(idn)
        else:
            flags.append("没有身份证号，已导入，请补录")
        village = clean_text(cells[self.village_col]) if self.village_col is not None else ""
        return Row(number, person, record, village, flags, cells)


def cell_text(v) -> str:
    """A cell as the report and the preview show it."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return str(v)
