"""Two real processes on one database file (issue 9: "disk I/O error" after a second copy).

The first process holds the store the way the GUI does — the main connection, plus a worker
thread's connection inside a read transaction — writes, then does what used to open the database
file outside SQLite: lists the database's folder in the save dialog, or re-opens the store. A
second process, the real command line, writes to the same file and exits. Then the first writes
again. Every write must still be in the file afterwards, and the -wal must not have been deleted
under the first process.

Why it failed: SQLite's locks are POSIX record locks, and closing any descriptor of the file drops
all of a process's locks on it. Qt's file dialog (MIME sniffing) and `core.db.connect` (reading the
header with open()) did exactly that; the second process, finding no locks when it closed the file,
checkpointed and deleted the -wal/-shm, and the first process's later writes went into the deleted
WAL — gone — or failed with "disk I/O error".
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

FIRST = r'''
import json, os, sys, threading
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
db, mode = Path(sys.argv[1]), sys.argv[2]

from rural_cadre_desktop.core import db as dbmod, store
from rural_cadre_desktop.core.models import AuditLog

def say(**kw):
    print(json.dumps(kw), flush=True)

database = store.open_store(db)
store.audit("first", "before")

# A job of the read pool in progress: a connection of its own, inside a read transaction.
in_txn, finish = threading.Event(), threading.Event()
reader_saw = []
def reader():
    with dbmod.database.connection_context():
        with dbmod.database.atomic():
            reader_saw.append(AuditLog.select().where(AuditLog.action == "first").count())
            in_txn.set()
            finish.wait()
threading.Thread(target=reader, daemon=True).start()
in_txn.wait()

if mode == "dialog":
    # The clerk exports to Excel and the save dialog lists the database's folder.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel
    from rural_cadre_desktop.gui.file_dialogs import save_file_name
    app = QApplication([])
    listed = []

    def accept_when_listed():
        dlg = QApplication.activeModalWidget()
        model = dlg.findChild(QFileSystemModel) if isinstance(dlg, QFileDialog) else None
        # other.xlsx is listed in the same batch as ledger.db, whose type the model has then asked for
        if model is not None and model.index(str(db.parent / "other.xlsx")).isValid():
            listed.append(True)
            dlg.accept()
        else:
            QTimer.singleShot(10, accept_when_listed)
    QTimer.singleShot(0, accept_when_listed)
    QTimer.singleShot(30000, app.quit)     # a safety net, never reached when things work
    path, _ = save_file_name(None, "导出到 Excel", str(db.parent / "返乡人员台账.xlsx"), "Excel 工作簿 (*.xlsx)")
    assert listed and path.endswith("返乡人员台账.xlsx"), (listed, path)
elif mode == "reopen":
    store.open_store(db)        # e.g. a window switching ledgers while a worker still reads
store.audit("first", "opened")

say(state="ready")
assert sys.stdin.readline().strip() == "go"        # the second process has come and gone

finish.set()
# a save, the way gui/operations runs it: on the writer thread, on a connection of its own
errors = []
def save():
    try:
        with dbmod.database.connection_context():
            store.audit("first", "after")
    except Exception as e:
        errors.append(f"{type(e).__name__}: {e}")
saver = threading.Thread(target=save)
saver.start()
saver.join()
rows = [a for (a,) in database.execute_sql("SELECT detail FROM audit_log WHERE action = 'first' ORDER BY seq")]
say(state="written", rows=rows, reader_saw=reader_saw, errors=errors)
assert sys.stdin.readline().strip() == "close"     # still open while others look at the file
dbmod.close()
'''


def _python(*args, **kw):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-c", FIRST, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **kw)


@pytest.mark.parametrize("mode", ["dialog", "reopen"])
def test_a_second_program_on_the_file_leaves_the_first_ones_writes_alone(tmp_path, make_cli, mode):
    db = tmp_path / "ledger.db"
    (tmp_path / "other.xlsx").write_bytes(b"")
    cli = make_cli(db)
    cli("demo", "--returnees", "5", check=0)
    rid = cli.json("export", "returnees", "--format", "json")[0]["id"]

    first = _python(str(db), mode)
    try:
        assert _said(first)["state"] == "ready"
        assert (tmp_path / "ledger.db-wal").exists()

        # the second program: the real command line, writing to the same file, then exiting
        cli("edit", "returnees", rid, "name=王䶮", check=0)
        assert (tmp_path / "ledger.db-wal").exists(), "the second program deleted the WAL under the first"

        first.stdin.write("go\n")
        first.stdin.flush()
        written = _said(first)
        assert written["errors"] == []              # was: "disk I/O error"
        assert written == {"state": "written", "rows": ["before", "opened", "after"], "reader_saw": [1],
                           "errors": []}

        # while the first program is still open, any other program sees all of its writes
        assert _first_rows(db) == ["before", "opened", "after"], "a write of the first program was lost"
        cli("edit", "returnees", rid, "phone=13912345678", check=0)

        _out, err = first.communicate("close\n", timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == 0, err

    # and once everyone has gone, every write of every program is in the file
    assert _first_rows(db) == ["before", "opened", "after"]
    r = next(r for r in cli.json("export", "returnees", "--format", "json") if r["id"] == rid)
    assert (r["name"], r["phone"]) == ("王䶮", "13912345678")


def _said(proc) -> dict:
    line = proc.stdout.readline()
    if not line:
        proc.wait(timeout=60)
        raise AssertionError(f"the first program stopped: {proc.stderr.read()}")
    return json.loads(line)


def _first_rows(db) -> list[str]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return [d for (d,) in con.execute("SELECT detail FROM audit_log WHERE action = 'first' ORDER BY seq")]
    finally:
        con.close()
