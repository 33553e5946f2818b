"""Random cells under a real header: the importer never crashes (only UserError for a whole-file
refusal) and never writes partially: after an import the database holds exactly the planned
new rows, and a failure in the middle of writing leaves it as it was."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from rural_cadre_desktop.core import ledgers, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import Person, Returnee

from .helpers import make_id, write_xlsx

EXAMPLES = int(os.environ.get("RCD_FUZZ_EXAMPLES", "40"))
HEADER = ["序号", "村别", "姓名", "性别", "出生年月", "身份证号", "政治面貌", "学历", "联系电话", "是否有返乡意愿"]

cell = st.one_of(
    st.just(""), st.text(max_size=12), st.integers(-10**6, 10**18), st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1)),
    st.sampled_from(["石门村", "石门", "杨河社区", "东坡", "男", "女", "党员", "团员", "本科", "是", "√", "无",
                     "1985.03", "85.3", "1985年3月", "合计", "填表人：", "王䶮", "李𠇔", "６１１",
                     make_id("19850312", 1), make_id("19900101", 2).lower(), "611021700115003",
                     "6.11021E+17", "13800001111", "138 0000-1111"]))
rows_st = st.lists(st.lists(cell, min_size=0, max_size=len(HEADER) + 2), max_size=12)


def counts(db):
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("person", "returnee", "village"))
    finally:
        con.close()


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=rows_st, header_at=st.integers(0, 3), create=st.booleans(), fail=st.booleans())
def test_random_cells(store, db_path, tmp_path_factory, rows, header_at, create, fail):
    if not regions.find_village("石门村"):
        regions.add_village("石门村")
    path = tmp_path_factory.mktemp("fuzz") / "f.xlsx"
    sheet = [["标题"]] * header_at + [HEADER] + rows
    try:
        write_xlsx(path, {"S": sheet})
    except Exception:            # openpyxl refuses some characters: not our importer's business
        return
    before = counts(db_path)
    try:
        plan = ledgers.make_plan(ledgers.prepare(path), create_villages=create)
    except UserError:
        assert counts(db_path) == before
        return
    c = plan.counts()
    assert c["new"] + c["updated"] + c["unchanged"] == len(plan.entries)
    assert counts(db_path) == before                         # the dry run writes nothing
    if fail and (plan.entries or plan.new_villages):
        def boom(done, total):
            raise ledgers.Cancelled()
        with pytest.raises(ledgers.Cancelled):
            ledgers.apply_plan(plan, progress=boom, backup=False)
        assert counts(db_path) == before
        return
    ledgers.apply_plan(plan, backup=False)
    after = counts(db_path)
    assert after[1] - before[1] == c["new"]
    assert after[2] - before[2] == c["new_villages"]
    assert Person.alive().count() >= Returnee.alive().count()
