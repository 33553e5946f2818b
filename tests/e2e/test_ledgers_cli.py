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
