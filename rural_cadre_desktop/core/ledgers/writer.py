"""The writer process of the streamed import (core.ledgers.pipeline): it owns the only write
connection and runs the operations the importing process sends, all in ONE transaction, which it
commits only when told ("commit"). If the importing process disappears (killed, crashed, or it
closed the pipe after an error or a cancel), recv() fails and the transaction is rolled back:
nothing of a half-sent import is ever committed.

Kept light (no openpyxl, no reader): it starts while the importing process reads the file.
"""
from __future__ import annotations

import os


def column_changes(changes: dict) -> dict:
    """Plan values as store.update takes them (field names of foreign keys, bools as bools)."""
    from rural_cadre_desktop.core.ledgers.existing import (
        BOOL_COLS,  # core.kinds: only when updating
    )
    out = {}
    for f, v in changes.items():
        if f.endswith("_id"):
            f = f[:-3]                    # store.update takes the field name of a foreign key
        out[f] = bool(v) if f in BOOL_COLS and v is not None else v
    return out


# Below this many rows, dropping and rebuilding indexes gains nothing (an environment variable
# lets tests and benchmarks move it).
DEFER_MIN_ROWS = int(os.environ.get("RCD_LEDGER_DEFER_ROWS", "5000"))
# The writer's page cache during an import, in KiB as PRAGMA cache_size takes it (negative): an
# upper bound, only what the import touches is used.
IMPORT_CACHE_KIB = -256 * 1024


class _Ops:
    def __init__(self):
        from rural_cadre_desktop.core import models, regions, store
        self.store, self.regions, self.models = store, regions, models
        # The tables by name (the importing process names people and the kind's records); read
        # from core.models rather than core.kinds, which the writer need not load to start.
        from peewee import Model
        self.by_table = {m._meta.table_name: m for m in vars(models).values()
                         if isinstance(m, type) and issubclass(m, Model) and hasattr(m, "_meta")}

        self.deferred: list[str] = []      # CREATE INDEX statements to run again before the commit
        from rural_cadre_desktop.core.ledgers.fast import name_keys_memo
        self.name_keys = name_keys_memo()

    def defer_indexes(self, expected: dict[str, int]) -> None:
        """A large import into a table that holds far fewer rows: its indexes (but the primary key)
        are dropped now and built again before the commit — one sort each instead of 50,000 B-tree
        inserts each (person has seven, returnee four). All in the one transaction: a kill or a
        rollback leaves them as they were. The unique ones (one live person per 身份证号, one live
        record per person) still guard identity: building one again fails on a duplicate ("UNIQUE
        constraint failed", as the insert would have) and the whole import rolls back.
        Measured (50k rows): inserts 0.9 s -> 0.45 s when the unique ones are dropped too, their
        building again ~0.07 s. Keeping the plain ones instead (grown row by row while the importing
        process still cleans) shortened the end but cost more CPU: slower in 4 of 4 runs side by side."""
        from rural_cadre_desktop.core.db import database
        for table, n in expected.items():
            if table not in self.by_table or n < DEFER_MIN_ROWS:
                continue
            held = database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if held * 2 > n:
                continue
            for name, sql in database.execute_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                    (table,)).fetchall():
                database.execute_sql(f'DROP INDEX "{name}"')
                self.deferred.append(sql)

    def rebuild_indexes(self) -> None:
        from rural_cadre_desktop.core.db import database
        for sql in self.deferred:
            database.execute_sql(sql)
        self.deferred = []

    def villages(self, names: list[str]) -> list[str]:
        return [self.regions.add_village(n).id for n in names]

    def rename(self, renames: list[tuple[str, str]]) -> None:
        for vid, name in renames:
            self.regions.rename_village(self.models.Village.get_by_id(vid), name)

    def insert(self, table: str, cols: list[str], rows: list[tuple]) -> None:
        self.store.bulk_insert(self.by_table[table], cols, rows)

    def insert_people(self, cols: list[str], rows: list[tuple]) -> None:
        """New people as (id, name, …) without their name keys: added here, so the importing
        process (the longer one) neither computes nor sends them, nor loads pypinyin."""
        from rural_cadre_desktop.core.ledgers.fast import PERSON_KEY_COLS
        keys = [self.name_keys(r[1]) for r in rows]
        rows = [(r[0], r[1], *k, *r[2:]) for r, k in zip(rows, keys)]
        self.store.bulk_insert(self.models.Person, [cols[0], *PERSON_KEY_COLS, *cols[1:]], rows)

    def fill(self, fills: list[tuple[str, str, dict]]) -> None:
        """Complete rows inserted earlier in this same transaction (a later duplicate in the file
        filled a gap): the end state is the row bulk_insert would have written had the merged
        values been known, so no history and no field clocks, as for any new row."""
        from rural_cadre_desktop.core.db import database
        for table, rid, values in fills:
            model = self.by_table.get(table)
            cols = [c for c in values if c in model._meta.columns] if model is not None else []
            if not cols:
                continue
            sets = ", ".join(f'"{c}" = ?' for c in cols)
            database.execute_sql(f'UPDATE "{table}" SET {sets} WHERE id = ?', [values[c] for c in cols] + [rid])

    def update(self, updates: list[tuple[str, str, dict]]) -> None:
        for table, rid, changes in updates:
            model = self.by_table[table]
            self.store.update(model.get_by_id(rid), column_changes(changes), source="import")

    def audit(self, action: str, detail: str) -> None:
        self.store.audit(action, detail)


def serve(conn) -> None:
    """Process entry point. Messages: ("begin", db_path), then (op, args...) tuples; replies to
    "villages" and "commit"; ("error", zh, en) on any failure, after rolling back."""
    import gc
    gc.disable()                      # only acyclic tuples pass through here (see cli/ledgers)
    # What writing needs is loaded now, while the importing process still reads the file:
    # pypinyin too (0.1 s), for the name keys of new people (insert_people).
    from rural_cadre_desktop.core import db, models, regions, store  # noqa: F401  (_Ops uses them)
    from rural_cadre_desktop.core.ledgers import fast  # noqa: F401
    from rural_cadre_desktop.core.people import name_initials
    name_initials("张")
    try:
        msg = conn.recv()
    except (EOFError, OSError):
        return
    if msg[0] != "begin":
        return
    try:
        store.open_store(msg[1], create=False)
        # The whole import stays in this process's page cache until the commit (~50 MB for 50,000
        # rows): with the usual 32 MB, pages spill to the WAL mid-transaction and are written twice.
        db.database.execute_sql(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
        ops = _Ops()
        with db.database.atomic():
            while True:
                op, *args = conn.recv()       # EOFError/OSError when the importer is gone: roll back
                if op == "commit":
                    ops.rebuild_indexes()
                    break
                result = getattr(ops, op)(*args)
                if op == "villages":
                    conn.send(("ok", result))
        conn.send(("ok", None))
    except (EOFError, OSError):
        return
    except Exception as e:          # refused mid-write (a constraint, a full disk): rolled back
        zh = getattr(e, "zh", None) or f"写入数据库失败，没有导入任何数据：{e}"
        en = getattr(e, "en", None) or f"writing failed, nothing imported: {e!r}"
        try:
            conn.send(("error", zh, en))
        except OSError:
            pass
    finally:
        db.close()
    # Answered and closed: end now, without the interpreter's teardown (freeing what passed through
    # takes 0.05-0.2 s), which the importing process would wait for in Writer.close().
    os._exit(0)
