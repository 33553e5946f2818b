"""Reading a ledger file into plain rows of cell values, whatever program made it.

xlsx/xlsm/xlsb/xls/ods (and WPS .et, which is an xls-family file) through python-calamine; csv
through the csv module, trying utf-8 (with or without BOM) and then gbk, which is what Chinese
Excel writes. Merged cells get the top-left value copied into every cell of the range, so a
village name merged down over five people belongs to all five, and a two-row header's merged
parent names every child column.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers import limits

SPREADSHEET_EXTS = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et", ".ett"}
SUPPORTED = sorted(SPREADSHEET_EXTS | {".csv", ".txt"})


@dataclass
class Sheet:
    name: str
    rows: list[list]          # cell values: str, float, int, bool, date, datetime, time; "" when empty
    source: str | None = None     # the .xlsx it came from: its number formats are read on demand (formats.py)


def _fill_merged(rows: list[list], merged) -> None:
    for (r0, c0), (r1, c1) in merged or ():
        if r0 >= len(rows):
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else ""
        if value == "":
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if row[c] == "":
                    row[c] = value


def _read_calamine(path: Path) -> list[Sheet]:
    from python_calamine import CalamineWorkbook
    zipped = path.suffix.lower() in (".xlsx", ".xlsm", ".ods")
    if zipped:
        limits.check_member_sizes(path)
        limits.check_zip_cells(path)      # before calamine holds every shared string at once
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as e:      # calamine raises its own error types per format
        raise UserError(f"无法读取表格文件 {path.name}：文件已损坏、有密码保护或不是表格文件。"
                        "请用 Excel/WPS 打开后另存为 .xlsx 再导入",
                        f"cannot read spreadsheet {path.name}: {e}") from e
    sheets = []
    for name in wb.sheet_names:
        try:
            ws = wb.get_sheet_by_name(name)
            rows = ws.to_python(skip_empty_area=False)
            merged = getattr(ws, "merged_cell_ranges", None)
        except Exception:        # a chart sheet or a sheet calamine cannot parse: leave it out
            continue
        # Lists of one big to_python call are shared per row only by us: safe to fill in place.
        _fill_merged(rows, merged)
        limits.check_cells(rows, f"{path.name}（{name}）")
        sheets.append(Sheet(name, rows, str(path) if path.suffix.lower() in (".xlsx", ".xlsm") else None))
    return sheets


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):      # gb18030 is a superset of gbk
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UserError("无法识别CSV文件的文字编码，请用 Excel/WPS 打开后另存为 .xlsx 再导入",
                    "cannot detect the text encoding of the CSV file")


def _read_csv(path: Path) -> list[Sheet]:
    text = _decode(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    old = csv.field_size_limit(limits.MAX_CELL_CHARS)
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as e:
        if "field larger" in str(e):     # a huge cell, or a quote left open to the end of the file
            raise limits.too_long(path.name) from e
        raise UserError(f"无法读取CSV文件 {path.name}（{e}），请用 Excel/WPS 打开后另存为 .xlsx 再导入",
                        f"cannot read CSV {path.name}: {e}") from e
    finally:
        csv.field_size_limit(old)
    return [Sheet(path.stem, rows)]


def _refuse_open_database(path: Path) -> None:
    """Reading the open ledger's own file would close a handle on it outside SQLite, which drops
    this process's SQLite locks (POSIX): refuse before reading a byte."""
    from rural_cadre_desktop.core import db
    if not db.database.database:
        return
    live = Path(db.database.database)
    for f in (live, Path(f"{live}-wal"), Path(f"{live}-shm")):
        try:
            same = f.exists() and path.samefile(f)
        except OSError:
            same = False
        if same:
            raise UserError(f"{path.name} 是本软件正在使用的数据库文件，不是台账表格，请选择 Excel/WPS/CSV 台账",
                            f"{path.name} is the open database, not a ledger")


def read_workbook(path) -> list[Sheet]:
    """Every readable sheet of the file, in order. Raises UserError when nothing can be read."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到文件 {path}，请检查路径", f"no such file: {path}")
    _refuse_open_database(path)
    limits.check_file_size(path)
    ext = path.suffix.lower()
    if ext in (".csv", ".txt"):
        sheets = _read_csv(path)
    elif ext in SPREADSHEET_EXTS or ext == "":
        sheets = _read_calamine(path)
    else:
        raise UserError(f"不支持 {ext} 文件，请另存为 .xlsx、.xls 或 .csv 后导入",
                        f"unsupported file type {ext}")
    if not sheets:
        raise UserError(f"{path.name} 里没有可读的工作表", f"{path.name} has no readable sheet")
    return sheets
