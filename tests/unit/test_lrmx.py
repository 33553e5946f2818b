"""The 干部任免审批表 file (.lrmx): the tool's order and formats out, its real-world variants in,
refusals that change nothing, and export → import into an empty database → export unchanged."""
from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

import pytest

from rural_cadre_desktop.core import lrmx
from rural_cadre_desktop.core.errors import UserError

TABLES = ("person", "education", "resume_entry", "family_member", "reward_punishment", "assessment",
          "history", "audit_log")
# A tiny JPEG-looking blob is enough: the file carries the bytes, whatever they are.
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 3 + b"\xff\xd9"
DATED = {"JiSuanNianLingShiJian", "TianBiaoShiJian", "TianBiaoRen"}


def _sql(q, params=()):
    from rural_cadre_desktop.core.models import Person
    return list(Person._meta.database.execute_sql(q, params).fetchall())


def _snapshot():
    return {t: _sql(f'SELECT * FROM "{t}" ORDER BY 1') for t in TABLES}


def _rich_person():
    """A demo person with family, résumé, rewards and assessments; given a photo and both educations."""
    from rural_cadre_desktop.core import store
    from rural_cadre_desktop.core.models import Education, Person
    pid = _sql("SELECT p.id FROM person p WHERE p.id_number IS NOT NULL AND p.deleted = 0 "
               "AND EXISTS (SELECT 1 FROM family_member f WHERE f.person_id = p.id AND f.deleted = 0) "
               "AND EXISTS (SELECT 1 FROM resume_entry r WHERE r.person_id = p.id AND r.deleted = 0) "
               "ORDER BY p.id LIMIT 1")[0][0]
    p = Person.get_by_id(pid)
    store.update(p, {"photo": PHOTO, "party_join_date": "2015-06", "health": "健康", "specialty": "电商运营"})
    Education.delete().where(Education.person == pid).execute()
    store.insert(Education, person=pid, kind="full_time", level="20", degree="农学学士",
                 school="西北农林科技大学", major="农学专业")
    store.insert(Education, person=pid, kind="on_the_job", level="10", degree="农业硕士",
                 school="西北农林科技大学", major="农业管理专业")
    return Person.get_by_id(pid)


def _root(data: bytes):
    return ET.fromstring(data)


def test_export_writes_every_element_in_the_tools_order(demo_store):
    p = _rich_person()
    root = _root(lrmx.export_person(p.id))
    assert root.tag == "Person"
    assert [c.tag for c in root] == list(lrmx.ORDER)            # every element, the tool's order
    assert root.findtext("XingMing") == p.name
    assert root.findtext("ShenFenZheng") == p.id_number           # in full, never masked
    assert re.fullmatch(r"\d{6}", root.findtext("ChuShengNianYue"))
    assert root.findtext("ChuShengNianYue") == p.birth_date[:4] + p.birth_date[5:7]
    assert root.findtext("RuDangShiJian") == "201506"
    assert root.findtext("QuanRiZhiJiaoYu_XueLi") == "大学本科"
    assert root.findtext("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi") == "西北农林科技大学农学专业"
    assert root.findtext("ZaiZhiJiaoYu_XueWei") == "农业硕士"
    assert base64.b64decode(root.findtext("ZhaoPian")) == PHOTO
    assert root.findtext("Version") == lrmx.VERSION
    items = root.find("JiaTingChengYuan").findall("Item")
    n = _sql("SELECT count(*) FROM family_member WHERE person_id = ? AND deleted = 0", (p.id,))[0][0]
    assert len(items) == n > 0
    assert [c.tag for c in items[0]] == list(lrmx.FAMILY_ORDER)
    assert all(re.fullmatch(r"\d{6}|", i.findtext("ChuShengRiQi")) for i in items)
    lines = root.findtext("JianLi").splitlines()
    assert all(re.match(r"\d{4}\.\d{2}--(\d{4}\.\d{2}| {7})  \S", ln) for ln in lines), lines


def test_unknown_elements_are_written_empty(store):
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.validation import id_check_char
    body = "61010219850305123"
    p = create_person({"name": "王䶮", "id_number": body + id_check_char(body)})
    root = _root(lrmx.export_person(p.id))
    assert [c.tag for c in root] == list(lrmx.ORDER)
    assert root.findtext("ChuShengDi") == "" and root.findtext("ZhaoPian") == ""
    assert root.find("JiaTingChengYuan").findall("Item") == []


