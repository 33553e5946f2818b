"""Damaged ledgers, built the ways files really break (an index page overwritten, the file cut
short, random bytes over a stretch): the checks find it, say so in a list rather than a traceback,
and an import refuses before writing anything — or backing up the damaged file."""
from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core.check import (
    check_database,
    full_check,
    quick_check,
    require_intact,
)
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.store import open_store


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_of(path: Path, name: str) -> tuple[int, int]:
    """(offset, page size) of a leaf page of table or index `name` (dbstat, else its root page)."""
    con = sqlite3.connect(path)
    try:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        try:
            page = con.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                               "ORDER BY pageno LIMIT 1", (name,)).fetchone()[0]
        except sqlite3.OperationalError:          # built without dbstat
            page = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    finally:
        con.close()
    return (page - 1) * size, size


def overwrite_index_page(path: Path, index: str = "returnee_person_live") -> None:
    offset, size = page_of(path, index)
    data = bytearray(path.read_bytes())
    data[offset:offset + size] = random.Random(5).randbytes(size)
    path.write_bytes(bytes(data))


@pytest.fixture
def ledger(db_path):
    """A closed demo ledger on disk (WAL checkpointed away), ready to be damaged."""
    open_store(db_path, create=True)
    from rural_cadre_desktop.core.demo import generate
    from rural_cadre_desktop.core.setup import init_installation
    init_installation("洛南县", "石门镇")
    generate(villages=4, returnees=400, seed=4)
    dbmod.close()
    return db_path


def test_an_intact_ledger_passes_both_checks(ledger):
    database = open_store(ledger, create=False)
    assert full_check(database) == [] and quick_check(database) == []
    assert check_database(database).ok
    dbmod.close()


def test_an_overwritten_index_page_is_found_by_every_check(ledger):
    overwrite_index_page(ledger)
    database = open_store(ledger, create=False)      # the tables still read: the file opens
    assert full_check(database) and quick_check(database)
    health = check_database(database)
    assert not health.ok and health.problems[0].startswith("完整性检查")
    with pytest.raises(UserError) as e:
        require_intact(database)
    assert "已损坏" in e.value.zh and "从备份恢复" in e.value.zh
    dbmod.close()


def test_flipped_bytes_in_the_middle_are_found_without_a_traceback(ledger):
    data = bytearray(ledger.read_bytes())
    for off in range(len(data) // 3, len(data) // 3 + 4096, 97):
        data[off] ^= 0xFF
    ledger.write_bytes(bytes(data))
    database = open_store(ledger, create=False)
    health = check_database(database)                 # problems listed, nothing raised
    assert not health.ok and health.problems
    dbmod.close()


def test_a_table_page_that_cannot_be_read_is_a_problem_not_an_exception(ledger):
    offset, size = page_of(ledger, "person")
    data = bytearray(ledger.read_bytes())
    data[offset:offset + size] = b"\x00" * size
    ledger.write_bytes(bytes(data))
    database = open_store(ledger, create=False)
    health = check_database(database)
    assert not health.ok
    dbmod.close()


def test_the_import_entry_point_refuses_a_damaged_ledger_before_any_write_or_backup(ledger, tmp_path):
    """The GUI wizard's way in (ledgers.apply_plan): the plan was made on the intact file, the
    index broke before the write; nothing is written and no backup of the damaged file is made."""
    from openpyxl import Workbook

    from rural_cadre_desktop.core import ledgers
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "村(社区)", "联系电话"])
    ws.append([1, "新来者", "男", "石门村", "13800000001"])
    sheet = tmp_path / "l.xlsx"
    wb.save(sheet)
    open_store(ledger, create=False)
    plan = ledgers.make_plan(ledgers.prepare(sheet, "returnees"), create_villages=True)
    assert plan.counts()["new"] == 1
    dbmod.close()
    overwrite_index_page(ledger)
    before = sha(ledger)
    open_store(ledger, create=False)
    with pytest.raises(UserError) as e:
        ledgers.apply_plan(plan)
    assert "已损坏" in e.value.zh
    dbmod.close()
    assert sha(ledger) == before
    backups = ledger.parent / f"{ledger.stem}-backups"
    assert not any("import" in p.name for p in backups.glob("*")) if backups.exists() else True


def test_a_full_check_already_passed_on_this_connection_is_not_repeated_until_a_write(ledger):
    database = open_store(ledger, create=False)
    require_intact(database)
    from rural_cadre_desktop.core import check
    first = check._verified
    require_intact(database)
    assert check._verified is first              # served from the earlier pass
    database.execute_sql("UPDATE setting SET value = value WHERE key = 'township'")
    require_intact(database)
    assert check._verified is not first          # a write since: checked again
    dbmod.close()
