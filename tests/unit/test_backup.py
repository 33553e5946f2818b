"""Automatic backups, the encrypted backup and restore (issue 13: nothing lost, nothing leaked)."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rural_cadre_desktop.core import backup, backup_file, crypto
from rural_cadre_desktop.core.errors import UserError

PASS = "备份口令-2026"
FAST = {"n": 2 ** 10}          # scrypt cost for the crypto-only tests; the backups use the real one


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def rows(path: Path) -> dict:
    """What the ledger holds, table by table (sorted rows), read through plain SQLite."""
    conn = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name != 'audit_log' ORDER BY name")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


def damage(path: Path) -> None:
    """Flip bytes across a few pages in the middle of the file, as the acceptance check does."""
    b = bytearray(path.read_bytes())
    for off in range(len(b) // 3, len(b) // 3 + 4096, 97):
        b[off] ^= 0xFF
    path.write_bytes(bytes(b))


@pytest.fixture
def closed_demo(demo_store, db_path):
    """The demo ledger, closed (checkpointed into the one file) so tests can look at its bytes."""
    from rural_cadre_desktop.core import db
    db.close()
    return db_path


def an_id_number(path: Path) -> str:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT id_number FROM person WHERE length(id_number) = 18 LIMIT 1").fetchone()[0]
    finally:
        conn.close()


# ---------------------------------------------------------------- crypto

def test_sealed_round_trip_in_chunks_and_every_refusal():
    data = os.urandom(10_000)
    sealed = crypto.seal(data, PASS, b"ctx", label=b"backup", chunk=1000, **FAST)
    assert crypto.open_sealed(sealed, PASS, b"ctx", label=b"backup") == data
    head = len(crypto.read_header(sealed).raw)
    cases = {
        "wrong passphrase": (sealed, "另一个口令", "口令不对"),
        "changed byte": (sealed[:-500] + bytes([sealed[-500] ^ 1]) + sealed[-499:], PASS, "损坏或被改动"),
        "cut mid-chunk": (sealed[:-7], PASS, "损坏或被改动"),
        "cut at a chunk boundary": (sealed[:head + 1016 * 4], PASS, "不完整"),
        "chunks swapped": (sealed[:head] + sealed[head + 1016:head + 2032] + sealed[head:head + 1016]
                           + sealed[head + 2032:], PASS, "损坏或被改动"),
        "not sealed": (b"SQLite format 3\x00" + bytes(100), PASS, "不是本软件加密的文件"),
    }
    for name, (blob, pw, words) in cases.items():
        with pytest.raises(crypto.SealError) as e:
            crypto.open_sealed(blob, pw, b"ctx", label=b"backup")
        assert words in e.value.zh, name
    with pytest.raises(crypto.SealError, match="不是所需的类型"):
        crypto.open_sealed(sealed, PASS, b"ctx", label=b"sync")
    assert crypto.open_sealed(crypto.seal(b"", PASS, **FAST), PASS) == b""


def test_derive_key_is_scrypt_of_the_nfc_passphrase():
    salt = bytes(16)
    composed, decomposed = "\u00e9", "e\u0301"
    assert derive(composed, salt) == derive(decomposed, salt) != derive("e", salt)
    assert len(derive(composed, salt)) == 32


def derive(p, salt):
    return crypto.derive_key(p, salt, **FAST)


# ---------------------------------------------------------------- automatic backups

def test_auto_backup_is_verified_compressed_private_and_says_what_it_holds(closed_demo):
    path = backup.auto_backup("before-import-ledger", closed_demo)
    assert path.name.endswith("-before-import-ledger.db.gz") and path.parent == closed_demo.parent / "ledger-backups"
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    meta = backup_file.read_meta(path)
    assert meta["verified"] and meta["township"] == "石门镇" and meta["county"] == "洛南县"
    assert meta["counts"]["returnee"] == 60 and meta["schema_version"] >= 3
    assert path.stat().st_size < meta["size"] / 2                       # compressed
    out = closed_demo.parent / "unpacked.db"
    backup_file.decompress(path, out)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == meta["sha256"]
    assert rows(out) == rows(closed_demo)
    assert [p.name for p in path.parent.iterdir()] == [path.name]       # no work file left


def test_a_damaged_ledger_gives_no_backup_and_a_refusal(closed_demo):
    before = backup.auto_backup("first", closed_demo)
    damage(closed_demo)
    h = sha(closed_demo)
    with pytest.raises(UserError) as e:
        backup.auto_backup("before-import-ledger", closed_demo)
    assert "已损坏" in e.value.zh and "恢复最近的完好备份" in e.value.zh
    assert sorted(p.name for p in before.parent.iterdir()) == [before.name]    # nothing kept, no work file
    assert sha(closed_demo) == h


KILLED_BACKUP = r'''
import os, sys
from pathlib import Path
from rural_cadre_desktop.core import backup, backup_file
real = backup_file.write
def power_cut(db_file, out, meta):
    out.write(b"\x1f\x8b" + b"x" * 1000)
    out.flush()
    os._exit(9)                 # the process dies half-way through writing the backup
backup_file.write = power_cut
backup.auto_backup("before-import-ledger", Path(sys.argv[1]))
'''


def test_an_interrupted_backup_leaves_only_partial_files_which_the_next_one_removes(closed_demo):
    res = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(closed_demo)], capture_output=True, check=False)
    assert res.returncode == 9, res.stderr
    folder = closed_demo.parent / "ledger-backups"
    left = sorted(p.name for p in folder.iterdir())
    assert left and all(n.endswith(".partial") for n in left), left
    assert backup.list_backups(closed_demo) == []
    done = backup.auto_backup("again", closed_demo)
    assert sorted(p.name for p in folder.iterdir()) == [done.name]


def test_retention_keeps_older_good_copies_after_a_burst_of_thirty(closed_demo):
    now = dt.datetime(2026, 12, 1, 14, 0, 0)
    for months_ago in range(8, 0, -1):              # in time order: two a month for eight months
        for day in (3, 20):
            m = (now.month - months_ago - 1) % 12 + 1
            y = now.year - (1 if now.month - months_ago < 1 else 0)
            backup.take_backup(closed_demo, "daily", dt.datetime(y, m, day, 9, 0))
    for days_ago in range(9, 0, -1):                # then one a day
        backup.take_backup(closed_demo, "daily", now - dt.timedelta(days=days_ago))
    for i in range(30):                             # a burst of imports in one afternoon
        backup.take_backup(closed_demo, "before-import-ledger", now + dt.timedelta(seconds=i // 3))
    kept = backup.list_backups(closed_demo)
    assert len(kept) <= backup.KEEP_LAST + backup.KEEP_DAYS + backup.KEEP_MONTHS
    days = {b.taken.date() for b in kept}
    assert {(now - dt.timedelta(days=i)).date() for i in range(7)} <= days           # a copy for each of 7 days
    months = {(b.taken.year, b.taken.month) for b in kept}
    assert {(2026, m) for m in range(7, 13)} <= months                                # and each of 6 months
    assert (2026, 4) not in months                                                    # older ones go
    assert sum(1 for b in kept if b.taken.date() == now.date()) == backup.KEEP_LAST   # the burst keeps 5
    newest_of_july = max(b.taken for b in kept if (b.taken.year, b.taken.month) == (2026, 7))
    assert newest_of_july.day == 20
    assert all(b.verified for b in kept)


def test_retention_never_deletes_the_only_verified_copy(tmp_path):
    now = dt.datetime(2026, 12, 1)
    infos = [backup.BackupInfo(tmp_path / f"b{i}", now - dt.timedelta(hours=i), "x", 1, False, None)
             for i in range(8)]
    old_good = backup.BackupInfo(tmp_path / "good", now - dt.timedelta(days=400), "daily", 1, True, {})
    assert old_good.path in backup.keep_set(infos + [old_good], now)
    newer_good = backup.BackupInfo(tmp_path / "new", now + dt.timedelta(hours=1), "x", 1, True, {})
    assert old_good.path not in backup.keep_set([newer_good] + infos + [old_good], now)


def test_the_daily_backup_is_taken_once_a_day_and_not_for_a_ledger_not_yet_set_up(closed_demo, tmp_path):
    day = dt.datetime(2026, 12, 1, 8, 30)
    first = backup.daily_backup(closed_demo, day)
    assert first is not None and first.name.endswith("-daily.db.gz")
    assert backup.daily_backup(closed_demo, day.replace(hour=17)) is None
    assert backup.daily_backup(closed_demo, day + dt.timedelta(days=1)) is not None
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.store import open_store
    fresh = tmp_path / "fresh" / "new.db"
    open_store(fresh)
    db.close()
    assert backup.daily_backup(fresh, day) is None and not (fresh.parent / "new-backups").exists()


# ---------------------------------------------------------------- encrypted backup and restore

def test_encrypted_backup_round_trip_holds_no_id_number_in_plain_text(demo_store, db_path, tmp_path):
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.backup_export import write_encrypted
    from rural_cadre_desktop.core.models import AuditLog
    from rural_cadre_desktop.core.restore import restore_file
    (tmp_path / "usb").mkdir()
    out = write_encrypted(db_path, tmp_path / "usb" / "x.bak", PASS)
    assert AuditLog.select().where(AuditLog.action == "backup").count() == 1
    db.close()
    idn = an_id_number(db_path)
    blob = out.read_bytes()
    assert idn.encode() not in blob and "石门镇".encode() not in blob
    assert not list(out.parent.glob("*.partial"))
    target = tmp_path / "elsewhere" / "deeper" / "restored.db"         # a missing path is created
    done = restore_file(out, target, PASS)
    assert done.before is None and target.exists()
    assert rows(target) == rows(db_path)
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert not [p for p in target.parent.iterdir() if ".restoring" in p.name]


def test_the_encrypted_backup_refuses_a_short_passphrase_and_a_missing_folder(demo_store, db_path, tmp_path):
    from rural_cadre_desktop.core.backup_export import write_encrypted
    with pytest.raises(UserError, match="口令太短"):
        write_encrypted(db_path, tmp_path / "x.bak", "1234")
    with pytest.raises(UserError, match="不存在"):
        write_encrypted(db_path, tmp_path / "nope" / "x.bak", PASS)
    assert not (tmp_path / "x.bak").exists() and not (tmp_path / "ledger-backups").exists()


@pytest.fixture
def sealed_backup(closed_demo, tmp_path):
    """An encrypted backup of the demo ledger (written as the backup command does)."""
    from rural_cadre_desktop.core.backup_export import LABEL
    gz = backup.take_backup(closed_demo, "x")
    out = tmp_path / "b.bak"
    with open(gz, "rb") as src, open(out, "wb") as sink:
        crypto.seal(src, PASS, label=LABEL, out=sink)
    return out


def _other_ledger(tmp_path: Path, township: str) -> Path:
    """A second ledger, set up for TOWNSHIP, closed."""
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.setup import init_installation
    from rural_cadre_desktop.core.store import open_store
    path = tmp_path / f"{township}.db"
    open_store(path)
    init_installation("洛南县", township)
    db.close()
    return path


def test_restore_refusals_leave_the_ledger_byte_identical(sealed_backup, closed_demo, tmp_path):
    from rural_cadre_desktop.core.restore import restore_file
    target = _other_ledger(tmp_path, "景村镇")
    h = sha(target)
    blob = sealed_backup.read_bytes()
    bad = {
        "wrong.bak": (blob, "另一个口令-2026", "口令不对"),
        "tampered.bak": (blob[:len(blob) // 2] + bytes([blob[len(blob) // 2] ^ 0x40]) + blob[len(blob) // 2 + 1:],
                         PASS, "损坏或被改动"),
        "truncated.bak": (blob[:len(blob) - 100], PASS, "损坏"),
        "nopass.bak": (blob, None, "请提供备份时设的口令"),
        "junk.bak": (b"hello world" * 20, PASS, "不是本软件的备份文件"),
    }
    for name, (data, pw, words) in bad.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UserError) as e:
            restore_file(tmp_path / name, target, pw)
        assert words in e.value.zh, name
    with pytest.raises(UserError) as e:                     # another township's backup
        restore_file(sealed_backup, target, PASS)
    assert "石门镇" in e.value.zh and "景村镇" in e.value.zh and "--force" in e.value.zh
    assert sha(target) == h
    assert not (tmp_path / "景村镇-backups").exists()       # refused before the "before restore" backup
    assert not [p for p in tmp_path.iterdir() if ".restoring" in p.name]
    done = restore_file(sealed_backup, target, PASS, force=True)
    assert rows(target) == rows(closed_demo) and done.before is not None
    assert backup_file.read_meta(done.before)["township"] == "景村镇"       # what was there is kept


def test_restore_refuses_a_backup_from_a_newer_schema(closed_demo, tmp_path):
    from rural_cadre_desktop.core.restore import restore_file
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(str(closed_demo))
    dst = sqlite3.connect(str(newer))
    conn.backup(dst)
    dst.execute("PRAGMA user_version = 99")
    dst.commit()
    dst.close()
    conn.close()
    h = sha(closed_demo)
    with pytest.raises(UserError, match="请先升级"):
        restore_file(newer, closed_demo)
    assert sha(closed_demo) == h


def test_restore_refuses_to_replace_another_programs_file(sealed_backup, tmp_path):
    from rural_cadre_desktop.core.restore import restore_file
    other = tmp_path / "invoices.db"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE invoices(no TEXT)")
    conn.commit()
    conn.close()
    h = sha(other)
    with pytest.raises(UserError, match="另一个程序的数据库"):
        restore_file(sealed_backup, other, PASS, force=True)
    assert sha(other) == h


def test_restore_an_automatic_backup_into_the_open_ledger_backs_up_the_current_state(demo_store, db_path):
    """As the window does: the ledger stays open while restore copies into it."""
    from rural_cadre_desktop.core import store
    from rural_cadre_desktop.core.models import Returnee
    from rural_cadre_desktop.core.restore import restore_file
    good = backup.auto_backup("before-import-ledger", db_path)
    Returnee.delete().where(Returnee.id.in_(Returnee.select(Returnee.id).limit(10))).execute()
    store.audit("mistake")
    assert Returnee.select().count() == 50
    done = restore_file(good, db_path)
    assert Returnee.select().count() == 60                                # the open connection sees it
    assert backup_file.read_meta(done.before)["counts"]["returnee"] == 50
    assert [r[0] for r in demo_store.execute_sql("PRAGMA integrity_check")] == ["ok"]
    assert demo_store.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_over_a_damaged_ledger_keeps_its_bytes_and_brings_back_the_good_copy(closed_demo):
    from rural_cadre_desktop.core.restore import restore_file
    good = backup.auto_backup("daily", closed_demo)
    expected = rows(closed_demo)
    damage(closed_demo)
    done = restore_file(good, closed_demo)
    assert rows(closed_demo) == expected
    assert backup_file.read_meta(done.before)["verified"] is False
    assert {b.path for b in backup.list_backups(closed_demo) if b.verified} == {good}


def test_restore_takes_a_plain_db_of_older_versions(closed_demo, tmp_path):
    from rural_cadre_desktop.core.restore import restore_file
    plain = backup.copy_to(tmp_path / "old-style.db", closed_demo)
    restore_file(plain, tmp_path / "new.db")
    assert rows(tmp_path / "new.db") == rows(closed_demo)


def test_restore_of_an_older_schema_is_migrated_on_the_next_open(tmp_path):
    from rural_cadre_desktop.core import db
    from rural_cadre_desktop.core.migrations import (
        SCHEMA_VERSION,
        migrate,
        schema_version,
    )
    from rural_cadre_desktop.core.restore import restore_file
    from rural_cadre_desktop.core.store import open_store
    old = tmp_path / "old.db"
    database = db.connect(old)
    migrate(database, target=1)
    database.execute_sql("INSERT INTO setting(key, value) VALUES ('marker', 'kept')")
    db.close()
    packed = tmp_path / "old-backup.db.gz"
    with open(packed, "wb") as out:
        backup_file.write(old, out, {"verified": True})
    target = tmp_path / "new" / "ledger.db"
    done = restore_file(packed, target)
    assert done.facts["schema_version"] == 1
    database = open_store(target)
    assert schema_version(database) == SCHEMA_VERSION
    assert database.execute_sql("SELECT value FROM setting WHERE key = 'marker'").fetchone()[0] == "kept"
    db.close()