def test_round_trip_into_an_empty_database(demo_store, tmp_path):
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.models import Person
    from rural_cadre_desktop.core.setup import init_installation
    from rural_cadre_desktop.core.store import open_store
    p = _rich_person()
    a = lrmx.export_person(p.id)
    db.close()
    open_store(tmp_path / "empty.db")
    init_installation("洛南县", "石门镇")
    assert _sql("SELECT count(*) FROM person")[0][0] == 0
    plan = lrmx.apply_import(lrmx.parse(a))
    assert plan.created
    q = Person.get_by_id(plan.person_id)
    assert q.village_id is None                         # a person may come without a village
    assert bytes(q.photo) == PHOTO
    b = lrmx.export_person(q.id)
    ra, rb = _root(a), _root(b)
    for el in ra:
        if el.tag not in DATED and len(el) == 0:
            assert (el.text or "").strip() == (rb.findtext(el.tag) or "").strip(), el.tag
    fam = lambda r: [[c.text for c in i] for i in r.iter("Item")]
    assert fam(ra) == fam(rb) and fam(ra)
    assert [c.tag for c in rb] == list(lrmx.ORDER)
    # Importing the same file again changes nothing.
    before = _snapshot()
    again = lrmx.apply_import(lrmx.parse(a))
    assert again.changes == [] and not again.created
    after = _snapshot()
    assert {t: after[t] for t in TABLES if t != "audit_log"} == {t: before[t] for t in TABLES if t != "audit_log"}
    audits = _sql("SELECT action, detail FROM audit_log WHERE action = 'lrmx-import'")
    assert len(audits) == 2 and audits[0][1].startswith(q.id)


def _edit(data: bytes, tag: str, value: str) -> bytes:
    text = data.decode("utf-8")
    new, n = re.subn(rf"<{tag}>[^<]*</{tag}>", f"<{tag}>{value}</{tag}>", text, count=1)
    assert n == 1
    return new.encode("utf-8")


def test_dry_run_changes_nothing_and_import_updates_with_history(demo_store):
    p = _rich_person()
    data = _edit(_edit(lrmx.export_person(p.id), "JiGuan", "陕西商洛"), "ChuShengDi", "")
    before = _snapshot()
    plan = lrmx.plan_import(lrmx.parse(data))
    assert not plan.new and plan.person_id == p.id
    assert [(c.label, c.new) for c in plan.changes] == [("籍贯", "陕西商洛")]   # empty ChuShengDi erases nothing
    assert _snapshot() == before
    lrmx.apply_import(lrmx.parse(data))
    assert _sql("SELECT native_place, birthplace FROM person WHERE id = ?", (p.id,)) == [("陕西商洛", p.birthplace)]
    assert _sql("SELECT new_value, source FROM history WHERE row_id = ? AND field = 'native_place'",
                (p.id,)) == [("陕西商洛", "lrmx")]


def test_a_changed_family_replaces_ours_keeping_history(demo_store):
    p = _rich_person()
    data = lrmx.export_person(p.id).decode()
    data = data.replace("<JiaTingChengYuan>", "<JiaTingChengYuan><Item><ChengWei>女儿</ChengWei>"
                        "<XingMing>王小丫</XingMing><ChuShengRiQi>20180304</ChuShengRiQi>"
                        "<ZhengZhiMianMao>九三学社社员</ZhengZhiMianMao></Item>", 1).encode()
    old = _sql("SELECT id FROM family_member WHERE person_id = ? AND deleted = 0", (p.id,))
    lrmx.apply_import(lrmx.parse(data))
    rows = _sql("SELECT relation, name, birth_date, political_status FROM family_member "
                "WHERE person_id = ? AND deleted = 0 ORDER BY seq", (p.id,))
    assert rows[0] == ("女儿", "王小丫", "2018-03-04", "10") and len(rows) == len(old) + 1
    assert all(_sql("SELECT deleted FROM family_member WHERE id = ?", o)[0][0] == 1 for o in old)


