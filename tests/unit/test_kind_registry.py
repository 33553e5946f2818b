"""Every record kind is declared once (core/kinds) and every consumer reads that declaration: each
kind is reachable from `export`, `edit` and `delete`; each kind with a ledger from `export-ledger`
and `pdf ledger` under one title (the .xlsx's, the PDF's and the declaration's) with one masking
rule per column; each importable kind from `import-ledger` (and our own export reads back); each
form view from `fill-template` and the custom reports. Parametrized over the registry, so a new
kind is checked the day it is declared."""
from __future__ import annotations

import json

import openpyxl
import pdfplumber
import pytest

from rural_cadre_desktop.cli import main as cli
from rural_cadre_desktop.core import db, kinds
from rural_cadre_desktop.core.kinds.export import keys as export_keys
from rural_cadre_desktop.core.validation import MASKS, mask, render_date

ALL = list(kinds.KINDS)
LEDGERS = [k.name for k in kinds.with_ledger()]
IMPORTABLE = [k.name for k in kinds.importable()]
FORMS = [f.name for f in kinds.fillable()]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A demo database made once for the module (the commands below only read it, and audit)."""
    from rural_cadre_desktop.core.demo import generate
    from rural_cadre_desktop.core.setup import init_installation
    from rural_cadre_desktop.core.store import open_store
    path = tmp_path_factory.mktemp("kinds") / "demo.db"
    open_store(path)
    init_installation("洛南县", "石门镇")
    generate(villages=4, returnees=60, seed=3)
    db.close()
    return path


def run(demo_db, *argv) -> int:
    """The command line, in this process (it opens and closes the database itself)."""
    return cli.main(["--db", str(demo_db), *map(str, argv)])


@pytest.fixture
def opened(demo_db):
    from rural_cadre_desktop.core.store import open_store
    open_store(demo_db)
    yield demo_db
    db.close()


def choices(*argv) -> list[str]:
    """The choices the parser offers for the KIND argument of a command (its first positional)."""
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    p = sub.choices[argv[0]]
    for name in argv[1:]:
        p = next(a for a in p._actions if getattr(a, "choices", None) and name in a.choices).choices[name]
    return list(next(a for a in p._actions if a.dest in ("kind",) and a.choices).choices)


# -- the registry itself ------------------------------------------------------------------------

def test_every_consumer_offers_the_registrys_kinds():
    assert choices("export") == choices("edit") == choices("delete") == ALL
    assert choices("export-ledger") == choices("pdf", "ledger") == LEDGERS
    assert choices("import-ledger") == IMPORTABLE
    assert sorted(choices("fill-template")) == sorted(FORMS)
    from rural_cadre_desktop.core.templates import KINDS as FORM_VIEWS
    assert list(FORM_VIEWS) == FORMS
    from rural_cadre_desktop.core.ledgers.synonyms import KIND_FIELDS
    assert list(KIND_FIELDS) == IMPORTABLE


def test_declarations_are_consistent():
    titles = [k.ledger.title for k in kinds.with_ledger()]
    assert len(set(titles)) == len(titles)                       # one ledger, one title
    for k in kinds.KINDS.values():
        assert k.model.__name__ == k.model_name and k.table
        assert set(k.specs) <= set(k.model._meta.fields) | {"outside_county"}
        for fk in k.parents:
            assert getattr(k.model, fk).rel_model is not None
        if k.importer:
            assert all(f.field in k.specs for f in k.importer.fields), k.name    # a parser per column
            assert all(c in k.model._meta.columns for c in k.importer.defaults)
        if k.ledger and k.ledger.roster_of:
            assert kinds.KINDS[k.ledger.roster_of].ledger is not None and k.ledger.training
        for f in k.forms:
            assert f.match in IMPORTABLE
            keys = [c.key for c in f.columns]
            assert len(keys) == len(set(keys)), f.name
    with pytest.raises(Exception, match="没有“nope”这类记录"):
        kinds.get("nope")
    with pytest.raises(Exception, match="没有“people”这种台账"):
        kinds.ledger_kind("people")


def test_one_masking_function_and_one_date_rendering():
    assert mask("611021198503121234", "id") == "6110**********1234"
    assert mask("611021198503121234", "id", reveal=True) == "611021198503121234"
    assert mask("13800001111", "phone") == "138****1111"
    assert mask("0914-1234567", "phone") == "0914-123****"
    assert mask(None, "id") == "" and mask("张三", None) == "张三"
    assert render_date("1988-03-05") == "1988.03" == render_date("1988-03")
    assert render_date(None) == "" and render_date("1988") == "1988"
    assert render_date("1988-03-05", "cn_day") == "1988年3月5日" and render_date("1988-03", "iso") == "1988-03"
    # every ledger column and every form column masks by one of the rules mask() knows
    for k in kinds.with_ledger():
        assert {c.mask for c in k.ledger.columns} <= {None, *MASKS}
        assert all(c.text == (c.mask is not None) for c in k.ledger.columns)


# -- export: every kind ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ALL)
def test_every_kind_exports_as_json_and_csv(demo_db, tmp_path, kind):
    out = tmp_path / f"{kind}.json"
    assert run(demo_db, "export", kind, "--format", "json", "-o", out) == 0
    records = json.loads(out.read_text(encoding="utf-8"))
    spec = kinds.get(kind)
    assert records, f"the demo has no {kind}"
    assert list(records[0]) == export_keys(spec)
    assert all(r["id"] for r in records)
    if spec.person_bearing and kind != "people":
        assert {"person_id", "name", "id_number", "phone", "village", "township"} <= set(records[0])
    csv_out = tmp_path / f"{kind}.csv"
    assert run(demo_db, "export", kind, "--format", "csv", "-o", csv_out) == 0
    head = csv_out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert head.split(",") == export_keys(spec)


# -- ledgers: one title, one masking rule ----------------------------------------------------------

def _ledger_ids(kind: str) -> list[str]:
    """Some live records of the kind, for a ledger of exactly those rows."""
    rows = kinds.export_records(kind)
    return [r["id"] for r in rows][:12]


def _raw(kind: str, column) -> dict[str, object]:
    """record id -> the stored value a masked ledger column shows (its export key)."""
    key = column.sql.split(".")[-1]
    return {r["id"]: r[key] for r in kinds.export_records(kind)}


@pytest.mark.parametrize("kind", LEDGERS)
def test_every_ledger_has_one_title_and_masks_by_its_columns(opened, kind):
    from rural_cadre_desktop.core.ledgers import standard
    spec = kinds.get(kind).ledger
    ids = _ledger_ids(kind)
    for reveal in (False, True):
        led = standard.ledger(kind, full_id=reveal, ids=ids)
        assert led.title == spec.title == standard.title(kind)
        assert [c[0] for c in led.columns] == ["序号", *(c.header for c in spec.columns)]
        assert len(led.rows) == len(ids)
        for i, col in enumerate(led.columns):
            if getattr(col, "mask", None):
                raw = _raw(kind, col)
                assert [row[i] for row in led.rows] == [mask(raw[x], col.mask, reveal) for x in ids]


@pytest.mark.parametrize("kind", LEDGERS)
def test_every_ledger_is_reachable_from_export_ledger_and_pdf_ledger(demo_db, tmp_path, kind):
    spec = kinds.get(kind).ledger
    xlsx, pdf = tmp_path / "l.xlsx", tmp_path / "l.pdf"
    assert run(demo_db, "export-ledger", kind, "-o", xlsx) == 0
    assert run(demo_db, "pdf", "ledger", kind, "-o", pdf) == 0
    ws = openpyxl.load_workbook(xlsx).active
    assert ws["A1"].value == spec.title
    header = [c.value for c in ws[3]]
    assert header == ["序号", *(c.header for c in spec.columns)]
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0].extract_text()
    assert spec.title in first.replace(" ", "")
    for i, col in enumerate(spec.columns, 2):
        if col.mask:
            cells = [ws.cell(r, i) for r in range(4, min(ws.max_row, 9) + 1)]
            assert cells and all(c.number_format == "@" for c in cells)
            assert any("*" in (c.value or "") for c in cells), col.header       # masked unless --full-id
    from rural_cadre_desktop.core.models import AuditLog
    from rural_cadre_desktop.core.store import open_store
    open_store(demo_db)
    try:
        actions = [a.action for a in AuditLog.select().order_by(AuditLog.seq.desc()).limit(2)]
        assert actions == ["pdf", "export-ledger"]
    finally:
        db.close()


@pytest.mark.parametrize("kind", LEDGERS)
def test_ledger_filters_come_from_the_declaration(opened, kind):
    from rural_cadre_desktop.core.errors import UserError
    from rural_cadre_desktop.core.ledgers import standard
    rk = kinds.get(kind)
    if rk.statuses:
        status = next(iter(rk.statuses))
        assert rk.statuses[status] in standard.ledger(kind, status=status).scope
    else:
        with pytest.raises(UserError, match="不按状态筛选"):
            standard.ledger(kind, status="x")
    if rk.ledger.village is None:
        with pytest.raises(UserError, match="不按村"):
            standard.ledger(kind, village="x")
    if rk.ledger.year:
        assert rk.ledger.year[1] in standard.ledger(kind, year=2025).scope


# -- import: every importable kind reads its own export back -------------------------------------

@pytest.mark.parametrize("kind", IMPORTABLE)
def test_every_importable_kind_reads_its_own_ledger_back(opened, tmp_path, kind):
    from rural_cadre_desktop.core import ledgers
    from rural_cadre_desktop.core.ledgers.export import export_ledger
    rk = kinds.get(kind)
    training = None
    if rk.importer.training:
        training = kinds.export_records("attendance")[0]["training_id"]
    out = tmp_path / "own.xlsx"
    if rk.ledger is None:
        pytest.skip(f"{kind} has no ledger to read back")
    n = export_ledger(kind, out, full_id=True, training=training, audit=False)
    prep = ledgers.prepare(out, kind)
    mapped = set(prep.layout.mapping.values())
    assert {"person.name", "person.id_number"} <= mapped
    plan = ledgers.make_plan(prep, training)
    assert not plan.refused and plan.counts()["new"] == 0 and len(plan.entries) == n
    with pytest.raises(Exception, match="台账类别只能是"):
        ledgers.prepare(out, "villages")


# -- forms: every view fills -----------------------------------------------------------------------

@pytest.mark.parametrize("form", FORMS)
def test_every_form_view_has_rows_and_masks(opened, form):
    from rural_cadre_desktop.core.templates import columns_for
    from rural_cadre_desktop.core.templates.records import Query, load_rows
    from rural_cadre_desktop.core.templates.values import cell_value
    cols = columns_for(form)
    assert cols[0].key == "ignore.seq" and len({c.key for c in cols}) == len(cols)
    rows = load_rows(Query(form), cols)
    assert rows, form
    idc = next(c for c in cols if c.key == "person.id_number")
    assert idc.mask == "id"
    shown = [cell_value(idc, r[idc.key], False) for r in rows if r.get(idc.key)]
    assert shown and all("*" in v for v in shown)
