"""The streamed import of a large ledger: two processes, so the SQLite writes overlap the Python work.

Why: after calamine's read (~0.7 s for 50,000 rows × 11 columns, not streamable), the serial
import spends ~0.55 s cleaning, ~0.2 s planning, ~0.3 s building insert tuples, ~0.8 s in
executemany and ~0.2 s committing — one core, 3.5 s in all against a 0.81 s read (4.3×). Threads
cannot overlap the tuple building with executemany (sqlite3 holds the GIL while binding).

Split (the shortest critical path measured): this process reads, cleans, plans (plan.Planner, row
by row) and builds the insert tuples chunk by chunk; a writer process (writer.serve), started
while the file is still being read, owns the only write connection and runs executemany for
chunk k while this process cleans chunk k+1 — all in ONE transaction that it commits only on the
final "commit" message. The other split (a child reads and cleans, this process writes) leaves
plan + build + executemany + commit (~1.5 s) in one process: longer.

What cannot be known before the last row is settled at the end, inside the same transaction:
people already in the database are compared (fills, differences, --update) after every row; a
later duplicate that fills a gap of a person already written is applied as a fill of that new
row; a new village is created when first needed, with the name its spellings so far give, and
renamed if later spellings give another (plan.village_display_name). The Plan returned is the
one make_plan would have made; the rows written are the ones apply_plan would have written.

Measured (50k rows, 2 cores, another process busy on one of them most of the time): import
3.5 s -> 2.41-2.5 s against a 0.82 s read (4.3x -> 2.92-3.04x, best of 3) with schema v2.
Schema v3/v4 added the pinyin key and five indexes (11 on person + returnee now): 3.7-4.0 s
(4.4-4.6x), the writer's end (indexes built again ~0.4 s, commit with the WAL checkpoint of
~48 MB ~0.5 s) being the longest part after the read. Since then (issue 4 speed): the writer
drops the unique indexes too and builds them again (its inserts 0.9 s -> 0.4 s), keeps the whole
import in its page cache, adds the name keys itself (this process no longer loads pypinyin),
ends without interpreter teardown; this process hands its messages to a sender thread (it
waited 0.2 s on the pipe), checks 身份证号 with one int() call, settles each village spelling
once and leaves its ~1M objects to the system at exit. Per process (quiet moments): this one
2.2-2.5 s CPU (start-up 0.3, read 0.8, clean 0.45, plan 0.15, build 0.2, pickle 0.1), the
writer 1.5 s. The wall time swings 2x with the machine's other work; when both cores are busy
it follows the total CPU time (~3.7 s vs the read's 0.8 s). The cyclic GC is off during the
import (cli/ledgers: 0.2 s of the cleaning).

All or nothing: the writer rolls back when the pipe breaks (this process killed, crashed, or it
closed the pipe after an error), so only a complete import is ever committed. Windows: the spawn
start method everywhere (no fork tricks); frozen apps call multiprocessing.freeze_support().
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from multiprocessing.reduction import ForkingPickler

from rural_cadre_desktop.core.errors import UserError

CHUNK = 2000
# Files at least this big (≈ 5,000 rows of .xlsx) get the writer process, started before the read.
MIN_BYTES = int(os.environ.get("RCD_LEDGER_PIPELINE_BYTES", 300_000))


def wanted(path) -> bool:
    try:
        return os.path.getsize(path) >= MIN_BYTES
    except OSError:
        return False


class Writer:
    """The importing side of the pipe to a writer process. Messages are pickled by the caller and
    written to the pipe by a thread of their own: a chunk (~350 KB) does not fit the socket
    buffer, and waiting until the writer had read it — after its executemany of the chunk before —
    held this process up for 0.2 s of 50,000 rows. The write releases the GIL."""

    def __init__(self):
        from rural_cadre_desktop.core.ledgers.writer import serve
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=serve, args=(child,), name="ledger-writer", daemon=True)
        self.proc.start()
        child.close()               # only the writer holds its end: our death is its EOF
        self.begun = False
        self._out: queue.SimpleQueue = queue.SimpleQueue()
        self._stop = self._failed = False
        self._sender = threading.Thread(target=self._send_all, name="ledger-writer-pipe", daemon=True)
        self._sender.start()

    def _send_all(self) -> None:
        while (data := self._out.get()) is not None and not self._stop:
            try:
                self.conn.send_bytes(data)
            except (OSError, ValueError, TypeError):    # the writer is gone: send/reply say why
                self._failed = True
                return

    def send(self, *op) -> None:
        if self._failed:
            self._raise_error()
        self._out.put(ForkingPickler.dumps(op))

    def reply(self):
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            msg = None
        if not msg or msg[0] != "ok":
            self._raise_error(msg)
        return msg[1]

    def _raise_error(self, msg=None):
        if msg is None:
            try:
                msg = self.conn.recv() if self.conn.poll(5) else None
            except (EOFError, OSError):
                msg = None
        if msg and msg[0] == "error":
            raise UserError(msg[1], msg[2])
        raise UserError("写入数据库的进程意外退出，没有导入任何数据，请重试",
                        "the writer process ended unexpectedly; nothing was imported")

    def close(self) -> None:
        """Without a "commit" before, this rolls everything back (the writer sees the pipe close)."""
        self._stop = True                # what is still queued is not sent
        self._out.put(None)
        self._sender.join(10)            # a message half written is finished first, then the pipe closes
        self.conn.close()
        self.proc.join(10)


def import_streamed(prep, writer: Writer, training_id: str | None = None, create_villages: bool = False,
                    update: bool = False):
    """Clean, plan and write `prep`'s rows through `writer`; returns the plan (as make_plan would).
    The writer is closed on return, committed only if everything was sent."""
    from rural_cadre_desktop.core.db import auto_backup, db_path
    from rural_cadre_desktop.core.ledgers import check_training, finish_plan
    from rural_cadre_desktop.core.ledgers.apply import (
        _Builder,
        audit_detail,
        taken_differences,
    )
    from rural_cadre_desktop.core.ledgers.clean import Cleaner
    from rural_cadre_desktop.core.ledgers.existing import Existing
    from rural_cadre_desktop.core.ledgers.layout import check_mapping
    from rural_cadre_desktop.core.ledgers.plan import Planner, village_display_name
    try:
        training_id = check_training(training_id, prep.kind)
        for part in prep.parts:
            check_mapping(part.layout.mapping, part.name if len(prep.parts) > 1 else "")
        planner = Planner(prep.kind, Existing(prep.kind, training_id), create_villages)
        builder = _Builder(prep.kind, training_id, dict(planner.village_ids), keys=False)   # writer keys names
        created: dict[str, tuple[str, str]] = {}          # village key -> (id, name given)
        expected = sum(len(prep.sheets[p.layout.sheet].rows) - p.layout.data_start for p in prep.parts)

        def begin():
            if not writer.begun:
                auto_backup("before-import-ledger")
                writer.send("begin", str(db_path()))
                writer.begun = True
                # a large import into a near-empty table builds its plain indexes once, at the end
                writer.send("defer_indexes", {"person": expected, builder.model._meta.table_name: expected})

        def make_villages():
            todo = [(k, village_display_name(list(v))) for k, v in planner.new_villages.items()
                    if k not in created]
            if todo:
                begin()
                writer.send("villages", [name for _, name in todo])
                for (key, name), vid in zip(todo, writer.reply()):
                    created[key] = (vid, name)
                    builder.village_ids[key] = vid

        def write(entries):
            person_cols, people, record_cols, records, updates = builder.build(entries)
            if people:
                writer.send("insert_people", person_cols, people)
            if records:
                writer.send("insert", builder.model._meta.table_name, record_cols, records)
            return updates

        for part in prep.parts:
            sheet = prep.sheets[part.layout.sheet]
            cleaner = Cleaner(part.layout, sheet, part.village)
            rows, start = sheet.rows, part.layout.data_start
            for lo in range(start, len(rows), CHUNK):
                new = []
                for number, cells in enumerate(rows[lo:lo + CHUNK], start=lo + 1):
                    if cleaner.skip(cells):
                        continue
                    entry = planner.add(cleaner.clean(number, cells))
                    if entry is not None and entry.person_id is None:
                        new.append(entry)
                builder.village_ids.update(planner.village_ids)
                if new:
                    make_villages()
                    begin()
                    write(new)
        plan = finish_plan(prep, planner.finish(), training_id, update)
        if not plan.entries and not plan.new_villages:
            return plan                          # nothing to write; close() ends the idle writer
        make_villages()
        begin()
        renames = [(vid, plan.new_villages[k]) for k, (vid, name) in created.items() if plan.new_villages[k] != name]
        if renames:
            writer.send("rename", renames)
        updates = write([e for e in plan.entries if e.person_id is not None])
        table = builder.model._meta.table_name
        fills = []
        for entry, filled in planner.merged:
            if entry.person_id is None and entry.created:    # written before a duplicate filled a gap
                pid, rid = entry.created
                for part, f in filled:
                    if part == "village":       # moved between village sheets: the later village
                        vid = builder.village_ids.get(entry.village_key)
                        fills.append(("person", pid, {"village_id": vid}))
                        if builder.own_village:
                            fills.append((table, rid, {"village_id": vid}))
                        continue
                    values = entry.row.person if part == "person" else entry.row.record
                    fills.append(("person" if part == "person" else table,
                                  pid if part == "person" else rid, {f: values[f]}))
        if fills:
            writer.send("fill", fills)
        updates += taken_differences(plan, builder.model)
        if updates:
            writer.send("update", [(m._meta.table_name, rid, ch) for m, rid, ch in updates])
        writer.send("audit", "import-ledger", audit_detail(plan))
        writer.send("commit")
        writer.reply()
        return plan
    finally:
        writer.close()

