"""The messy ledger, with every quirk offices produce, imported into a township with 石门村 and
杨河村: exact counts, refused rows by sheet row number, the values cleaned, re-import a no-op."""
from __future__ import annotations

import sqlite3

import pytest

from rural_cadre_desktop.core import ledgers, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.reader import read_workbook
from rural_cadre_desktop.core.models import Person, Returnee, Village

from .helpers import CHEN, LI, ZHANG, check_char, write_messy, write_xlsx

REFUSED = {12: "校验位", 13: "存成了数字", 14: "存成了数字", 15: "性别", 16: "出生日期", 17: "东坡村", 18: "没有姓名"}


@pytest.fixture
def messy(store, tmp_path):
    regions.add_village("石门村")
    regions.add_village("杨河村")
    path = tmp_path / "台账.xlsx"
    wang = write_messy(path)
    return path, wang


def snapshot(db_path):
    con = sqlite3.connect(db_path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                for t in ("person", "returnee", "village")}
    finally:
        con.close()


def test_header_found_under_title_and_two_row_header(messy):
    prep = ledgers.prepare(messy[0])
    assert prep.sheet.name == "返乡人员"              # the notes sheet is passed over
    assert prep.layout.header_row == 2 and prep.layout.data_start == 4
    keys = prep.layout.mapping
    assert keys[1] == "village" and keys[2] == "person.name" and keys[5] == "person.id_number"
    assert keys[10] == "returnee.wants_return" and keys[11] == "returnee.wants_business"


def test_import_counts_refusals_and_flags(messy):
    path, wang = messy
    plan = ledgers.make_plan(ledgers.prepare(path))
    assert plan.counts()["new"] == 6
    assert {r.number for r in plan.refused} == set(REFUSED)
    for r in plan.refused:
        assert REFUSED[r.number] in r.reason, (r.number, r.reason)
    flagged = dict(plan.flagged)
    assert "没有身份证号" in flagged[11]
    assert "第6行" in flagged[19]                      # the same 张三 again: merged into row 6
    counts = ledgers.apply_plan(plan)
    assert counts["refused"] == 7
    assert Returnee.alive().count() == 6 and Person.alive().count() == 6


def test_values_are_cleaned(messy):
    path, wang = messy
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path)))
    by_name = {p.name: p for p in Person.alive()}
    assert set(by_name) == {"张三", "王䶮", "李𠇔", "赵四", "钱五", "陈一"}   # rare characters kept
    z = by_name["张三"]
    assert (z.id_number, z.sex, z.birth_date, z.political_status, z.education, z.phone) == \
        (ZHANG, "1", "1985-03-12", "01", "30", "13800001111")
    assert by_name["王䶮"].id_number == wang.upper() and by_name["王䶮"].political_status == "03"
    assert by_name["王䶮"].phone == "13900002222"
    assert by_name["李𠇔"].id_number == LI                # full-width digits and spaces
    assert by_name["赵四"].id_number == "61102119700115003" + check_char("61102119700115003")  # 15 → 18
    assert by_name["赵四"].birth_date == "1970-01-15"
    assert by_name["陈一"].id_number == CHEN and by_name["陈一"].birth_date == "1985-01-01"
    assert by_name["钱五"].id_number is None and by_name["钱五"].birth_date == "1979-11"
    villages = {v.id: v.name for v in Village.alive()}
    assert villages[by_name["王䶮"].village_id] == "石门村"     # 石门村委会
    assert villages[by_name["李𠇔"].village_id] == "杨河村"     # " 杨河 "
    assert villages[by_name["钱五"].village_id] == "石门村"     # 石门
    r = Returnee.get(Returnee.person == z.id)
    assert (r.wants_return, r.wants_business, r.work_place, r.status) == (True, False, "浙江杭州", "away")
    w = Returnee.get(Returnee.person == by_name["王䶮"].id)
    assert (w.wants_return, w.wants_business) == (True, False)         # √ and 无


def test_reimport_is_a_no_op(messy, db_path):
    path, _ = messy
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path)))
    before = snapshot(db_path)
    plan = ledgers.make_plan(ledgers.prepare(path))
    c = plan.counts()
    assert (c["new"], c["updated"], c["unchanged"], c["refused"]) == (0, 0, 6, 7)
    ledgers.apply_plan(plan)
    assert snapshot(db_path) == before


def test_dry_run_and_refusals_write_nothing(messy, db_path, tmp_path):
    path, _ = messy
    before = snapshot(db_path)
    ledgers.make_plan(ledgers.prepare(path))                  # the dry run
    assert snapshot(db_path) == before
    bad = write_xlsx(tmp_path / "bad.xlsx", {"S": [["姓名", "身份证号", "村别"],
                                                   ["甲", "611021198001010000", "石门村"],
                                                   ["", "611021198001010011", "石门村"]]})
    plan = ledgers.make_plan(ledgers.prepare(bad))
    assert [r.number for r in plan.refused] == [2, 3] and not plan.entries
    ledgers.apply_plan(plan)
    assert snapshot(db_path) == before


