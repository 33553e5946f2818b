"""What the database already holds that an import matches against, loaded with one query per
table into dicts (no per-row ORM objects): villages of the home township, live people by
身份证号 and by name + birth date + village, and the records of the kind being imported."""
from __future__ import annotations

from rural_cadre_desktop.core import kinds, regions
from rural_cadre_desktop.core.db import database
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.kinds.common import PERSON_IMPORT
from rural_cadre_desktop.core.kinds.spec import RecordKind

# The person's columns an import fills (core/kinds/common.PERSON_IMPORT), name first, village last.
PERSON_COLS = (*(f.field for f in PERSON_IMPORT), "village_id")


def record_cols(kind: RecordKind) -> tuple[str, ...]:
    """The record columns an import of `kind` writes and compares: its own village (a membership,
    a post), the sheet's fields, and the columns it has defaults for (core/kinds ImportSpec)."""
    imp = kind.importer
    cols = ["village_id"] if kind.own_village else []
    cols += [f.field for f in imp.fields]
    cols += [c for c in imp.defaults if c not in cols]
    return tuple(cols)


# Yes/no columns an import writes: stored 0/1, compared and updated as booleans.
BOOL_COLS = frozenset(f.field for k in kinds.importable() for f in k.importer.fields
                      if k.specs[f.field].type == "bool")


class Existing:
    def __init__(self, kind: str, training_id: str | None = None):
        self.kind = kind
        self.training_id = training_id
        township = regions.home_township()
        if township is None:
            raise UserError("数据库还没有设置本乡镇，请先运行 init --county 县名 --township 乡镇名",
                            "database is not set up; run init first")
        self.township = township
        self.villages: dict[str, str] = {}
        for vid, norm, merged in database.execute_sql(
                "SELECT id, norm_name, merged_into_id FROM village WHERE deleted = 0 AND township_id = ?",
                (township.id,)).fetchall():
            if merged:                 # an old name leads to the village it became part of
                self.villages.setdefault(norm, merged)
            else:
                self.villages[norm] = vid
        self.people: dict[str, tuple] = {}
        self.person_by_id: dict[str, str] = {}
        self.person_by_nbv: dict[tuple, str] = {}
        sql = (f"SELECT id, {', '.join(PERSON_COLS)} FROM person "
               "WHERE deleted = 0 AND alias_of_id IS NULL")
        for row in database.execute_sql(sql).fetchall():
            pid = row[0]
            self.people[pid] = row[1:]
            if row[2]:
                self.person_by_id[row[2]] = pid
            self.person_by_nbv.setdefault((row[1], row[4], row[-1]), pid)
        self.records: dict[str, list[dict]] = {}
        rk = kinds.import_kind(kind)
        self.own_village = rk.own_village
        table, cols = rk.table, record_cols(rk)
        where = rk.importer.live
        params: tuple = ()
        if rk.importer.training:
            where += " AND training_id = ?"
            params = (training_id,)
        for row in database.execute_sql(f"SELECT person_id, id, {', '.join(cols)} FROM {table} WHERE {where}",
                                        params).fetchall():
            rec = {"id": row[1]}
            for c, v in zip(cols, row[2:]):
                rec[c] = bool(v) if c in BOOL_COLS and v is not None else v
            self.records.setdefault(row[0], []).append(rec)

    def person_values(self, pid: str) -> dict:
        return dict(zip(PERSON_COLS, self.people[pid]))

    def record_for(self, kind: str, pid: str, village_id: str | None) -> dict | None:
        recs = self.records.get(pid)
        if not recs:
            return None
        if self.own_village and village_id:          # the membership (post) in this village, if any
            return next((r for r in recs if r.get("village_id") == village_id), recs[0])
        return recs[0]
