"""Compile every ui/*.ui into rural_cadre_desktop/gui/forms/ui_<name>.py with pyside6-uic.

The generated modules are committed: a frozen app has no `uic` to call at run time (Anki
qt/tools/build_ui.py). tests/gui/test_forms_current.py checks they match the .ui files.

    python build/build_ui.py            # regenerate
    python build/build_ui.py --check    # exit 1 if any generated module is out of date
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "rural_cadre_desktop" / "gui" / "forms"


def find_uic() -> str | None:
    """pyside6-uic beside this Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / ("pyside6-uic.exe" if sys.platform == "win32" else "pyside6-uic")
    return str(here) if here.exists() else shutil.which("pyside6-uic")


def compile_ui(uic: str, ui: Path) -> str:
    out = subprocess.run([uic, "-g", "python", str(ui)],
                         check=True, capture_output=True, text=True, encoding="utf-8").stdout
    # uic writes the .ui path into a header comment; keep only the file name so output is stable.
    return out.replace(str(ui), ui.name)


def targets() -> list[tuple[Path, Path]]:
    return [(ui, FORMS_DIR / f"ui_{ui.stem}.py") for ui in sorted(UI_DIR.glob("*.ui"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    uic = find_uic()
    if uic is None:
        print("pyside6-uic not found", file=sys.stderr)
        return 2
    stale = []
    for ui, py in targets():
        text = compile_ui(uic, ui)
        if args.check:
            if not py.exists() or py.read_text(encoding="utf-8") != text:
                stale.append(py)
        else:
            py.write_text(text, encoding="utf-8", newline="\n")
            print(f"{ui.relative_to(ROOT)} -> {py.relative_to(ROOT)}")
    for py in stale:
        print(f"out of date: {py.relative_to(ROOT)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
