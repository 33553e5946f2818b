"""The real command (and the window) on files that went wrong: another program's SQLite file, an
empty file, a ledger whose index page was overwritten. Each refusal is one line on stderr and
exit 1, no traceback, and the file is left byte-identical; an import checks everything it will
write before it changes anything."""
from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def error_lines(stderr: str) -> list[str]:
    return [x for x in stderr.splitlines() if x.startswith("错误：")]


def overwrite_index_page(path: Path, index: str = "returnee_person_live") -> None:
    """Garbage over one leaf page of an index (found through dbstat, else the index's root page)."""
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    try:
        page = con.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno "
                           "LIMIT 1", (index,)).fetchone()[0]
    except sqlite3.OperationalError:
        page = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size:page * size] = random.Random(7).randbytes(size)
    path.write_bytes(bytes(data))


def ledger_sheet(path: Path, rows: int = 30) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "村(社区)", "联系电话"])
    for i in range(rows):
        ws.append([i + 1, f"导入{chr(0x4E00 + i)}", "男", "新建村", f"138{i:08d}"])
    wb.save(path)
    return path


@pytest.fixture
def demo(cli):
    cli("demo", "--returnees", "120", "--seed", "5", check=0)
    return Path(cli.db)


@pytest.fixture
def other(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices(no TEXT, amount REAL)")
    con.execute("INSERT INTO invoices VALUES ('F-001', 12.5)")
    con.commit()
    con.close()
    return path


def test_the_demo_ledger_is_private_to_its_owner(demo):
    assert oct(demo.stat().st_mode & 0o077) == "0o0"


@pytest.mark.parametrize("args", [["check"], ["export", "returnees", "--format", "json"],
                                  ["import-ledger", "SHEET", "--create-villages"]])
def test_another_programs_file_is_refused_by_every_command_and_left_untouched(make_cli, other, tmp_path, args):
    sheet = ledger_sheet(tmp_path / "l.xlsx")
    args = [str(sheet) if a == "SHEET" else a for a in args]
    before = sha(other)
    res = make_cli(other)(*args)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert len(error_lines(res.stderr)) == 1 and "不是本软件的数据库文件" in res.stderr
    assert sha(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.xlsx", "other.db"]     # no -wal, no backups


def test_the_window_leaves_another_programs_file_untouched(other, tmp_path):
    before = sha(other)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    run = subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", str(other), "--quit-after", "300"],
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1 and "不是本软件的数据库文件" in run.stderr
    assert sha(other) == before


def test_check_and_export_refuse_an_empty_file(make_cli, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    for args in (["check"], ["export", "people", "--format", "json"]):
        res = make_cli(empty)(*args)
        assert res.returncode == 1 and "这里没有台账数据库" in res.stderr and "Traceback" not in res.stderr
    assert empty.stat().st_size == 0


def test_check_on_a_damaged_index_gives_a_verdict_and_exit_1(cli, demo):
    overwrite_index_page(demo)
    res = cli("check")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "检查结果：有问题" in res.stdout and len(error_lines(res.stderr)) == 1
    assert "恢复" in error_lines(res.stderr)[0]


def test_export_refuses_a_damaged_ledger_before_its_audit_row(cli, demo, tmp_path):
    audits = lambda: sqlite3.connect(demo).execute("SELECT count(*) FROM audit_log").fetchone()[0]
    overwrite_index_page(demo)
    n = audits()
    res = cli("export", "people", "--format", "json", "-o", str(tmp_path / "p.json"))
    assert res.returncode == 1 and "已损坏" in res.stderr and "Traceback" not in res.stderr
    assert audits() == n and not (tmp_path / "p.json").exists()


def test_an_import_into_a_damaged_ledger_refuses_and_changes_nothing(cli, demo, tmp_path):
    sheet = ledger_sheet(tmp_path / "l.xlsx")
    overwrite_index_page(demo)
    before = sha(demo)
    res = cli("import-ledger", str(sheet), "--kind", "returnees", "--create-villages")
    assert res.returncode == 1 and "Traceback" not in res.stderr and "已损坏" in res.stderr
    assert sha(demo) == before


def test_an_import_whose_report_folder_is_missing_refuses_before_writing(cli, demo, tmp_path):
    sheet = ledger_sheet(tmp_path / "l.xlsx")
    n = len(cli.json("export", "returnees", "--format", "json"))
    res = cli("import-ledger", str(sheet), "--kind", "returnees", "--create-villages",
              "--report", str(tmp_path / "nope" / "rep.xlsx"))
    assert res.returncode == 1 and "不存在" in res.stderr and "Traceback" not in res.stderr
    assert len(cli.json("export", "returnees", "--format", "json")) == n
    res = cli("import-ledger", str(sheet), "--kind", "returnees", "--create-villages",
              "--report", str(tmp_path / "rep.xlsx"), check=0)
    assert len(cli.json("export", "returnees", "--format", "json")) == n + 30


def test_the_window_on_a_damaged_index_starts_and_warns(demo, tmp_path):
    overwrite_index_page(demo, "person_id_number_live")       # one the first lists do not read
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    run = subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", str(demo), "--quit-after", "1500"],
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    log = (tmp_path / "data" / "rural-cadre-desktop" / "logs" / "rural-cadre-desktop.log").read_text("utf-8")
    assert "window shown" in log and "quick check found the ledger damaged" in log
    assert log.index("window shown") < log.index("quick check found")
    assert (tmp_path / "data" / "rural-cadre-desktop").stat().st_mode & 0o077 == 0     # logs: private


def test_the_window_on_damage_under_its_first_list_refuses_in_one_sentence(demo, tmp_path):
    overwrite_index_page(demo)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    run = subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "--db", str(demo), "--quit-after", "300"],
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert len(error_lines(run.stderr)) == 1 and "已损坏" in run.stderr and "恢复" in run.stderr


@pytest.mark.parametrize("how", ["truncated", "text"])
def test_a_cut_file_or_a_text_file_is_named_for_what_it_is_not_a_lock(make_cli, demo, tmp_path, how):
    bad = tmp_path / f"{how}.db"
    bad.write_bytes(demo.read_bytes()[:len(demo.read_bytes()) // 3] if how == "truncated" else "会议纪要".encode())
    before = sha(bad)
    res = make_cli(bad)("check")
    assert res.returncode == 1 and "Traceback" not in res.stderr and len(error_lines(res.stderr)) == 1
    assert ("已损坏" if how == "truncated" else "不是本软件的数据库文件") in res.stderr
    assert "占用" not in res.stderr and "lock" not in res.stderr
    assert sha(bad) == before
