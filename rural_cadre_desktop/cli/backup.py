"""backup (encrypted, for removable media) and restore (an encrypted or an automatic backup).

The passphrase comes from a file (its first line) or is typed at a prompt — never from the
command line, where other users of the PC would see it in the process list.
"""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from rural_cadre_desktop.cli.common import open_db, say
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.paths import default_db_path


def register(sub, add_db) -> None:
    # allow_abbrev off: "--passphrase SECRET" must not pass as --passphrase-file (and be echoed back)
    p = sub.add_parser("backup", help="加密备份到文件（用于U盘） / encrypted backup for removable media",
                       allow_abbrev=False)
    add_db(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="备份文件 / backup file")
    p.add_argument("--passphrase-file", metavar="F", help="口令文件（第一行为口令；不给则提示输入） / passphrase file")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复（加密备份或自动备份） / restore a backup", allow_abbrev=False)
    add_db(p)
    p.add_argument("file", metavar="FILE", help="备份文件（加密备份 .bak，或备份文件夹中的 .db.gz）")
    p.add_argument("--passphrase-file", metavar="F", help="口令文件（加密备份需要；不给则提示输入）")
    p.add_argument("--force", action="store_true", help="备份属于其他乡镇时仍然恢复 / restore another scope's backup")
    p.set_defaults(func=cmd_restore)


def read_passphrase(path: str | None, confirm: bool) -> str:
    if path:
        try:
            with open(path, encoding="utf-8-sig") as f:
                line = f.readline().strip()
        except FileNotFoundError:
            raise UserError(f"找不到口令文件 {path}，请检查路径", f"passphrase file {path} not found") from None
        except (OSError, UnicodeDecodeError) as e:
            raise UserError(f"无法读取口令文件 {path}，请确认它是 UTF-8 文本", f"cannot read passphrase file {path}") from e
        if not line:
            raise UserError(f"口令文件 {path} 的第一行是空的，请写入口令", f"passphrase file {path} is empty")
        return line
    if not sys.stdin.isatty():
        raise UserError("没有给出口令：请用 --passphrase-file 指定口令文件", "no passphrase: use --passphrase-file")
    first = getpass.getpass("口令 / passphrase: ")
    if confirm and getpass.getpass("再输入一次 / again: ") != first:
        raise UserError("两次输入的口令不一致，没有备份；请重新运行", "the passphrases differ")
    return first


def cmd_backup(args) -> int:
    from rural_cadre_desktop.core.backup_export import check_passphrase, write_encrypted
    from rural_cadre_desktop.core.outputs import check_target
    check_target(args.output)                       # refusals before the passphrase prompt
    passphrase = check_passphrase(read_passphrase(args.passphrase_file, confirm=True))
    open_db(args, create=False)
    from rural_cadre_desktop.core.db import db_path
    out = write_encrypted(db_path(), Path(args.output), passphrase)
    say(f"已加密备份到 {out}（恢复时需要同一口令）")
    return 0


def cmd_restore(args) -> int:
    from rural_cadre_desktop.core import crypto
    from rural_cadre_desktop.core.restore import kind_of, restore_file
    source = Path(args.file)
    passphrase = None
    if kind_of(source) == "sealed":
        with open(source, "rb") as f:
            crypto.read_header(f.read(512))       # not ours / damaged header: say so before the prompt
        passphrase = read_passphrase(args.passphrase_file, confirm=False)
    target = default_db_path(getattr(args, "db", None))
    done = restore_file(source, target, passphrase, force=args.force)
    open_db(args, create=True)                      # migrates an older schema (after its own backup)
    from rural_cadre_desktop.core import store
    store.audit("restore", f"{source.name} ({done.facts.get('township') or '?'}, schema v{done.facts['schema_version']})")
    counts = done.facts["counts"]
    say(f"已从 {source.name} 恢复：{done.facts.get('county', '')}{done.facts.get('township', '')}，"
        f"人员 {counts.get('person', 0)} 条，返乡人员 {counts.get('returnee', 0)} 条"
        + (f"；恢复前的数据已备份为 {done.before.name}" if done.before else ""))
    return 0
