"""Ledgers as other offices send them (issue 15): one sheet per village, summary sheets, people who
moved between villages, --sheet by name or number, month-only dates, phones kept as numbers,
other offices' column wordings and the columns nothing is read from, legacy .xls and GBK CSV."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from rural_cadre_desktop.core import db, ledgers, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers import pipeline
from rural_cadre_desktop.core.models import Person, Returnee
from rural_cadre_desktop.core.store import open_store

from .helpers import (
    MONTH_ID,
    MOVED,
    make_id,
    village_book_rows,
    write_village_book,
    write_xlsx,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ledgers"


def people(db_path) -> dict[str, tuple]:
    """name -> (village, birth date, phone, status) as stored."""
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT p.name, v.name, p.birth_date, p.phone, r.status FROM person p "
                           "LEFT JOIN village v ON v.id = p.village_id LEFT JOIN returnee r ON r.person_id = p.id "
                           "WHERE p.deleted = 0").fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


@pytest.fixture
def book(store, tmp_path):
    regions.add_village("柳树村")
    regions.add_village("杨河村")
    return write_village_book(tmp_path / "分村台账.xlsx")


def test_every_village_sheet_is_read_with_its_village_and_skipped_sheets_named(book, db_path):
    prep = ledgers.prepare(book)
    assert [(p.name, p.village) for p in prep.parts] == [("柳树村", "柳树村"), ("杨河村", "杨河村")]
    skipped = dict(prep.skipped)
    assert "表头" in skipped["说明"]
    assert "汇总" in skipped["汇总"] and "--sheet" in skipped["汇总"]
    plan = ledgers.make_plan(prep)
    assert [(r.sheet, r.number, r.reason) for r in plan.refused] == [("柳树村", 6, "没有姓名")]
    ledgers.apply_plan(plan)
    got = people(db_path)
    assert got["张柳"][0] == "柳树村" and got["赵杨"][0] == "杨河村" and got["周电"][0] == "杨河村"
    assert len(got) == 6                                    # nobody twice: the summary was skipped
    assert Returnee.alive().count() == 6


def test_summary_alone_is_imported_when_asked_for(book, db_path):
    plan = ledgers.make_plan(ledgers.prepare(book, sheet="汇总"))
    assert plan.sheets == ["汇总"] and plan.counts()["new"] == 6     # 孙迁 twice: one person
    ledgers.apply_plan(plan)
    assert people(db_path)["孙迁"][0] == "杨河村"


def test_moved_person_is_one_person_with_the_village_of_the_moved_in_row(book, db_path):
    plan = ledgers.make_plan(ledgers.prepare(book))
    notes = [(f.sheet, f[0], f[1]) for f in plan.flagged]
    moved = [n for n in notes if "村(社区)不同" in n[2]]
    text = "与工作表“柳树村”第5行是同一人，村(社区)不同：“柳树村”与“杨河村”，按写有“迁入”的一行记为“杨河村”"
    assert moved == [("杨河村", 4, text)]
    assert dict(plan.sheet_counts())["杨河村"]["merged"] == 1
    ledgers.apply_plan(plan)
    assert Person.select().where(Person.id_number == MOVED).count() == 1
    assert people(db_path)["孙迁"][0] == "杨河村"


@pytest.mark.parametrize("moved_in_first, expected", [(True, "柳树村"), (False, "杨河村")])
def test_moved_in_row_wins_else_the_later_sheet(store, tmp_path, db_path, moved_in_first, expected):
    regions.add_village("柳树村")
    regions.add_village("杨河村")
    head = ["序号", "姓名", "身份证号码", "备注"]
    first = [1, "孙迁", MOVED, "从杨河村迁入" if moved_in_first else ""]
    later = [1, "孙迁", MOVED, ""]
    path = write_xlsx(tmp_path / "b.xlsx", {"柳树村": [head, first], "杨河村": [head, later]})
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path)))
    assert people(db_path)["孙迁"][0] == expected


def test_moved_person_streamed_as_serial(book, db_path, tmp_path, monkeypatch):
    """The writer process has written 孙迁 with 柳树村 (chunks of one row) before his 杨河村 row."""
    db.close()
    copy = tmp_path / "streamed.db"
    shutil.copy(db_path, copy)
    open_store(copy)
    monkeypatch.setattr(pipeline, "CHUNK", 1)
    plan = pipeline.import_streamed(ledgers.prepare(book), pipeline.Writer())
    db.close()
    open_store(db_path)
    assert dict(plan.sheet_counts())["杨河村"]["new"] == 3
    assert people(copy)["孙迁"][0] == "杨河村" and len(people(copy)) == 6


@pytest.mark.parametrize("which", ["0", "-1", "5", "9", "花名册", "1.5"])
def test_sheet_out_of_range_or_unknown_is_refused_with_the_list(book, db_path, which):
    before = people(db_path)
    with pytest.raises(UserError) as e:
        ledgers.prepare(book, sheet=which)
    assert "1. 说明、2. 柳树村、3. 杨河村、4. 汇总" in e.value.zh and which in e.value.zh
    assert people(db_path) == before


def test_sheet_by_name_or_number(book):
    assert [p.name for p in ledgers.prepare(book, sheet="3").parts] == ["杨河村"]
    assert [p.name for p in ledgers.prepare(book, sheet="柳树村").parts] == ["柳树村"]
    with pytest.raises(UserError):
        ledgers.prepare(book, sheet=-1)                # an index from code: no quiet wrap-around


def test_month_only_date_kept_by_excel_as_a_date_is_taken(book, db_path):
    """吴月's 1989.12 is stored as 1989-12-01 with a yyyy.mm format; his ID number says the 17th."""
    plan = ledgers.make_plan(ledgers.prepare(book))
    assert not [r for r in plan.refused if r.cells[4] == MONTH_ID]
    ledgers.apply_plan(plan)
    assert people(db_path)["吴月"][1] == "1989-12-17"


