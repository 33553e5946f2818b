"""Invitation letters: GB/T 9704 geometry, mail-merge, templates, and recording the activity."""
import collections
import datetime as dt

import pdfplumber
import pytest

from rural_cadre_desktop.core import documents as d
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.reports.letter_template import Template, default_text
from rural_cadre_desktop.reports.letters import build_letters

from .conftest import MM, RARE, text_of


def _letters(names, body=None):
    text = default_text() if body is None else default_text().replace(
        "【附注】", "【正文】\n" + body + "\n【附注】")
    t = Template.parse(text)
    shared = {"乡镇": "石门镇", "县": "洛南县", "年份": "2026", "联系人": "李建华", "电话": "0914-7321234",
              "落款": "中共石门镇委员会", "日期": "2026年1月10日"}
    return [t.render({**shared, "姓名": n, "村": "古城村"}) for n in names]


def test_geometry_sizes_and_text(tmp_path):
    out = tmp_path / "l.pdf"
    build_letters(out, _letters(RARE))
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 4
        p = pdf.pages[0]
        assert abs(p.width - 595.3) < 1 and abs(p.height - 841.9) < 1
        chars = [c for c in p.chars if c["text"].strip()]
        sizes = collections.Counter(round(c["size"] * 2) / 2 for c in chars)
        assert sizes.most_common(1)[0][0] == 16 and 22 in sizes
        assert abs(min(c["x0"] for c in chars) / MM - 28) <= 1
        assert min(c["top"] for c in chars) / MM >= 37 - 1
        assert max(c["x1"] for c in chars) / MM <= 28 + 156 + 1
        assert max(c["bottom"] for c in chars) / MM <= 37 + 225 + 1
        lines = collections.defaultdict(list)
        for c in chars:
            if c["size"] == 16:
                lines[round(c["top"])].append(c)
        # 28 full-width characters make a full line; line pitch 225 mm / 22
        assert max(len(v) for v in lines.values() if all(ord(c["text"]) > 0x2000 for c in v)) == 28
        tops = sorted(lines)
        assert abs((tops[1] - tops[0]) / MM - 225 / 22) < 0.5
        assert not any("—" in c["text"] for c in chars)        # one page: no page number
    text = text_of(out)
    for n in RARE:
        assert f"尊敬的{n}同志" in text


def test_long_letter_gets_page_numbers_below_the_block(tmp_path):
    out = tmp_path / "long.pdf"
    build_letters(out, _letters(["张三"], body="家乡建设日新月异，期待您的参与。" * 40))
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        for n, page in enumerate(pdf.pages, 1):
            folio = [c for c in page.chars if abs(c["size"] - 14) < 0.1]
            assert "".join(c["text"] for c in folio).replace(" ", "") == f"—{n}—"
            assert abs(min(c["top"] for c in folio) / MM - (37 + 225 + 7)) < 1.5
        assert "中共石门镇委员会" in pdf.pages[-1].extract_text()
        text = "".join(p.extract_text() for p in pdf.pages).replace("\n", "")
    assert text.count("期待您的参与") == 40          # nothing lost at the page break


def test_template_refuses_unknown_fields_and_missing_sections():
    with pytest.raises(UserError, match="姓命"):
        Template.parse("【标题】\n邀请函\n【称呼】\n尊敬的{姓命}：\n【正文】\n正文")
    with pytest.raises(UserError, match="正文"):
        Template.parse("【标题】\n邀请函\n【称呼】\n尊敬的{姓名}：")


def test_saved_template_is_used_and_checked(store):
    text = default_text().replace("邀请函\n", "返乡恳谈会邀请函\n", 1)
    d.save_invitation_template(text)
    assert "返乡恳谈会邀请函" in d.invitation_template_text()
    with pytest.raises(UserError):
        d.save_invitation_template("【标题】\n{坏字段}")
    assert "返乡恳谈会邀请函" in d.invitation_template_text()     # the refused text changed nothing
    d.save_invitation_template(None)
    assert d.invitation_template_text() == default_text()


def test_recipients_follow_village_and_stroke_order(rare_store):
    from rural_cadre_desktop.core.strokes import stroke_key
    people = d.recipients()
    assert {p.name for p in people} >= set(RARE)
    first_village = [p for p in people if p.village == people[0].village]
    keys = [stroke_key(p.name) for p in first_village]
    assert keys == sorted(keys)
    with pytest.raises(UserError):
        d.recipients(village="没有这个村")


def test_recording_invitations_is_idempotent_per_year(demo_store):
    from rural_cadre_desktop.core.models import Activity, ActivityParticipant
    people = [p.person_id for p in d.recipients()]
    year = 2031

    def count():
        return (ActivityParticipant.alive().join(Activity)
                .where((Activity.kind == "invitation") & (Activity.year == year)).count())
    assert count() == 0
    assert d.record_invitations(people, year, dt.date(2031, 1, 5)) == len(people)
    assert count() == len(people)
    assert d.record_invitations(people, year) == 0
    assert count() == len(people)
    assert d.record_invitations(people[:3], year + 1) == 3
