"""台账: landscape, header on every page, 序号, 姓氏笔画 order, masking, nothing cut."""
import pdfplumber
import pytest

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers import standard as d
from rural_cadre_desktop.core.ledgers.standard import Column, Ledger
from rural_cadre_desktop.core.strokes import stroke_key
from rural_cadre_desktop.reports.ledger import build_ledger

from .conftest import RARE


def col(ledger, header):
    return [c[0] for c in ledger.columns].index(header)


def test_returnee_ledger_repeats_header_and_sorts_by_strokes(rare_store, tmp_path):
    ledger = d.ledger("returnees")
    names = [r[col(ledger, "姓名")] for r in ledger.rows]
    assert [r[0] for r in ledger.rows] == [str(i) for i in range(1, len(names) + 1)]
    assert [stroke_key(n) for n in names] == sorted(stroke_key(n) for n in names)
    ids = [r[col(ledger, "身份证号")] for r in ledger.rows]
    assert all("*" in v for v in ids if v) and any(ids)
    out = tmp_path / "l.pdf"
    build_ledger(out, ledger)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        assert pdf.pages[0].width > pdf.pages[0].height             # landscape
        texts = [p.extract_text() for p in pdf.pages]
    for n, t in enumerate(texts, 1):
        assert "序号" in t and "身份证号" in t and "联系电话" in t
        assert f"第 {n} 页，共 {len(texts)} 页" in t
    assert "填报单位" in texts[0] and ledger.title in texts[0] and f"共 {len(names)} 人" in texts[0]
    joined = "".join(texts)
    for n in RARE:
        assert n in joined
    for n in names:
        assert n in joined


def test_full_id_shows_numbers(demo_store):
    ledger = d.ledger("returnees", full_id=True)
    ids = [r[col(ledger, "身份证号")] for r in ledger.rows]
    assert any(ids) and not any("*" in v for v in ids)


@pytest.mark.parametrize("kind", ["attendance", "reserves", "trainings"])
def test_other_ledgers_build(demo_store, tmp_path, kind):
    ledger = d.ledger(kind)
    assert ledger.rows
    build_ledger(tmp_path / f"{kind}.pdf", ledger)
    with pdfplumber.open(tmp_path / f"{kind}.pdf") as pdf:
        assert ledger.title in pdf.pages[0].extract_text()


def test_unknown_kind_and_village_are_refused(demo_store):
    with pytest.raises(UserError, match="returnees"):
        d.ledger("nonsense")
    with pytest.raises(UserError, match="可用"):
        d.ledger("returnees", village="没有这个村")


def _column_text(path, x0, x1, header) -> str:
    """The characters drawn in the table between x0 and x1 (from the column's header down to the
    table's foot), in reading order, page after page."""
    from rural_cadre_desktop.reports.ledger import BOTTOM
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            top = min(c["top"] for c in page.chars if c["text"] == header[0] and x0 <= c["x0"] <= x1)
            chars = [c for c in page.chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                     and top - 1 <= c["top"] and c["bottom"] <= page.height - BOTTOM]
            chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
            out.append("".join(c["text"] for c in chars))
    return "".join(out)


def test_long_cells_wrap_and_nothing_is_cut(demo_store, tmp_path):
    # A remark longer than a page, a long unbroken number and rare characters: all of it printed.
    long = ("在外务工期间，积极参与家乡建设（捐资修路、助学）。" * 120) + "䶮𠇔"
    number = "1234567890" * 12
    rows = [["1", "王䶮", long], ["2", "李𠇔", number], ["3", "张三", "短"]]
    ledger = Ledger("custom", "测试台账", [Column("序号", 1), Column("姓名", 2), Column("备注", 4)], rows,
                    "中共石门镇委员会", "2026年1月1日")
    out = tmp_path / "long.pdf"
    build_ledger(out, ledger)
    from rural_cadre_desktop.reports.ledger import MARGIN, WIDTH
    x0 = MARGIN + WIDTH * 3 / 7
    text = _column_text(out, x0, MARGIN + WIDTH, "备注")
    assert text.startswith("备注")
    body = text.replace("备注", "")
    assert body == long + number + "短"
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2                                   # the remark went on to a next page
        first = pdf.pages[0].extract_text()
        assert "测试台账" in first and "填报单位" in first
        for p in pdf.pages:
            assert "序号" in p.extract_text()                        # the header on every page
        # no line starts with closing punctuation
        lines = [ln for p in pdf.pages for ln in (p.extract_text() or "").splitlines()]
    wrapped = [ln for ln in lines if "积极参与" in ln or "捐资" in ln]
    assert wrapped and not any(ln.split()[-1][0] in "，。）、" for ln in wrapped if ln.split())


def test_empty_ledger_says_so(demo_store, tmp_path):
    ledger = d.ledger("returnees", ids=[])
    assert ledger.rows == []
    build_ledger(tmp_path / "e.pdf", ledger)
    with pdfplumber.open(tmp_path / "e.pdf") as pdf:
        assert "（无记录）" in pdf.pages[0].extract_text()


def test_progress_reaches_the_end_and_cancel_stops(demo_store, tmp_path):
    ledger = d.ledger("returnees")
    seen = []
    build_ledger(tmp_path / "p.pdf", ledger, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(ledger.rows), len(ledger.rows))
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)

    class Cancelled(Exception):
        pass

    def cancel(done, total):
        raise Cancelled
    with pytest.raises(Cancelled):
        build_ledger(tmp_path / "c.pdf", ledger, progress=cancel)
    assert not (tmp_path / "c.pdf").exists()