def test_a_day_format_on_the_first_still_contradicts_the_id_number(store, tmp_path):
    """The same date with a yyyy-mm-dd format is a day, and the ID number says another day."""
    from openpyxl import load_workbook
    path = write_xlsx(tmp_path / "d.xlsx", {"台账": [["姓名", "出生日期", "身份证号码"],
                                                  ["吴月", dt.datetime(1989, 12, 1), MONTH_ID]]})
    wb = load_workbook(path)
    wb["台账"]["B2"].number_format = "yyyy-mm-dd"
    wb.save(path)
    plan = ledgers.make_plan(ledgers.prepare(path))
    assert len(plan.refused) == 1 and "出生" in plan.refused[0].reason


def test_phone_kept_as_a_number_is_stored_as_the_number(book, db_path):
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(book)))
    assert people(db_path)["周电"][2] == "13878887228"


def test_other_offices_wordings_are_mapped_and_every_other_column_listed(store, tmp_path, db_path):
    regions.add_village("柳树村")
    a, b = make_id("19800303", 51), make_id("19820404", 52)
    path = write_xlsx(tmp_path / "c.xlsx", {"导出": [
        ["序号", "姓名", "身份证号码", "所属村居", "返乡状态", "微信号", "", "紧急联系人"],
        [1, "刘村", a, "柳树村", "已返乡", "wx1", "", "刘父"],
        [2, "陈外", b, "柳树村", "在外", "", "", ""]]})
    plan = ledgers.make_plan(ledgers.prepare(path))
    assert plan.unmapped == {"导出": ["微信号", "紧急联系人"]}
    from rural_cadre_desktop.core.ledgers.summary import plan_lines
    assert "  未对应的列（不导入）/ unmapped: 微信号、紧急联系人" in plan_lines(plan)
    ledgers.apply_plan(plan)
    got = people(db_path)
    assert got["刘村"][0] == "柳树村" and got["刘村"][3] == "returned"
    assert got["陈外"][0] == "柳树村" and got["陈外"][3] == "away"


