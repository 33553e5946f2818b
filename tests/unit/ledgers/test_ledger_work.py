"""The standard ledgers stay linear: the work per row (Python function calls, counted with a
profiler hook — no timings) does not grow with the number of rows, for the .xlsx (where asking
openpyxl for max_row after each row was quadratic) and for the PDF; character widths are measured
once per distinct character."""
from __future__ import annotations

import sys

import pytest

from rural_cadre_desktop.core.ledgers import standard
from rural_cadre_desktop.core.ledgers.export import export_ledger
from rural_cadre_desktop.reports import ledger as layout
from rural_cadre_desktop.reports.fonts import font_set

SIZES = (150, 450, 900)


def count_calls(fn) -> int:
    n = 0

    def hook(frame, event, arg):
        nonlocal n
        if event in ("call", "c_call"):     # generator resumptions count as calls too
            n += 1
    sys.setprofile(hook)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return n


@pytest.fixture
def ids(store):
    from rural_cadre_desktop.core.demo import generate
    from rural_cadre_desktop.core.kinds import export_records
    generate(villages=6, returnees=max(SIZES), seed=9)
    return [r["id"] for r in export_records("returnees")]


def marginal(counts: dict[int, int]) -> tuple[float, float]:
    a, b, c = SIZES
    return (counts[b] - counts[a]) / (b - a), (counts[c] - counts[b]) / (c - b)


def test_xlsx_work_per_row_does_not_grow(ids, tmp_path):
    font_set()
    export_ledger("returnees", tmp_path / "warm.xlsx", ids=ids[:10])      # imports, first-use caches
    counts = {n: count_calls(lambda n=n: export_ledger("returnees", tmp_path / f"{n}.xlsx", ids=ids[:n]))
              for n in SIZES}
    first, second = marginal(counts)
    assert second <= first * 1.1, (counts, first, second)
    assert second < 21 * 150         # 21 cells a row: a bounded number of calls per cell


def test_pdf_work_per_row_does_not_grow(ids, tmp_path):
    fonts = font_set()
    layout.build_ledger(tmp_path / "warm.pdf", standard.ledger("returnees", ids=ids[:10]), fonts)
    ledgers = {n: standard.ledger("returnees", ids=ids[:n]) for n in SIZES}
    counts = {n: count_calls(lambda n=n: layout.build_ledger(tmp_path / f"{n}.pdf", ledgers[n], fonts))
              for n in SIZES}
    first, second = marginal(counts)
    assert second <= first * 1.1, (counts, first, second)


def test_pdf_measures_each_character_once(ids, tmp_path, monkeypatch):
    fonts = font_set()
    led = standard.ledger("returnees", ids=ids)
    measured = []
    from reportlab.pdfbase import pdfmetrics       # reports.fonts.Advances measures through it
    real = pdfmetrics.stringWidth

    def counting(text, font, size, *a):
        measured.append(text)
        return real(text, font, size, *a)
    monkeypatch.setattr(pdfmetrics, "stringWidth", counting)
    layout.build_ledger(tmp_path / "m.pdf", led, fonts)
    assert measured and len(measured) == len(set(measured))    # never the same character twice
    chars = set("".join("".join(r) for r in led.rows) + "".join(c[0] for c in led.columns))
    assert len(measured) <= len(chars) + 200                # title, 填报单位 line, folio
