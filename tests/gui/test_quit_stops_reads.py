"""Quitting does not wait for a read of a large file (the lists' counts, the quick check): the
reads still running are interrupted, work queued but not started is dropped, and reads after
that run again (gui/operations.stop_reads)."""
from __future__ import annotations

import threading

from rural_cadre_desktop.core import db
from rural_cadre_desktop.gui import operations

# Counts to 200 million: minutes of work, unless interrupted.
ENDLESS = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000000) "
           "SELECT count(*) FROM n")


def test_quitting_interrupts_a_long_read_and_later_reads_run(qtbot, demo_store):
    started = threading.Event()

    def endless() -> int:
        started.set()
        return db.database.execute_sql(ENDLESS).fetchone()[0]

    failures, results, cancelled = [], [], []
    op = operations.run_op(None, operations.interruptible(endless), progress=False,
                           on_failure=failures.append, on_success=results.append)
    op.cancelled.connect(lambda: cancelled.append(True))
    assert started.wait(30)
    operations.stop_reads()                  # returns once the pool is idle
    with qtbot.waitSignal(op.done, timeout=10000):
        pass
    assert cancelled == [True] and results == [] and failures == []     # stopped, not failed

    again = operations.run_op(None, operations.interruptible(
        lambda: db.database.execute_sql("SELECT 41 + 1").fetchone()[0]), progress=False,
        on_success=results.append)
    with qtbot.waitSignal(again.done, timeout=10000):
        pass
    assert results == [42]


def test_cancelling_an_interruptible_read_stops_its_statement(qtbot, demo_store):
    started = threading.Event()

    def endless() -> int:
        started.set()
        return db.database.execute_sql(ENDLESS).fetchone()[0]

    outcome = []
    op = operations.run_op(None, operations.interruptible(endless), progress=False,
                           on_failure=outcome.append, on_success=outcome.append)
    op.cancelled.connect(lambda: outcome.append("cancelled"))
    assert started.wait(30)
    while op.running and not outcome:
        op.cancel()                 # again until it lands: the statement may start just after
        qtbot.wait(20)
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    assert outcome == ["cancelled"]
