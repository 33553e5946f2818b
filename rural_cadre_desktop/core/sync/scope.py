"""Where a row belongs: its township (by county + township normal names, so two installations that
made the same township separately agree) and its village, for scope checks, township shares and the
per-village import report.

A township key is "县/乡镇" (normal names); a county row's key is "县/"; rows tied to no village
(trainings, a person without a village) are county-wide (None) and belong to every share.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from rural_cadre_desktop.core.sync.tables import by_name


@dataclass(frozen=True)
class Scope:
    role: str           # township / county
    county: str         # normal name
    township: str | None

    @property
    def home(self) -> str | None:
        return f"{self.county}/{self.township}" if self.township else None

    def holds(self, tkey: str | None) -> bool:
        if tkey is None:
            return True
        if self.role == "county" or not self.township:
            return tkey.startswith(self.county + "/")
        return tkey in (self.home, self.county + "/")

    def as_dict(self) -> dict:
        return {"role": self.role, "county": self.county, "township": self.township}


def _local(database, sql: str, ids) -> list:
    if not ids:
        return []
    return database.execute_sql(sql, (json.dumps(sorted(ids)),)).fetchall()


class Places:
    """(township key, village id) of every row of `tables` ({table: (columns, rows)}), looking up
    parents in the local database when the tables do not carry them."""

    def __init__(self, database, tables: dict):
        self.db = database
        self.tables = tables
        cols = {n: {c: i for i, c in enumerate(t[0])} for n, t in tables.items()}
        self._cols = cols
        county = {r[0]: r[1] for r in database.execute_sql("SELECT id, norm_name FROM county")}
        town = {r[0]: (r[1], r[2]) for r in database.execute_sql("SELECT id, county_id, norm_name FROM township")}
        village = {r[0]: (r[1], r[2]) for r in database.execute_sql("SELECT id, township_id, name FROM village")}
        for name, target, pick in (("county", county, ("norm_name",)),
                                   ("township", town, ("county_id", "norm_name")),
                                   ("village", village, ("township_id", "name"))):
            if name in tables:
                c = cols[name]
                idx = [c[p] for p in pick]
                for r in tables[name][1]:
                    target[r[c["id"]]] = r[idx[0]] if len(idx) == 1 else tuple(r[i] for i in idx)
        self.village_names = {k: v[1] for k, v in village.items()}
        self.county_key = {k: f"{v}/" for k, v in county.items()}
        self.town_key = {k: f"{county.get(v[0], '?')}/{v[1]}" for k, v in town.items()}
        self.village_place = {k: (self.town_key.get(v[0]), k) for k, v in village.items()}
        self._cache: dict[str, dict] = {}

    def _rows_place(self, table: str, parent_places: dict, via: str, extra_lookup=None) -> dict:
        if table not in self.tables:
            return {}
        c = self._cols[table]
        i_id, i_via = c["id"], c[via]
        out = {}
        missing = set()
        for r in self.tables[table][1]:
            p = r[i_via]
            if p is None:
                out[r[i_id]] = (None, None)
            elif p in parent_places:
                out[r[i_id]] = parent_places[p]
            else:
                missing.add(p)
        if missing and extra_lookup:
            found = extra_lookup(missing)
            for r in self.tables[table][1]:
                if r[i_id] not in out:
                    out[r[i_id]] = found.get(r[i_via], (None, None))
        return out

    def _local_places(self, table: str, ids) -> dict:
        """Places of local rows of a village-carrying table (person, reserve_cadre)."""
        rows = _local(self.db, f'SELECT id, village_id FROM "{table}" WHERE id IN (SELECT value FROM json_each(?))', ids)
        return {i: self.village_place.get(v, (None, None)) if v else (None, None) for i, v in rows}

    def of(self, table: str) -> dict:
        """{row id: (township key, village id)} for the rows of `table` in the tables given."""
        if table in self._cache:
            return self._cache[table]
        spec = by_name()[table]
        if table == "county":
            out = {r[self._cols[table]["id"]]: (self.county_key.get(r[self._cols[table]["id"]]), None)
                   for r in self.tables.get(table, ((), ()))[1]}
        elif table == "township":
            out = {r[self._cols[table]["id"]]: (self.town_key.get(r[self._cols[table]["id"]]), None)
                   for r in self.tables.get(table, ((), ()))[1]}
        elif table == "village":
            out = {r[self._cols[table]["id"]]: self.village_place[r[self._cols[table]["id"]]]
                   for r in self.tables.get(table, ((), ()))[1]}
        elif spec.scope_via is None:
            out = {r[self._cols[table]["id"]]: (None, None) for r in self.tables.get(table, ((), ()))[1]}
        elif spec.scope_via == "village_id":
            out = self._rows_place(table, self.village_place, "village_id")
        elif spec.scope_via == "reserve_id":
            out = self._rows_place(table, self.of("reserve_cadre"), "reserve_id",
                                   lambda ids: self._local_places("reserve_cadre", ids))
        elif spec.scope_via == "person_id":
            out = self._rows_place(table, self.of("person"), "person_id",
                                   lambda ids: self._local_places("person", ids))
        elif spec.scope_via == "owner_id":
            known = {**self.of("person"), **self.of("reserve_cadre"), **self.of("training_session")}

            def lookup(ids):
                found = {**self._local_places("person", ids), **self._local_places("reserve_cadre", ids)}
                return found
            out = self._rows_place(table, known, "owner_id", lookup)
        else:
            out = {}
        self._cache[table] = out
        return out


def village_sql(table: str) -> str:
    """SELECT id, village id, deleted for every row of `table`, by joins inside one database (a new
    PC's copy holds every parent): the set-based twin of `Places`. County and township rows carry
    their township key instead of a village (see `region_key_sql`)."""
    spec = by_name()[table]
    if table == "village":
        return "SELECT x.id AS id, x.id AS vid, x.deleted AS deleted FROM village x"
    if spec.scope_via == "village_id":
        return f'SELECT x.id AS id, x.village_id AS vid, x.deleted AS deleted FROM "{table}" x'
    if spec.scope_via == "person_id":
        return (f'SELECT x.id AS id, p.village_id AS vid, x.deleted AS deleted FROM "{table}" x '
                "LEFT JOIN person p ON p.id = x.person_id")
    if spec.scope_via == "reserve_id":
        return (f'SELECT x.id AS id, r.village_id AS vid, x.deleted AS deleted FROM "{table}" x '
                "LEFT JOIN reserve_cadre r ON r.id = x.reserve_id")
    if spec.scope_via == "owner_id":
        return (f'SELECT x.id AS id, coalesce(p.village_id, r.village_id) AS vid, x.deleted AS deleted '
                f'FROM "{table}" x LEFT JOIN person p ON p.id = x.owner_id '
                "LEFT JOIN reserve_cadre r ON r.id = x.owner_id")
    return f'SELECT x.id AS id, NULL AS vid, x.deleted AS deleted FROM "{table}" x'


def region_key_sql(table: str) -> str:
    """SELECT id, township key, deleted for county and township rows."""
    if table == "county":
        return "SELECT x.id AS id, x.norm_name || '/' AS tkey, x.deleted AS deleted FROM county x"
    return ("SELECT x.id AS id, c.norm_name || '/' || x.norm_name AS tkey, x.deleted AS deleted "
            "FROM township x LEFT JOIN county c ON c.id = x.county_id")
