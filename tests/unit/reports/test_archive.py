"""一人一档 and 一村一册: every field of the data reaches the page; a long résumé flows on."""
import pdfplumber

from rural_cadre_desktop.core import documents as d
from rural_cadre_desktop.core.models import ReserveCadre
from rural_cadre_desktop.reports.archive import build_archive
from rural_cadre_desktop.reports.village_book import build_village_book

from .conftest import text_of


def _reserve_pid():
    return ReserveCadre.alive().first().person_id


def test_sheet_shows_the_archive(demo_store, tmp_path):
    a = d.archive(_reserve_pid())
    assert a.resume and a.family and a.track and a.recommended_by
    a.name = "王䶮"
    out = tmp_path / "a.pdf"
    build_archive(out, [a])
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text().replace(" ", "")
    for must in ("王䶮", "简历", "推荐方式", "培养", "措施", "帮带人", "考察", "评议", "家庭主要", a.recommended_by,
                 a.mentor, a.family[0][1], a.resume[0][1][:8]):
        assert must.replace(" ", "") in text, must
    assert a.id_number[:4] + "**" in text             # masked by default


def test_long_resume_flows_onto_page_two_with_nothing_lost(demo_store, tmp_path):
    a = d.archive(_reserve_pid())
    a.name = "李𠇔"
    a.resume = [(f"{1990 + i}.01—{1991 + i}.01", f"第{i:02d}段经历：在洛南县石门镇某村担任网格员") for i in range(45)]
    out = tmp_path / "long.pdf"
    build_archive(out, [a])
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        pages = [p.extract_text() for p in pdf.pages]
    text = "".join(pages).replace(" ", "")
    assert "李𠇔" in pages[0]
    for i in range(45):
        assert f"第{i:02d}段经历" in text, i
    assert "家庭主要" in text and "评议" in text


def test_person_who_is_not_a_reserve_gets_a_sheet(demo_store, tmp_path):
    from rural_cadre_desktop.core.models import Returnee
    a = d.archive(Returnee.alive().first().person_id)
    assert not a.track
    out = tmp_path / "r.pdf"
    build_archive(out, [a])
    assert a.name in text_of(out)


def test_village_book_has_cover_roster_and_every_sheet(demo_store, tmp_path):
    book = d.village_book("古城村", 2026)
    assert book.archives and len(book.roster) == len(book.archives)
    out = tmp_path / "vb.pdf"
    build_village_book(out, book)
    with pdfplumber.open(out) as pdf:
        cover = pdf.pages[0].extract_text()
        roster = pdf.pages[1].extract_text()
        rest = "".join(p.extract_text() for p in pdf.pages[2:])
    assert "一村一册" in cover and "古城村" in cover and "石门镇" in cover and "2026年" in cover
    for a in book.archives:
        assert a.name in roster and a.name in rest
