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


def _run_with(env_extra: dict, code: str, tmp_path) -> str:
    import os
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), LOCALAPPDATA=str(tmp_path / "data"), **env_extra)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env=env).stdout.strip()


KEEP = ("import sys\n"
        "from rural_cadre_desktop.launcher import keep_compiled_code\n"
        "keep_compiled_code()\n"
        "import rural_cadre_desktop.core.codes as m\n"
        "import importlib.util\n"
        "print(sys.dont_write_bytecode, sys.pycache_prefix or '', importlib.util.cache_from_source(m.__file__))")


def test_with_bytecode_writing_off_the_program_keeps_its_compiled_code_in_its_data_folder(tmp_path):
    """PYTHONDONTWRITEBYTECODE would make every start compile the whole program again; the compiled
    code goes to the data folder instead, nothing beside the sources."""
    out = _run_with({"PYTHONDONTWRITEBYTECODE": "1"}, KEEP, tmp_path)
    dont_write, prefix, pyc = out.split(" ", 2)
    assert dont_write == "False" and prefix.startswith(str(tmp_path / "data"))
    assert pyc.startswith(prefix)
    import os
    assert os.path.exists(pyc)                      # written there by the import


def test_without_that_setting_python_keeps_its_own_way(tmp_path):
    out = _run_with({}, KEEP, tmp_path)
    dont_write, prefix, pyc = out.split(" ", 2)
    assert (dont_write, prefix) == ("False", "") and "__pycache__" in pyc
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.pyc"))
