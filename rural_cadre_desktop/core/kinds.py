"""The record kinds of the command line contract: how each exports (JSON/CSV conventions of
DESIGN.md) and which fields `edit` may change.

Exports are one SQL query per kind with joins, fetched as tuples (peewee model objects cost 2–5×
on 100k rows): `name`, `id_number`, `phone`, `village`, `township` on every person-bearing record;
links as `<x>_id`; enumerations as glossary identifiers; GB/T codes plus `<field>_name`; booleans as
true/false; clocks as ISO 8601 UTC.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rural_cadre_desktop.core import codes, fields
from rural_cadre_desktop.core.clock import stamp_to_iso
from rural_cadre_desktop.core.models import (Activity, AnnualReview, Attendance, Person, ReserveCadre, Returnee,
                                             TrainingSession, Vetting, Village, VillageCadre)

# (json key, SQL expression, converter)
Col = tuple[str, str, str | None]

_SYNC = [("created_at", "{a}.created_at", "clock"), ("modified_at", "{a}.modified_at", "clock"),
         ("modified_by", "{a}.modified_by", None)]
_PERSON = [("person_id", "p.id", None), ("name", "p.name", None), ("id_number", "p.id_number", None),
           ("sex", "p.sex", "code:sex"), ("birth_date", "p.birth_date", None), ("phone", "p.phone", None)]
_PERSON_MORE = [("ethnicity", "p.ethnicity", "code:ethnicity"),
                ("political_status", "p.political_status", "code:political_status"),
                ("education", "p.education", "code:education")]
_VILLAGE = [("village_id", "v.id", None), ("village", "v.name", None), ("township", "t.name", None)]
_PV_JOIN = ("JOIN person p ON p.id = {a}.person_id "
            "LEFT JOIN village v ON v.id = {v} LEFT JOIN township t ON t.id = v.township_id")


@dataclass
class Kind:
    name: str
    label: str
    model: type
    alias: str
    columns: list[Col]
    joins: str = ""
    order: str = ""
    specs: dict[str, fields.FieldSpec] = field(default_factory=dict)
    person_bearing: bool = False

    def sql(self, include_deleted: bool) -> str:
        a = self.alias
        cols = ", ".join(expr.format(a=a) for _, expr, _ in self.columns)
        where = "" if include_deleted else f" WHERE {a}.deleted = 0"
        if self.model is Person and not include_deleted:
            where += " AND p.alias_of_id IS NULL"
        order = f" ORDER BY {self.order.format(a=a)}" if self.order else ""
        return f"SELECT {cols} FROM {self.model._meta.table_name} {a} {self.joins.format(a=a)}{where}{order}"


def _kinds() -> dict[str, Kind]:
    ks = [
        Kind("villages", "村(社区)", Village, "v",
             [("id", "v.id", None), ("name", "v.name", None), ("code", "v.code", None),
              ("township_id", "t.id", None), ("township", "t.name", None), ("county", "c.name", None),
              ("merged_into_id", "v.merged_into_id", None), ("deleted", "v.deleted", "bool")] + _SYNC,
             "JOIN township t ON t.id = v.township_id JOIN county c ON c.id = t.county_id",
             "t.name, v.sort_order, v.name", fields.VILLAGE_FIELDS),
        Kind("people", "人员", Person, "p",
             [("id", "p.id", None), ("name", "p.name", None), ("id_number", "p.id_number", None),
              ("sex", "p.sex", "code:sex"), ("birth_date", "p.birth_date", None), ("phone", "p.phone", None),
              *_PERSON_MORE, *_VILLAGE,
              *[(f, f"p.{f}", None) for f in ("party_join_date", "native_place", "birthplace",
                                             "work_start_date", "health", "tech_title", "specialty",
                                             "current_post", "address", "remarks")],
              ("alias_of_id", "p.alias_of_id", None), ("deleted", "p.deleted", "bool")] + _SYNC,
             "LEFT JOIN village v ON v.id = p.village_id LEFT JOIN township t ON t.id = v.township_id",
             "p.rowid", fields.PERSON_FIELDS, person_bearing=True),
        Kind("returnees", "返乡人员", Returnee, "r",
             [("id", "r.id", None), *_PERSON, *_PERSON_MORE, *_VILLAGE] +
             [(f, f"r.{f}", "bool" if f.startswith(("wants_", "four_")) else None) for f in
              ("status", "return_date", "work_place", "industry", "enterprise", "position", "business_scale",
               "business_registered_date", "wants_return", "wants_business", "wants_party", "wants_cadre",
               "four_political", "four_economic", "four_reputation", "four_hometown", "honorary_role",
               "contact_cadre", "mentor", "startup_subsidy", "loan_guarantee", "remarks")] +
             [("deleted", "r.deleted", "bool")] + _SYNC,
             _PV_JOIN.format(a="r", v="p.village_id"), "r.rowid", fields.RETURNEE_FIELDS, person_bearing=True),
        Kind("activities", "八个一活动", Activity, "a",
             [("id", "a.id", None), ("year", "a.year", None), ("kind", "a.kind", None), ("date", "a.date", None),
              ("place", "a.place", None), ("content", "a.content", None), ("status", "a.status", None),
              ("answer", "a.answer", None), ("village_id", "v.id", None), ("village", "v.name", None),
              ("person_ids", "(SELECT group_concat(ap.person_id, ',') FROM activity_participant ap "
                             "WHERE ap.activity_id = a.id AND ap.deleted = 0)", "list"),
              ("deleted", "a.deleted", "bool")] + _SYNC,
             "LEFT JOIN village v ON v.id = a.village_id", "a.year, a.date, a.rowid", fields.ACTIVITY_FIELDS),
        Kind("reserves", "后备干部", ReserveCadre, "rc",
             [("id", "rc.id", None), *_PERSON, *_PERSON_MORE, *_VILLAGE] +
             [(f, f"rc.{f}", None) for f in ("track", "status", "entered_date", "left_date", "left_reason",
                                             "recommended_by", "cultivation", "mentor", "remarks")] +
             [("deleted", "rc.deleted", "bool")] + _SYNC,
             _PV_JOIN.format(a="rc", v="rc.village_id"), "rc.rowid", fields.RESERVE_FIELDS, person_bearing=True),
        Kind("vettings", "资格联审", Vetting, "vt",
             [("id", "vt.id", None), ("reserve_id", "vt.reserve_id", None), *_PERSON, *_VILLAGE,
              ("step", "vt.step", None), ("date", "vt.date", None), ("result", "vt.result", None),
              ("reviewer", "vt.reviewer", None), ("remarks", "vt.remarks", None),
              ("deleted", "vt.deleted", "bool")] + _SYNC,
             "JOIN reserve_cadre rc ON rc.id = vt.reserve_id " + _PV_JOIN.format(a="rc", v="rc.village_id"),
             "vt.rowid", fields.VETTING_FIELDS),
        Kind("reviews", "年度考察评议", AnnualReview, "ar",
             [("id", "ar.id", None), ("reserve_id", "ar.reserve_id", None), *_PERSON, *_VILLAGE,
              ("year", "ar.year", None), ("rating", "ar.rating", None), ("reviewer", "ar.reviewer", None),
              ("negative_list", "ar.negative_list", None), ("remarks", "ar.remarks", None),
              ("deleted", "ar.deleted", "bool")] + _SYNC,
             "JOIN reserve_cadre rc ON rc.id = ar.reserve_id " + _PV_JOIN.format(a="rc", v="rc.village_id"),
             "ar.year, ar.rowid", fields.REVIEW_FIELDS),
        Kind("cadres", "村两委成员", VillageCadre, "vc",
             [("id", "vc.id", None), *_PERSON, *_PERSON_MORE, *_VILLAGE,
              ("post", "vc.post", None), ("holds_both_posts", "vc.holds_both_posts", "bool"),
              ("term_start", "vc.term_start", None), ("term_end", "vc.term_end", None),
              ("current", "(vc.term_end IS NULL)", "bool"), ("deleted", "vc.deleted", "bool")] + _SYNC,
             _PV_JOIN.format(a="vc", v="vc.village_id"), "vc.rowid", fields.CADRE_FIELDS, person_bearing=True),
        Kind("trainings", "培训班", TrainingSession, "ts",
             [("id", "ts.id", None)] + [(f, f"ts.{f}", None) for f in (
                 "name", "kind", "level", "target", "start_date", "end_date", "days", "place", "organizer")] +
             [("outside_county", "ts.outside_county = '1'", "bool"), ("remarks", "ts.remarks", None),
              ("attendance_count", "(SELECT count(*) FROM attendance at WHERE at.training_id = ts.id "
                                   "AND at.deleted = 0)", None),
              ("deleted", "ts.deleted", "bool")] + _SYNC,
             "", "ts.start_date, ts.rowid", fields.TRAINING_FIELDS),
        Kind("attendance", "参训记录", Attendance, "at",
             [("id", "at.id", None), ("training_id", "at.training_id", None), ("training", "ts.name", None),
              ("training_kind", "ts.kind", None), ("training_level", "ts.level", None),
              ("start_date", "ts.start_date", None), ("days", "ts.days", None),
              *_PERSON, *_VILLAGE, ("exam_result", "at.exam_result", None), ("remarks", "at.remarks", None),
              ("deleted", "at.deleted", "bool")] + _SYNC,
             "JOIN training_session ts ON ts.id = at.training_id " + _PV_JOIN.format(a="at", v="p.village_id"),
             "ts.start_date, at.rowid", fields.ATTENDANCE_FIELDS, person_bearing=True),
    ]
    return {k.name: k for k in ks}


KINDS = _kinds()


def _convert(kind: Kind, cursor_rows, include_deleted: bool) -> list[dict]:
    # One output key list, with each GB/T code's `<field>_name` right after its code.
    plan = []
    for i, (key, _, conv) in enumerate(kind.columns):
        if key == "deleted" and not include_deleted:
            continue
        plan.append((key, i, conv))
        if conv and conv.startswith("code:"):
            plan.append((key + "_name", i, "name:" + conv[5:]))
    names = {c[5:]: codes.CODE_LISTS[c[5:]].codes for _, _, c in kind.columns if c and c.startswith("code:")}
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
    kind = KINDS[kind_name]
    cur = kind.model._meta.database.execute_sql(kind.sql(include_deleted))
    return _convert(kind, cur, include_deleted)
