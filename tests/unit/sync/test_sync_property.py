"""Random offline schedules over three installations (A has two writers: two store sessions with
clocks of their own, as two processes of one PC would have): after everyone has exchanged
packages, all three hold the same data, and every field holds the value of its newest write —
no edit that should survive is lost; a record is deleted only when its newest delete is newer than
every edit of it. Trial count: RCD_SYNC_EXAMPLES (default 30)."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("RCD_SYNC_EXAMPLES", "30"))
ROWS, FIELDS = 4, ("work_place", "mentor", "enterprise")
WRITERS = ("A1", "A2", "B", "C")         # A1 and A2 write the same database
NODE_OF = {"A1": 0, "A2": 0, "B": 1, "C": 2}
SKEW_MS = {"A1": 0, "A2": 0, "B": 90_000, "C": -60_000}     # B's PC clock runs fast, C's slow

edit = st.tuples(st.just("edit"), st.sampled_from(WRITERS), st.integers(0, ROWS - 1), st.sampled_from(FIELDS))
delete = st.tuples(st.just("delete"), st.sampled_from(WRITERS), st.integers(0, ROWS - 1), st.just(""))
sync = st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 2), st.just("")).filter(lambda t: t[1] != t[2])
schedules = st.lists(st.one_of(edit, edit, delete, sync), min_size=1, max_size=24)


@pytest.fixture(scope="module")
def template(node_class):
    """A with a small demo, cloned to B and C by packages: the start of every example (copied)."""
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.demo import generate
    from rural_cadre_desktop.core.setup import init_installation
    from rural_cadre_desktop.core.sync import package
    old = package.KDF_N
    package.KDF_N = 2 ** 10
    base = Path(tempfile.mkdtemp(prefix="rcd-sync-prop-"))
    nodes = [node_class(base / n / "ledger.db") for n in "abc"]
    nodes[0].open()
    init_installation("洛南县", "石门镇")
    generate(villages=2, returnees=ROWS, seed=2)
    nodes[0].export(base / "clone.pkg")
    for n in nodes[1:]:
        n.import_(base / "clone.pkg")
    ids = [r[0] for r in nodes[0].open().execute_sql(
        "SELECT id FROM returnee WHERE deleted = 0 ORDER BY id LIMIT ?", (ROWS,)).fetchall()]
    db.close()
    yield base, nodes, ids
    package.KDF_N = old
    shutil.rmtree(base, ignore_errors=True)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(schedule=schedules)
def test_random_offline_schedules_converge_and_lose_no_surviving_edit(template, schedule):
    from rural_cadre_desktop.core import clock as clockmod
    from rural_cadre_desktop.core import db, models, store
    from rural_cadre_desktop.core.clock import Clock
    base, start, ids = template
    work = Path(tempfile.mkdtemp(prefix="rcd-sync-run-", dir=base))
    try:
        nodes = []
        for n in start:
            target = work / n.path.parent.name / "ledger.db"
            target.parent.mkdir(parents=True)
            shutil.copy(n.path, target)
            nodes.append(type(n)(target))
        sessions: dict[str, Clock] = {}
        writes: dict[tuple, list] = {}        # (row, field) -> [(stamp, value)], field "deleted" for deletes
        last_stamp = ["", "", ""]
        for step, (op, who, row, field) in enumerate(schedule):
            if op == "sync":
                pkg = work / f"p{step}"
                nodes[who].export(pkg)
                nodes[row].import_(pkg)
                continue
            node = nodes[NODE_OF[who]]
            node.open()
            if who not in sessions:              # each writer keeps its own clock in memory
                sessions[who] = Clock(store.node(), wall=lambda ms=SKEW_MS[who]: clockmod.now_ms() + ms)
            store._clock = sessions[who]
            rec = models.Returnee.get_by_id(ids[row])
            if rec.deleted:
                continue                          # the UI edits and deletes only live records
            on_row = [rec.created_at, rec.modified_at, *json.loads(rec.clocks or "{}").values()]
            if op == "edit":
                value = f"{who}-{step}"
                store.update(rec, {field: value})
                stamp = json.loads(rec.clocks)[field]
                writes.setdefault((row, field), []).append((stamp, value))
            else:
                store.soft_delete(rec)
                stamp = json.loads(rec.clocks)["deleted"]
                writes.setdefault((row, "deleted"), []).append((stamp, 1))
            i = NODE_OF[who]
            assert stamp > last_stamp[i], "a later write of one installation got an older stamp"
            assert stamp > max(on_row), "a write got a stamp older than one already on the record"
            last_stamp[i] = stamp
        # everyone exchanges with everyone until nothing is left to carry
        for src, dst in ((0, 1), (1, 2), (2, 0), (0, 1), (1, 2)):
            pkg = work / f"final-{src}-{dst}"
            nodes[src].export(pkg)
            nodes[dst].import_(pkg)
        snaps = [n.snapshot() for n in nodes]
        assert snaps[0] == snaps[1] == snaps[2], "the three installations did not converge"
        got = {r[0]: r for r in nodes[0].open().execute_sql(
            "SELECT id, work_place, mentor, enterprise, deleted FROM returnee").fetchall()}
        for row in range(ROWS):
            rec = got[ids[row]]
            for k, field in enumerate(FIELDS, start=1):
                if (row, field) in writes:
                    assert rec[k] == max(writes[(row, field)])[1], f"the newest write of {field} was lost"
            if (row, "deleted") in writes:
                newest_delete = max(writes[(row, "deleted")])[0]
                newest_edit = max((max(writes[(row, f)])[0] for f in FIELDS if (row, f) in writes), default="")
                assert rec[4] == (1 if newest_delete > newest_edit else 0)
            else:
                assert rec[4] == 0
    finally:
        db.close()
        shutil.rmtree(work, ignore_errors=True)
