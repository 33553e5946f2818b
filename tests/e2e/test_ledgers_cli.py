"""import-ledger / export-ledger as a script runs them: exit codes 0 / 1 / 2, one-line errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "returnee_ledger_sample.xlsx"


def rcd(db, *args, env=None):
    return subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", str(db), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8",
                          env=None if env is None else {**os.environ, **env})


@pytest.fixture
def township(tmp_path):
    db = tmp_path / "e.db"
    assert rcd(db, "init", "--county", "洛南县", "--township", "古城镇").returncode == 0
    return db


def count(db, kind):
    return len(json.loads(rcd(db, "export", kind, "--format", "json").stdout))


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample ledger is not beside the checkout")
def test_sample_ledger(township, tmp_path):
    dry = rcd(township, "import-ledger", SAMPLE, "--create-villages", "--dry-run")
    assert dry.returncode == 0 and "new 23" in dry.stdout and count(township, "returnees") == 0
    rep = tmp_path / "rep.xlsx"
    r = rcd(township, "import-ledger", SAMPLE, "--kind", "returnees", "--create-villages", "--report", rep)
    assert r.returncode == 0, r.stderr
    assert "new 23" in r.stdout and "refused 2" in r.stdout and "第11行" in r.stdout and "第16行" in r.stdout
    assert count(township, "returnees") == 23 and count(township, "villages") == 3
    assert rep.exists()
    again = rcd(township, "import-ledger", SAMPLE, "--create-villages")
    assert "new 0" in again.stdout and "unchanged 23" in again.stdout and count(township, "returnees") == 23
    out = tmp_path / "ledger.xlsx"
    e = rcd(township, "export-ledger", "returnees", "-o", out)
    assert e.returncode == 0 and out.exists()


def test_refusals_exit_1_with_one_line(township, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a spreadsheet")
    r = rcd(township, "import-ledger", junk)
    assert r.returncode == 1
    line = r.stderr.strip().splitlines()[-1]
    assert line.startswith("错误：") and " / " in line
    r = rcd(township, "import-ledger", tmp_path / "missing.xlsx")
    assert r.returncode == 1 and "找不到文件" in r.stderr
    r = rcd(township, "import-ledger", junk, "--kind", "nonsense")
    assert r.returncode == 2
    r = rcd(township, "export-ledger", "returnees")
    assert r.returncode == 2


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample ledger is not beside the checkout")
def test_sample_ledger_through_the_writer_process(township, tmp_path):
    """The streamed path (normally for files over 300 KB) forced for the sample: same outcome."""
    streamed = {"RCD_LEDGER_PIPELINE_BYTES": "0"}
    r = rcd(township, "import-ledger", SAMPLE, "--create-villages", env=streamed)
    assert r.returncode == 0, r.stderr
    assert "new 23" in r.stdout and "refused 2" in r.stdout and "第11行" in r.stdout and "第16行" in r.stdout
    assert count(township, "returnees") == 23 and count(township, "villages") == 3
    again = rcd(township, "import-ledger", SAMPLE, "--create-villages", env=streamed)
    assert again.returncode == 0 and "new 0" in again.stdout and "unchanged 23" in again.stdout
    assert count(township, "returnees") == 23


def _sheet_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("工作表“", "  sheet ", "  未对应", "已跳过"))]


@pytest.mark.parametrize("streamed", [False, True])
def test_one_sheet_per_village_dry_run_lists_per_sheet_what_the_import_takes(tmp_path, streamed):
    """The dry run names, per sheet, what it would take; the import (serial, or streamed through
    the writer process) takes exactly that, and the villages come from the sheet names."""
    from tests.unit.ledgers.helpers import write_village_book
    db = tmp_path / "v.db"
    assert rcd(db, "init", "--county", "洛南县", "--township", "石门镇").returncode == 0
    book = write_village_book(tmp_path / "book.xlsx")
    env = {"RCD_LEDGER_PIPELINE_BYTES": "1" if streamed else "999999999"}
    dry = rcd(db, "import-ledger", book, "--create-villages", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    lines = _sheet_lines(dry.stdout)
    assert "  sheet 柳树村: new 3 updated 0 unchanged 0 refused 1 merged 0" in lines
    assert "  sheet 杨河村: new 3 updated 0 unchanged 0 refused 0 merged 1" in lines
    assert any(line.startswith("已跳过工作表“汇总”") for line in lines)
    assert any(line.startswith("已跳过工作表“说明”") for line in lines)
    assert "  工作表“杨河村”第4行：与工作表“柳树村”第5行是同一人，村(社区)不同：“柳树村”与“杨河村”，" \
           "按写有“迁入”的一行记为“杨河村”" in dry.stdout.splitlines()
    assert count(db, "returnees") == 0
    real = rcd(db, "import-ledger", book, "--create-villages", env=env)
    assert real.returncode == 0, real.stderr
    assert _sheet_lines(real.stdout) == lines
    people = json.loads(rcd(db, "export", "people", "--format", "json").stdout)
    by_village: dict = {}
    for p in people:
        by_village[p["village"]] = by_village.get(p["village"], 0) + 1
    assert by_village == {"柳树村": 2, "杨河村": 4}
    assert {p["name"]: p["phone"] for p in people}["周电"] == "13878887228"


@pytest.mark.parametrize("which", ["0", "-1", "9", "花名册"])
def test_sheet_out_of_range_is_refused_with_the_list_of_sheets(tmp_path, which):
    from tests.unit.ledgers.helpers import write_village_book
    db = tmp_path / "v.db"
    assert rcd(db, "init", "--county", "洛南县", "--township", "石门镇").returncode == 0
    book = write_village_book(tmp_path / "book.xlsx")
    r = rcd(db, "import-ledger", book, "--create-villages", f"--sheet={which}")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    line = r.stderr.strip().splitlines()[-1]
    assert line.startswith("错误：") and "1. 说明、2. 柳树村、3. 杨河村、4. 汇总" in line
    assert count(db, "returnees") == 0
    ok = rcd(db, "import-ledger", book, "--create-villages", "--sheet", "2")
    assert ok.returncode == 0 and "new 3" in ok.stdout
