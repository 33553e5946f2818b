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

SPREADSHEET_EXTS = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et", ".ett"}
SUPPORTED = sorted(SPREADSHEET_EXTS | {".csv", ".txt"})


@dataclass
class Sheet:
    name: str
    rows: list[list]          # cell values: str, float, int, bool, date, datetime, time; "" when empty


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
        sheets.append(Sheet(name, rows))
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
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
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
