"""Which date cells of an .xlsx were typed as a month only (1989.12 kept by Excel/WPS as the date
1989-12-01 shown with a `yyyy.mm` format). python-calamine gives the date, not the format, so
the format is read here from the file itself: xl/styles.xml (numFmts + cellXfs) once, then the
sheet's XML streamed for the `s=` style of cells in the date columns only. This runs only when a
date column holds a 1st-of-month date, so a ledger of text dates never pays for it.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Built-in number formats with a year and a month but no day (17 mmm-yy; 57 yyyy"年"m"月" in
# the Chinese locales) and those with a day (14, 15, 16, 22, 31 …): only the first are months.
_BUILTIN_MONTH = {17, 55, 57}
_CELL = re.compile(rb'<c\b([^>]*?)/?>')
_ATTR_R = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ATTR_S = re.compile(rb'\bs="([0-9]+)"')
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_month_format(code: str) -> bool:
    """A number format that shows a year and a month but no day: yyyy.mm, yyyy"年"m"月", mmm-yy."""
    c = _QUOTED.sub("", code).lower()
    return "y" in c and "m" in c and "d" not in c and "h" not in c and "s" not in c


def _col_letter(i: int) -> bytes:
    out = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out.encode()


def _sheet_part(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rid = next((s.get(_REL) for s in wb.iterfind("m:sheets/m:sheet", _NS) if s.get("name") == sheet_name), None)
    if rid is None:
        return None
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
    if not target:
        return None
    target = target.lstrip("/")
    return target if target.startswith("xl/") else f"xl/{target}"


def _month_styles(zf: zipfile.ZipFile) -> set[bytes]:
    try:
        styles = ET.fromstring(zf.read("xl/styles.xml"))
    except KeyError:
        return set()
    custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in styles.iterfind("m:numFmts/m:numFmt", _NS)}
    out = set()
    for i, xf in enumerate(styles.iterfind("m:cellXfs/m:xf", _NS)):
        fid = int(xf.get("numFmtId", "0"))
        if fid in _BUILTIN_MONTH or (fid in custom and is_month_format(custom[fid])):
            out.add(str(i).encode())
    return out


def month_cells(source: str, sheet_name: str, cols: list[int]) -> dict[int, set[int]]:
    """column (0-based) -> sheet row numbers (1-based) whose cell has a month-only date format."""
    out: dict[int, set[int]] = {c: set() for c in cols}
    try:
        zf = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile):
        return out
    with zf:
        try:
            months = _month_styles(zf)
            part = _sheet_part(zf, sheet_name) if months else None
        except (KeyError, ET.ParseError, ValueError):
            return out
        if not part:
            return out
        letters = {_col_letter(c): c for c in cols}
        carry = b""
        with zf.open(part) as f:
            while chunk := f.read(1 << 20):
                data = carry + chunk
                cut = data.rfind(b"<")
                if cut < 0:
                    carry = data
                    continue
                data, carry = data[:cut], data[cut:]
                for m in _CELL.finditer(data):
                    attrs = m.group(1)
                    s = _ATTR_S.search(attrs)
                    if s is None or s.group(1) not in months:
                        continue
                    r = _ATTR_R.search(attrs)
                    if r is not None and r.group(1) in letters:
                        out[letters[r.group(1)]].add(int(r.group(2)))
    return out
