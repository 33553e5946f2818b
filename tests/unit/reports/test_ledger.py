"""台账: landscape, header on every page, 序号, 姓氏笔画 order, masking."""
import pdfplumber
import pytest

from rural_cadre_desktop.core.ledgers import standard as d
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.strokes import stroke_key
from rural_cadre_desktop.reports.ledger import build_ledger

from .conftest import RARE


def test_returnee_ledger_repeats_header_and_sorts_by_strokes(rare_store, tmp_path):
    ledger = d.ledger("returnees")
    names = [r[1] for r in ledger.rows]
    assert [r[0] for r in ledger.rows] == [str(i) for i in range(1, len(names) + 1)]
    assert [stroke_key(n) for n in names] == sorted(stroke_key(n) for n in names)
    assert all("*" in r[4] for r in ledger.rows if r[4])
    out = tmp_path / "l.pdf"
    build_ledger(out, ledger)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        assert pdf.pages[0].width > pdf.pages[0].height             # landscape
        texts = [p.extract_text() for p in pdf.pages]
    for t in texts:
        assert "序号" in t and "身份证号" in t and "联系电话" in t
    assert "填报单位" in texts[0] and ledger.title in texts[0]
    joined = "".join(texts)
    for n in RARE:
        assert n in joined


def test_full_id_shows_numbers(demo_store):
    assert not any("*" in r[4] for r in d.ledger("returnees", full_id=True).rows if r[4])


@pytest.mark.parametrize("kind", ["attendance", "reserves", "trainings"])
def test_other_ledgers_build(demo_store, tmp_path, kind):
    ledger = d.ledger(kind)
    assert ledger.rows
    build_ledger(tmp_path / f"{kind}.pdf", ledger)
    with pdfplumber.open(tmp_path / f"{kind}.pdf") as pdf:
        assert ledger.title in pdf.pages[0].extract_text()


def test_unknown_kind_and_village_are_refused(demo_store):
    with pytest.raises(UserError):
        d.ledger("nonsense")
    with pytest.raises(UserError):
        d.ledger("returnees", village="没有这个村")
