"""Fonts: embedded TrueType, per-character fallback, and a text layer right beyond U+FFFF."""
from pathlib import Path

import pdfplumber
import reportlab
from pypdf import PdfReader

from rural_cadre_desktop.core.paths import bundled_font
from rural_cadre_desktop.reports.common import para
from rural_cadre_desktop.reports.fonts import _to_unicode_cmap, font_set

from .conftest import text_of

# A main font without CJK, to force the fallback: reportlab ships Bitstream Vera with itself.
LATIN_ONLY = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def _build(path, fonts, text):
    from reportlab.platypus import SimpleDocTemplate
    SimpleDocTemplate(str(path)).build([para(fonts, text, 14)])


def test_tounicode_writes_surrogate_pairs_beyond_the_bmp():
    cmap = _to_unicode_cmap("X", [0, ord("李"), 0x20854])
    assert "<01> <674E>" in cmap and "<02> <D842DC54>" in cmap


def test_rare_names_extract_as_themselves(tmp_path):
    fonts = font_set(main_path=bundled_font())
    out = tmp_path / "a.pdf"
    _build(out, fonts, "李𠇔 王䶮 张堃 刘喆")
    text = text_of(out)
    for name in ("李𠇔", "王䶮", "张堃", "刘喆"):
        assert name in text


def test_characters_missing_from_the_main_font_come_from_a_fallback(tmp_path):
    fonts = font_set(main_path=LATIN_ONLY)
    assert not fonts.covers("王䶮")
    assert fonts.font_for("䶮") != fonts.name and fonts.font_for("A") == fonts.name
    out = tmp_path / "b.pdf"
    _build(out, fonts, "Name: 王䶮 李𠇔")
    assert "Name: 王䶮 李𠇔" in text_of(out)
    with pdfplumber.open(out) as pdf:
        by_char = {c["text"]: c["fontname"] for c in pdf.pages[0].chars}
    assert "Vera" in by_char["N"] and "LXGW" in by_char["䶮"] and "LXGW" in by_char["𠇔"]


def test_every_font_drawn_with_is_embedded(tmp_path):
    fonts = font_set(main_path=bundled_font())
    out = tmp_path / "c.pdf"
    _build(out, fonts, "乡村振兴 䶮")
    for ref in PdfReader(out).pages[0]["/Resources"]["/Font"].values():
        f = ref.get_object()
        if "LXGW" in str(f["/BaseFont"]):
            assert "/FontFile2" in f["/FontDescriptor"].get_object()
