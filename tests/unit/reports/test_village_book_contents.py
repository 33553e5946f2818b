"""一村一册 from core.reserves.book: the coverage line, the sitting 两委, the reserves and the structure
of the village's pool, then each archive sheet with its photo in the box, the 资格联审 steps and
the training history; a long résumé wraps onto more pages instead of running off the sheet."""
from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader

from rural_cadre_desktop.core import store as st
from rural_cadre_desktop.core.models import Attendance, Person, ResumeEntry, TrainingSession
from rural_cadre_desktop.core.reserves import book as vb
from rural_cadre_desktop.core.reserves import cadres, services
from rural_cadre_desktop.reports.archive import build_archive
from rural_cadre_desktop.reports.village_book import build_village_book


def jpeg(w=300, h=375) -> bytes:
    from PIL import Image, ImageDraw
    im = Image.new("RGB", (w, h), (70, 120, 190))
    ImageDraw.Draw(im).ellipse((90, 60, 210, 220), fill=(240, 200, 170))
    buf = io.BytesIO()
    im.save(buf, "JPEG")
    return buf.getvalue()


@pytest.fixture
def village(store):
    """东村: 辛八 sits as 书记 (一肩挑), 乙二 as 委员; reserves 甲一 (书记后备, with a photo, vetted at
    the village, trained 3 of 5 days) and 丙三 (两委后备, no photo). 西村 has nobody."""
    from rural_cadre_desktop.core.people import create_person
    from rural_cadre_desktop.core.regions import add_village
    vs = {n: add_village(n) for n in ("东村", "西村")}
    ps = {n: create_person({"name": n, "birth_date": b, "education": "20", "political_status": "01", "sex": "1"},
                           vs["东村"])
          for n, b in (("甲一", "1991-12-01"), ("乙二", "1980-02-02"), ("丙三", "1995-03-03"), ("辛八", "1970-03-03"))}
    st.update(ps["甲一"], {"photo": jpeg()})
    first = services.add(ps["甲一"].id, "东村", "secretary", "masses", "2025-01-01").record
    services.vet(first.id, "village", "pass", "2025-03-01", "村党组织")
    services.add(ps["丙三"].id, "东村", "two_committees", "self", "2025-02-01")
    cadres.add_post(ps["辛八"].id, "东村", "secretary", True, "2021-10-01")
    cadres.add_post(ps["乙二"].id, "东村", "member", False, "2021-10-01")
    t = st.insert(TrainingSession, name="村级后备干部集中轮训班", kind="rotation", level="county",
                  start_date="2025-04-07", end_date="2025-04-11", days=5)
    st.insert(Attendance, training=t, person=ps["甲一"], attended_days=3)
    return vs, ps


