"""The record kinds: each is declared once, here, and every consumer reads the declaration.

A kind (core/kinds/<family>.py, a `RecordKind` of core/kinds/spec.py) says:
  - its model and how it exports (`export KIND`: one SQL query, the JSON/CSV conventions of
    DESIGN.md), which fields `edit` may change and what its delete takes with it;
  - its standard ledger, if any (`export-ledger`, `pdf ledger`, the GUI's 文件/打印 menus): title,
    columns with their masking and date rules, the filters it takes;
  - how an office's spreadsheet of it is imported, if it can be (`import-ledger`, the wizard):
    the header wordings of each column, defaults, which stored records a row matches;
  - which columns a superior's form or a custom report may ask for (`fill-template`, `report`).

Consumers: cli/records.py, cli/ledgers.py, cli/pdf_ledger.py (names, choices, help), core/editing.py,
core/check.py, core/ledgers/ (standard, export, synonyms, clean, existing, plan, apply, writer,
report), core/templates/ (columns, records, header), gui/actions.py and gui/main_window.py (menus),
gui/ledgers/source_pages.py, gui/templates/filters.py. docs/architecture.md has the recipe for a
new kind.

Light on purpose (no peewee): the CLI builds its parser from it. `RecordKind.model` imports
core.models on first use; `export_records` imports its engine (core/kinds/export.py) on first use.
"""
from __future__ import annotations

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.kinds import activities, cadres, people, reserves, returnees, trainings, villages
from rural_cadre_desktop.core.kinds.spec import (Col, LedgerColumn, Export, FormColumn, FormSpec, ImportField, ImportSpec,
                                                 LedgerSpec, RecordKind)

# The contract's order (the help of `export`): villages people returnees activities reserves
# vettings reviews cadres trainings attendance.
_FAMILIES = (villages, people, returnees, activities, reserves, cadres, trainings)
KINDS: dict[str, RecordKind] = {k.name: k for family in _FAMILIES for k in family.KINDS}

__all__ = ["KINDS", "RecordKind", "Export", "Col", "LedgerSpec", "LedgerColumn", "ImportSpec", "ImportField", "FormSpec",
           "FormColumn", "get", "names", "with_ledger", "ledger_kind", "importable", "import_kind", "fillable",
           "form", "form_kind", "default_import_kind", "person_ids", "export_records"]


def names() -> tuple[str, ...]:
    """Every kind `export`, `edit` and `delete` take."""
    return tuple(KINDS)


def get(name: str) -> RecordKind:
    kind = KINDS.get(name)
    if kind is None:
        raise UserError(f"没有“{name}”这类记录（可用：{'、'.join(KINDS)}）", f"unknown kind {name!r}")
    return kind


def with_ledger() -> list[RecordKind]:
    """The kinds with a standard ledger (`export-ledger`, `pdf ledger`, the GUI menus)."""
    return [k for k in KINDS.values() if k.ledger is not None]


def rosters() -> list[RecordKind]:
    """The kinds whose ledger is the roster of one record of another kind (参训花名册 of a 培训班)."""
    return [k for k in with_ledger() if k.ledger.roster_of]


def roster_words(kind: RecordKind) -> tuple[str, str]:
    """(the parent record's word, the roster's word): ("培训班", "参训花名册")."""
    return get(kind.ledger.roster_of).label, kind.ledger.menu or kind.ledger.title


def ledger_kind(name: str) -> RecordKind:
    kind = KINDS.get(name)
    if kind is None or kind.ledger is None:
        have = [k.name for k in with_ledger()]
        raise UserError(f"没有“{name}”这种台账，可用：{'、'.join(have)}",
                        f"unknown ledger kind {name!r}; use one of {', '.join(have)}")
    return kind


def importable() -> list[RecordKind]:
    """The kinds `import-ledger` takes, the first being the default."""
    return [k for k in KINDS.values() if k.importer is not None]


def import_kind(name: str) -> RecordKind:
    kind = KINDS.get(name)
    if kind is None or kind.importer is None:
        have = [k.name for k in importable()]
        raise UserError(f"台账类别只能是 {'、'.join(have)}", f"kind must be one of {', '.join(have)}")
    return kind


def default_import_kind(training: bool = False) -> str:
    """`import-ledger` without --kind: the kind that belongs to a training when --training is
    given, else the first importable kind."""
    kinds = importable()
    return next((k.name for k in kinds if k.importer.training), kinds[0].name) if training else kinds[0].name


def fillable() -> list[FormSpec]:
    """The views a superior's form or a custom report is filled from (`fill-template --kind`)."""
    return [f for k in KINDS.values() for f in k.forms]


def form(name: str) -> FormSpec | None:
    return next((f for f in fillable() if f.name == name), None)


def form_kind(name: str) -> RecordKind | None:
    """The kind a form view belongs to."""
    return next((k for k in KINDS.values() for f in k.forms if f.name == name), None)


def person_ids(kind_name: str, record_ids: list[str]) -> list[str]:
    """The people of these records of a person-bearing kind, in the order given (what prints an
    archive of a selection); [] for a kind that names no person."""
    kind = get(kind_name)
    if kind.model_name == "Person":
        return list(record_ids)
    if not kind.person_bearing:
        return []
    import json
    from rural_cadre_desktop.core.db import database
    found = dict(database.execute_sql(f"SELECT id, person_id FROM {kind.table} WHERE id IN "
                                      "(SELECT value FROM json_each(?))", [json.dumps(list(record_ids))]))
    return [found[r] for r in record_ids if r in found]


def export_records(kind_name: str, include_deleted: bool = False) -> list[dict]:
    """Every record of the kind as JSON-ready dicts (core/kinds/export.py)."""
    from rural_cadre_desktop.core.kinds.export import export_records as run
    return run(kind_name, include_deleted)
