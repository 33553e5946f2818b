"""Standard ledgers hold exactly the rows asked for: the filters (village, status, year, training),
or the records `ids` names in that order; refusals write nothing; the .xlsx and the PDF of a kind
are one ledger (same title, same columns); masking unless full_id."""
from __future__ import annotations

import random

import openpyxl
import pdfplumber
import pytest

from rural_cadre_desktop.core import store as st
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.kinds import export_records
from rural_cadre_desktop.core.ledgers import standard
from rural_cadre_desktop.core.ledgers.export import export_ledger
from rural_cadre_desktop.core.models import AuditLog, ReserveCadre, Returnee
from functools import partial

from rural_cadre_desktop.core.validation import mask

mask_id = partial(mask, rule="id")
from rural_cadre_desktop.reports.ledger import build_ledger

KINDS = ["returnees", "reserves", "attendance", "trainings"]


def col(ledger, header) -> list[str]:
    i = [c[0] for c in ledger.columns].index(header)
    return [r[i] for r in ledger.rows]


def sheet(path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_village_filter(demo_store, tmp_path):
    recs = export_records("returnees")
    village = recs[0]["village"]
    want = sorted(r["name"] for r in recs if r["village"] == village)
    led = standard.ledger("returnees", village=village)
    assert sorted(col(led, "姓名")) == want and set(col(led, "村(社区)")) == {village}
    assert village in led.scope and led.count_text == f"共 {len(want)} 人"
    out = tmp_path / "v.xlsx"
    assert export_ledger("returnees", out, village=village) == len(want)
    rows = sheet(out)
    assert rows[2][0] == "序号" and sorted(r[2] for r in rows[3:]) == want
    assert village in rows[1][0] and f"共 {len(want)} 人" in rows[1][0]


def test_reserves_follow_the_membership_village(demo_store):
    rc = ReserveCadre.select().first()
    want = ReserveCadre.select().where(ReserveCadre.village == rc.village_id, ReserveCadre.deleted == 0).count()
    led = standard.ledger("reserves", village=rc.village.name)
    assert len(led.rows) == want and set(col(led, "村(社区)")) == {rc.village.name}


def test_status_and_year(demo_store):
    recs = export_records("returnees")
    led = standard.ledger("returnees", status="returned")
    assert sorted(col(led, "姓名")) == sorted(r["name"] for r in recs if r["status"] == "returned")
    assert set(col(led, "状态")) == {"已返乡"}
    year = next(int(r["return_date"][:4]) for r in recs if r["return_date"])
    led = standard.ledger("returnees", year=year)
    assert sorted(col(led, "姓名")) == sorted(r["name"] for r in recs if (r["return_date"] or "").startswith(str(year)))
    assert led.rows and "返乡年份" in led.scope
    assert len(standard.ledger("reserves", status="left").rows) == 0
    assert len(standard.ledger("reserves", status="active").rows) == len(export_records("reserves"))
    trainings = export_records("trainings")
    led = standard.ledger("trainings", year="2026")
    assert sorted(col(led, "培训班名称")) == sorted(t["name"] for t in trainings if t["start_date"].startswith("2026"))
    att = export_records("attendance")
    led = standard.ledger("attendance", year=2025)
    assert len(led.rows) == sum(1 for a in att if a["start_date"].startswith("2025"))


def test_training_filter(demo_store, tmp_path):
    att = export_records("attendance")
    tid = att[0]["training_id"]
    want = sorted(a["name"] for a in att if a["training_id"] == tid)
    led = standard.ledger("attendance", training=tid)
    assert sorted(col(led, "姓名")) == want and set(col(led, "培训班")) == {att[0]["training"]}
    assert att[0]["training"] in led.scope
    one = standard.ledger("trainings", training=tid)
    assert col(one, "培训班名称") == [att[0]["training"]] and col(one, "参训人数") == [str(len(want))]
    out = tmp_path / "t.xlsx"
    assert export_ledger("attendance", out, training=tid) == len(want)


def test_ids_keep_exactly_that_order(demo_store, tmp_path):
    recs = export_records("returnees")
    ids = [r["id"] for r in recs]
    random.Random(5).shuffle(ids)
    chosen = ids[:25]
    gone = chosen[3]
    st.soft_delete(Returnee.get_by_id(gone))
    by_id = {r["id"]: r["name"] for r in recs}
    want = [by_id[i] for i in chosen if i != gone]
    led = standard.ledger("returnees", ids=chosen)
    assert col(led, "姓名") == want and col(led, "序号") == [str(i) for i in range(1, len(want) + 1)]
    out = tmp_path / "ids.xlsx"
    assert export_ledger("returnees", out, ids=chosen) == len(want)
    assert [r[2] for r in sheet(out)[3:]] == want
    pdf = tmp_path / "ids.pdf"
    build_ledger(pdf, led)
    with pdfplumber.open(pdf) as doc:
        lines = [ln for p in doc.pages for ln in p.extract_text().splitlines()]
    printed = {}      # 序号 → the line that starts with it
    for ln in lines:
        head = ln.split(" ", 1)[0]
        if head.isdigit() and " " in ln:
            printed.setdefault(int(head), ln)
    assert all(f" {name} " in printed[k] for k, name in enumerate(want, 1))
    # ids and a filter together: the intersection, still in the ids' order
    village = recs[0]["village"]
    both = standard.ledger("returnees", ids=chosen, village=village)
    assert col(both, "姓名") == [by_id[i] for i in chosen if i != gone and
                                  next(r["village"] for r in recs if r["id"] == i) == village]


@pytest.mark.parametrize("kind", ["reserves", "attendance", "trainings"])
def test_ids_of_other_kinds(demo_store, kind):
    recs = export_records(kind)
    ids = [r["id"] for r in recs][::-1][:5]
    led = standard.ledger(kind, ids=ids)
    assert len(led.rows) == len(ids)
    key = "培训班名称" if kind == "trainings" else "姓名"
    name = "name"
    by_id = {r["id"]: r[name] for r in recs}
    assert col(led, key) == [by_id[i] for i in ids]


@pytest.mark.parametrize("kwargs, says", [
    (dict(kind="nonsense"), "returnees"),
    (dict(kind="returnees", status="gone"), "away"),
    (dict(kind="reserves", status="away"), "active"),
    (dict(kind="attendance", status="away"), "状态"),
    (dict(kind="returnees", village="没有这个村"), "可用"),
    (dict(kind="trainings", village="石门村"), "village"),
    (dict(kind="returnees", training="x"), "培训班"),
    (dict(kind="attendance", training="no-such-training"), "找不到培训班"),
    (dict(kind="returnees", year="明年"), "年份"),
    (dict(kind="returnees", year=12), "年份"),
])
def test_refusals_write_nothing(demo_store, tmp_path, kwargs, says):
    kind = kwargs.pop("kind")
    with pytest.raises(UserError) as e:
        standard.ledger(kind, **kwargs)
    assert says in e.value.zh + e.value.en and e.value.en
    audits = AuditLog.select().count()
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "x.xlsx"
    with pytest.raises(UserError):
        export_ledger(kind, out, **kwargs)
    assert list(out.parent.iterdir()) == []
    assert AuditLog.select().count() == audits


def test_cancel_through_progress_writes_nothing(demo_store, tmp_path):
    class Cancelled(Exception):
        pass
    calls = []

    def progress(done, total):
        calls.append((done, total))
        if done > 0:
            raise Cancelled
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "c.xlsx"
    with pytest.raises(Cancelled):
        export_ledger("attendance", out, progress=progress)
    assert calls[0][0] == 0 and list(out.parent.iterdir()) == []
    seen = []
    n = export_ledger("attendance", out, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, n) and seen[-1] == (n, n) and out.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_and_pdf_are_one_ledger(demo_store, tmp_path, kind):
    led = standard.ledger(kind)
    out = tmp_path / f"{kind}.xlsx"
    assert export_ledger(kind, out) == len(led.rows) > 0
    rows = sheet(out)
    assert rows[0][0] == led.title
    assert list(rows[2]) == [c[0] for c in led.columns]
    assert [list(r[1:]) for r in rows[3:]] == [[v or None for v in r[1:]] for r in led.rows]
    pdf = tmp_path / f"{kind}.pdf"
    build_ledger(pdf, led)
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0].extract_text()
    assert first.splitlines()[0] == led.title


