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
