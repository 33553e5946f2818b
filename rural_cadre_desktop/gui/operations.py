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

Audit (`audit=`): `(action, detail)`, or a function `result -> (action, detail) | None` run on the
worker. After a read op succeeds its audit row is written by a job queued on the writer thread (a
reader never writes); the op reports success once that row is committed, and fails if it could not
be written. For a write op the row is written on the writer right after `fn`. Core functions that
audit take `audit=False` (or hand back their row) so the GUI can route it here, while the command
line audits right after the work as before.

Data changed (`changes=`): a set of kind names from KINDS (or a function `result -> set`). After a
write op succeeds, `changes.data_changed` carries them, on the UI thread, before the op's own
`succeeded`: lists subscribe and reload themselves when a kind they show changed, so callers never
reload by hand (and a dialog's `saved` comes after the lists are current).
"""
from __future__ import annotations

import functools
import logging
import queue
import sqlite3
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from rural_cadre_desktop.core import db as dbmod

log = logging.getLogger("rcd.gui.ops")

PROGRESS_DELAY_MS = 500


# What the "data changed" notice names. A change to a person's own fields is "people"; lists of
# records that show people's names, villages etc. subscribe to those kinds as well as their own.
@functools.cache
def _records() -> frozenset[str]:
    """The registry's kinds, read on first use: the window shows before the registry's
    declarations are loaded (core/kinds)."""
    from rural_cadre_desktop.core import kinds as record_kinds     # `kinds` is a local name below
    return frozenset(record_kinds.names())


def __getattr__(name: str) -> frozenset[str]:
    """`KINDS`: the records' kinds plus the installation ("settings"); `RECORDS`: the records'
    kinds (an import or a merge: every list may change)."""
    if name == "KINDS":
        return _records() | {"settings"}
    if name == "RECORDS":
        return _records()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DataChanges(QObject):
    """The UI-side notice that data changed: `data_changed(frozenset of kind names)`, emitted on
    the UI thread by run_op after a write succeeded. Subscribe with a bound method of a widget
    (Qt drops the connection when the widget goes)."""
    data_changed = Signal(object)

    def notify(self, kinds) -> None:
        kinds = frozenset(kinds)
        unknown = kinds - _records() - {"settings"}
        if unknown:
            raise ValueError(f"unknown kinds of data: {sorted(unknown)}")
        if kinds:
            log.debug("data changed: %s", ", ".join(sorted(kinds)))
            self.data_changed.emit(kinds)


changes = DataChanges()


def affects(kinds, *shown: str) -> bool:
    """Does a notice about `kinds` concern a widget that shows these kinds?"""
    return not frozenset(kinds).isdisjoint(shown)


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

    def __init__(self, fn: Callable[[OpContext], Any], label: str = "", parent: QObject | None = None, *,
                 write: bool = False, audit=None, changes=None):
        super().__init__(parent)
        self._fn = fn
        self.label = label
        self._cancel = threading.Event()
        self.running = True
        self.dialog = None            # the QProgressDialog, once the work took long enough
        self.write = write
        self._audit = audit
        self._changes = changes
        self._connection = None       # an interruptible read's connection while it reads

    def cancel(self) -> None:
        """Ask the work to stop: it sees ctx.cancelled; an interruptible read stops mid-statement."""
        self._cancel.set()
        conn = self._connection
        if conn is not None:
            try:
                conn.interrupt()
            except sqlite3.ProgrammingError:     # closed meanwhile: the read is over anyway
                pass

    def _audit_row(self, result) -> tuple[str, str | None] | None:
        row = self._audit(result) if callable(self._audit) else self._audit
        return tuple(row) if row else None

    def _execute(self) -> None:
        """Worker side: run fn and post the outcome for the UI thread (no Qt call from here)."""
        try:
            result = self._fn(OpContext(self))
            row = self._audit_row(result) if self._audit is not None else None
            if row is not None and self.write:
                _write_audit(row)                 # this is the writer thread already
                row = None
        except BaseException as e:          # noqa: BLE001 - every failure must reach the UI thread
            _outbox.put((self, "finished", (None, e)))
            return
        if row is None:
            _outbox.put((self, "finished", (result, None)))
            return

        def audit_then_finish() -> None:          # on the writer thread, after the read
            try:
                _write_audit(row)
            except BaseException as e:      # noqa: BLE001
                _outbox.put((self, "finished", (None, e)))
            else:
                _outbox.put((self, "finished", (result, None)))
        writer.submit_job(audit_then_finish)

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
            if self._changes is not None:
                kinds = self._changes(result) if callable(self._changes) else self._changes
                try:
                    changes.notify(kinds or ())
                except Exception:           # noqa: BLE001 - a list that fails to reload must not
                    log.exception("data-changed notice failed")     # swallow the op's outcome
            self.succeeded.emit(result)
        self.done.emit()

    def _show_progress(self, parent: QWidget | None) -> None:
        if not self.running or self.dialog is not None:
            return
        from PySide6.QtWidgets import QProgressDialog       # most work ends before it is due
        dlg = QProgressDialog(self.label or "正在处理…", "取消", 0, 0, parent)
        dlg.setWindowTitle("请稍候")
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.cancel)
        dlg.show()
        self.dialog = dlg


def _write_audit(row: tuple) -> None:
    from rural_cadre_desktop.core import store
    store.audit(*row)


_writer_idents: set[int] = set()      # the writer pool's thread(s); Qt may replace an idle one


class _Runnable(QRunnable):
    def __init__(self, op: Op | None = None, job: Callable[[], None] | None = None, on_writer: bool = False):
        super().__init__()
        self._op = op
        self._job = job
        self._on_writer = on_writer

    def run(self) -> None:
        if self._on_writer:
            _writer_idents.add(threading.get_ident())
        # Each job gets a connection of its own for its duration, opened to whatever file the
        # store points at now (tests and 另存 move it), and closed again.
        with dbmod.database.connection_context():
            if self._op is not None:
                self._op._execute()
            else:
                self._job()


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
        self._get_pool().start(_Runnable(op, on_writer=True))

    def submit_job(self, job: Callable[[], None]) -> None:
        """Queue a plain function (it posts its own outcome); callable from any thread once the
        pool exists (run_op makes it on the UI thread)."""
        self._get_pool().start(_Runnable(job=job, on_writer=True))

    def is_writer_thread(self) -> bool:
        """Is the calling thread the writer's? (QThreadPool threads carry no name of their own.)"""
        return threading.get_ident() in _writer_idents

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


_stopping = threading.Event()      # set while stop_reads runs: a read starting then does not


def interruptible(fn: Callable[[], Any]) -> Callable[[OpContext], Any]:
    """A read that Op.cancel() (so quitting too) may stop mid-statement (a count or a check of a
    large file): the op's work function, running fn() with its op holding its thread's connection.
    Stopped so, the op ends as cancelled."""
    def work(ctx: OpContext):
        op = ctx._op
        op._connection = dbmod.database.connection()
        try:
            if _stopping.is_set() or ctx.cancelled:     # stopped before it began: not worth starting
                raise Cancelled()
            return fn()
        except Exception:
            if _stopping.is_set() or ctx.cancelled:     # "interrupted", as asked
                raise Cancelled() from None
            raise
        finally:
            op._connection = None
    return work


def stop_reads() -> None:
    """At quit: reads of a large file still under way stop now instead of holding up the exit
    (sqlite3's interrupt() is safe from another thread; the read fails with "interrupted"), work
    queued but not started is dropped, and other reads (a backup) end properly: returns when the
    reader pool is idle."""
    _stopping.set()
    pool = QThreadPool.globalInstance()
    pool.clear()
    # A read may register or start its statement just after an interrupt (which only stops
    # statements running at that moment): interrupt again until the pool is idle.
    try:
        while True:
            for op in list(_live):
                if op._connection is not None:      # an interruptible read, reading
                    op.cancel()
            if pool.waitForDone(20):
                return
    finally:
        _stopping.clear()           # the pool is idle: later reads (a test's next window) run


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
           progress: bool = True, audit=None, changes=None) -> Op:
    """Start fn on a worker (the writer thread when `write`); returns the Op to watch or cancel.

    `audit`: (action, detail) or `result -> (action, detail) | None`, written on the writer thread
    after fn succeeded. `changes`: kind names (KINDS) or `result -> kinds`, announced through
    `changes.data_changed` on the UI thread after fn succeeded, before `succeeded`."""
    if changes is not None and not callable(changes):
        unknown = frozenset(changes) - _records() - {"settings"}
        if unknown:
            raise ValueError(f"unknown kinds of data: {sorted(unknown)}")
    if audit is not None:
        writer._get_pool()      # made here, on the UI thread: a reader queues the audit row on it
    # no Qt parent: a closed window must not delete a running op
    op = Op(fn, label, write=write, audit=audit, changes=changes)
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
