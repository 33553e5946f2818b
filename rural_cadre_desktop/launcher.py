"""`rural-cadre-desktop`: the one entry point above both faces. Without a subcommand (only --db
and --quit-after) the GUI opens (gui.app.run_gui); anything else — a subcommand, --help, --version,
a usage error — goes to the command line (cli.main.main), which keeps its contract and exit codes.

Neither face imports the other (DESIGN.md "Layers"); this module is the only place that knows both.
It decides with a parser of just those two options, so the CLI path loads no Qt and the GUI path
does not import every command module to build the full parser.
"""
from __future__ import annotations

import argparse
import sys


class _NotGui(Exception):
    """The arguments are not a plain GUI start: the command line parses them (and explains errors)."""


class _GuiOptions(argparse.ArgumentParser):
    def error(self, message):           # never print or exit here: the CLI parser says it properly
        raise _NotGui(message)


def gui_options(argv: list[str]) -> argparse.Namespace | None:
    """--db and --quit-after when `argv` holds nothing else, None otherwise. The options match the
    CLI parser's own (cli.main.build_parser), abbreviations included (--quit 500 as --quit-after)."""
    parser = _GuiOptions(prog="rural-cadre-desktop", add_help=False)
    parser.add_argument("--db", default=None)
    parser.add_argument("--quit-after", type=int, default=None)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotGui:
        return None
    return None if rest else args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = gui_options(argv)
    if args is not None:
        from rural_cadre_desktop.gui.app import run_gui
        return run_gui(args.db, args.quit_after)
    from rural_cadre_desktop.cli.main import main as cli_main
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
