"""core/ and reports/ stay Qt-free, so the CLI, tests and a county server can use them alone."""
import re
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "rural_cadre_desktop"
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|PyQt\d)", re.M)


def test_no_qt_import_in_core_or_reports_sources():
    offenders = [str(p.relative_to(PKG)) for layer in ("core", "reports") for p in (PKG / layer).rglob("*.py")
                 if QT_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_importing_core_and_the_cli_loads_no_qt():
    code = ("import sys, importlib, pkgutil, rural_cadre_desktop.core as c\n"
            "for m in pkgutil.walk_packages(c.__path__, 'rural_cadre_desktop.core.'):\n"
            "    importlib.import_module(m.name)\n"
            "import rural_cadre_desktop.cli.main as cm; cm.build_parser()\n"
            "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_cli_names_the_same_kinds_as_core():
    from rural_cadre_desktop.cli.records import KIND_NAMES
    from rural_cadre_desktop.core.kinds import KINDS
    assert KIND_NAMES == tuple(KINDS)


def test_building_the_parser_loads_no_database_layer():
    code = ("import sys, rural_cadre_desktop.cli.main as m; m.build_parser(); "
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('peewee', 'pypinyin', 'reportlab')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
