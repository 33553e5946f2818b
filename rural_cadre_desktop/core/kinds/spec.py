"""The shape of a record kind's declaration (see core/kinds/__init__.py for the registry). Read-only
once declared (plain dataclasses without eq/frozen: they cost the CLI's start-up least).

Plain data only: strings, numbers, core.codes enumerations and core.fields specs. No peewee, no
openpyxl: the command line builds its parser (the choices and help of every KIND argument) from
these declarations before it opens a database, and the ledger import starts reading its file
right after that.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from rural_cadre_desktop.core.codes import CodeList
from rural_cadre_desktop.core.fields import FieldSpec
from rural_cadre_desktop.core.validation import MASKS


# ---- export: the JSON/CSV machine interface ------------------------------------------------

class Col(NamedTuple):
    """One key of a kind's JSON/CSV export: its SQL expression and converter — None (as stored),
    "bool" (true/false), "clock" (ISO 8601 UTC), "list" (comma list → sorted list),
    "code:<list>" (the GB/T code, followed by `<key>_name`)."""
    key: str
    sql: str
    conv: str | None = None


@dataclass(eq=False)
class Export:
    """One joined SQL query over the kind's table (aliased `alias`), fetched as tuples."""
    alias: str
    columns: tuple[Col, ...]
    joins: str = ""
    order: str = ""


# ---- standard ledger (台账): the .xlsx, the PDF, the GUI's 文件/打印 menus ---------------------

class LedgerColumn(NamedTuple):
    """A ledger column: header, relative printed width, Excel width, the SQL value it shows and
    how that value is shown (`show`):
      None       text as stored ("" for none)
      "id"/"phone"  masked (validation.mask) unless revealed; kept as text ("@") in Excel
      "date"     validation.render_date, "dot" style (1988.03)
      "yesno"    是/否
      "num"      a number without trailing zeros (2.5, 5)
      "count"    an integer as text
      "political"  政治面貌 in the short form ledgers use (中共党员)
      a CodeList   the code's name;  a dict   the enumeration's label
    The writers read header, width, xlsx and text (core/ledgers/standard.Column has the same four)."""
    header: str
    width: float
    xlsx: float = 10.0
    sql: str = ""
    show: object = None

    @property
    def mask(self) -> str | None:
        return self.show if isinstance(self.show, str) and self.show in MASKS else None

    @property
    def text(self) -> bool:
        """Kept as text in Excel ("@"): an ID number or phone as a number would lose digits."""
        return self.mask is not None


@dataclass(eq=False)
class LedgerSpec:
    """The kind's standard ledger, one declaration for the .xlsx and the PDF.

    Rows: `SELECT <columns> FROM <source> WHERE <live> <filters>`, the record aliased as in
    `source`; in 姓氏笔画 order of `name` (name, stored stroke key) then stably by `then_by`,
    or in the SQL `order` when given; or exactly the records `ids` names, in that order."""
    title: str
    noun: str                                    # what a row counts: 共 N 人 / 人次 / 期
    source: str                                  # FROM … JOINs
    live: str                                    # the WHERE that keeps live rows
    columns: tuple[LedgerColumn, ...]                  # after 序号
    id: str = "x.id"                             # the record id (for `ids`)
    name: tuple[str, str] | None = ("p.name", "p.name_strokes")   # 姓氏笔画 order; None: `order`
    then_by: tuple[str, ...] = ()                # sorted by these after the stroke order
    order: str = ""                              # SQL ORDER BY when not in stroke order
    village: str | None = "p.village_id"         # what --village compares; None: no village filter
    no_village: str = ""                         # advice when --village is refused
    status: str = "x.status"                     # what --status compares (choices: RecordKind.statuses)
    year: tuple[str, str] | None = None          # (date column, 返乡年份) for --year; None: no year filter
    training: str | None = None                  # what --training compares
    roster_of: str | None = None                 # GUI: the ledger of the record selected in that
    #                                              kind's list (attendance of one training)
    menu: str = ""                               # GUI menu words for a roster ("参训花名册")


# ---- import-ledger: the offices' spreadsheets in -------------------------------------------

