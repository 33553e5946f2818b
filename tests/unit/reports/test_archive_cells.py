"""The archive sheet's cells and the village book's roster, read back from the PDF: values that
must stay whole ("1992.02（34岁）", "2023.08"), the 政治面貌 cell, and 现任职务 filled in."""
import pdfplumber

from rural_cadre_desktop.core import documents as d
from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.models import Person, ReserveCadre, ResumeEntry, VillageCadre
from rural_cadre_desktop.reports.archive import build_archive
from rural_cadre_desktop.reports.village_book import build_village_book


def _lines(path, page=0):
    with pdfplumber.open(path) as pdf:
        return [ln.replace(" ", "") for ln in (pdf.pages[page].extract_text() or "").splitlines()]


def _reserve():
    """A demo reserve cadre: résumé ending in an open line, no village post."""
    return ReserveCadre.alive().first().person_id


def test_birth_cell_stays_on_one_line(demo_store, tmp_path):
    a = d.archive(_reserve())
    a.birth = "1992.02（34岁）"
    out = tmp_path / "a.pdf"
    build_archive(out, [a])
    lines = _lines(out)
    assert any("1992.02（34岁）" in ln for ln in lines), lines[:6]
    assert not any(ln.endswith("1992.02（") for ln in lines)


def test_one_line_breaks_only_before_the_bracket_when_it_cannot_shrink_further():
    from rural_cadre_desktop.reports.archive import one_line
    from rural_cadre_desktop.reports.fonts import font_set
    fonts = font_set()
    fits = one_line(fonts, "1992.02（34岁）", 11, 200)
    assert "<br/>" not in fits.text and fits.style.fontSize == 11
    shrunk = one_line(fonts, "1992.02（34岁）", 11, 70)
    assert "<br/>" not in shrunk.text and 7.5 <= shrunk.style.fontSize < 11
    broken = one_line(fonts, "1992.02（34岁）", 11, 40)
    assert broken.text == "1992.02<br/>（34岁）"


def test_sheet_has_a_political_status_cell(demo_store, tmp_path):
    pid = _reserve()
    a = d.archive(pid)
    assert a.political
    out = tmp_path / "a.pdf"
    build_archive(out, [a])
    lines = _lines(out)
    row = [ln for ln in lines if "政治面貌" in ln and "入党时间" in ln]
    assert row and a.political in row[0], lines[:8]
    assert sum(ln.count("政治面貌") for ln in lines) == 2          # the head row and the family table's
    # the short forms of the paper form, which fit a cell: 中共党员, not 中国共产党党员
    assert a.political == d.political_short(Person.get_by_id(pid).political_status)
    assert d.political_short("01") == "中共党员" and d.political_short("13") == "群众"
    assert d.political_short(None) == ""


def test_current_post_from_the_open_resume_line(demo_store, tmp_path):
    pid = _reserve()
    open_line = ResumeEntry.alive().where((ResumeEntry.person == pid) & ResumeEntry.end_date.is_null()).get()
    a = d.archive(pid)
    assert a.current_post == open_line.text
    out = tmp_path / "a.pdf"
    build_archive(out, [a])
    text = "".join(_lines(out))
    assert text.count(open_line.text) == 2          # in the résumé and in 现任职务
    # a typed "至今" before the post is not part of it; the last open line is the current one
    store.insert(ResumeEntry, person=pid, start_date="2025-06", end_date=None, text="至今 石门镇古城村网格员", seq=9)
    assert d.archive(pid).current_post == "石门镇古城村网格员"


def test_current_post_from_a_sitting_village_post_before_the_resume(demo_store):
    pid = _reserve()
    village = Person.get_by_id(pid).village_id
    store.insert(VillageCadre, person=pid, village=village, post="director", term_start="2018-10-01",
                 term_end="2021-09-30")                                      # a past post: not current
    assert "主任" not in d.archive(pid).current_post
    store.insert(VillageCadre, person=pid, village=village, post="member", term_start="2021-10-01")
    name = Person.get_by_id(pid).village.name
    assert d.archive(pid).current_post == f"{name}“两委”委员"
    sec = VillageCadre.alive().where((VillageCadre.post == "secretary") & VillageCadre.holds_both_posts).first()
    assert d.archive(sec.person_id).current_post == f"{sec.village.name}党支部书记、村委会主任"
    store.update(Person.get_by_id(pid), {"current_post": "石门镇古城村党支部副书记"})      # typed on the card wins
    assert d.archive(pid).current_post == "石门镇古城村党支部副书记"


def test_roster_dates_are_extracted_whole(demo_store, tmp_path):
    book = d.village_book("古城村", 2026)
    assert book.roster
    book.roster[0][3], book.roster[0][8] = "1990.08", "2023.08"
    out = tmp_path / "vb.pdf"
    build_village_book(out, book)
    lines = _lines(out, page=1)
    row = next(ln for ln in lines if ln.startswith("1" + book.roster[0][1]))
    assert "1990.08" in row and row.endswith("2023.08"), row
    for r in book.roster:
        assert any(r[8] in ln and r[1] in ln for ln in lines), r