def test_dry_run_per_sheet_is_what_the_import_takes(book, db_path):
    dry = ledgers.make_plan(ledgers.prepare(book)).sheet_counts()
    plan = ledgers.make_plan(ledgers.prepare(book))
    ledgers.apply_plan(plan)
    assert plan.sheet_counts() == dry
    con = sqlite3.connect(db_path)
    try:
        per_village = dict(con.execute("SELECT v.name, count(*) FROM returnee r JOIN person p ON p.id = r.person_id "
                                       "JOIN village v ON v.id = p.village_id GROUP BY v.name").fetchall())
    finally:
        con.close()
    # 孙迁 counts as new where his first row was, and lives where he moved to
    assert dict(dry)["柳树村"]["new"] == 3 and dict(dry)["杨河村"]["new"] == 3
    assert per_village == {"柳树村": 2, "杨河村": 4}


def test_legacy_xls_one_sheet_per_village(store, db_path):
    regions.add_village("柳树村")
    regions.add_village("杨河村")
    prep = ledgers.prepare(FIXTURES / "village_book.xls")
    assert [(p.name, p.village) for p in prep.parts] == [("柳树村", "柳树村"), ("杨河村", "杨河村")]
    plan = ledgers.make_plan(prep)
    assert not plan.refused, plan.refused              # 王三's month kept as 1989-12-01 is taken
    ledgers.apply_plan(plan)
    got = people(db_path)
    assert got["张一"][0] == "柳树村" and got["张一"][2] == "13878887228"
    assert got["王三"][0] == "杨河村" and got["王三"][1] == "1989-12-17"
    assert got["赵四"][2] == "13900004444" and got["李二"][3] == "returned"


def test_gbk_csv_from_a_county_system(store, db_path):
    regions.add_village("柳树村")
    regions.add_village("杨河村")
    prep = ledgers.prepare(FIXTURES / "county_export_gbk.csv")
    plan = ledgers.make_plan(prep)
    assert plan.unmapped == {"county_export_gbk": ["微信号"]}
    ledgers.apply_plan(plan)
    got = people(db_path)
    assert got == {"刘村": ("柳树村", "1980-03-03", "13800005555", "returned"),
                   "陈返": ("杨河村", "1982-04-04", "13800006666", "away"),
                   "杨外": ("柳树村", "1983-05-05", "13800007777", "away")}


def test_report_names_the_sheet_of_each_refused_row(book, tmp_path):
    from openpyxl import load_workbook
    plan = ledgers.make_plan(ledgers.prepare(book))
    out = ledgers.write_report(plan, tmp_path / "r.xlsx")
    ws = load_workbook(out)["未导入的行"]
    assert [c.value for c in ws[1]][:3] == ["工作表", "原表行号", "未导入原因"]
    assert [c.value for c in ws[2]][:3] == ["柳树村", 6, "没有姓名"]
    notes = load_workbook(out)["需注意"]
    assert ("杨河村", 4) in {(r[0].value, r[1].value) for r in notes.iter_rows(min_row=2)}


def test_village_from_the_title_when_the_sheet_name_is_generic(store, tmp_path, db_path):
    regions.add_village("柳树村")
    rows = village_book_rows()["柳树村"]
    path = write_xlsx(tmp_path / "t.xlsx", {"Sheet1": rows})
    prep = ledgers.prepare(path)
    assert prep.parts[0].village == "柳树村"
    ledgers.apply_plan(ledgers.make_plan(prep))
    assert people(db_path)["张柳"][0] == "柳树村"


def test_a_sheet_with_another_header_is_another_ledger_and_is_named(store, tmp_path):
    """返乡人员 beside a 后备干部 sheet with other columns: only the returnee sheets are read."""
    regions.add_village("柳树村")
    sheets = village_book_rows()
    reserves = [["序号", "姓名", "身份证号码", "后备类别", "入库时间"], [1, "钱后备", make_id("19900909", 61), "书记后备", "2024.01"]]
    path = write_xlsx(tmp_path / "m.xlsx", {"柳树村": sheets["柳树村"], "后备干部": reserves})
    prep = ledgers.prepare(path)
    assert [p.name for p in prep.parts] == ["柳树村"]
    assert "不是同一种台账" in dict(prep.skipped)["后备干部"]
    assert [p.name for p in ledgers.prepare(path, sheet="后备干部").parts] == ["后备干部"]
