"""export-ledger and pdf ledger honour --village/--status/--year/--training as the real command
runs them; both say how many rows; a bad filter exits 1 with one line and writes no file."""
from __future__ import annotations

import openpyxl
import pdfplumber
import pytest


@pytest.fixture
def demo(cli):
    cli("demo", "--returnees", "40", "--villages", "4", "--seed", "4", check=0)
    return cli, cli.json("export", "returnees", "--format", "json")


def names_in_xlsx(path) -> list[str]:
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    head = rows[2]
    i = head.index("姓名")
    return [r[i] for r in rows[3:]]


def test_export_ledger_filters(demo, tmp_path):
    cli, rows = demo
    village = rows[0]["village"]
    want = sorted(r["name"] for r in rows if r["village"] == village)
    out = tmp_path / "v.xlsx"
    res = cli("export-ledger", "returnees", "--village", village, "-o", str(out), check=0)
    assert f"已导出 {len(want)} 条" in res.stdout
    assert sorted(names_in_xlsx(out)) == want
    out = tmp_path / "s.xlsx"
    away = [r for r in rows if r["village"] == village and r["status"] == "away"]
    res = cli("export-ledger", "returnees", "--village", village, "--status", "away", "-o", str(out), check=0)
    assert f"已导出 {len(away)} 条" in res.stdout and sorted(names_in_xlsx(out)) == sorted(r["name"] for r in away)
    year = next(r["return_date"][:4] for r in rows if r["return_date"])
    out = tmp_path / "y.xlsx"
    cli("export-ledger", "returnees", "--year", year, "-o", str(out), check=0)
    assert sorted(names_in_xlsx(out)) == sorted(r["name"] for r in rows if (r["return_date"] or "").startswith(year))
    trainings = cli.json("export", "trainings", "--format", "json")
    attendance = cli.json("export", "attendance", "--format", "json")
    tid = attendance[0]["training_id"]
    out = tmp_path / "a.xlsx"
    cli("export-ledger", "attendance", "--training", tid, "-o", str(out), check=0)
    assert sorted(names_in_xlsx(out)) == sorted(a["name"] for a in attendance if a["training_id"] == tid)
    out = tmp_path / "t.xlsx"
    res = cli("export-ledger", "trainings", "-o", str(out), check=0)
    assert f"已导出 {len(trainings)} 条" in res.stdout


def test_pdf_ledger_village(demo, tmp_path):
    cli, rows = demo
    village = rows[0]["village"]
    others = {r["village"] for r in rows} - {village}
    out = tmp_path / "v.pdf"
    res = cli("pdf", "ledger", "returnees", "--village", village, "-o", str(out), check=0)
    n = sum(1 for r in rows if r["village"] == village)
    assert f"{n} 行" in res.stdout
    with pdfplumber.open(out) as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
    assert all(r["name"] in text for r in rows if r["village"] == village)
    assert not any(v in text for v in others) and f"共 {n} 人" in text
    out = tmp_path / "s.pdf"
    cli("pdf", "ledger", "reserves", "--status", "active", "-o", str(out), check=0)
    assert out.exists()


@pytest.mark.parametrize("args", [
    ["export-ledger", "returnees", "--village", "没有这个村"],
    ["export-ledger", "returnees", "--status", "gone"],
    ["export-ledger", "reserves", "--status", "away"],
    ["export-ledger", "returnees", "--year", "明年"],
    ["export-ledger", "attendance", "--training", "no-such-training"],
    ["export-ledger", "trainings", "--village", "石门村"],
    ["pdf", "ledger", "returnees", "--village", "没有这个村"],
    ["pdf", "ledger", "returnees", "--status", "gone"],
    ["pdf", "ledger", "attendance", "--status", "away"],
])
def test_bad_filters_exit_1_and_write_nothing(demo, tmp_path, args):
    cli, _ = demo
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / ("x.xlsx" if args[0] == "export-ledger" else "x.pdf")
    res = cli(*args, "-o", str(out), check=1)
    line = res.stderr.strip()
    assert line.startswith("错误：") and " / " in line and "\n" not in line
    assert list(out.parent.iterdir()) == []


def test_usage_errors_exit_2(demo, tmp_path):
    cli, _ = demo
    cli("export-ledger", "bogus", "-o", str(tmp_path / "x.xlsx"), check=2)
    cli("export-ledger", "returnees", check=2)                               # no -o
    cli("pdf", "ledger", "bogus", "-o", str(tmp_path / "x.pdf"), check=2)
