"""Long work off the UI thread (after Anki's aqt/operations and taskman).

    op = run_op(parent, fn, write=True, label="正在导入…", on_success=..., on_failure=...)

`fn(ctx)` runs on a worker thread. It may call `ctx.progress(done, total, text)` and
`ctx.check_cancel()` (raises `Cancelled` once the user pressed 取消). Its result or exception
comes back on the UI thread through the Op's signals: `succeeded(result)`, `failed(exc)`,
`cancelled()`, then always `done()`.

Writes (`write=True`) all go through ONE writer thread (a one-thread Qt pool), each job on a
connection of its own: the peewee database object keeps one connection per thread, and SQLite
allows one writer at a time, so queueing writes here means they never fight over the lock. Reads use the global thread pool,
each with a short-lived connection of its own (WAL lets them read while the writer writes).
A QProgressDialog appears only if the work takes longer than ~0.5 s (Anki progress.py).
"""
from __future__ import annotations

import logging
import queue
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from rural_cadre_desktop.core import db as dbmod

log = logging.getLogger("rcd.gui.ops")

PROGRESS_DELAY_MS = 500


class Cancelled(Exception):
    """Raised inside the worker by ctx.check_cancel() after the user cancelled."""


class OpContext:
    """What the worker function sees: progress reporting and the cancel flag."""

    def __init__(self, op: "Op"):
        self._op = op

    @property
    def cancelled(self) -> bool:
        return self._op._cancel.is_set()

    def check_cancel(self) -> None:
        if self._op._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        _outbox.put((self._op, "progress", (int(done), int(total), str(text))))


class Op(QObject):
    # all emitted on the UI thread (by _Mailman), never from a worker
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()

    def __init__(self, fn: Callable[[OpContext], Any], label: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self.label = label
        self._cancel = threading.Event()
        self.running = True
        self.dialog: QProgressDialog | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def _execute(self) -> None:
        """Worker side: run fn and post the outcome for the UI thread (no Qt call from here)."""
        try:
            result = self._fn(OpContext(self))
        except BaseException as e:          # noqa: BLE001 - every failure must reach the UI thread
            _outbox.put((self, "finished", (None, e)))
        else:
            _outbox.put((self, "finished", (result, None)))

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total else 0)
            if text:
                self.dialog.setLabelText(text)
        self.progressed.emit(done, total, text)

    def _on_finished(self, result, error) -> None:
        self.running = False
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        if isinstance(error, Cancelled):
            log.info("cancelled: %s", self.label)
            self.cancelled.emit()
        elif error is not None:
            log.error("failed: %s", self.label, exc_info=(type(error), error, error.__traceback__))
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        self.done.emit()

    def _show_progress(self, parent: QWidget | None) -> None:
        if not self.running or self.dialog is not None:
            return
        dlg = QProgressDialog(self.label or "正在处理…", "取消", 0, 0, parent)
        dlg.setWindowTitle("请稍候")
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.cancel)
        dlg.show()
        self.dialog = dlg


class _Runnable(QRunnable):
    def __init__(self, op: Op):
        super().__init__()
        self._op = op

    def run(self) -> None:
        # Each job gets a connection of its own for its duration, opened to whatever file the
        # store points at now (tests and 另存 move it), and closed again.
        with dbmod.database.connection_context():
            self._op._execute()


class DbWriter:
    """The one thread that writes to the database; jobs run in the order they were queued:
    a QThreadPool of exactly one thread (SQLite allows one writer at a time anyway)."""

    def __init__(self):
        self._pool: QThreadPool | None = None

    def _get_pool(self) -> QThreadPool:
        if self._pool is None:
            pool = QThreadPool()
            pool.setMaxThreadCount(1)          # one writer: SQLite allows one at a time anyway
            self._pool = pool
        return self._pool

    def submit(self, op: Op) -> None:
        self._get_pool().start(_Runnable(op))

    def shutdown(self, timeout: float = 30.0) -> None:
        """Finish queued writes and wait for them."""
        if self._pool is not None:
            self._pool.waitForDone(int(timeout * 1000))


class _Mailman(QObject):
    """Carries what workers post (progress, outcomes) to the UI thread.

    Workers never touch a Qt object: they put (op, kind, args) into a plain thread-safe queue and
    this timer, on the UI thread, delivers it every few milliseconds while any op is running.
    Emitting Python-object signals across threads crashed PySide6 6.11 now and then (segfault
    inside the worker's emit, about one full GUI test run in nine); a queue cannot.
    """

    INTERVAL_MS = 15

    def __init__(self):
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.deliver)

    def wake(self) -> None:
        if not self.timer.isActive():
            self.timer.start()

    @Slot()
    def deliver(self) -> None:
        while True:
            try:
                op, kind, args = _outbox.get_nowait()
            except queue.Empty:
                break
            if kind == "progress":
                op._on_progress(*args)
            else:
                op._on_finished(*args)
        if not _live and _outbox.empty():
            self.timer.stop()


writer = DbWriter()
_live: set[Op] = set()           # keeps running ops alive until they are done
_outbox: "queue.SimpleQueue[tuple[Op, str, tuple]]" = queue.SimpleQueue()
_mailman: _Mailman | None = None


def _postman() -> _Mailman:
    global _mailman
    if _mailman is None:          # made on the UI thread, on the first op
        _mailman = _Mailman()
    return _mailman


def run_op(parent: QWidget | None, fn: Callable[[OpContext], Any], *, write: bool = False,
           label: str = "", on_success: Callable[[Any], None] | None = None,
           on_failure: Callable[[BaseException], None] | None = None,
           progress: bool = True) -> Op:
    """Start fn on a worker (the writer thread when `write`); returns the Op to watch or cancel."""
    op = Op(fn, label)           # no Qt parent: a closed window must not delete a running op
    _live.add(op)
    op.done.connect(lambda: _live.discard(op))
    if on_success is not None:
        op.succeeded.connect(on_success)
    if on_failure is not None:
        op.failed.connect(on_failure)
    op.done.connect(op.deleteLater)
    if progress:
        QTimer.singleShot(PROGRESS_DELAY_MS, op, lambda: op._show_progress(parent))
    _postman().wake()
    if write:
        writer.submit(op)
    else:
        QThreadPool.globalInstance().start(_Runnable(op))
    return op
