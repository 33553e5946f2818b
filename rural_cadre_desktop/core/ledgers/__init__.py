"""Spreadsheet ledgers (台账): import the offices' Excel/WPS/CSV ledgers, export the standard ones.

    read (reader) → find header, map columns (layout, synonyms) → clean rows (clean)
    → match against the database and plan (existing, plan) → write in one transaction (apply)
    → error report (report)

`prepare` + `make_plan` are the dry run; `apply_plan` writes. The CLI and the GUI wizard both go
through these functions; the CLI streams large files through `pipeline.import_streamed` instead
(same plan, same rows, written by a second process while later rows are still being cleaned).
apply/report are imported on first use: the pipeline's writer process must start light.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.clean import Cleaner, Refusal, Row, cell_text
from rural_cadre_desktop.core.ledgers.existing import Existing
from rural_cadre_desktop.core.ledgers.layout import Layout, check_mapping, detect, save_mapping
from rural_cadre_desktop.core.ledgers.plan import KINDS, Difference, Plan, build_plan
from rural_cadre_desktop.core.ledgers.reader import Sheet, read_workbook

_LAZY = {"apply_plan": "apply", "Cancelled": "apply", "write_report": "report"}


def __getattr__(name):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)


__all__ = ["Prepared", "prepare", "make_plan", "apply_plan", "write_report", "Cancelled", "Plan",
           "Difference", "Layout", "KINDS", "check_training", "save_mapping", "check_mapping"]


@dataclass
class Prepared:
    path: Path
    kind: str
    sheets: list[Sheet]
    layout: Layout

    @property
    def sheet(self) -> Sheet:
        return self.sheets[self.layout.sheet]

    def with_sheet(self, index: int) -> "Prepared":
        return Prepared(self.path, self.kind, self.sheets, detect(self.sheets, self.kind, index))


def prepare(path, kind: str | None = None, sheet: int | None = None,
            sheets: list[Sheet] | None = None) -> Prepared:
    """Read the file (unless `sheets` were read already) and find its header. Raises UserError
    when the file or header cannot be read. `kind` defaults to the first importable kind."""
    kind = kind or kinds.default_import_kind()
    kinds.import_kind(kind)             # refuses a kind import-ledger does not take
    sheets = read_workbook(path) if sheets is None else sheets
    return Prepared(Path(path), kind, sheets, detect(sheets, kind, sheet))


def clean_rows(prep: Prepared) -> list[Row | Refusal]:
    check_mapping(prep.layout.mapping)
    cleaner = Cleaner(prep.layout)
    out = []
    for i, cells in enumerate(prep.sheet.rows[prep.layout.data_start:], start=prep.layout.data_start + 1):
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
    t = TrainingSession.get_or_none((TrainingSession.id == training_id) & (TrainingSession.deleted == False))  # noqa: E712
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
    if update:
        for d in plan.differences:
            d.take_file = True
    return plan
