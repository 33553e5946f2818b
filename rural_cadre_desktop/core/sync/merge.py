"""Merging an attached package (schema "pkg") into the store, inside the caller's transaction.

Per table, parents first, all set-based: one joined SELECT finds the rows both sides hold that
differ (only these are merged in Python, field by field: the newer clock wins, `merge_row`); new
rows go in with one INSERT … SELECT. Two rows that are one thing (same 身份证号, same village name,
a second live returnee record of a person …) are resolved as DESIGN.md says: the smaller UUID
survives, the other steps aside (alias, merged village or tombstone) and the records naming it are
re-pointed. Every local value replaced is kept in History (source "sync"; a conflict's losing value
with source "sync-conflict", restorable).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict

from rural_cadre_desktop.core.clock import future_limit, node_of
from rural_cadre_desktop.core.sync.package import SCHEMA
from rural_cadre_desktop.core.sync.report import Report
from rural_cadre_desktop.core.sync.tables import TableSpec, children_of, specs

_IN = "(SELECT value FROM json_each(?))"


def encode_value(value):
    """A stored value as History text (blobs by size, as core.store does)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(value)} bytes>"
    return None if value is None else str(value)


def conflict_value(value, stamp: str) -> str:
    """A conflict's value with its clock, exactly (JSON; blobs base64) so that it can be restored."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        import base64
        value = {"b64": base64.b64encode(bytes(value)).decode("ascii")}
    return json.dumps({"v": value, "s": stamp}, ensure_ascii=False)


def _cols(spec: TableSpec, alias: str) -> str:
    return ", ".join(f'{alias}."{c}"' for c in spec.columns)


def _live_sql(spec: TableSpec, alias: str) -> str:
    parts = [f'({alias}."{c}" IS NULL OR {alias}."{c}" = 0)' for c in spec.live]
    parts += [f'{alias}."{k}" IS NOT NULL' for k in spec.key]
    return " AND ".join(parts)


class Merger:
    def __init__(self, database, sender_vector: dict, local_vector: dict, report: Report, places):
        self.db = database
        self.sender_vv = sender_vector
        self.local_vv = local_vector
        self.report = report
        self.places = places
        self._stamp: str | None = None
        self.repoint: dict = defaultdict(lambda: defaultdict(dict))   # table -> column -> {old: new}
        self.history: list[tuple] = []

    def q(self, sql: str, params=()) -> list:
        return self.db.execute_sql(sql, params).fetchall()

    # -- stamps --------------------------------------------------------------------------------
    def fresh(self, row: list, spec: TableSpec) -> str:
        """One stamp for this import's own changes (re-pointing, stepping aside), after the row's."""
        from rural_cadre_desktop.core import store
        if self._stamp is None:
            self._stamp = store.new_stamp(self.db)
        on_row = row[spec.index["modified_at"]] or ""
        return self._stamp if self._stamp > on_row else store.clock().tick(after=on_row)

    @staticmethod
    def set_field(spec: TableSpec, row: list, column: str, value, stamp: str) -> None:
        ix = spec.index
        row[ix[column]] = value
        clocks = json.loads(row[ix["clocks"]] or "{}")
        clocks[column] = stamp
        row[ix["clocks"]] = json.dumps(clocks, sort_keys=True)
        if stamp > (row[ix["modified_at"]] or ""):
            row[ix["modified_at"]], row[ix["modified_by"]] = stamp, node_of(stamp)

    # -- one row --------------------------------------------------------------------------------
    def merge_row(self, spec: TableSpec, local: tuple, incoming: tuple) -> list:
        """Per field the newer clock wins. A field both sides changed since they last agreed is a
        conflict: the winner's side had not seen the loser's stamp (by its version vector). An edit
        made after a delete undeletes the row (the undelete carries the edit's stamp)."""
        ix = spec.index
        cl = json.loads(local[ix["clocks"]] or "{}")
        ci = json.loads(incoming[ix["clocks"]] or "{}")
        created_l, created_i = local[ix["created_at"]], incoming[ix["created_at"]]
        out = list(local)
        stamps = {}
        for f in (*spec.data_columns, "deleted"):
            i = ix[f]
            sl, si = cl.get(f) or created_l, ci.get(f) or created_i
            vl, vi = local[i], incoming[i]
            if si > sl:
                out[i], stamps[f] = vi, si
                if vi != vl and self.sender_vv.get(node_of(sl), "") < sl:
                    self.conflict(spec, local[0], f, loser=(vl, sl), winner=(vi, si))
            else:
                stamps[f] = sl
                if si < sl and vi != vl and self.local_vv.get(node_of(si), "") < si:
                    self.conflict(spec, local[0], f, loser=(vi, si), winner=(vl, sl))
        if out[ix["deleted"]]:
            newest = max((stamps[f] for f in spec.data_columns), default="")
            if newest > stamps["deleted"]:
                out[ix["deleted"]], stamps["deleted"] = 0, newest
        clocks = {f: s for f, s in stamps.items() if s != created_l}
        out[ix["clocks"]] = json.dumps(clocks, sort_keys=True)
        modified = max([created_l, *stamps.values()])
        out[ix["modified_at"]], out[ix["modified_by"]] = modified, node_of(modified)
        return out

    def conflict(self, spec: TableSpec, row_id: str, field: str, loser: tuple, winner: tuple) -> None:
        self.history.append((spec.name, row_id, field, conflict_value(*loser), conflict_value(*winner),
                             loser[1], "sync-conflict"))
        self.report.count("conflicts", spec.name, self._village(spec, row_id))

    def _village(self, spec: TableSpec, row_id: str) -> str | None:
        vid = (self.places.of(spec.name).get(row_id) or (None, None))[1]
        return self.places.village_names.get(vid) if vid else None

    # -- one table ------------------------------------------------------------------------------
    def table(self, spec: TableSpec) -> None:
        t, n = spec.name, len(spec.columns)
        if not self.q(f'SELECT 1 FROM main."{t}" LIMIT 1') and not self.repoint.get(t):
            self._write(spec, {}, fresh_table=True)     # nothing here yet: every row is new, none collide
            return
        same = " AND ".join(f'p."{c}" IS l."{c}"' for c in spec.columns)
        changed: dict[str, tuple[tuple, list]] = {}      # id -> (stored row, row to store)
        for r in self.q(f'SELECT {_cols(spec, "p")}, {_cols(spec, "l")} FROM {SCHEMA}."{t}" p '
                        f'JOIN main."{t}" l ON l.id = p.id WHERE NOT ({same})'):
            old = r[n:]
            merged = self.merge_row(spec, old, r[:n])
            if merged != list(old):
                changed[r[0]] = (old, merged)
        self._repoint(spec, changed)
        if spec.key:
            self._step_aside(spec, changed)
        self._write(spec, changed)

    def _new_rows(self, spec: TableSpec, where: str, params=()) -> list[list]:
        return [list(r) for r in self.q(
            f'SELECT {_cols(spec, "p")} FROM {SCHEMA}."{spec.name}" p '
            f'WHERE p.id NOT IN (SELECT id FROM main."{spec.name}") AND {where}', params)]

    def _put_back(self, spec: TableSpec, rows: list[list]) -> None:
        """Write modified new rows back into the package copy (they go in with the INSERT … SELECT)."""
        if rows:
            sets = ", ".join(f'"{c}" = ?' for c in spec.columns[1:])
            self.db.cursor().executemany(f'UPDATE {SCHEMA}."{spec.name}" SET {sets} WHERE id = ?',
                                         [(*r[1:], r[0]) for r in rows])

    def _repoint(self, spec: TableSpec, changed: dict) -> None:
        maps = self.repoint.get(spec.name)
        if not maps:
            return
        for column, mapping in maps.items():
            i, losers = spec.index[column], json.dumps(list(mapping))
            new = self._new_rows(spec, f'p."{column}" IN {_IN}', (losers,))
            for r in self.q(f'SELECT {_cols(spec, "l")} FROM main."{spec.name}" l WHERE l."{column}" IN {_IN}',
                            (losers,)):
                if r[0] not in changed:
                    changed[r[0]] = (r, list(r))
            for row in [*new, *(m for _, m in changed.values())]:
                if row[i] in mapping:
                    self.set_field(spec, row, column, mapping[row[i]], self.fresh(row, spec))
            self._put_back(spec, new)

    def _live(self, spec: TableSpec, row) -> bool:
        ix = spec.index
        return all(not row[ix[c]] for c in spec.live) and all(row[ix[k]] is not None for k in spec.key)

    def _step_aside(self, spec: TableSpec, changed: dict) -> None:
        """Rows that are one thing by their key: the smaller UUID survives."""
        ix, t = spec.index, spec.name
        key_of = lambda row: tuple(row[ix[k]] for k in spec.key)
        kp = ", ".join(f'p."{k}"' for k in spec.key)
        kl = ", ".join(f'l."{k}"' for k in spec.key)
        ks = ", ".join(f'"{k}"' for k in spec.key)
        changed_ids = json.dumps(list(changed))
        keys = {tuple(r) for r in self.q(
            f'SELECT {ks} FROM (SELECT {kp} FROM {SCHEMA}."{t}" p WHERE p.id NOT IN (SELECT id FROM main."{t}") '
            f'AND {_live_sql(spec, "p")} UNION ALL SELECT {kl} FROM main."{t}" l WHERE {_live_sql(spec, "l")} '
            f"AND l.id NOT IN {_IN}) GROUP BY {ks} HAVING count(*) > 1", (changed_ids,))}
        keys |= {key_of(m) for _, m in changed.values() if self._live(spec, m)}
        if not keys:
            return
        sel = ", ".join(f"json_extract(value, '$[{n}]')" for n in range(len(spec.key)))
        wanted = (json.dumps([list(k) for k in keys], ensure_ascii=False),)
        groups: dict = defaultdict(dict)
        new = {r[0]: r for r in self._new_rows(spec, f"({kp}) IN (SELECT {sel} FROM json_each(?)) AND "
                                                     f"{_live_sql(spec, 'p')}", wanted)}
        for r in self.q(f'SELECT {_cols(spec, "l")} FROM main."{t}" l WHERE ({kl}) IN (SELECT {sel} FROM json_each(?)) '
                        f"AND {_live_sql(spec, 'l')}", wanted):
            if r[0] not in changed:
                groups[key_of(r)][r[0]] = ("local", r)
        for i, r in new.items():
            groups[key_of(r)][i] = ("new", r)
        for i, (_, m) in changed.items():
            if self._live(spec, m):
                groups[key_of(m)][i] = ("changed", m)
        touched = {}

        def editable(rid: str) -> list:
            """The row to change: a new row (written back to the package copy) or one to update."""
            where, row = groups_of[rid]
            if where == "local":
                if rid not in changed:
                    changed[rid] = (row, list(row))
                return changed[rid][1]
            if where == "new":
                touched[rid] = row
            return row
        for members in groups.values():
            if len(members) < 2:
                continue
            groups_of = members
            survivor = min(members)
            for loser_id in sorted(members):
                if loser_id == survivor:
                    continue
                row = editable(loser_id)
                if spec.loser.to_survivor and spec.name == "person":
                    self._fill(spec, editable(survivor), row)
                value = survivor if spec.loser.to_survivor else 1
                self.set_field(spec, row, spec.loser.column, value, self.fresh(row, spec))
                for child, column in children_of(t):
                    self.repoint[child.name][column][loser_id] = survivor
        self._put_back(spec, list(touched.values()))

    def _fill(self, spec: TableSpec, keep: list, drop: list) -> None:
        """As merging two records of one person by hand does (core.people.merge_people): the
        survivor's empty fields take the other's values. Both PCs fill the same, so they agree."""
        ix = spec.index
        for f in spec.data_columns:
            if f in (spec.loser.column, "id_number"):
                continue
            if keep[ix[f]] in (None, "") and drop[ix[f]] not in (None, ""):
                self.set_field(spec, keep, f, drop[ix[f]], self.fresh(keep, spec))

    def _write(self, spec: TableSpec, changed: dict, fresh_table: bool = False) -> None:
        ix, t = spec.index, spec.name
        places = self.places.of(t)
        names = self.places.village_names
        village = lambda rid: names.get((places.get(rid) or (None, None))[1])
        sets = ", ".join(f'"{c}" = ?' for c in spec.columns[1:])
        update = f'UPDATE main."{t}" SET {sets} WHERE id = ?'
        # rows that stop being live first, new rows next, rows that become live last: a unique index
        # never sees two live rows of one key mid-way
        stepping = [(*m[1:], i) for i, (_, m) in changed.items() if not self._live(spec, m)]
        staying = [(*m[1:], i) for i, (_, m) in changed.items() if self._live(spec, m)]
        if stepping:
            self.db.cursor().executemany(update, stepping)
        is_new = "1" if fresh_table else f'p.id NOT IN (SELECT id FROM main."{t}")'
        added = self.q(f'SELECT p.id FROM {SCHEMA}."{t}" p WHERE {is_new} AND NOT p.deleted')
        cols = ", ".join(f'"{c}"' for c in spec.columns)
        self.db.execute_sql(f'INSERT INTO main."{t}" ({cols}) SELECT {_cols(spec, "p")} FROM {SCHEMA}."{t}" p '
                            f"WHERE {is_new}")
        if staying:
            self.db.cursor().executemany(update, staying)
        per_village = Counter((places.get(rid) or (None, None))[1] for (rid,) in added)
        for vid, count in per_village.items():
            self.report.count("added", t, names.get(vid), count)
        for rid, (old, row) in changed.items():
            stamps = json.loads(row[ix["clocks"]] or "{}")
            for f in (*spec.data_columns, "deleted"):
                if old[ix[f]] != row[ix[f]]:
                    self.history.append((t, rid, f, encode_value(old[ix[f]]), encode_value(row[ix[f]]),
                                         stamps.get(f, row[ix["created_at"]]), "sync"))
            if row[ix["deleted"]] and not old[ix["deleted"]]:
                self.report.count("deleted", t, village(rid))
            else:
                self.report.count("updated", t, village(rid))

    def flush_history(self) -> None:
        if self.history:
            self.db.cursor().executemany(
                'INSERT INTO main.history ("table", row_id, field, old_value, new_value, stamp, source) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)", self.history)
            self.history = []


def merge(database, sender_vector: dict, local_vector: dict, report: Report, places, progress=None) -> None:
    """Merge the attached package (already normalised and scope-checked) in the caller's transaction."""
    limit = future_limit()
    newest_ok = ""
    # a row stepping aside may point to its survivor before the survivor's INSERT (the unique index
    # wants it out of the way first): foreign keys are checked at commit instead
    database.execute_sql("PRAGMA defer_foreign_keys = ON")
    merger = Merger(database, sender_vector, local_vector, report, places)
    for spec in specs():
        t = spec.name
        for node, count in database.execute_sql(
                f'SELECT substr(modified_at, 23), count(*) FROM {SCHEMA}."{t}" WHERE modified_at > ? GROUP BY 1',
                (limit,)).fetchall():
            report.future += count
            report.future_nodes.add(node)
        m = database.execute_sql(f'SELECT max(modified_at) FROM {SCHEMA}."{t}" WHERE modified_at <= ?',
                                 (limit,)).fetchone()[0]
        newest_ok = max(newest_ok, m or "")
        if progress:
            progress(t)
        merger.table(spec)
    merger.flush_history()
    if newest_ok:       # like receiving a message: this installation's next stamps sort after these
        from rural_cadre_desktop.core import store
        store.clock().observe(newest_ok)
        hwm = database.execute_sql("SELECT value FROM main.setting WHERE key = ?", (store.HWM_KEY,)).fetchone()
        if not hwm or (hwm[0] or "") < newest_ok:
            database.execute_sql("INSERT OR REPLACE INTO main.setting (key, value) VALUES (?, ?)",
                                 (store.HWM_KEY, newest_ok))
