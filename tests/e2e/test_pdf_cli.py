"""pdf invitation | archive | village-book | ledger through the real command line."""

import pdfplumber
import pytest

RARE = ["王䶮", "李𠇔", "张堃", "刘喆"]


def _text(path):
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages), len(pdf.pages)


@pytest.fixture
def demo(cli):
    cli("demo", "--returnees", "30", "--villages", "4", "--seed", "6", check=0)
    rows = cli.json("export", "returnees", "--format", "json")
    for r, name in zip(rows, RARE):
        cli("edit", "returnees", r["id"], f"name={name}", check=0)
    return cli, cli.json("export", "returnees", "--format", "json")


def _invitations(cli, year):
    acts = cli.json("export", "activities", "--format", "json")
    return sorted(p for a in acts if a["kind"] == "invitation" and a.get("year") == year for p in a["person_ids"])


def test_letters_for_all_with_rare_names(demo, tmp_path):
    cli, rows = demo
    assert {r["status"] for r in rows} == {"away", "returned"}
    out = tmp_path / "letters.pdf"
    cli("pdf", "invitation", "--all", "-o", str(out), check=0)
    text, pages = _text(out)
    assert pages == len(rows)                       # --all: everyone on the list, 已返乡 included
    for r in rows:
        assert f"尊敬的{r['name']}同志" in text
    assert not list(tmp_path.glob("*.part"))


def test_record_is_idempotent_and_only_on_request(demo, tmp_path):
    cli, rows = demo
    year = "2033"
    cli("pdf", "invitation", "--all", "--year", year, "-o", str(tmp_path / "a.pdf"), check=0)
    assert _invitations(cli, 2033) == []
    cli("pdf", "invitation", "--all", "--year", year, "--record", "-o", str(tmp_path / "b.pdf"), check=0)
    first = _invitations(cli, 2033)
    assert first == sorted(r["person_id"] for r in rows)
    cli("pdf", "invitation", "--all", "--year", year, "--record", "-o", str(tmp_path / "c.pdf"), check=0)
    assert _invitations(cli, 2033) == first


def test_separate_files_one_per_person(demo, tmp_path):
    cli, rows = demo
    village = rows[0]["village"]
    folder = tmp_path / "letters"
    cli("pdf", "invitation", "--village", village, "--separate", "-o", str(folder), check=0)
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == sum(1 for r in rows if r["village"] == village)
    assert all(_text(f)[1] == 1 for f in files)


def test_archive_village_book_and_ledgers(demo, tmp_path):
    cli, rows = demo
    cli("pdf", "archive", "--person", rows[0]["person_id"], "-o", str(tmp_path / "a.pdf"), check=0)
    assert "王䶮" in _text(tmp_path / "a.pdf")[0]
    by_id = rows[1]["id_number"]
    cli("pdf", "archive", "--person", by_id, "-o", str(tmp_path / "b.pdf"), check=0)
    assert "李𠇔" in _text(tmp_path / "b.pdf")[0]
    reserves = cli.json("export", "reserves", "--format", "json")
    village = reserves[0]["village"]
    cli("pdf", "village-book", "--village", village, "-o", str(tmp_path / "vb.pdf"), check=0)
    text, pages = _text(tmp_path / "vb.pdf")
    assert "一村一册" in text and all(r["name"] in text for r in reserves if r["village"] == village)
    for kind in ("returnees", "attendance", "reserves", "trainings"):
        cli("pdf", "ledger", kind, "-o", str(tmp_path / f"{kind}.pdf"), check=0)
    text, _ = _text(tmp_path / "returnees.pdf")
    assert all(n in text for n in RARE) and rows[0]["id_number"] not in text
    cli("pdf", "ledger", "returnees", "--full-id", "-o", str(tmp_path / "full.pdf"), check=0)
    assert rows[0]["id_number"] in _text(tmp_path / "full.pdf")[0]


def _flat(path):
    return _text(path)[0].replace("\n", "").replace(" ", "")


def _activities(cli, kind="invitation"):
    return [a for a in cli.json("export", "activities", "--format", "json") if a["kind"] == kind]


