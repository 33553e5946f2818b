"""`export KIND`: the machine interface (DESIGN.md's JSON/CSV conventions) over a kind's
declaration. One SQL query per kind with joins, fetched as tuples (peewee model objects cost 2–5×
on 100k rows): `name`, `id_number`, `phone`, `village`, `township` on every person-bearing record;
links as `<x>_id`; enumerations as glossary identifiers; GB/T codes plus `<field>_name`; booleans as
true/false; clocks as ISO 8601 UTC. Unmasked: this is the machine interface (audited by the caller)."""
from __future__ import annotations

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.clock import stamp_to_iso
from rural_cadre_desktop.core.kinds import get
from rural_cadre_desktop.core.kinds.spec import RecordKind


def sql(kind: RecordKind, include_deleted: bool) -> str:
    e = kind.export
    a = e.alias
    cols = ", ".join(c.sql.format(a=a) for c in e.columns)
    where = "" if include_deleted else f" WHERE {a}.deleted = 0"
    if kind.model_name == "Person" and not include_deleted:
        where += " AND p.alias_of_id IS NULL"
    order = f" ORDER BY {e.order.format(a=a)}" if e.order else ""
    return f"SELECT {cols} FROM {kind.table} {a} {e.joins.format(a=a)}{where}{order}"


def keys(kind: RecordKind, include_deleted: bool = False) -> list[str]:
    """The keys of an exported record, in order (the CSV header of an empty export)."""
    return [key for key, _, _ in _plan(kind, include_deleted)]


def _plan(kind: RecordKind, include_deleted: bool) -> list[tuple[str, int, str | None]]:
    # One output key list, with each GB/T code's `<field>_name` right after its code.
    plan = []
    for i, (key, _, conv) in enumerate(kind.export.columns):
        if key == "deleted" and not include_deleted:
            continue
        plan.append((key, i, conv))
        if conv and conv.startswith("code:"):
            plan.append((key + "_name", i, "name:" + conv[5:]))
    return plan


def _convert(kind: RecordKind, cursor_rows, include_deleted: bool) -> list[dict]:
    plan = _plan(kind, include_deleted)
    names = {c[5:]: codes.CODE_LISTS[c[5:]].codes for _, _, c in kind.export.columns if c and c.startswith("code:")}
    out = []
    for row in cursor_rows:
        rec = {}
        for key, i, conv in plan:
            val = row[i]
            if conv is None or conv.startswith("code:"):
                rec[key] = val
            elif conv == "bool":
                rec[key] = None if val is None else bool(val)
            elif conv == "clock":
                rec[key] = stamp_to_iso(val)
            elif conv == "list":
                rec[key] = val.split(",") if val else []
            else:
                rec[key] = names[conv[5:]].get(val) if val else None
        out.append(rec)
    return out


def export_records(kind_name: str, include_deleted: bool = False) -> list[dict]:
    kind = get(kind_name)
    cur = kind.model._meta.database.execute_sql(sql(kind, include_deleted))
    return _convert(kind, cur, include_deleted)
