"""What the database already holds that an import matches against, loaded with one query per
table into dicts (no per-row ORM objects): villages of the home township, live people by
身份证号 and by name + birth date + village, and the records of the kind being imported."""
from __future__ import annotations

from rural_cadre_desktop.core import regions
from rural_cadre_desktop.core.db import database
from rural_cadre_desktop.core.errors import UserError

PERSON_COLS = ("name", "id_number", "sex", "birth_date", "ethnicity", "political_status", "party_join_date",
               "education", "phone", "native_place", "birthplace", "address", "current_post", "specialty",
               "health", "village_id")
RECORD_COLS = {
    "returnees": ("returnee", ("status", "return_date", "work_place", "industry", "enterprise", "position",
                               "business_scale", "business_registered_date", "wants_return", "wants_business",
                               "wants_party", "wants_cadre", "honorary_role", "contact_cadre", "mentor",
                               "remarks")),
    "reserves": ("reserve_cadre", ("village_id", "track", "status", "entered_date", "recommended_by",
                                   "cultivation", "mentor", "remarks")),
    "attendance": ("attendance", ("exam_result", "remarks")),
}
BOOL_COLS = {"wants_return", "wants_business", "wants_party", "wants_cadre"}


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
        table, cols = RECORD_COLS[kind]
        where = "deleted = 0"
        params: tuple = ()
        if kind == "reserves":
            where += " AND status = 'active'"
        if kind == "attendance":
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
        if kind == "reserves" and village_id:          # the membership in this village, if any
            return next((r for r in recs if r.get("village_id") == village_id), recs[0])
        return recs[0]