def test_create_villages_one_per_real_name(store, tmp_path):
    path = write_xlsx(tmp_path / "v.xlsx", {"S": [
        ["村(社区)", "姓名", "身份证号"],
        ["柳树村委会", "甲", ""], ["柳树", "乙", ""], ["新民社区居委会", "丙", ""], ["新民", "丁", ""],
        ["古城", "戊", ""]]})
    plan = ledgers.make_plan(ledgers.prepare(path))
    assert [r.number for r in plan.refused] == [2, 3, 4, 5, 6]     # unknown villages without the flag
    plan = ledgers.make_plan(ledgers.prepare(path), create_villages=True)
    assert sorted(plan.new_villages.values()) == ["古城村", "新民社区", "柳树村"]
    ledgers.apply_plan(plan)
    assert sorted(v.name for v in Village.alive()) == ["古城村", "新民社区", "柳树村"]
    assert Person.alive().count() == 5


def test_differences_kept_unless_update(store, tmp_path):
    regions.add_village("石门村")
    rows = [["姓名", "身份证号", "联系电话", "村别", "文化程度"], ["张三", ZHANG, "13800001111", "石门村", ""]]
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))))
    rows[1][2], rows[1][4] = "13911112222", "本科"
    path = write_xlsx(tmp_path / "b.xlsx", {"S": rows})
    plan = ledgers.make_plan(ledgers.prepare(path))
    assert [(d.field, d.db_value, d.file_value) for d in plan.differences] == \
        [("phone", "13800001111", "13911112222")]
    assert plan.counts()["updated"] == 1                 # the empty 学历 is filled
    ledgers.apply_plan(plan)
    p = Person.get(Person.id_number == ZHANG)
    assert (p.phone, p.education) == ("13800001111", "20")    # a non-empty value is never overwritten
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path), update=True))
    assert Person.get(Person.id_number == ZHANG).phone == "13911112222"
    assert Person.alive().count() == 1 and Returnee.alive().count() == 1


def test_person_without_id_matched_by_name_birth_village(store, tmp_path):
    regions.add_village("石门村")
    rows = [["姓名", "出生年月", "村别", "务工地点"], ["钱五", "1979.11", "石门村", "西安"]]
    path = write_xlsx(tmp_path / "a.xlsx", {"S": rows})
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path)))
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path)))
    assert Person.alive().count() == 1


def test_csv_in_gbk(store, tmp_path):
    regions.add_village("石门村")
    path = tmp_path / "a.csv"
    path.write_bytes(f"姓名,公民身份号码,村(社区)\r\n张三,{ZHANG},石门\r\n".encode("gbk"))
    ledgers.apply_plan(ledgers.make_plan(ledgers.prepare(path)))
    assert Person.get(Person.id_number == ZHANG).name == "张三"


def test_unreadable_file_and_no_header_refused(store, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a spreadsheet")
    with pytest.raises(UserError, match="无法读取"):
        read_workbook(junk)
    nohead = write_xlsx(tmp_path / "n.xlsx", {"S": [["甲", "乙"], [1, 2]]})
    with pytest.raises(UserError, match="没有找到表头"):
        ledgers.prepare(nohead)
    with pytest.raises(UserError, match="找不到文件"):
        ledgers.prepare(tmp_path / "missing.xlsx")


def test_corrected_mapping_is_remembered(store, tmp_path):
    regions.add_village("石门村")
    path = write_xlsx(tmp_path / "m.xlsx", {"S": [["姓名", "证号", "村别"], ["张三", ZHANG, "石门村"]]})
    prep = ledgers.prepare(path)
    assert 1 not in prep.layout.mapping                     # "证号" is not a known header
    prep.layout.mapping[1] = "person.id_number"
    ledgers.save_mapping("returnees", prep.layout)
    again = ledgers.prepare(path)
    assert again.layout.remembered and again.layout.mapping[1] == "person.id_number"
    ledgers.apply_plan(ledgers.make_plan(again))
    assert Person.get(Person.name == "张三").id_number == ZHANG


@pytest.mark.parametrize("total", ["合计", "总 计", "小计："])
def test_total_row_under_one_row_header_is_not_a_sub_header(store, tmp_path, total):
    """A ledger with no people yet: the 合计 row directly under the header is not header row two."""
    path = write_xlsx(tmp_path / "t.xlsx", {"S": [["序号", "姓名", "身份证号码", "村别"], [total, "", "0人", ""]]})
    prep = ledgers.prepare(path)
    assert prep.layout.data_start == 1 and prep.layout.labels[0] == "序号"
    plan = ledgers.make_plan(prep)
    assert plan.counts()["new"] == 0 and not plan.refused
