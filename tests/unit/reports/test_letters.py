"""Invitation letters: GB/T 9704 geometry, mail-merge, templates, and recording the activity."""
import collections
import datetime as dt

import pdfplumber
import pytest

from rural_cadre_desktop.core import documents as d
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.letter_template import Template, default_text
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


# ---- the letter's date and the Spring Festival it invites for ----------------------------------

def _letter_text(tmp_path, letters, name="dated.pdf"):
    out = tmp_path / name
    build_letters(out, letters)
    return text_of(out).replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("date, festival", [
    (dt.date(2026, 12, 1), 2027),       # printed in December: not the festival already past
    (dt.date(2027, 1, 10), 2027),
    (dt.date(2027, 2, 7), 2028),        # the day after 2027's festival
])
def test_letter_invites_for_the_first_festival_after_its_date(store, tmp_path, date, festival):
    people = [d.Recipient("", "张三", "古城村")]
    text = _letter_text(tmp_path, d.letters_for(people, 2026, date=date))
    assert f"{festival}年春节" in text
    assert not any(f"{y}年春节" in text for y in range(2020, 2040) if y != festival)
    assert d.cn_date(date) in text                       # 成文日期 is the letter's date, e.g. 2026年12月1日


def test_saved_old_style_template_gets_the_festival_year_and_new_fields_work(store, tmp_path):
    # a township's template edited before the date existed: only the old fields
    old = default_text().replace("邀请函\n", "返乡恳谈会邀请函\n", 1)
    old = "\n".join(l for l in old.splitlines() if "春节日期" not in l)
    d.save_invitation_template(old)
    people = [d.Recipient("", "张三", "古城村")]
    text = _letter_text(tmp_path, d.letters_for(people, 2026, date=dt.date(2026, 12, 1)))
    assert "返乡恳谈会邀请函" in text and "2027年春节" in text and "2026年12月1日" in text
    fields = d.letter_fields(2026, date=dt.date(2026, 12, 1))
    assert fields["年份"] == "2027" and fields["春节日期"] == "2027年2月6日" and fields["日期"] == "2026年12月1日"
    assert d.letter_fields(2026, dt.date(2027, 2, 7))["年份"] == "2028"      # `today`, the older name
    custom = default_text().replace("【附注】", "【正文】\n春节是{春节日期}。\n【附注】")
    text = _letter_text(tmp_path, d.letters_for(people, 2027, custom, date=dt.date(2027, 1, 10)), "c.pdf")
    assert "春节是2027年2月6日。" in text


def test_letter_date_outside_the_festival_table_is_refused(store):
    with pytest.raises(UserError, match="春节日期表"):
        d.letters_for([d.Recipient("", "张三", "古城村")], 2050, date=dt.date(2050, 6, 1))


def test_recipients_carry_the_returnee_status(demo_store):
    from rural_cadre_desktop.core.models import Person, Returnee
    people = d.recipients()
    status = {r.person_id: r.status for r in Returnee.alive()}
    assert {p.status for p in people} == {"away", "returned"}        # --all: everyone on the list
    assert all(p.status == status[p.person_id] for p in people)
    assert all(p.away == (p.status == "away") for p in people)
    returned = next(p for p in people if p.status == "returned")
    away = next(p for p in people if p.status == "away")
    outsider = Person.alive().where(Person.id.not_in(list(status))).first()     # a cadre, no returnee record
    got = d.recipients_for([returned.person_id, outsider.id, away.person_id])
    assert [(p.person_id, p.status) for p in got] == [(returned.person_id, "returned"), (outsider.id, ""),
                                                      (away.person_id, "away")]
    assert d.recipients(person=returned.person_id)[0].status == "returned"
    assert d.Recipient("", "张三", "古城村").status == ""        # the template editor's sample still builds
