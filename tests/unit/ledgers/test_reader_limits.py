"""The readers' limits (issue 13): a file over the size limit and any cell over Excel's own cell
limit are refused with the limit named, before a reader materialises them — in bounded memory
(measured in a subprocess: a 50 MB shared string once drove calamine to gigabytes)."""
from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers import limits
from rural_cadre_desktop.core.ledgers.reader import read_workbook

MEMORY_BOUND_MB = 500

_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
          'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
          '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
       '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
_SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
          '2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
          '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row></sheetData></worksheet>')


def xlsx_with_strings(path, strings_xml_parts) -> None:
    """A minimal .xlsx written with zipfile: one sheet of four shared strings; the sharedStrings
    part streamed from `strings_xml_parts` (bytes pieces), so a 50 MB string never sits in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", _SHEET)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            for part in strings_xml_parts:
                f.write(part)


def strings(big_text_chunks):
    yield ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
           'spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>姓名</t></si><si><t>备注</t></si>'
           '<si><t>张三</t></si><si><t>').encode()
    yield from big_text_chunks
    yield b"</t></si></sst>"


def run_reader(path) -> tuple[str, int]:
    """(what the reader said, peak resident memory in MB) in a fresh process."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork+exec, so a child of a big pytest
    # process (1.3 GB in CI after the whole suite) "peaked" at its parent's size.
    code = ("import sys\n"
            "from rural_cadre_desktop.core.errors import UserError\n"
            "from rural_cadre_desktop.core.ledgers.reader import read_workbook\n"
            "try:\n    read_workbook(sys.argv[1]); out = 'read'\n"
            "except UserError as e:\n    out = e.zh\n"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
            "print(int(hwm) // 1024)\nprint(out)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    peak, said = done.stdout.split("\n", 1)
    return said.strip(), int(peak)


def test_csv_with_a_five_million_character_cell_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "大.csv"
    path.write_text("姓名,备注\n张三," + "长" * 5_000_000 + "\n", encoding="utf-8")
    said, peak = run_reader(path)
    assert "32,767" in said and "单元格" in said
    assert peak < MEMORY_BOUND_MB


def test_xlsx_with_a_fifty_megabyte_shared_string_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "大.xlsx"
    xlsx_with_strings(path, strings(b"A" * 1_000_000 for _ in range(50)))
    assert path.stat().st_size < 1_000_000                  # it compresses to little
    said, peak = run_reader(path)
    assert "32,767" in said and "大.xlsx" in said
    assert peak < MEMORY_BOUND_MB


def test_a_cell_at_the_limit_is_read_and_entities_count_once(tmp_path):
    path = tmp_path / "边界.xlsx"
    xlsx_with_strings(path, strings([b"&amp;" * limits.MAX_CELL_CHARS]))
    rows = read_workbook(path)[0].rows
    assert rows[1][1] == "&" * limits.MAX_CELL_CHARS
    over = tmp_path / "超.xlsx"
    xlsx_with_strings(over, strings([b"x" * (limits.MAX_CELL_CHARS + 1)]))
    with pytest.raises(UserError, match="32,767"):
        read_workbook(over)


def test_csv_cell_at_the_limit_is_read(tmp_path):
    path = tmp_path / "边界.csv"
    path.write_text("姓名,备注\n张三," + "x" * limits.MAX_CELL_CHARS + "\n", encoding="utf-8")
    assert len(read_workbook(path)[0].rows[1][1]) == limits.MAX_CELL_CHARS


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "巨大.xlsx"
    with open(path, "wb") as f:                   # sparse: 201 MB on paper, nothing on the disk
        f.truncate(limits.MAX_FILE_BYTES + 1024 * 1024)
    with pytest.raises(UserError) as e:
        read_workbook(path)
    assert "200 MB" in e.value.zh and "拆" in e.value.zh


def xlsx_with_inline_cell(path, text_chunks) -> None:
    """A minimal .xlsx whose one sheet holds an inline-string cell streamed from `text_chunks`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS.replace(
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/>', ""))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                     'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is>'
                     '</c><c r="B1" t="inlineStr"><is><t>').encode())
            for chunk in text_chunks:
                f.write(chunk)
            f.write(b"</t></is></c></row></sheetData></worksheet>")


def test_xlsx_with_a_huge_inline_cell_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "内联.xlsx"
    xlsx_with_inline_cell(path, (b"B" * 1_000_000 for _ in range(50)))
    said, peak = run_reader(path)
    assert "32,767" in said and "sheet1.xml" in said
    assert peak < MEMORY_BOUND_MB


def test_xlsx_with_a_long_varied_inline_cell_is_refused(tmp_path):
    """Text that does not compress (the sheet is scanned while calamine reads it)."""
    import random
    rng = random.Random(1)
    text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(limits.MAX_CELL_CHARS + 10))
    path = tmp_path / "长.xlsx"
    xlsx_with_inline_cell(path, [text.encode()])
    with pytest.raises(UserError, match="32,767"):
        read_workbook(path)
