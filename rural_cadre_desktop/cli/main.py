"""The command line contract of `rural-cadre-desktop` (the launcher, rural_cadre_desktop/launcher.py,
sends every start with a subcommand, --help or --version here; without one it opens the GUI: this
face never imports the other).

Exit codes: 0 done, 1 refused (nothing changed; one line on stderr, Chinese then English), 2 usage.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys

from rural_cadre_desktop import APP_TITLE, __version__
from rural_cadre_desktop.cli.common import add_db_option
from rural_cadre_desktop.core.errors import UserError, explain

_NOT_COMMANDS = {"main", "common", "pdf_ledger"}   # pdf_ledger: a "pdf" sub-command, registered by pdf.py

# Which module registers each command. Running one command builds the parser with its module only:
# importing all of them (and what they import) cost 0.12-0.18 s of every command. --help, no
# command or an unknown one still builds the whole parser. tests/unit/test_cli_commands.py holds
# this table to what the modules register.
COMMANDS = {
    "backup": "backup", "restore": "backup",
    "init": "installation", "settings": "installation", "demo": "installation", "check": "installation",
    "import-ledger": "ledgers", "export-ledger": "ledgers",
    "lrmx": "lrmx", "pdf": "pdf",
    "export": "records", "edit": "records", "delete": "records",
    "reserve": "reserves", "cadre": "reserves", "coverage": "reserves",
    "returnee": "returnees", "activity": "returnees", "person": "returnees",
    "sync": "sync",
    "fill-template": "templates", "report": "templates",
    "training": "trainings", "training-report": "trainings",
}
_GLOBAL_WITH_VALUE = ("--db", "--quit-after")


def command_of(argv: list[str]) -> str | None:
    """The command `argv` names, if it names a known one after the global options; None otherwise
    (then the whole parser is built, and argparse says what is wrong or prints the help)."""
    it = iter(argv)
    for token in it:
        if token in _GLOBAL_WITH_VALUE:
            next(it, None)
        elif token.startswith(tuple(f"{o}=" for o in _GLOBAL_WITH_VALUE)):
            continue
        elif token.startswith("-"):
            return None                  # --help, --version, an abbreviation: the whole parser
        else:
            return token if token in COMMANDS else None
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line parser: for `argv` naming a known command, with that command only."""
    parser = argparse.ArgumentParser(
        prog="rural-cadre-desktop",
        description=f"{APP_TITLE}：不带子命令时打开图形界面 / without a subcommand the GUI opens")
    parser.add_argument("--version", action="version", version=f"rural-cadre-desktop {__version__}")
    add_db_option(parser)
    parser.add_argument("--quit-after", type=int, metavar="MS", default=None,
                        help="图形界面启动并加载完成后 MS 毫秒自动退出（用于冒烟测试） / quit the GUI after MS ms")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    command = command_of(argv) if argv is not None else None
    if command is not None:
        modules = [COMMANDS[command]]
    else:
        package = importlib.import_module("rural_cadre_desktop.cli")
        modules = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name not in _NOT_COMMANDS)
    for mod in modules:
        importlib.import_module(f"rural_cadre_desktop.cli.{mod}").register(sub, add_db_option)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:        # the launcher opens the GUI for these; called directly, it is a usage error
        parser.error("请给出子命令（不带子命令时由 rural-cadre-desktop 打开图形界面） / a COMMAND is required")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from rural_cadre_desktop.core.paths import clean_work
    clean_work()        # temp files into the private work folder; a killed run's leftovers go
    try:
        return args.func(args) or 0
    except UserError as e:
        print(f"错误：{e.line()}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader of our output went away (`… | head`): nothing to tell it; quiet, as Unix tools are
        sys.stdout = open(os.devnull, "w")      # noqa: SIM115 - so Python's exit flush does not fail again
        return 1
    except Exception as e:      # a full disk, a lock held too long, a damaged or read-only file
        err = explain(e)
        if err is None:
            raise
        logging.getLogger("rcd.cli").debug("storage failure", exc_info=True)
        print(f"错误：{err.line()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消，数据没有改动 / cancelled, nothing changed", file=sys.stderr)
        return 1
    finally:
        from rural_cadre_desktop.core import db
        db.close()