def test_letter_date_names_the_coming_festival(demo, tmp_path):
    cli, rows = demo
    pid = rows[0]["person_id"]
    for date, shown, festival in [("2026-12-01", "2026年12月1日", 2027), ("2027年1月10日", "2027年1月10日", 2027),
                                  ("2027.2.7", "2027年2月7日", 2028)]:
        out = tmp_path / f"{festival}-{shown}.pdf"
        cli("pdf", "invitation", "--person", pid, "--date", date, "-o", str(out), check=0)
        text = _flat(out)
        assert f"{festival}年春节" in text and shown in text, (date, text[:300])
        assert not [y for y in range(2020, 2040) if y != festival and f"{y}年春节" in text]


def test_year_defaults_to_the_festival_and_record_uses_year(demo, tmp_path):
    cli, rows = demo
    village = rows[0]["village"]
    ids = sorted(r["person_id"] for r in rows if r["village"] == village)
    before = {y: _invitations(cli, y) for y in (2026, 2027, 2028)}      # the demo has its own years
    # no --year: recorded under the festival's year (a letter of 2027-02-07 invites for 2028)
    cli("pdf", "invitation", "--village", village, "--date", "2027-02-07", "--record", "-o",
        str(tmp_path / "a.pdf"), check=0)
    assert _invitations(cli, 2028) == sorted(set(before[2028]) | set(ids))
    assert _invitations(cli, 2027) == before[2027] and _invitations(cli, 2026) == before[2026]
    assert {a["date"] for a in _activities(cli) if a["year"] == 2028} == {"2027-02-07"}
    # --year: the "八个一" year it is recorded under; the letter still names the coming festival
    out = tmp_path / "b.pdf"
    cli("pdf", "invitation", "--village", village, "--date", "2026-12-01", "--year", "2026", "--record",
        "-o", str(out), check=0)
    assert _invitations(cli, 2026) == sorted(set(before[2026]) | set(ids))
    assert set(ids) - set(before[2026])                     # someone was recorded now
    assert _invitations(cli, 2027) == before[2027]
    assert "2027年春节" in _flat(out) and "2026年春节" not in _flat(out)


@pytest.mark.parametrize("date", ["2026-13-01", "2026-12", "明天", "2051-01-01", "1999-12-01"])
def test_bad_date_is_refused_and_nothing_written(demo, tmp_path, date):
    cli, _ = demo
    before = len(_activities(cli))
    out = tmp_path / "x.pdf"
    res = cli("pdf", "invitation", "--all", "--record", "--date", date, "-o", str(out), check=1)
    line = res.stderr.strip()
    assert line.startswith("错误：") and " / " in line and "\n" not in line and "日期" in line
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert len(_activities(cli)) == before


@pytest.mark.parametrize("args", [
    ["archive", "--person", "no-such-person"],
    ["invitation", "--person", "no-such-person"],
    ["invitation", "--village", "没有这个村"],
    ["village-book", "--village", "没有这个村"],
])
def test_refusals_write_nothing(demo, tmp_path, args):
    cli, _ = demo
    out = tmp_path / "x.pdf"
    res = cli("pdf", *args, "--record" if args[0] == "invitation" else "--full-id", "-o", str(out), check=1)
    line = res.stderr.strip()
    assert line.startswith("错误：") and " / " in line and "\n" not in line
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert _invitations(cli, 2033) == []


def test_unwritable_output_is_refused_before_recording(demo, tmp_path):
    cli, _ = demo
    res = cli("pdf", "invitation", "--all", "--record", "--year", "2033", "-o",
              str(tmp_path / "missing" / "x.pdf"), check=1)
    assert res.stderr.startswith("错误：")
    assert _invitations(cli, 2033) == []


def test_usage_errors_exit_2(demo, tmp_path):
    cli, _ = demo
    cli("pdf", "invitation", "-o", str(tmp_path / "x.pdf"), check=2)          # no --all/--village/--person
    cli("pdf", "ledger", "bogus", "-o", str(tmp_path / "x.pdf"), check=2)
