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
from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.kinds.common import PERSON_IMPORT
from rural_cadre_desktop.core.ledgers import fast
from rural_cadre_desktop.core.ledgers.layout import Layout
from rural_cadre_desktop.core.ledgers.synonyms import VALUE_WORDINGS
from rural_cadre_desktop.core.validation import check_id_agrees, clean_text, id_birth_date, id_sex

FOOTER_WORDS = ("合计", "总计", "小计", "共计", "填表人", "填报人", "审核人", "负责人", "制表", "注：", "注:",
                "说明：", "说明:", "备注：", "单位负责人", "联系人", "统计人")
# Parsers per key prefix (person, and each importable kind's), and the fields whose few distinct
# values are parsed once per distinct cell (ImportField.repeats) — all from core/kinds.
SPECS = {"person": F.PERSON_FIELDS, **{k.importer.prefix: k.specs for k in kinds.importable()}}
_MEMO = {f"person.{f.field}" for f in PERSON_IMPORT if f.repeats} | \
    {f"{k.importer.prefix}.{f.field}" for k in kinds.importable() for f in k.importer.fields if f.repeats}


@dataclass(slots=True)
class Row:
    """A row that passed: person and record values (only what the sheet gave), village as written."""
    number: int                    # the sheet's own row number (1-based, as Excel shows it)
    person: dict
    record: dict
    village: str
    flags: list[str] = field(default_factory=list)
    cells: list = field(default_factory=list, repr=False)   # as the sheet had it, for refusals later
    sheet: str = ""                # the sheet's name (several sheets: one per village)


@dataclass
class Refusal:
    number: int
    reason: str
    cells: list                    # the row as the sheet had it
    sheet: str = ""


def _id_cell(raw):
    """15-digit old numbers stored as numbers are exact in a float; Excel only cuts 16+ digits."""
    if isinstance(raw, float) and raw.is_integer() and 1e14 <= raw < 1e15:
        return str(int(raw))
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return raw


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def is_skippable(cells: list, name_col: int | None = None) -> bool:
    """Blank rows, 合计/填表人 footers and the 1 2 3 … column-number row under some headers."""
    first = next((c for c in cells if c != "" and c is not None), None)
    if first is None:
        return True
    if isinstance(first, str):
        text = first.replace(" ", "").replace("\u3000", "").lstrip()
        if not text:
            texts = [c for c in cells if not _blank(c)]
            if not texts:
                return True
            text = clean_text(texts[0])
        if text.startswith(FOOTER_WORDS):
            return True
    if name_col is not None and name_col < len(cells):
        cell = cells[name_col]
        if isinstance(cell, str) and cell.strip() and not cell.strip().isdigit():
            return False                       # a row with a name in it is data
    texts = [c for c in cells if not _blank(c)]
    return len(texts) >= 3 and all(isinstance(c, (int, float)) and not isinstance(c, bool) or
                                   (isinstance(c, str) and c.strip().isdigit() and len(c.strip()) <= 2)
                                   for c in texts)


_MISS = object()


def _with_wordings(parse: Callable, words: dict[str, str]) -> Callable:
    def run(raw):
        return parse(words.get(raw.strip(), raw) if type(raw) is str else raw)
    return run


