"""The standard ledgers as .xlsx, ready to print: the cells core/ledgers/standard.py makes, under
the same title as the PDF, with 填报单位 and date, a bold centred header that is frozen and repeats on
every printed page, thin borders, landscape A4 fitted to the page width, page numbers in the footer.
ID numbers and phones are text ("@": a number would lose digits in Excel), masked unless full_id
(audited).

Speed: openpyxl's write-only mode, one shared style per kind of cell — linear, where asking a
normal worksheet for `max_row` after every appended row was quadratic (196 s for 20,000 rows).
openpyxl streams a write-only sheet into a named temporary file until the workbook is saved; a
killed export would leave the rows (full ID numbers with --full-id) in the temp folder, so the
sheet is streamed into memory instead and goes into the archive from there."""
from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Callable
from zipfile import ZIP_DEFLATED, ZipFile

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.ledgers import standard
from rural_cadre_desktop.core.ledgers.standard import Ledger
from rural_cadre_desktop.core.outputs import check_target, save_atomic

PROGRESS_EVERY = 500        # rows between progress calls


def export_ledger(kind: str, path, full_id: bool = False, today: dt.date | None = None, *,
                  village: str | None = None, status: str | None = None, year: int | str | None = None,
                  training: str | None = None, ids=None,
                  progress: Callable[[int, int], None] | None = None, audit: bool = True) -> int:
    """Write the ledger of `kind` with these filters (or exactly the records `ids`, in that order);
    returns the number of rows. A refused filter or output writes nothing; the file is written under
    a temporary name and renamed when complete. `progress(done, total)` may raise to cancel.
    `audit=False`: the caller writes the audit row (the GUI, on its writer thread: audit_detail)."""
    check_target(path)
    led = standard.ledger(kind, full_id, village, training, status=status, year=year, ids=ids,
                          progress=progress, today=today)
    save_atomic(lambda tmp: write_xlsx(led, tmp, progress), path)
    if audit:
        store.audit("export-ledger", audit_detail(led, full_id))
    return len(led.rows)


def audit_detail(led: Ledger, full_id: bool) -> str:
    """The audit row's words for an exported ledger: kind, rows, scope, masked or not."""
    what = f"{led.kind} {len(led.rows)} rows" + (f" ({led.scope})" if led.scope else "")
    return f"{what}{' full-id' if full_id else ' masked'}"


def _in_memory_writer(ws):
    from openpyxl.worksheet._writer import WorksheetWriter

    class InMemory(WorksheetWriter):
        def __init__(self, sheet):
            super().__init__(sheet, out=BytesIO())

        def cleanup(self):      # nothing on disk to remove
            pass
    return InMemory(ws)


class _Archive(ZipFile):
    """The zip openpyxl writes into, taking a worksheet streamed into memory."""

    def write(self, filename, arcname=None, *args, **kw):
        if isinstance(filename, BytesIO):
            self.writestr(arcname, filename.getvalue())
        else:
            super().write(filename, arcname, *args, **kw)


def write_xlsx(led: Ledger, path, progress: Callable[[int, int], None] | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    cols = led.columns
    ncol = len(cols)
    last = get_column_letter(ncol)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(led.title))
    # What the sheet's head holds (widths, frozen panes, fit to page) must be set before the first row.
    for i, c in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(i)].width = getattr(c, "xlsx", None) or 10
    ws.freeze_panes = "C4" if ncol > 2 else "A4"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"       # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.row_dimensions[1].height = 30
    ws.merged_cells.add(f"A1:{last}1")
    ws._writer = _in_memory_writer(ws)
    ws._writer.write_top()

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def styled(value=None, **style):
        c = WriteOnlyCell(ws, value)
        for k, v in style.items():
            setattr(c, k, v)
        return c

    # The body: one cell object per column, styled once and refilled for every row (write-only
    # mode writes a row as it is appended). Text goes in as text, even "=1+1" (never a formula),
    # without the control characters a worksheet cannot hold.
    align = Alignment(vertical="center", wrap_text=True)
    plain = styled(border=border, alignment=align)._style
    text = styled(border=border, alignment=align, number_format="@")._style
    cells = []
    for i, c in enumerate(cols, 1):
        cell = WriteOnlyCell(ws)
        cell.column = i
        cell._style = text if getattr(c, "text", False) else plain
        cells.append(cell)
    seq_first = bool(cols) and cols[0][0] == "序号"
    illegal = ILLEGAL_CHARACTERS_RE.sub

    def body(values, row_idx):         # stands in for WriteOnlyWorksheet._values_to_row
        for cell, v in zip(cells, values):
            cell.row = row_idx
            if v is None or v == "":
                cell._value, cell.data_type = None, "n"
            elif type(v) is str:
                cell._value, cell.data_type = illegal("", v[:32767]), "s"
            else:
                cell.value = v
            yield cell
    total = len(led.rows)
    try:
        _head(ws, led, styled, border)
        ws._values_to_row = body
        for n, row in enumerate(led.rows, 1):
            ws.append([n, *row[1:]] if seq_first else row)      # 序号 as a number
            if progress and n % PROGRESS_EVERY == 0:
                progress(n, total)
        with _Archive(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(wb, archive).save()
    except BaseException:
        _discard(ws)
        raise
    if progress:
        progress(total, total)


def _head(ws, led: Ledger, styled, border) -> None:
    """Title (merged across), 填报单位 / scope / count and date, the header row."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    cols = led.columns
    ncol = len(cols)
    last = get_column_letter(ncol)
    title = styled(led.title, font=Font(size=16, bold=True), alignment=Alignment(horizontal="center",
                                                                                   vertical="center"))
    ws.append([title])
    left = "　　".join(x for x in (f"填报单位：{led.filing_unit}", led.scope, led.count_text) if x)
    date = f"填报日期：{led.date}"
    if ncol >= 4:
        ws.merged_cells.add(f"A2:{get_column_letter(ncol - 2)}2")
        ws.merged_cells.add(f"{get_column_letter(ncol - 1)}2:{last}2")
        ws.append([left] + [None] * (ncol - 3) + [styled(date, alignment=Alignment(horizontal="right"))])
    else:
        ws.append([f"{left}　　{date}"])
    head = {"font": Font(bold=True), "border": border,
            "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True)}
    ws.append([styled(c[0], **head) for c in cols])


def _discard(ws) -> None:
    """Close a sheet's half-written streams in order (quietly: the output is being thrown away)."""
    for gen in (getattr(ws, "_rows", None), getattr(getattr(ws, "_writer", None), "xf", None)):
        try:
            if gen is not None:
                gen.close()
        except Exception:   # noqa: S110 - a stream already broken by the failure itself
            pass


def _sheet_title(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, "")
    return title[:31] or "台账"
