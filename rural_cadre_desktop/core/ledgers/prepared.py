"""Reading a ledger file into what will be imported (Prepared: one Part per ledger sheet), the dry
run (make_plan) and the write (apply_plan): the functions the package exports (see __init__)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.clean import Cleaner, Refusal, Row, cell_text
from rural_cadre_desktop.core.ledgers.existing import Existing
from rural_cadre_desktop.core.ledgers.layout import (
    Layout,
    check_mapping,
    unmapped_columns,
)
from rural_cadre_desktop.core.ledgers.plan import Plan, build_plan
from rural_cadre_desktop.core.ledgers.reader import Sheet, read_workbook
from rural_cadre_desktop.core.ledgers.sheets import Part, detect_parts, resolve_sheet


@dataclass
class Prepared:
    """A read file and what will be imported from it: one Part per sheet that carries a ledger
    (several when an office keeps one sheet per village), and the sheets skipped with why."""
    path: Path
    kind: str
    sheets: list[Sheet]
    parts: list[Part]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    all_parts: list[Part] = field(default_factory=list)     # every ledger sheet, before one was chosen

    def __post_init__(self):
        if not self.all_parts:
            self.all_parts = list(self.parts)

    @property
    def layout(self) -> Layout:
        """The first part's layout: the one the wizard shows and corrects."""
        return self.parts[0].layout

    @layout.setter
    def layout(self, layout: Layout) -> None:
        """Choosing one sheet's layout by hand (the wizard): only that sheet is imported."""
        sheet = self.sheets[layout.sheet]
        village = next((p.village for p in self.all_parts if p.layout.sheet == layout.sheet), "")
        self.parts = [Part(layout, sheet.name, village)]

    @property
    def sheet(self) -> Sheet:
        return self.sheets[self.layout.sheet]

    def use_all(self) -> None:
        """Back to every ledger sheet (the wizard's 全部工作表)."""
        self.parts = list(self.all_parts)

    def set_mapping(self, mapping: dict[int, str]) -> None:
        """A corrected mapping for the first part, and for every other part with the same header."""
        sig = self.layout.signature
        for p in self.parts:
            if p.layout is self.layout or p.layout.signature == sig:
                p.layout.mapping = dict(mapping)

    def with_sheet(self, index: int) -> Prepared:
        parts, skipped = detect_parts(self.sheets, self.kind, index)
        return Prepared(self.path, self.kind, self.sheets, parts, skipped, self.all_parts)


def prepare(path, kind: str | None = None, sheet: int | str | None = None,
            sheets: list[Sheet] | None = None) -> Prepared:
    """Read the file (unless `sheets` were read already) and find its header(s). `sheet`: a sheet
    index (int, 0-based) or what the user typed (str: a name or a 1-based number); None reads every
    sheet that carries a ledger. Raises UserError when the file or a header cannot be read. `kind`
    defaults to the first importable kind."""
    kind = kind or kinds.default_import_kind()
    kinds.import_kind(kind)             # refuses a kind import-ledger does not take
    sheets = read_workbook(path) if sheets is None else sheets
    if isinstance(sheet, str):
        sheet = resolve_sheet(sheets, sheet)
    elif sheet is not None and not 0 <= sheet < len(sheets):
        sheet = resolve_sheet(sheets, sheet + 1)       # refused with the list of sheets
    parts, skipped = detect_parts(sheets, kind, sheet)
    return Prepared(Path(path), kind, sheets, parts, skipped)


def apply_plan(plan: Plan, progress=None, backup: bool = True) -> dict[str, int]:
    """Write the plan (apply.apply_plan) after a full check: a damaged ledger takes no import and
    no backup of itself (core/check.py; skipped when this connection passed one already)."""
    from rural_cadre_desktop.core.check import require_intact
    from rural_cadre_desktop.core.db import database
    from rural_cadre_desktop.core.ledgers.apply import apply_plan as write
    require_intact(database)
    return write(plan, progress, backup)


def clean_rows(prep: Prepared) -> list[Row | Refusal]:
    out = []
    for part in prep.parts:
        check_mapping(part.layout.mapping, part.name if len(prep.parts) > 1 else "")
        cleaner = Cleaner(part.layout, prep.sheets[part.layout.sheet], part.village)
        start = part.layout.data_start
        for i, cells in enumerate(prep.sheets[part.layout.sheet].rows[start:], start=start + 1):
            if cleaner.skip(cells):
                continue
            out.append(cleaner.clean(i, cells))
    return out


def check_training(training_id: str | None, kind: str) -> str | None:
    """The training the rows belong to, for a kind whose rows belong to one (ImportSpec.training)."""
    if not kinds.import_kind(kind).importer.training:
        return None
    from rural_cadre_desktop.core.models import TrainingSession
    if not training_id:
        raise UserError("导入参训名单请用 --training 指定培训班（培训班的 id，见 export trainings）",
                        "attendance needs --training ID")
    t = TrainingSession.get_or_none((TrainingSession.id == training_id) & (TrainingSession.deleted == False))
    if t is None:
        raise UserError(f"找不到培训班“{training_id}”，请用 export trainings 查看其 id",
                        f"no training {training_id!r}")
    return t.id


def make_plan(prep: Prepared, training_id: str | None = None, create_villages: bool = False,
              update: bool = False, village_choices: dict | None = None) -> Plan:
    """The dry run: nothing is written."""
    training_id = check_training(training_id, prep.kind)
    rows = clean_rows(prep)
    plan = build_plan(prep.kind, rows, Existing(prep.kind, training_id), create_villages, village_choices)
    return finish_plan(prep, plan, training_id, update)


def finish_plan(prep: Prepared, plan: Plan, training_id: str | None, update: bool) -> Plan:
    """What make_plan adds to build_plan's result (the streamed import uses it too)."""
    plan.header = [cell_text(v) for v in prep.sheet.rows[prep.layout.data_start - 1]] \
        if prep.layout.data_start - prep.layout.header_row == 1 else list(prep.layout.labels)
    plan.header_row = prep.layout.data_start
    plan.training_id = training_id
    plan.sheets = [p.name for p in prep.parts]
    plan.unmapped = {p.name: unmapped_columns(p.layout) for p in prep.parts}
    plan.skipped = list(prep.skipped)
    plan.sheet_villages = {p.name: p.village for p in prep.parts if p.village and p.layout.column_of("village") is None}
    if update:
        for d in plan.differences:
            d.take_file = True
    return plan
