"""The launcher above both faces: without a subcommand the GUI, everything else to the command line,
which keeps its contract (--help, --version, exit codes) and never loads Qt."""
from __future__ import annotations

import subprocess
import sys
import types

import pytest

from rural_cadre_desktop import launcher


@pytest.mark.parametrize("argv, expected", [
    ([], (None, None)),
    (["--db", "a.db"], ("a.db", None)),
    (["--db=a.db", "--quit-after=500"], ("a.db", 500)),
    (["--quit-after", "500", "--db", "a.db"], ("a.db", 500)),
    (["--quit", "5"], (None, 5)),                      # argparse's abbreviations, as before
])
def test_no_subcommand_opens_the_gui(argv, expected, monkeypatch):
    seen = []
    fake = types.ModuleType("rural_cadre_desktop.gui.app")
    fake.run_gui = lambda db, quit_after: seen.append((db, quit_after)) or 0
    monkeypatch.setitem(sys.modules, "rural_cadre_desktop.gui.app", fake)
    assert launcher.main(argv) == 0
    assert seen == [expected]


@pytest.mark.parametrize("argv", [["--version"], ["-h"], ["--help"], ["check"], ["--db", "a.db", "check"],
                                  ["--quit-after", "abc"], ["--quit-after"], ["--bogus"], ["--"]])
def test_everything_else_goes_to_the_command_line(argv):
    assert launcher.gui_options(argv) is None


def test_the_command_line_path_loads_no_qt_and_keeps_its_exit_codes():
    code = ("import sys\n"
            "from rural_cadre_desktop.launcher import main\n"
            "for argv in (['--version'], ['--quit-after', 'abc'], ['export', 'nonsense']):\n"
            "    try:\n"
            "        main(argv)\n"
            "    except SystemExit as e:\n"
            "        print('exit', e.code)\n"
            "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6', 'rural_cadre_desktop.gui'))))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[1:] == ["exit 0", "exit 2", "exit 2", "[]"]
    assert "invalid int value: 'abc'" in run.stderr


def test_the_cli_alone_refuses_a_missing_subcommand(capsys):
    from rural_cadre_desktop.cli.main import main
    with pytest.raises(SystemExit) as e:
        main([])
    assert e.value.code == 2 and "COMMAND" in capsys.readouterr().err


def test_the_gui_path_builds_no_command_line_parser():
    code = ("import sys, types\n"
            "fake = types.ModuleType('rural_cadre_desktop.gui.app'); fake.run_gui = lambda db, q: 0\n"
            "sys.modules['rural_cadre_desktop.gui.app'] = fake\n"
            "from rural_cadre_desktop.launcher import main\n"
            "assert main(['--db', 'x.db', '--quit-after', '1']) == 0\n"
            "print(sorted(k for k in sys.modules if k.startswith('rural_cadre_desktop.cli')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