class ImportField(NamedTuple):
    """A column an office ledger may carry: the field, its exact header wordings (the first is
    the field's name in the wizard and the error report) and words that identify it inside a
    longer header. `repeats`: few distinct values (性别, 是/否, dates) — parsed once per
    distinct cell during a 50,000-row import."""
    field: str
    names: tuple[str, ...]
    words: tuple[str, ...] = ()
    repeats: bool = False


@dataclass(eq=False)
class ImportSpec:
    """How an office's ledger of this kind comes in: one row per person, the person's fields
    (core/kinds/people.py) plus these. Field keys are "<prefix>.<field>"."""
    prefix: str                                  # "returnee": keys, error-report tables
    label: str                                   # the wizard's 台账类别
    fields: tuple[ImportField, ...]
    defaults: dict = field(default_factory=dict)  # values a new record gets when the sheet has none
    live: str = "deleted = 0"                    # which stored records a row matches
    training: bool = False                       # rows belong to one training (--training ID)
    help: str = ""                               # the CLI's words for the kind ("返乡人员")


# ---- fill-template and custom reports (一表通) -----------------------------------------------

@dataclass(eq=False)
class FormColumn:
    """A column a superior's form or a custom report may ask for. `key` is the importer's field
    key where there is one ("returnee.work_place"), so its header synonyms apply; `source` the
    key in the kind's export rows ("" for derived figures); `type` how values are written
    (text id phone date int num yesno enum seq: core.templates.values); `synonyms` header
    wordings the importer's table lacks (exact names, contained words)."""
    key: str
    label: str
    type: str = "text"
    source: str = ""
    enum: dict | None = None
    person_only: bool = False          # lives on the person, not on every kind's export row
    synonyms: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    @property
    def summable(self) -> bool:
        # ages, 党龄 and years are counted per person, never added up in a 合计 row
        return self.type in ("int", "num") and self.key not in ("derived.age", "derived.party_years", "activity.year")

    @property
    def mask(self) -> str | None:
        return self.type if self.type in MASKS else None


def form_col(key, label, type_="text", source=None, enum=None, person_only=False, synonyms=None) -> FormColumn:
    """A FormColumn whose export key is the part after the dot unless given."""
    return FormColumn(key, label, type_, key.split(".", 1)[-1] if source is None else source, enum, person_only,
                      synonyms)


@dataclass(eq=False)
class FormSpec:
    """One 一表通 view of a kind: `fill-template --kind NAME`, a custom report's kind.
    Rows: the export rows of `source` (default: the kind), as they are (`rows="records"`),
    summed per person ("per_person") or one per participant ("participants")."""
    name: str
    label: str
    columns: tuple[FormColumn, ...]              # the kind's own (the person's and derived ones are added)
    match: str                                   # importable kind whose header synonyms apply
    rows: str = "records"
    source: str = ""
    year_key: str | None = None                  # rows selected by the year of this key (--year)
    statuses: dict | None = None                 # --status choices
    track: bool = False                          # --track (后备类别) applies


# ---- the kind ------------------------------------------------------------------------------

@dataclass(eq=False)
class RecordKind:
    name: str                                    # the contract's identifier (export KIND …)
    label: str                                   # what one record is, in Chinese (返乡人员)
    model_name: str                              # the class in core.models
    export: Export
    specs: dict[str, FieldSpec] = field(default_factory=dict)   # what `edit` may change
    person_bearing: bool = False                 # edit also takes the person's fields
    own_village: bool = False                    # the record carries its own village_id (a post,
    #                                              a membership), not only the person's
    statuses: dict | None = None                 # its `status` enumeration, where it has one
    parents: tuple[str, ...] = ()                # foreign keys whose record's delete takes this one
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()   # link rows (model, foreign keys) that
    #                                              go with either end's delete
    ledger: LedgerSpec | None = None
    importer: ImportSpec | None = None
    forms: tuple[FormSpec, ...] = ()

    @property
    def model(self):
        """The peewee model (imported on first use: the declaration stays light)."""
        from rural_cadre_desktop.core import models
        return getattr(models, self.model_name)

    @property
    def table(self) -> str:
        return self.model._meta.table_name


def enum_label(choices: dict | CodeList, value) -> str:
    """An enumeration or GB/T code as a clerk reads it ("" for none, the raw value if unknown)."""
    if isinstance(choices, CodeList):
        return choices.name(value) or ""
    return choices.get(value, value or "")
