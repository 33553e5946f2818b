"""The layers as designed (DESIGN.md "Layers", docs/architecture.md): core/ and reports/ know no face
and no Qt, core/ no page layout (reportlab), reports/ no peewee, and the two faces (gui/, cli/) never
import each other — only rural_cadre_desktop/launcher.py, above both, knows them. Every module's
imports are read from its syntax tree: top-level ones, those inside functions, relative ones
(resolved against the module's package) and importlib.import_module("…") with a literal name."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path, PurePosixPath

PKG_NAME = "rural_cadre_desktop"
PKG = Path(__file__).resolve().parents[2] / PKG_NAME
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
# layer → what it may never import (a layer of this package, or a top-level distribution)
NEVER = {
    "core": ("gui", "cli", "reports", "launcher", *QT, "reportlab"),
    "reports": ("gui", "cli", "launcher", *QT, "peewee"),
    "cli": ("gui", "launcher", *QT),
    "gui": ("cli", "launcher"),
}


def _imported_names(node: ast.AST, module: PurePosixPath) -> list[str]:
    """The dotted names one import statement (or import_module call) brings, relative ones resolved."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level == 0:
            base = node.module or ""
        else:
            here = [PKG_NAME, *module.parts[:-1]]          # the module's package (for __init__.py: itself)
            parts = here[: len(here) - (node.level - 1)]
            base = ".".join(parts + ([node.module] if node.module else []))
        return [base] + [f"{base}.{a.name}" for a in node.names]
    if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)):
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name in ("import_module", "__import__"):
            return [node.args[0].value]
    return []


def _target(name: str) -> str:
    """The layer of this package (core, gui, …) or the top-level distribution a name points at."""
    parts = name.split(".")
    return parts[1] if parts[0] == PKG_NAME and len(parts) > 1 else parts[0]


def forbidden_imports(source: str, module: PurePosixPath) -> list[str]:
    """'file:line: layer → target (import name)' for every forbidden arrow in one module's source;
    `module` is its path inside the package (core/templates/custom.py)."""
    layer = module.parts[0]
    if layer not in NEVER:
        return []
    bad = []
    for node in ast.walk(ast.parse(source, filename=str(module))):
        for name in _imported_names(node, module):
            target = _target(name)
            if target in NEVER[layer]:
                bad.append((node.lineno, f"{PKG_NAME}/{module}:{node.lineno}: {layer} → {target} (imports {name})"))
                break
    return [msg for _, msg in sorted(bad)]


def test_no_layer_imports_what_the_design_forbids():
    bad = []
    for path in sorted(PKG.rglob("*.py")):
        module = PurePosixPath(path.relative_to(PKG).as_posix())
        bad += forbidden_imports(path.read_text(encoding="utf-8"), module)
    assert bad == [], "forbidden imports:\n" + "\n".join(bad)


def test_the_checker_sees_imports_inside_functions_relative_ones_and_import_module():
    source = '''\
import json
from .columns import KINDS               # core → core: allowed
from ..ledgers.standard import Ledger    # core/templates → core/ledgers: allowed


def later():
    from rural_cadre_desktop.gui.app import run_gui


class Report:
    def pdf(self):
        from ...reports import ledger    # three dots from core/templates: rural_cadre_desktop.reports


def qt():
    try:
        import PySide6.QtCore as qc
    except ImportError:
        pass
    import importlib
    return importlib.import_module("reportlab.pdfgen.canvas")
'''
    assert forbidden_imports(source, PurePosixPath("core/templates/custom.py")) == [
        "rural_cadre_desktop/core/templates/custom.py:7: core → gui (imports rural_cadre_desktop.gui.app)",
        "rural_cadre_desktop/core/templates/custom.py:12: core → reports (imports rural_cadre_desktop.reports)",
        "rural_cadre_desktop/core/templates/custom.py:17: core → PySide6 (imports PySide6.QtCore)",
        "rural_cadre_desktop/core/templates/custom.py:21: core → reportlab (imports reportlab.pdfgen.canvas)",
    ]
    # the same relative import one level up stays inside core; in cli/ a relative one reaches gui
    assert forbidden_imports("from ..reports import x\n", PurePosixPath("core/templates/custom.py")) == []
    assert forbidden_imports("def f():\n    from ..gui import app\n", PurePosixPath("cli/main.py")) == [
        "rural_cadre_desktop/cli/main.py:2: cli → gui (imports rural_cadre_desktop.gui)"]
    assert forbidden_imports("from . import cli\n", PurePosixPath("gui/__init__.py")) == []   # gui.cli
    assert forbidden_imports("from .. import cli\n", PurePosixPath("gui/__init__.py")) == [
        "rural_cadre_desktop/gui/__init__.py:1: gui → cli (imports rural_cadre_desktop.cli)"]
    assert forbidden_imports("import peewee\n", PurePosixPath("reports/ledger.py")) == [
        "rural_cadre_desktop/reports/ledger.py:1: reports → peewee (imports peewee)"]
    # only the launcher, above both faces, imports them
    assert forbidden_imports("from rural_cadre_desktop.gui.app import run_gui\n"
                             "from rural_cadre_desktop.cli.main import main\n", PurePosixPath("launcher.py")) == []


def test_importing_core_reports_and_the_cli_loads_no_qt():
    code = ("import sys, importlib, pkgutil, rural_cadre_desktop.core as c, rural_cadre_desktop.reports as r\n"
            "for p in (c, r):\n"
            "    for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
            "        importlib.import_module(m.name)\n"
            "import rural_cadre_desktop.cli.main as cm; cm.build_parser()\n"
            "import rural_cadre_desktop.launcher\n"
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
