"""A signal's arguments must never land in a slot's optional parameter: `clicked(bool)` connected to
`def save_as(self, target=None)` once wrote "False.pdf" into the working folder without asking.

Two guards: every menu item of the main window is triggered, and every button of every window it
opens is pressed, with every dialog answered "cancel" — nothing may appear in the working folder;
and a scan of every `.connect(...)` in rural_cadre_desktop/gui for a signal carrying arguments
connected to a method or lambda whose first parameter is optional."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

import rural_cadre_desktop.gui as gui_pkg
from rural_cadre_desktop.gui import file_dialogs, operations

# Signals that carry arguments (Qt's own); Signal() of our own classes carry what they declare.
ARG_SIGNALS = {"clicked", "triggered", "toggled", "currentIndexChanged", "currentTextChanged", "textChanged",
               "textEdited", "valueChanged", "finished", "activated", "dateChanged", "stateChanged",
               "checkStateChanged", "idToggled", "idClicked", "itemClicked", "itemDoubleClicked",
               "doubleClicked", "currentChanged", "currentRowChanged", "currentItemChanged", "selectionChanged",
               "customContextMenuRequested", "progressed", "succeeded", "failed", "saved", "printed", "changed"}


def _first_param_optional(args: ast.arguments, is_method: bool) -> str | None:
    """The name of the first positional parameter (after self) when it has a default, else None."""
    pos = args.posonlyargs + args.args
    if is_method and pos and pos[0].arg in ("self", "cls"):
        pos = pos[1:]
    if pos and len(pos) <= len(args.defaults):       # defaults belong to the last parameters
        return pos[0].arg
    return None


def traps_in(source: str, filename: str) -> list[str]:
    tree = ast.parse(source)
    methods: dict[str, list[ast.FunctionDef]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    methods.setdefault(item.name, []).append(item)
    # `for key, text, slot in [("add", "新增", self.add), …]: b.clicked.connect(slot)`: what `slot` is
    loop_values: dict[int, list[ast.expr]] = {}          # id(Name node in a connect) → the values it takes
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.iter, (ast.List, ast.Tuple))):
            continue
        names = [loop.target] if isinstance(loop.target, ast.Name) else list(getattr(loop.target, "elts", []))
        for pos, target in enumerate(names):
            if not isinstance(target, ast.Name):
                continue
            values = []
            for elt in loop.iter.elts:
                if isinstance(loop.target, ast.Name):
                    values.append(elt)
                elif isinstance(elt, (ast.Tuple, ast.List)) and pos < len(elt.elts):
                    values.append(elt.elts[pos])
            for inner in ast.walk(loop):
                if isinstance(inner, ast.Name) and inner.id == target.id:
                    loop_values[id(inner)] = values
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                and node.args):
            continue
        signal = node.func.value
        name = signal.attr if isinstance(signal, ast.Attribute) else getattr(signal, "id", "")
        if name not in ARG_SIGNALS:
            continue
        for slot in loop_values.get(id(node.args[0]), [node.args[0]]):
            found += _check_slot(slot, name, methods, f"{filename}:{node.lineno}")
    return found


def _check_slot(slot: ast.expr, name: str, methods: dict, where: str) -> list[str]:
    found = []
    if isinstance(slot, ast.Lambda):
        first = _first_param_optional(slot.args, is_method=False)
        # a leading "_name=..." is there to take the signal's argument; anything else is a trap
        if first and not first.startswith("_"):
            found.append(f"{where}: {name} → lambda {first}=…")
    elif isinstance(slot, ast.Attribute) and isinstance(slot.value, ast.Name) and slot.value.id == "self":
        for fn in methods.get(slot.attr, []):
            first = _first_param_optional(fn.args, is_method=True)
            if first:
                found.append(f"{where}: {name} → {slot.attr}({first}=…)")
    return found


def test_the_scan_finds_the_trap_it_is_for():
    src = ("class P:\n    def __init__(self):\n        self.b.clicked.connect(self.save_as)\n"
           "        self.c.clicked.connect(lambda i=1: self.go(i))\n"
           "        self.d.clicked.connect(lambda _checked=False, f=1: self.go(f))\n"
           "        self.e.toggled.connect(self.show_all)\n"
           "        for key, slot in [('a', self.show_all), ('b', self.export)]:\n"
           "            self.f.clicked.connect(slot)\n"
           "    def save_as(self, target=None): pass\n    def show_all(self, on): pass\n"
           "    def export(self, path=None): pass\n")
    assert traps_in(src, "p.py") == ["p.py:3: clicked → save_as(target=…)", "p.py:4: clicked → lambda i=…",
                                     "p.py:8: clicked → export(path=…)"]


def test_no_signal_argument_reaches_an_optional_parameter_anywhere_in_the_gui():
    root = Path(gui_pkg.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if "forms" in path.parts:          # generated by build/build_ui.py
            continue
        found += traps_in(path.read_text(encoding="utf-8"), str(path.relative_to(root)))
    assert found == []


# -- the main window, every menu item and every button it leads to ---------------------------------

@pytest.fixture
def everything_cancelled(monkeypatch):
    """Every question answered 否/取消, every file dialog cancelled, every message acknowledged."""
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: ("", ""))
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(file_dialogs, "existing_directory", lambda *a, **k: "")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    for name in ("information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)        # gui/scope: nothing chosen
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)            # settings, villages: rejected
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: 0)


pressed: list[str] = []       # titles of the windows whose buttons were pressed, in order


def _wait_for_work(qtbot):
    qtbot.waitUntil(lambda: not operations._live, timeout=30000)
    qtbot.wait(30)


def _windows() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if w.isVisible()}


def _press_every_button(qtbot, window: QWidget, depth: int, seen: set) -> None:
    """Press each enabled button of `window`, and after each press do the same in every window
    the press opened (down to `depth`)."""
    pressed.append(window.windowTitle())
    for b in window.findChildren(QPushButton):
        if not (b.isVisible() and b.isEnabled() and window.isVisible()):
            continue
        before = _windows()
        qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
        _wait_for_work(qtbot)
        if depth > 0:
            for w in _windows() - before - seen:
                seen.add(w)
                _press_every_button(qtbot, w, depth - 1, seen)


def _first_away_row(tab) -> int:
    model = tab.model
    col = next(c for c in range(model.columnCount())
               if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "状态")
    return next(r for r in range(model.rowCount()) if model.index(r, col).data() == "在外")


def test_every_menu_item_and_button_writes_nothing_unasked(main_window, qtbot, tmp_path, monkeypatch,
                                                           everything_cancelled, driver):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    w = main_window
    start = _windows()
    for tab in (w.returnees, w.reserves, w.trainings):
        for action in driver.all_menu_actions(w):
            if action.text().startswith("退出"):
                continue
            w.tabs.setCurrentWidget(tab)
            # one row: 档案表 and 参训花名册 have something to print; on 返乡人员 someone still 在外,
            # so the letters dialog has a letter to make (已返乡 people are left out by default)
            tab.view.selectRow(_first_away_row(tab) if tab is w.returnees else 0)
            before = _windows()
            action.trigger()
            _wait_for_work(qtbot)
            seen: set = set()
            for opened in _windows() - before:
                seen.add(opened)
                _press_every_button(qtbot, opened, 2, seen)
            for opened in _windows() - start:
                opened.close()
            _wait_for_work(qtbot)
    w.tabs.setCurrentWidget(w.returnees)
    _press_every_button(qtbot, w.returnees, 2, set())
    for opened in _windows() - start:
        opened.close()
    assert sorted(p.name for p in cwd.iterdir()) == []
    # the test reached what it is for: previews of printouts, the letters batch, the template editor
    for title in ("在外创业经商人员（返乡人员）台账", "村级后备干部台账", "培训班台账", "参训花名册", "一人一档", "邀请函（"):
        assert any(t.startswith(title) for t in pressed), (title, pressed)
    assert "打印邀请函" in pressed and "邀请函模板" in pressed, pressed