def _bad_id(idn: str) -> str:
    wrong = "0" if idn[-1] != "0" else "1"
    return idn[:-1] + wrong


@pytest.mark.parametrize("case", ["truncated", "foreign", "doctype", "entity", "check_digit", "no_id",
                                  "birth_contradicts", "empty", "bad_photo"])
def test_refusals_change_nothing(demo_store, case):
    p = _rich_person()
    good = lrmx.export_person(p.id)
    data = {
        "truncated": good[:700],
        "foreign": good.replace(b"<Person>", b"<Root>").replace(b"</Person>", b"</Root>"),
        "doctype": good.replace(b"<Person>", b'<!DOCTYPE Person [<!ENTITY a "aaaaaaaaaa">'
                                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Person>', 1)
                               .replace(b"<JiGuan>", b"<JiGuan>&c;", 1),
        "entity": good.replace(b"<Person>", b'<!ENTITY x SYSTEM "file:///etc/passwd"><Person>', 1),
        "check_digit": _edit(good, "ShenFenZheng", _bad_id(p.id_number)),
        "no_id": _edit(good, "ShenFenZheng", ""),
        "birth_contradicts": _edit(good, "ChuShengNianYue", "190001"),
        "empty": b"",
        "bad_photo": _edit(good, "ZhaoPian", "@@@not-base64@@@"),
    }[case]
    before = _snapshot()
    with pytest.raises(UserError) as e:
        lrmx.apply_import(lrmx.parse(data))
    assert e.value.zh.startswith("这个文件不能导入") and e.value.en
    assert _snapshot() == before


def _variant_xml(encoding: str) -> str:
    """A hand-made file as other writers make them: another order, elements missing, dotted dates,
    the 4.0 variant's extra elements, an open résumé line written with 至今."""
    return f"""<?xml version="1.0" encoding="{encoding}" standalone="yes"?>
<Person>
  <ShenFenZheng>{IDN}</ShenFenZheng>
  <XingMing>刘喆</XingMing>
  <MinZu>汉</MinZu>
  <ChuShengNianYue>1985.03</ChuShengNianYue>
  <CanJiaGongZuoShiJian>2007-07</CanJiaGongZuoShiJian>
  <RuDangShiJian>200108；民建</RuDangShiJian>
  <XianRenZhiWu>石门镇古城村党支部书记</XianRenZhiWu>
  <JianLi>2003.09—2007.07  西北大学经济管理学院学习
2007.07—2015.03  浙江杭州某电商公司
    运营主管
2015.03--至今  石门镇古城村党支部书记</JianLi>
  <QuanRiZhiJiaoYu_XueLi>本科</QuanRiZhiJiaoYu_XueLi>
  <JiaTingChengYuan>
    <Item><XingMing>刘大山</XingMing><ChengWei>父亲</ChengWei><ChuShengRiQi>1958.10</ChuShengRiQi>
      <ZhengZhiMianMao>中共党员</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>已去世</GongZuoDanWeiJiZhiWu></Item>
  </JiaTingChengYuan>
  <NianDuKaoHeJieGuo>2023年度称职，2024年度优秀</NianDuKaoHeJieGuo>
  <DaoLingNianYue>204503</DaoLingNianYue>
  <GaiGeQianRenZhiNianLingJieXian>改革前任职年龄界限为60岁</GaiGeQianRenZhiNianLingJieXian>
</Person>
"""


def _idn():
    from rural_cadre_desktop.core.validation import id_check_char
    body = "61102119850305121"
    return body + id_check_char(body)


IDN = _idn()


@pytest.mark.parametrize("encoding,codec", [("GBK", "gbk"), ("gb2312", "gbk"), ("UTF-8", "utf-8"),
                                            ("UTF-8", "utf-8-sig")])
def test_variants_are_accepted(store, encoding, codec):
    data = _variant_xml(encoding).replace("\n", "\r\n").encode(codec)
    parsed = lrmx.parse(data)
    assert parsed.warnings == []
    plan = lrmx.apply_import(parsed)
    row = _sql("SELECT name, sex, birth_date, ethnicity, work_start_date, party_join_date, current_post, "
               "village_id FROM person WHERE id = ?", (plan.person_id,))[0]
    # 现任职务 equals the open résumé line, which the archive derives it from: not frozen as typed.
    assert row == ("刘喆", "1", "1985-03-05", "01", "2007-07", "2001-08", None, None)
    assert _sql("SELECT start_date, end_date, text FROM resume_entry WHERE person_id = ? ORDER BY seq",
                (plan.person_id,)) == [("2003-09", "2007-07", "西北大学经济管理学院学习"),
                                       ("2007-07", "2015-03", "浙江杭州某电商公司运营主管"),
                                       ("2015-03", None, "石门镇古城村党支部书记")]
    assert _sql("SELECT relation, name, birth_date, political_status, work_unit FROM family_member "
                "WHERE person_id = ?", (plan.person_id,)) == [("父亲", "刘大山", "1958-10", "01", "已去世")]
    assert _sql("SELECT year, result FROM assessment WHERE person_id = ? ORDER BY year",
                (plan.person_id,)) == [(2023, "称职"), (2024, "优秀")]
    assert _sql("SELECT kind, level FROM education WHERE person_id = ?", (plan.person_id,)) == [("full_time", "20")]
    out = _root(lrmx.export_person(plan.person_id))
    assert [c.tag for c in out] == list(lrmx.ORDER)
    assert out.findtext("XianRenZhiWu") == "石门镇古城村党支部书记"
    assert out.findtext("ChuShengNianYue") == "198503" and out.findtext("RuDangShiJian") == "200108"


def test_resume_lines_in_the_tools_forms():
    assert lrmx.parse_resume("1991.01--         村委会委员\r\n1985.09--1991.01  读书") == [
        ("1991-01", None, "村委会委员"), ("1985-09", "1991-01", "读书")]
    assert lrmx.resume_line("1991-01-05", None, "委员") == "1991.01--" + " " * 7 + "  委员"
    assert lrmx.parse_resume(lrmx.resume_line("1991-01", None, "2019年起任委员")) == [
        ("1991-01", None, "2019年起任委员")]


def test_batch_names_and_village_people(demo_store):
    name = _sql("SELECT v.name FROM village v JOIN person p ON p.village_id = v.id GROUP BY v.id "
                "ORDER BY count(*) DESC LIMIT 1")[0][0]
    people = lrmx.village_people(name)
    n = _sql("SELECT count(*) FROM person p JOIN village v ON v.id = p.village_id WHERE v.name = ? "
             "AND p.deleted = 0 AND p.alias_of_id IS NULL", (name,))[0][0]
    assert len(people) == n > 1
    assert lrmx.batch_filename(3, "王 䶮/x") == "0003_王_䶮_x.lrmx"
    with pytest.raises(UserError):
        lrmx.village_people("没有这个村")


def test_what_cannot_be_read_is_skipped_with_a_warning_not_refused(store):
    long_text = "熟悉农村电商、合作社经营管理和乡村旅游开发。" * 20        # longer than our form allows
    data = _variant_xml("UTF-8").replace("<QuanRiZhiJiaoYu_XueLi>本科", "<QuanRiZhiJiaoYu_XueLi>党校函授") \
        .replace("2023年度称职，", "优秀，").replace("<CanJiaGongZuoShiJian>2007-07", "<CanJiaGongZuoShiJian>早年") \
        .replace("<MinZu>汉</MinZu>", f"<MinZu>汉</MinZu><ShuXiZhuanYeYouHeZhuanChang>{long_text}"
                                       "</ShuXiZhuanYeYouHeZhuanChang>")
    parsed = lrmx.parse(data.encode())
    assert len(parsed.warnings) == 3
    assert any("党校函授" in w for w in parsed.warnings) and any("早年" in w for w in parsed.warnings)
    plan = lrmx.apply_import(parsed)
    assert _sql("SELECT specialty, work_start_date FROM person WHERE id = ?", (plan.person_id,)) == [
        (long_text, None)]
    assert _sql("SELECT year FROM assessment WHERE person_id = ?", (plan.person_id,)) == [(2024,)]
    assert _sql("SELECT count(*) FROM education WHERE person_id = ?", (plan.person_id,)) == [(0,)]
    assert lrmx.plan_import(lrmx.parse(data.encode())).changes == []      # and again: nothing to do
