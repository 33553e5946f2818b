"""The committed ui_*.py modules are what pyside6-uic makes from ui/*.ui today."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _build_ui():
    spec = importlib.util.spec_from_file_location("build_ui", ROOT / "build" / "build_ui.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_ui_file_has_a_current_generated_module():
    build_ui = _build_ui()
    uic = build_ui.find_uic()
    if uic is None:
        pytest.skip("pyside6-uic is not installed")
    pairs = build_ui.targets()
    assert pairs, "no ui/*.ui files found"
    for ui, py in pairs:
        assert py.exists(), f"{py.name} missing: run python build/build_ui.py"
        assert py.read_text(encoding="utf-8") == build_ui.compile_ui(uic, ui), \
            f"{py.name} is out of date: run python build/build_ui.py"
