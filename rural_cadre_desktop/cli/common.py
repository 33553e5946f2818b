"""What every command module shares: opening the store, writing outputs atomically, printing."""
from __future__ import annotations

import argparse
import sys

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import write_bytes_atomic
from rural_cadre_desktop.core.paths import default_db_path


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """--db is accepted before or after the subcommand name."""
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="数据库文件（默认：环境变量 RCD_DB，或用户数据文件夹） / database file")


def open_db(args, create: bool = False, daily_backup: bool = True):
    """Open the ledger; the day's first command backs it up (`daily_backup=False` for a command
    that takes its own verified backup before writing: that one counts as the day's)."""
    from rural_cadre_desktop.core.store import open_store
    path = default_db_path(getattr(args, "db", None))
    database = open_store(path, create=create)
    if daily_backup:
        _daily_backup(path)
    return database


def _daily_backup(path) -> None:
    """The first start of the day backs the ledger up; a failure is said, not fatal: the command
    itself refuses a damaged ledger where it matters (check, imports)."""
    from rural_cadre_desktop.core.backup import daily_backup
    try:
        daily_backup(path)
    except UserError as e:
        print(f"警告：{e.line()}", file=sys.stderr)


def require_initialised() -> None:
    from rural_cadre_desktop.core.setup import is_initialised
    if not is_initialised():
        raise UserError("数据库还没有设置本乡镇，请先运行 init --county 县名 --township 乡镇名",
                        "database is not set up; run init first")


def write_output(data: bytes, out: str | None) -> None:
    """To the file named (written to a temporary name, then renamed) or to stdout."""
    if not out or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_bytes_atomic(data, out)


def say(msg: str) -> None:
    print(msg, flush=True)
