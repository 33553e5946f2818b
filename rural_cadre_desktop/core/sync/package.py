"""The sync package file: core/crypto's sealed stream (scrypt parameters and salt in its header,
AES-256-GCM chunks each authenticated with the header; label "rcd-sync") around a SQLite database
with the store's own schema:

    _manifest   one row of JSON: format and schema version, source node/name/role/scope, its version
                vector, the share or peer it was made for, row counts and a SHA-256 per table
                (a fingerprint: rows and id range; the bytes are AES-GCM's to guard)
    <table>     every synced table: rows and tombstones, blobs (photos, attachments) as blobs;
                the local tables (settings, history, audit) are emptied

Export is SQLite's online backup of the store into a work file beside it (one consistent snapshot
at page-copy speed), then deletes for a share or a peer; a new PC is set up by decrypting that file
into place; an existing store ATTACHes a constraint-free copy and merges with INSERT … SELECT.
No row passes through Python unless both sides changed it. The plaintext work file lives only
beside the database (never on the stick; freed pages zeroed) and is removed when done.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

from rural_cadre_desktop.core.errors import UserError

LABEL = b"rcd-sync"
FORMAT = 1
KDF_N = None            # scrypt n for new packages: None = core.crypto's default (2^17); tests lower it
SCHEMA = "pkg"          # the name the package is attached under


class PackageError(UserError):
    """The package cannot be used; nothing was changed."""


def _alive(pid: int) -> bool:
    if os.name != "posix":
        # never os.kill there (signal 0 would terminate the process); a file a live process still
        # holds open cannot be deleted on Windows, so the unlink below is the check
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def work_path(folder, what: str) -> Path:
    """A private work file in `folder` (the database's folder); stale ones of dead processes go
    (a killed import leaves its plaintext copy behind)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(".sync-*.tmp"):
        try:
            pid = int(old.name.split("-")[-1].split(".")[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _alive(pid):
            try:
                old.unlink()
            except OSError:
                pass
    path = folder / f".sync-{what}-{os.getpid()}.tmp"
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))     # it holds every ID number in plain text
    return path


def discard(path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def checksum(conn, table: str, schema: str = SCHEMA) -> str:
    """A fingerprint of a table (row count and id range, read from its indexes): it catches a
    package whose tables are not what its manifest says (a writer's bug); that no byte changed on
    the way is what AES-GCM's authentication guarantees."""
    row = conn.execute(f'SELECT count(*), min(id), max(id) FROM {schema}."{table}"').fetchone()
    return hashlib.sha256(json.dumps(list(row)).encode()).hexdigest()


LOCAL_TABLES = ("history", "audit_log", "setting")


def snapshot(database, work: Path) -> sqlite3.Connection:
    """The store copied into `work` (online backup API); local tables emptied. Returns an open
    connection on the copy (foreign keys off: shares and peers delete rows in any order)."""
    dst = sqlite3.connect(str(work), isolation_level=None)
    database.connection().backup(dst)
    dst.execute("PRAGMA journal_mode = OFF")
    dst.execute("PRAGMA synchronous = OFF")
    dst.execute("PRAGMA secure_delete = ON")        # what is removed leaves no plaintext in free pages
    for t in LOCAL_TABLES:
        dst.execute(f'DELETE FROM "{t}"')
    return dst


def finish(conn: sqlite3.Connection, manifest: dict, tables) -> dict:
    """Counts, checksums and the manifest table; returns the manifest written."""
    counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    sums = {t: checksum(conn, t, "main") for t in tables}
    manifest = {**manifest, "format": FORMAT, "counts": counts, "checksums": sums}
    conn.execute("CREATE TABLE _manifest (json TEXT)")
    conn.execute("INSERT INTO _manifest VALUES (?)", (json.dumps(manifest, ensure_ascii=False),))
    return manifest


def unconstrain(work: Path, tables) -> None:
    """Rebuild the package's tables without indexes or foreign keys (an index on id only), so the
    merge may re-point and tombstone rows in the copy freely."""
    conn = sqlite3.connect(str(work), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for t in tables:
            if t not in have:
                continue
            conn.execute(f'CREATE TABLE "_x_{t}" AS SELECT * FROM "{t}"')
            conn.execute(f'DROP TABLE "{t}"')
            conn.execute(f'ALTER TABLE "_x_{t}" RENAME TO "{t}"')
            conn.execute(f'CREATE INDEX "_x_{t}_id" ON "{t}"(id)')
        conn.execute("COMMIT")
    finally:
        conn.close()


def attach(database, path) -> None:
    database.execute_sql(f"ATTACH DATABASE ? AS {SCHEMA}", (str(path),))
    database.execute_sql(f"PRAGMA {SCHEMA}.journal_mode = OFF")
    database.execute_sql(f"PRAGMA {SCHEMA}.synchronous = OFF")


def detach(database) -> None:
    database.execute_sql(f"DETACH DATABASE {SCHEMA}")


def seal_to(work: Path, target, passphrase: str) -> Path:
    """Seal the work file into `target` atomically (temporary name, fsync, rename)."""
    from rural_cadre_desktop.core import crypto
    from rural_cadre_desktop.core.outputs import save_atomic

    def put(tmp: Path) -> None:
        with open(work, "rb") as src, open(tmp, "wb") as out:
            crypto.seal(src, passphrase, label=LABEL, out=out, **({"n": KDF_N} if KDF_N else {}))
            out.flush()
            os.fsync(out.fileno())
    return save_atomic(put, target)


def open_to(path, passphrase: str, work: Path) -> dict:
    """Decrypt and verify `path` into `work`; returns the manifest. PackageError/SealError for
    anything wrong (the work file is then removed)."""
    from rural_cadre_desktop.core import crypto
    path = Path(path)
    try:
        if not path.is_file():
            raise PackageError(f"找不到同步包 {path}，请检查路径", f"no such file {path}")
        with open(path, "rb") as src:
            if not crypto.is_sealed(src.read(16)):
                raise PackageError("这不是同步包文件，请确认选对了文件", "not a sync package")
            src.seek(0)
            with open(work, "wb") as out:
                crypto.open_sealed(src, passphrase, label=LABEL, out=out)
        return read_manifest(work)
    except OSError as e:
        discard(work)
        raise PackageError(f"无法读取同步包 {path}：{e.strerror}，请检查U盘", f"cannot read {path}") from e
    except BaseException:
        discard(work)
        raise


def _damaged(what: str) -> PackageError:
    return PackageError("同步包内容已损坏，无法导入，请让对方重新导出一份", f"the sync package is damaged: {what}")


def read_manifest(work: Path) -> dict:
    try:
        conn = sqlite3.connect(f"file:{work}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise _damaged(str(e)) from e
    try:
        manifest = json.loads(conn.execute("SELECT json FROM _manifest").fetchone()[0])
        if not isinstance(manifest, dict) or "format" not in manifest:
            raise _damaged("no manifest")
        from rural_cadre_desktop.core.migrations import SCHEMA_VERSION
        if manifest["format"] > FORMAT or manifest.get("schema", 0) > SCHEMA_VERSION:
            raise PackageError("这个同步包来自更新版本的软件，请先升级软件再导入；数据没有改动",
                               f"package format {manifest['format']} / schema {manifest.get('schema')} "
                               f"is newer than this program's {FORMAT} / {SCHEMA_VERSION}")
        for table, count in manifest["counts"].items():
            n = conn.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0]
            if n != count or checksum(conn, table, "main") != manifest["checksums"][table]:
                raise _damaged(f"table {table} count/checksum")
        return manifest
    except (sqlite3.Error, ValueError, KeyError, TypeError) as e:
        raise _damaged(str(e)) from e
    finally:
        conn.close()


def table_columns(database, table: str, schema: str = SCHEMA) -> list[str]:
    return [r[1] for r in database.execute_sql(f'PRAGMA {schema}.table_info("{table}")').fetchall()]
