"""fill-template and report, run as the real command."""
from __future__ import annotations

import sqlite3

from openpyxl import Workbook, load_workbook

from functools import partial

from rural_cadre_desktop.core.validation import mask

mask_id = partial(mask, rule="id")


def _form(path, header):
    wb = Workbook()
    ws = wb.active
    ws.append(["XX县返乡人员摸底表"])
    ws.append(header)
    wb.save(path)
    return path


def _refused(res):
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and " / " in lines[0], res.stderr
    return lines[0]


def test_fill_template_masked_full_and_unmapped(cli, tmp_path):
    cli("demo", "--returnees", "80", "--villages", "4", "--seed", "5", check=0)
    people = cli.json("export", "returnees", "--format", "json")
    tpl = _form(tmp_path / "form.xlsx", ["序号", "姓名", "公民身份号码", "手机号", "村别", "血型"])
    out = tmp_path / "out.xlsx"
    res = cli("fill-template", str(tpl), "--kind", "returnees", "-o", str(out), "--age-at", "2025-12-31", check=0)
    assert "unmapped 1" in res.stdout and "未对应（留空）/ unmapped: 血型" in res.stdout
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[:2] == [("XX县返乡人员摸底表", None, None, None, None, None),
                        ("序号", "姓名", "公民身份号码", "手机号", "村别", "血型")]
    body = rows[2:]
    assert len(body) == len(people) == 80
    by_name = {p["name"]: p for p in people}
    for n, (seq, name, idn, phone, village, blood) in enumerate(body, start=1):
        p = by_name[name]
        assert (seq, idn, village, blood) == (n, mask_id(p["id_number"]), p["village"], None)
        assert phone is None or "****" in phone
    full = tmp_path / "full.xlsx"
    cli("fill-template", str(tpl), "--kind", "returnees", "-o", str(full), "--full-id", "--status", "returned",
        check=0)
    body = list(load_workbook(full).active.iter_rows(values_only=True))[2:]
    returned = [p for p in people if p["status"] == "returned"]
    assert len(body) == len(returned) > 0
    assert {r[2] for r in body} == {p["id_number"] for p in returned}
    mapped = tmp_path / "mapped.xlsx"
    res = cli("fill-template", str(tpl), "-o", str(mapped), "--map", "血型=流向（务工地点）", check=0)
    assert "unmapped 0" in res.stdout
    assert {r[5] for r in list(load_workbook(mapped).active.iter_rows(values_only=True))[2:]} == \
        {p["work_place"] for p in people}
    res = cli("fill-template", str(tpl), "-o", str(tmp_path / "again.xlsx"), check=0)   # remembered
    assert "unmapped 0" in res.stdout and "血型 ← 流向（务工地点）" in res.stdout
    assert "没有“鞋码”" in _refused(cli("fill-template", str(tpl), "-o", str(out), "--map", "鞋码=姓名", check=1))
    with sqlite3.connect(cli.db) as con:
        details = [d for (d,) in con.execute("SELECT detail FROM audit_log WHERE action = 'fill-template' ORDER BY seq")]
    assert [d.split()[-1] for d in details] == ["masked", "full-id", "masked", "masked"]


def test_fill_template_refusals_and_usage(cli, tmp_path):
    cli("demo", "--returnees", "10", check=0)
    out = tmp_path / "out.xlsx"
    nohead = _form(tmp_path / "x.xlsx", ["单位", "数量"])
    assert "没有找到表头" in _refused(cli("fill-template", str(nohead), "-o", str(out), check=1))
    (tmp_path / "bad.xlsx").write_bytes(b"garbage")
    assert "无法读取表格" in _refused(cli("fill-template", str(tmp_path / "bad.xlsx"), "-o", str(out), check=1))
    good = _form(tmp_path / "g.xlsx", ["姓名", "身份证号"])
    _refused(cli("fill-template", str(good), "-o", str(out), "--village", "不存在村", check=1))
    _refused(cli("fill-template", str(good), "-o", str(out), "--status", "gone", check=1))
    assert not out.exists()
    cli("fill-template", str(good), check=2)                       # -o missing
    cli("fill-template", str(good), "-o", str(out), "--kind", "planets", check=2)


def test_report_save_list_run(cli, tmp_path):
    cli("demo", "--returnees", "40", "--villages", "3", "--seed", "2", check=0)
    cli("report", "save", "书记后备", "--kind", "reserves", "--columns", "序号,姓名,village,age,党龄,track",
        "--filter", "track=secretary", "--sort", "village", "--title", "村党组织书记后备人选名册",
        "--header", "age=年龄（岁）", check=0)
    listing = cli("report", "list", check=0).stdout
    assert "书记后备" in listing and "年龄（岁）" in listing
    out = tmp_path / "r.xlsx"
    res = cli("report", "run", "书记后备", "-o", str(out), check=0)
    reserves = [r for r in cli.json("export", "reserves", "--format", "json") if r["track"] == "secretary"]
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "村党组织书记后备人选名册" and rows[2] == ("序号", "姓名", "村(社区)", "年龄（岁）", "党龄", "后备类别")
    assert len(rows) == 3 + len(reserves) + 1 and f"{len(reserves)} 条" in res.stdout
    pdf = tmp_path / "r.pdf"
    cli("report", "run", "书记后备", "-o", str(pdf), check=0)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "没有名为" in _refused(cli("report", "run", "无此报表", "-o", str(out), check=1))
    assert "不是" in _refused(cli("report", "save", "x", "--kind", "returnees", "--columns", "姓名,鞋码", check=1))
    cli("report", "save", "x", "--kind", "returnees", check=2)        # --columns missing
