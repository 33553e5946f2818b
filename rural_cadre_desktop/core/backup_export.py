"""`backup -o FILE`: an encrypted, authenticated backup for removable media.

The file is core/crypto's sealed stream (label "backup") around a verified automatic backup
(core/backup.py's .db.gz, facts in its header): a lost USB stick shows nothing but noise, a
changed byte or a cut-off copy is refused on restore. The audit row is committed before the file
is written, so no copy of the ledger leaves the PC unrecorded; the file is written as
FILE.partial and renamed, so a killed run leaves nothing that looks complete.
"""
from __future__ import annotations

import os
from pathlib import Path

from rural_cadre_desktop.core import crypto
from rural_cadre_desktop.core.backup import fsync_dir, private_file, take_backup
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import check_target

LABEL = b"backup"
MIN_PASSPHRASE = 8


def check_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(f"口令太短（至少{MIN_PASSPHRASE}个字符），U盘丢失时短口令容易被猜出，请换一个更长的口令",
                        f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    return passphrase


def write_encrypted(db_path: Path, out: Path, passphrase: str, progress=None) -> Path:
    """Seal a fresh verified backup of DB_PATH into OUT; returns OUT. The store must be open on
    DB_PATH (the audit row is written there). `progress(step)` is told "snapshot" / "encrypt"."""
    from rural_cadre_desktop.core import store
    check_passphrase(passphrase)
    out = check_target(out)
    if out.resolve() == Path(db_path).resolve():
        raise UserError("备份文件不能覆盖数据库本身，请换一个文件名", "the backup cannot overwrite the database")
    if progress:
        progress("snapshot")
    local = take_backup(Path(db_path), "before-usb-backup")
    store.audit("backup", f"{out.name} encrypted from {local.name}")       # committed before the file exists
    if progress:
        progress("encrypt")
    work = out.with_name(out.name + ".partial")
    try:
        private_file(work)
        with open(local, "rb") as src, open(work, "wb") as sink:
            crypto.seal(src, passphrase, label=LABEL, out=sink)
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(work, out)
        fsync_dir(out.parent)
    except OSError as e:
        raise UserError(f"无法写入 {out}：{e.strerror}，请检查U盘空间和写权限",
                        f"cannot write {out}: {e.strerror}") from e
    finally:
        work.unlink(missing_ok=True)
    return out
