"""Running one command builds the parser with its own module only (cli/main.COMMANDS); the table
says exactly what the modules register, and everything else still gets the whole parser."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
import sys

import pytest

import rural_cadre_desktop.cli as package
from rural_cadre_desktop.cli import main as cli
from rural_cadre_desktop.cli.common import add_db_option


def test_the_table_names_every_command_and_the_module_that_registers_it():
    registered = {}
    for mod in sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name not in cli._NOT_COMMANDS):
        sub = argparse.ArgumentParser().add_subparsers(dest="command")
        importlib.import_module(f"rural_cadre_desktop.cli.{mod}").register(sub, add_db_option)
        registered.update(dict.fromkeys(sub.choices, mod))
    assert cli.COMMANDS == registered


@pytest.mark.parametrize("argv, command", [
    (["check"], "check"),
    (["--db", "a.db", "import-ledger", "x.xlsx"], "import-ledger"),
    (["--db=a.db", "pdf", "ledger"], "pdf"),
    (["--quit-after", "5", "--db", "check", "export"], "export"),      # a ledger file called "check"
    (["--help"], None), (["--version"], None), ([], None), (["bogus"], None),
    (["--d", "a.db", "check"], None),                                     # an abbreviation: the whole parser
])
def test_which_command_argv_names(argv, command):
    assert cli.command_of(argv) == command


def test_a_command_loads_only_its_module_and_still_parses_and_helps():
    code = ("import sys\n"
            "from rural_cadre_desktop.cli.main import build_parser\n"
            "argv = ['--db', 'a.db', 'export-ledger', 'returnees', '-o', 'out.xlsx']\n"
            "args = build_parser(argv).parse_args(argv)\n"
            "print(args.command, args.db)\n"
            "print(sorted(m for m in sys.modules if m.startswith('rural_cadre_desktop.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, loaded = out.splitlines()
    assert first == "export-ledger a.db"
    others = set(cli.COMMANDS.values()) - {"ledgers"}
    assert "'rural_cadre_desktop.cli.ledgers'" in loaded
    assert not [m for m in others if f"'rural_cadre_desktop.cli.{m}'" in loaded]
    run = subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "import-ledger", "--help"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "--kind" in run.stdout


def test_an_unknown_command_is_told_the_whole_list():
    run = subprocess.run([sys.executable, "-m", "rural_cadre_desktop", "bogus"], capture_output=True, text=True)
    assert run.returncode == 2
    assert "invalid choice: 'bogus'" in run.stderr and "'import-ledger'" in run.stderr and "'sync'" in run.stderr
