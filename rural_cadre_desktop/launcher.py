"""`rural-cadre-desktop`: the one entry point above both faces. Without a subcommand (only --db
and --quit-after) the GUI opens (gui.app.run_gui); anything else — a subcommand, --help, --version,
a usage error — goes to the command line (cli.main.main), which keeps its contract and exit codes.

Neither face imports the other (DESIGN.md "Layers"); this module is the only place that knows both.
It decides with a parser of just those two options, so the CLI path loads no Qt and the GUI path
does not import every command module to build the full parser.
"""
from __future__ import annotations

import argparse
import os
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


def keep_compiled_code() -> None:
    """Compile the program once per version, not at every start.

    An installed or bundled program carries its compiled modules; run from a source checkout with
    PYTHONDONTWRITEBYTECODE set (as on some machines), Python would compile every module again at
    each start (0.4 s of a 1 s start here). Keep the compiled code in our own data folder instead:
    nothing is written beside the sources, which is what that setting asks for.
    """
    if not sys.dont_write_bytecode or sys.pycache_prefix or getattr(sys, "frozen", False):
        return
    from rural_cadre_desktop.core.paths import data_dir
    sys.pycache_prefix = str(data_dir() / "pycache")
    sys.dont_write_bytecode = False


def _leave(code: int) -> None:
    """End the process once the work is done and the ledger closed: this run's work folder goes
    (what the interpreter's exit would tidy), the log and the output are flushed, and the
    interpreter's teardown is skipped — freeing every object one by one took 0.2–0.3 s after a GUI
    window or a 50,000-row import, and for the GUI it can only crash."""
    import logging

    from rural_cadre_desktop.core.paths import end_work
    end_work()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """`argv` None: this is the program (console script, python -m, the bundle), which ends the
    process itself once a command or the window is done; a caller passing argv (a test) gets the
    exit code back."""
    as_program = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    keep_compiled_code()
    args = gui_options(argv)
    if args is not None:
        from rural_cadre_desktop.gui.app import run_gui
        code = run_gui(args.db, args.quit_after)
    else:
        from rural_cadre_desktop.cli.main import main as cli_main
        code = cli_main(argv)
    if as_program:
        _leave(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
