"""What sync knows about each synced table: columns, blobs, links, identity keys, scope.

Everything is derived from the peewee models once (no per-row work), so a new synced model travels
without changes here unless it carries an identity rule (a unique key among live rows) or a scope
link of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from peewee import BlobField, ForeignKeyField


@dataclass(frozen=True)
class Loser:
    """How the losing row of two that are one thing (same key, different UUIDs) steps aside."""
    column: str             # alias_of_id / merged_into_id / deleted
    to_survivor: bool       # True: the column points to the survivor; False: set to 1 (tombstone)


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type
    columns: tuple[str, ...]
    blobs: frozenset[str]
    links: dict                         # column -> parent table
    key: tuple[str, ...] = ()           # unique among live rows (DESIGN.md identity rules)
    live: tuple[str, ...] = ("deleted",)  # columns that are 0/NULL on a live row (for the key)
    loser: Loser = Loser("deleted", False)
    scope_via: str | None = None        # the column whose parent decides the row's township
    index: dict = field(default_factory=dict)

    @property
    def data_columns(self) -> tuple[str, ...]:
        from rural_cadre_desktop.core.models import SYNC_FIELDS
        return tuple(c for c in self.columns if c not in SYNC_FIELDS)


_TOMB = Loser("deleted", False)
_KEYS = {
    "county": (("norm_name",), ("deleted",), _TOMB),
    "township": (("county_id", "norm_name"), ("deleted",), _TOMB),
    "village": (("township_id", "norm_name"), ("deleted", "merged_into_id"), Loser("merged_into_id", True)),
    "person": (("id_number",), ("deleted", "alias_of_id"), Loser("alias_of_id", True)),
    "returnee": (("person_id",), ("deleted",), _TOMB),
    "attendance": (("training_id", "person_id"), ("deleted",), _TOMB),
    "activity_participant": (("activity_id", "person_id"), ("deleted",), _TOMB),
}
_SCOPE_VIA = {"township": None, "village": "township_id", "person": "village_id", "reserve_cadre": "village_id",
              "village_cadre": "village_id", "activity": "village_id", "vetting": "reserve_id",
              "annual_review": "reserve_id", "training_session": None, "attachment": "owner_id"}


@lru_cache(maxsize=1)
def specs() -> tuple[TableSpec, ...]:
    """Every synced table, parents before children (models.SYNCED_MODELS' order)."""
    from rural_cadre_desktop.core.models import SYNCED_MODELS
    out = []
    for model in SYNCED_MODELS:
        fields = model._meta.sorted_fields
        columns = tuple(f.column_name for f in fields)
        links = {f.column_name: f.rel_model._meta.table_name for f in fields if isinstance(f, ForeignKeyField)}
        name = model._meta.table_name
        key, live, loser = _KEYS.get(name, ((), ("deleted",), _TOMB))
        via = _SCOPE_VIA.get(name, "person_id" if "person_id" in columns else None)
        out.append(TableSpec(name, model, columns, frozenset(f.column_name for f in fields if isinstance(f, BlobField)),
                             links, key, live, loser, via, {c: i for i, c in enumerate(columns)}))
    return tuple(out)


def by_name() -> dict[str, TableSpec]:
    return {s.name: s for s in specs()}


def children_of(table: str) -> list[tuple[TableSpec, str]]:
    """(child table, its column) for every link to `table`; attachments name owners by owner_id."""
    out = [(s, col) for s in specs() for col, parent in s.links.items() if parent == table]
    if table in ("person", "reserve_cadre", "training_session"):
        out.append((by_name()["attachment"], "owner_id"))
    return out