def test_masked_unless_full_id(demo_store, tmp_path):
    recs = export_records("returnees")
    masked, full = tmp_path / "m.xlsx", tmp_path / "f.xlsx"
    export_ledger("returnees", masked)
    export_ledger("returnees", full, full_id=True)
    m, f = sheet(masked), sheet(full)
    head = list(m[2])
    i, p = head.index("身份证号"), head.index("联系电话")
    numbers = {r["id_number"] for r in recs if r["id_number"]}
    assert numbers and {r[i] for r in f[3:]} - {None} == numbers
    assert {r[i] for r in m[3:]} - {None} == {mask_id(n) for n in numbers}
    assert all("****" in r[p] for r in m[3:] if r[p])
    ws = openpyxl.load_workbook(masked).active
    assert ws.cell(4, i + 1).number_format == "@" and ws.cell(4, p + 1).number_format == "@"
    assert not any(n in str(r) for r in m for n in numbers)
    assert AuditLog.select().order_by(AuditLog.seq.desc()).first().detail.endswith("full-id")


def test_trainings_ledger_exports(demo_store, tmp_path):
    out = tmp_path / "t.xlsx"
    n = export_ledger("trainings", out)
    rows = sheet(out)
    assert n == len(export_records("trainings")) and rows[0][0] == "培训班台账"
    assert rows[2][:2] == ("序号", "培训班名称") and len(rows) == 3 + n
