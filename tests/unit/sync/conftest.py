"""Several installations in one test: each a real SQLite file, switched with open_store (the
process's one store connection moves between them, as a PC would open its own ledger)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

PASS = "县委组织部-2026-口令"


class Node:
    """One installation (a PC): its database file, opened on demand."""

    def __init__(self, path: Path):
        self.path = path

    def open(self):
        from rural_cadre_desktop.core.store import open_store
        return open_store(self.path, create=True)

    def export(self, pkg: Path, **kw) -> dict:
        from rural_cadre_desktop.core.sync.service import export_package
        self.open()
        return export_package(pkg, PASS, **kw)

    def import_(self, pkg: Path, dry_run: bool = False, passphrase: str = PASS):
        from rural_cadre_desktop.core import db
        from rural_cadre_desktop.core.sync.service import (
            clone_into,
            import_package,
            load,
        )
        db.close()
        with load(pkg, passphrase, self.path.parent) as p:
            if not self.path.exists():
                return clone_into(p, self.path, dry_run=dry_run)
            self.open()
            return import_package(p, dry_run=dry_run)

    def rows(self, table: str, columns: str = "*") -> list:
        database = self.open()
        return sorted(database.execute_sql(f'SELECT {columns} FROM "{table}"').fetchall(), key=str)

    def snapshot(self, with_clocks: bool = True) -> dict:
        """Every synced table's rows (all columns, or without the bookkeeping)."""
        from rural_cadre_desktop.core.sync.tables import specs
        database = self.open()
        out = {}
        for s in specs():
            cols = s.columns if with_clocks else ("id", *s.data_columns, "deleted")
            sel = ", ".join(f'"{c}"' for c in cols)
            out[s.name] = sorted(database.execute_sql(f'SELECT {sel} FROM "{s.name}"').fetchall(), key=str)
        return out

    def history(self) -> list:
        return self.rows("history", '"table", row_id, field, old_value, new_value, stamp, source')

    def file_hash(self) -> str:
        from rural_cadre_desktop.core import db
        db.close()
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def node_class():
    """The Node helper for module-scoped fixtures (test modules cannot import this conftest)."""
    return Node



@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch):
    """Packages made in tests use a small scrypt cost (the format carries n; reading is unchanged)."""
    from rural_cadre_desktop.core.sync import package
    monkeypatch.setattr(package, "KDF_N", 2 ** 10)


@pytest.fixture
def node(tmp_path):
    def make(name: str) -> Node:
        return Node(tmp_path / name / "ledger.db")
    yield make
    from rural_cadre_desktop.core import db
    db.close()


@pytest.fixture
def township(node):
    """A: 洛南县 石门镇 with a small demo."""
    from rural_cadre_desktop.core.demo import generate
    from rural_cadre_desktop.core.setup import init_installation
    a = node("a")
    a.open()
    init_installation("洛南县", "石门镇")
    generate(villages=3, returnees=20, seed=5)
    return a
