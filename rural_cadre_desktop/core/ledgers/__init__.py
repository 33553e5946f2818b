"""Spreadsheet ledgers (台账): import the offices' Excel/WPS/CSV ledgers, export the standard ones.

    read (reader) → find header, map columns (layout, synonyms) → clean rows (clean)
    → match against the database and plan (existing, plan) → write in one transaction (apply)
    → error report (report)

`prepare` + `make_plan` are the dry run; `apply_plan` writes. The CLI and the GUI wizard both go
through these functions; the CLI streams large files through `pipeline.import_streamed` instead
(same plan, same rows, written by a second process while later rows are still being cleaned).
Every name is imported on first use (PEP 562): the pipeline's writer process imports only
ledgers.writer and what it needs to write, not the reader, cleaner and planner it never runs.
"""
from __future__ import annotations

import importlib

# name -> the module that defines it
_LAZY = {
    **dict.fromkeys(("Prepared", "prepare", "make_plan", "apply_plan", "clean_rows", "check_training",
                     "finish_plan"), "prepared"),
    **dict.fromkeys(("Layout", "check_mapping", "save_mapping", "unmapped_columns"), "layout"),
    **dict.fromkeys(("KINDS", "Plan", "Difference"), "plan"),
    "Part": "sheets", "Cancelled": "apply", "write_report": "report",
}

__all__ = ["Prepared", "Part", "unmapped_columns", "prepare", "make_plan", "apply_plan", "write_report", "Cancelled",
           "Plan", "Difference", "Layout", "KINDS", "check_training", "save_mapping", "check_mapping"]


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    try:                                     # a submodule: ledgers.plan, ledgers.reader …
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as e:
        if e.name != f"{__name__}.{name}":
            raise
        raise AttributeError(name) from None
