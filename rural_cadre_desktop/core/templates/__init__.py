"""一表通: every fact typed once, every table produced in minutes.

    fill a superior's blank form:  open_template → detect_template (header, mapping; the user may
        correct it: save_mapping) → fill_template(Query(filters), full_id) → FillResult
    custom reports:  ReportSpec (kind, columns, headers, filters, sort, title) saved by name in
        core.settings → run_report → .xlsx or PDF

Nothing here imports Qt; the CLI (cli/templates.py) and the GUI (gui/templates/) share it.
"""
from rural_cadre_desktop.core.templates.columns import KINDS, Column, columns_for, resolve_column
from rural_cadre_desktop.core.templates.fill import FillResult, fill_template, open_template
from rural_cadre_desktop.core.templates.header import (TemplateColumn, TemplateLayout, detect_template, match_column,
                                                       save_mapping)
from rural_cadre_desktop.core.templates.records import SORTS, Query, load_rows

__all__ = ["KINDS", "Column", "columns_for", "resolve_column", "FillResult", "fill_template", "open_template",
           "TemplateColumn", "TemplateLayout", "detect_template", "match_column", "save_mapping", "SORTS",
           "Query", "load_rows"]