class Cleaner:
    """Precompiled per-column parsers for one layout (one sheet). `village`: the sheet's own
    village (its name or title), for rows that name none."""

    def __init__(self, layout: Layout, sheet=None, village: str = ""):
        # (col, is_person, field, parse, memo dict or None)
        self.plain: list[tuple[int, bool, str, Callable, dict | None]] = []
        self.name_col = self.id_col = self.village_col = None
        self.sex_col = self.birth_col = None
        self.sheet_name = sheet.name if sheet is not None else ""
        self.source = getattr(sheet, "source", None)
        self.default_village = village
        self.text_cols: set[int] = set()          # a number there is text: 13878887228.0 → "13878887228"
        self.date_cols: list[int] = []
        self._months: dict[int, set[int]] | None = None
        for col, key in sorted(layout.mapping.items()):
            table, _, name = key.partition(".")
            if key == "person.name":
                self.name_col = col
            elif key == "person.id_number":
                self.id_col = col
            elif key == "village":
                self.village_col = col
            elif table in SPECS and name in SPECS[table]:
                spec = SPECS[table][name]
                parse = fast.phone if key == "person.phone" else spec.parse
                if key in VALUE_WORDINGS:       # 返乡 / 外出务工 …: the office's words for a choice
                    parse = _with_wordings(parse, VALUE_WORDINGS[key])
                if key == "person.sex":
                    self.sex_col = col
                if key == "person.birth_date":
                    self.birth_col = col
                if spec.type == "text":
                    self.text_cols.add(col)
                elif spec.type == "date":
                    self.date_cols.append(col)
                # "" in every memo: a blank cell gives None (skipped) without a test of its own
                self.plain.append((col, table == "person", name, parse, {"": None} if key in _MEMO else None))
        self.width = max(layout.mapping, default=0) + 1
        # With an ID number these cells must read (the number supplies both; a cell that does not
        # parse cannot be checked against it).
        self.must_read = [(c, f, label) for c, f, label in ((self.sex_col, "sex", "性别"),
                                                            (self.birth_col, "birth_date", "出生年月"))
                          if c is not None]

    def _as_typed(self, number: int, col: int, raw):
        """What the clerk typed, where the spreadsheet stored something else: a phone kept as the
        number 13878887228.0, a month (1989.12) kept as the date 1989-12-01 with a yyyy.mm format."""
        t = type(raw)
        if t is float:
            if col in self.text_cols and raw.is_integer():
                return str(int(raw))
        elif t is int:
            if col in self.text_cols:
                return str(raw)
        elif (t is dt.datetime or t is dt.date) and raw.day == 1 and col in self.date_cols:
            if self._months is None:
                from rural_cadre_desktop.core.ledgers.formats import month_cells
                self._months = month_cells(self.source, self.sheet_name, self.date_cols) if self.source else {}
            if number in self._months.get(col, ()):
                return f"{raw.year:04d}.{raw.month:02d}"
        return raw

    def skip(self, cells: list) -> bool:
        """is_skippable, with a quick answer for the usual data row (序号 first, then a name)."""
        c0 = cells[0] if cells else ""
        nc = cells[self.name_col] if self.name_col is not None and self.name_col < len(cells) else ""
        if c0 != "" and type(nc) is str and nc and not nc.isdigit() and \
                not (type(c0) is str and c0.lstrip().startswith(FOOTER_WORDS)):
            return False
        return is_skippable(cells, self.name_col)

    def clean(self, number: int, cells: list) -> Row | Refusal:
        if len(cells) < self.width:
            cells = list(cells) + [""] * (self.width - len(cells))
        sheet = self.sheet_name
        try:
            name = fast.name(cells[self.name_col]) if self.name_col is not None else ""
        except ValidationError as e:
            return Refusal(number, "没有姓名" if _blank(cells[self.name_col]) else e.zh, cells, sheet)
        person: dict = {"name": name}
        record: dict = {}
        flags: list[str] = []
        idn = None
        if self.id_col is not None:
            try:
                raw = cells[self.id_col]
                idn = fast.id_number(raw if type(raw) is str else _id_cell(raw))
            except ValidationError as e:
                return Refusal(number, e.zh, cells, sheet)
        for col, is_person, fname, parse, memo in self.plain:
            raw = cells[col]
            if memo is not None and type(raw) is str:        # the usual cell: one lookup
                value = memo.get(raw, _MISS)
            elif raw == "" or raw is None:      # whitespace-only text parses to None below
                continue
            else:
                if type(raw) is not str:
                    raw = self._as_typed(number, col, raw)
                value = _MISS if memo is None else memo.get(raw, _MISS)
            if value is _MISS:
                try:
                    value = parse(raw)
                except ValidationError as e:
                    value = e
                if memo is not None:
                    memo[raw] = value
            if value is None:
                continue
            if type(value) is not str and isinstance(value, ValidationError):    # most values are text
                if idn and col in (self.sex_col, self.birth_col):
                    continue           # the ID number supplies both; the cell is checked below
                flags.append(f"{value.zh}（该项未导入）")
                continue
            if is_person:
                person[fname] = value
            else:
                record[fname] = value
        if idn:
            facts = fast.id_facts(idn, person.get("sex"), person.get("birth_date"))
            if facts is None and self._first_of_month(person.get("birth_date"), idn, cells):
                person["birth_date"] = person["birth_date"][:7]      # a month stored as its 1st day
                facts = fast.id_facts(idn, person.get("sex"), person["birth_date"])
            if facts is None:
                try:
                    check_id_agrees(idn, person.get("sex"), person.get("birth_date"))
                except ValidationError as e:
                    return Refusal(number, e.zh, cells, sheet)
                facts = (id_sex(idn), id_birth_date(idn))
            for col, fname, label in self.must_read:
                if fname not in person and not _blank(cells[col]):
                    return Refusal(number, f"{label}“{clean_text(cells[col])}”看不懂，无法与身份证号核对", cells, sheet)
            person["id_number"] = idn
            person["sex"], person["birth_date"] = facts
        else:
            flags.append("没有身份证号，已导入，请补录")
        village = cells[self.village_col] if self.village_col is not None else ""
        if type(village) is not str or not village.isalnum():
            village = clean_text(village)
        return Row(number, person, record, village or self.default_village, flags, cells, sheet)

    def _first_of_month(self, birth, idn: str, cells: list) -> bool:
        """A file whose formats cannot be read (.xls, .ods): a date cell on the 1st whose year and
        month agree with the ID number was a month typed as 1989.12, not a contradiction."""
        if self.source or not birth or len(birth) != 10 or not birth.endswith("-01") or self.birth_col is None:
            return False
        raw = cells[self.birth_col]
        return type(raw) in (dt.datetime, dt.date) and birth[:7] == f"{idn[6:10]}-{idn[10:12]}"


def cell_text(v) -> str:
    """A cell as the report and the preview show it."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return str(v)
