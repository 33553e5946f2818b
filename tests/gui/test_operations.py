"""Work off the UI thread: success, failure, cancel, progress, and writes through one thread."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.gui.operations import Cancelled, run_op, writer


def test_success_is_delivered_on_the_ui_thread(qtbot, store):
    seen = {}

    def work(ctx):
        seen["worker"] = threading.get_ident()
        return 42

    op = run_op(None, work, progress=False)
    with qtbot.waitSignal(op.succeeded) as blocker:
        pass
    assert blocker.args == [42]
    assert seen["worker"] != threading.get_ident()


def test_failure_carries_the_exception(qtbot, store):
    def work(ctx):
        raise ValueError("坏了")

    got = []
    op = run_op(None, work, progress=False, on_failure=got.append)
    with qtbot.waitSignal(op.failed) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError) and str(blocker.args[0]) == "坏了"
    assert got == blocker.args


def test_cancel_stops_the_work(qtbot, store):
    gate = threading.Event()
    reached = []

    def work(ctx):
        gate.wait(10)
        ctx.check_cancel()
        reached.append("after cancel")     # must never run
        return "done"

    op = run_op(None, work, progress=False)
    op.cancel()
    with qtbot.waitSignal(op.cancelled):
        gate.set()
    assert reached == []


def test_progress_reaches_the_ui_thread_in_order(qtbot, store):
    events = []

    def work(ctx):
        for i in range(1, 4):
            ctx.progress(i, 3, f"第{i}步")
        return "ok"

    op = run_op(None, work, progress=False)
    op.progressed.connect(lambda d, t, text: events.append((d, t, text, threading.get_ident())))
    with qtbot.waitSignal(op.succeeded):
        pass
    assert [(d, t, x) for d, t, x, _ in events] == [(1, 3, "第1步"), (2, 3, "第2步"), (3, 3, "第3步")]
    assert {tid for *_, tid in events} == {threading.get_ident()}


def test_progress_dialog_appears_only_for_slow_work_and_can_cancel(qtbot, store):
    gate = threading.Event()

    def work(ctx):
        gate.wait(10)
        ctx.check_cancel()

    op = run_op(None, work)
    assert op.dialog is None                          # not at once: quick work never flashes one
    op._show_progress(None)                           # what the 0.5 s timer does
    assert op.dialog is not None and op.dialog.isVisible()
    qtbot.addWidget(op.dialog)
    button = op.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)       # the clerk presses 取消
    with qtbot.waitSignal(op.cancelled):
        gate.set()


def test_writes_run_on_one_writer_thread_with_its_own_connection(qtbot, store):
    threads = []

    def write(value):
        def work(ctx):
            threads.append(threading.get_ident())
            with store.atomic():
                settings.put("contact_person", value)
            return value
        return work

    ops = [run_op(None, write(f"人{i}"), write=True, progress=False) for i in range(5)]
    with qtbot.waitSignals([op.succeeded for op in ops]):
        pass
    assert len(set(threads)) == 1 and threads[0] != threading.get_ident()
    assert settings.get("contact_person") == "人4"     # queued writes ran in order; UI thread sees them


def test_writer_follows_the_store_to_a_new_file(qtbot, tmp_path):
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.setup import init_installation
    from rural_cadre_desktop.core.store import open_store
    for name in ("a.db", "b.db"):
        open_store(tmp_path / name)
        init_installation("洛南县", "石门镇")
        op = run_op(None, lambda ctx, n=name: settings.put("contact_person", n), write=True, progress=False)
        with qtbot.waitSignal(op.succeeded):
            pass
        assert settings.get("contact_person") == name
        db.close()


def test_writer_shutdown_is_idempotent():
    writer.shutdown()
    writer.shutdown()


def test_cancelled_is_an_exception_the_worker_can_raise():
    with pytest.raises(Cancelled):
        raise Cancelled()


# -- audit rows and the data-changed notice -------------------------------------------------------

def _audit_rows():
    from rural_cadre_desktop.core.models import AuditLog
    return [(a.action, a.detail) for a in AuditLog.select().order_by(AuditLog.seq)]


def test_a_read_ops_audit_row_is_written_by_the_writer_before_success(qtbot, store, monkeypatch):
    from rural_cadre_desktop.core import store as store_mod
    threads = {}
    real = store_mod.audit

    def audit(action, detail=None):
        threads["audit"] = (threading.get_ident(), writer.is_writer_thread())
        real(action, detail)
    monkeypatch.setattr(store_mod, "audit", audit)

    def work(ctx):
        threads["read"] = threading.get_ident()
        return 7

    op = run_op(None, work, progress=False, audit=lambda n: ("export", f"{n} rows"))
    with qtbot.waitSignal(op.succeeded) as blocker:
        pass
    assert blocker.args == [7] and _audit_rows()[-1] == ("export", "7 rows")      # there at success
    ident, on_writer = threads["audit"]
    assert on_writer and ident not in (threads["read"], threading.get_ident())


def test_no_audit_row_when_the_read_fails_or_the_function_says_none(qtbot, store):
    before = _audit_rows()
    op = run_op(None, lambda ctx: 1 / 0, progress=False, audit=("export", "never"))
    with qtbot.waitSignal(op.failed):
        pass
    op = run_op(None, lambda ctx: 0, progress=False, audit=lambda n: None if not n else ("export", "x"))
    with qtbot.waitSignal(op.succeeded):
        pass
    assert _audit_rows() == before


def test_an_audit_row_that_cannot_be_written_fails_the_op(qtbot, store, monkeypatch):
    from rural_cadre_desktop.core import store as store_mod

    def broken(action, detail=None):
        raise RuntimeError("磁盘已满")
    monkeypatch.setattr(store_mod, "audit", broken)
    op = run_op(None, lambda ctx: 1, progress=False, audit=("export", "x"))
    with qtbot.waitSignal(op.failed) as blocker:
        pass
    assert "磁盘已满" in str(blocker.args[0])


def test_a_write_op_audits_on_the_writer_too(qtbot, store):
    op = run_op(None, lambda ctx: settings.put("contact_person", "王芳"), write=True, progress=False,
                audit=("settings", "contact_person"))
    with qtbot.waitSignal(op.succeeded):
        pass
    assert _audit_rows()[-1] == ("settings", "contact_person")


def test_data_changed_comes_after_a_successful_write_before_succeeded(qtbot, store, request):
    from rural_cadre_desktop.gui.operations import changes
    events = []

    def seen(kinds):
        events.append(("changed", kinds, threading.get_ident()))
    changes.data_changed.connect(seen)
    request.addfinalizer(lambda: changes.data_changed.disconnect(seen))
    op = run_op(None, lambda ctx: "r1", write=True, progress=False, changes={"reserves", "activities"})
    op.succeeded.connect(lambda r: events.append(("succeeded", r, threading.get_ident())))
    with qtbot.waitSignal(op.done):
        pass
    assert [e[:2] for e in events] == [("changed", frozenset({"reserves", "activities"})), ("succeeded", "r1")]
    assert {e[2] for e in events} == {threading.get_ident()}           # on the UI thread
    events.clear()
    op = run_op(None, lambda ctx: 1 / 0, write=True, progress=False, changes={"reserves"})
    with qtbot.waitSignal(op.done):
        pass
    assert events == []                                               # a failed write changed nothing
    op = run_op(None, lambda ctx: {"trainings"}, write=True, progress=False, changes=lambda kinds: kinds)
    with qtbot.waitSignal(op.done):
        pass
    assert [e[:2] for e in events] == [("changed", frozenset({"trainings"}))]


def test_unknown_kinds_of_data_are_refused_at_once(qtbot, store):
    with pytest.raises(ValueError, match="returnee"):
        run_op(None, lambda ctx: None, write=True, progress=False, changes={"returnee"})