def pdftext(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def build(fn, *args) -> bytes:
    buf = io.BytesIO()
    fn(buf, *args)
    return buf.getvalue()


def images_per_page(data: bytes) -> list[int]:
    return [len(p.images) for p in PdfReader(io.BytesIO(data)).pages]


def test_book_content(village):
    b = vb.village_book("东村", 2026)
    assert b.coverage == "书记后备人选1人；两委后备干部1人；现任村党组织书记：辛八（一肩挑）"
    assert not b.lacks_secretary_candidate
    assert [c[:2] for c in b.cadres] == [["书记（一肩挑）", "辛八"], ["委员", "乙二"]]
    assert [r[1] for r in b.roster] == ["甲一", "丙三"]
    assert b.structure.total == 2
    first = b.archives[0]
    assert first.trainings == [("村级后备干部集中轮训班", "2025.04.07—04.11", "3天")]
    assert first.vettings == "村级摸排：通过 2025.03（村党组织）"
    assert b.archives[1].trainings == [] and b.archives[1].vettings == ""
    west = vb.village_book("西村", 2026)
    assert west.lacks_secretary_candidate and west.coverage.startswith("书记后备人选0人（待补充）")
    assert west.cadres == [] and west.structure.total == 0


def test_book_pdf_names_cadres_reserves_and_structure(village):
    text = pdftext(build(build_village_book, vb.village_book("东村", 2026)))
    squeezed = text.replace(" ", "")
    for must in ("现任村“两委”成员", "书记（一肩挑）", "辛八", "乙二", "村级后备干部名册", "甲一", "丙三",
                 "后备干部结构", "在库后备干部2人", "35岁及以下", "村级后备干部集中轮训班", "3天",
                 "村级摸排：通过2025.03（村党组织）"):
        assert must in squeezed, must
    west = pdftext(build(build_village_book, vb.village_book("西村", 2026))).replace(" ", "")
    assert "待补充" in west and "未登记现任村两委成员" in west and "本村暂无在库后备干部" in west


def test_photo_prints_in_its_box_only_when_there_is_one(village):
    _, ps = village
    with_photo = build(build_archive, [vb.sheet(ps["甲一"].id)])
    without = build(build_archive, [vb.sheet(ps["丙三"].id)])
    assert sum(images_per_page(with_photo)) == 1
    assert sum(images_per_page(without)) == 0 and "照" in pdftext(without)
    # in the book: cover and village page carry no image; 甲一's sheet one, 丙三's none
    book = build(build_village_book, vb.village_book("东村", 2026))
    assert sum(images_per_page(book)) == 1
    # drawn inside the 22 × 32 mm box, scaled to its width, keeping the 4:5 shape
    import pdfplumber
    with pdfplumber.open(io.BytesIO(with_photo)) as pdf:
        box = pdf.pages[0].images[0]
    w, h = box["x1"] - box["x0"], box["bottom"] - box["top"]
    mm = 72 / 25.4
    assert w == pytest.approx(22 * mm, abs=0.5) and h <= 32 * mm + 0.5
    assert w / h == pytest.approx(300 / 375, rel=0.01)


def test_an_unreadable_photo_leaves_the_empty_box(village):
    _, ps = village
    a = vb.sheet(ps["甲一"].id)
    a.photo = b"\xff\xd8 not really a jpeg"
    data = build(build_archive, [a])
    assert sum(images_per_page(data)) == 0 and "甲一" in pdftext(data)


def test_long_resume_wraps_onto_more_pages(village):
    _, ps = village
    short = build(build_archive, [vb.sheet(ps["甲一"].id)])
    long_text = "在洛南县石门镇东村从事特色种植和农村电商工作，带动周边群众增收致富" * 6 + "结束标记"
    for i in range(12):
        st.insert(ResumeEntry, person=ps["甲一"], start_date=f"{2000 + i}-01", end_date=f"{2001 + i}-01",
                  text=f"第{i:02d}段" + long_text, seq=i)
    long = build(build_archive, [vb.sheet(ps["甲一"].id)])
    pages = len(PdfReader(io.BytesIO(long)).pages)
    assert pages > len(PdfReader(io.BytesIO(short)).pages)
    text = pdftext(long).replace(" ", "").replace("\n", "")
    for i in range(12):                      # every entry, to its last words: wrapped, not cut off
        assert f"第{i:02d}段" in text
    assert text.count("结束标记") == 12
    assert Person.get_by_id(ps["甲一"].id).photo                  # the photo still prints on page one
    assert images_per_page(long)[0] == 1


def test_pool_summary(village):
    from rural_cadre_desktop.reports.village_book import build_pool_summary
    s = vb.pool_summary(2026)
    assert s.rows == [["东村", "1", "1", "辛八（一肩挑）", "有"], ["西村", "0", "0", "（空缺）", "待补充"]]
    assert s.lacking == ["西村"] and s.structure.total == 2 and s.township == "石门镇"
    text = pdftext(build(build_pool_summary, s)).replace(" ", "")
    for must in ("石门镇村级后备干部队伍情况（一乡一库）",
                 "共2个村(社区)，1个村(社区)缺村党组织书记后备人选（待补充）：西村",
                 "辛八（一肩挑）", "待补充", "在库后备干部2人", "35岁及以下"):
        assert must in text, must
