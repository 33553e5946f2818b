"""Export what the list shows — the same filter and order — to .xlsx (openpyxl write_only, so
100k rows stream out without building the sheet in memory). ID numbers are written as text
(format '@') so Excel never turns them into 6.11E+17; masked unless the clerk chose full numbers."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from rural_cadre_desktop.core.outputs import save_atomic
from rural_cadre_desktop.core.models import Person
from rural_cadre_desktop.core.returnees import display, query

_TEXT_KINDS = ("id", "phone")


def export_xlsx(q: query.ReturneeQuery, path: str | os.PathLike, full: bool = False,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Write the rows of `q` in its order; returns how many. Written to a temporary name first."""
    target = Path(path)
    total = query.count(q)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("返乡人员台账")
    cols = [i for i, c in enumerate(query.COLUMNS) if c.kind != "flag"] + [query.COLUMN_INDEX["duplicate"]]
    widths = {"id": 22, "phone": 14, "name": 10, "enterprise": 20, "subsidy": 24}
    for n, i in enumerate(cols):
        ws.column_dimensions[chr(ord("A") + n)].width = widths.get(query.COLUMNS[i].kind,
                                                                    widths.get(query.COLUMNS[i].key, 12))
    bold = Font(bold=True)
    header = []
    for i in cols:
        cell = WriteOnlyCell(ws, value=query.COLUMNS[i].label)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    sql, params = query.build(q, query._SELECT)
    n = 0
    for row in Person._meta.database.execute_sql(sql, params):
        out = []
        for i in cols:
            text = display.cell_text(row, i, reveal=full)
            if query.COLUMNS[i].kind in _TEXT_KINDS and text:
                cell = WriteOnlyCell(ws, value=text)
                cell.number_format = "@"
                out.append(cell)
            else:
                out.append(text)
        ws.append(out)
        n += 1
        if progress and n % 5000 == 0:
            progress(n, total)
    save_atomic(wb.save, target)
    return n                # the caller audits with audit_row(n, full): this may run on a reader thread


def audit_row(n: int, full: bool) -> tuple[str, str]:
    """The audit row of an export of n rows: ("returnee-export-xlsx", "<n> rows[ full-id]")."""
    return "returnee-export-xlsx", f"{n} rows{' full-id' if full else ''}"
