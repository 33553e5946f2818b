"""人员: one Person per human being (一人一档); every other person-bearing kind points at one."""
from __future__ import annotations

from rural_cadre_desktop.core import fields
from rural_cadre_desktop.core.kinds.common import PERSON_MORE, SYNC, VILLAGE
from rural_cadre_desktop.core.kinds.spec import Col, Export, RecordKind

PEOPLE = RecordKind(
    "people", "人员", "Person",
    Export("p", (Col("id", "p.id"), Col("name", "p.name"), Col("id_number", "p.id_number"),
                 Col("sex", "p.sex", "code:sex"), Col("birth_date", "p.birth_date"), Col("phone", "p.phone"),
                 *PERSON_MORE, *VILLAGE,
                 *(Col(f, f"p.{f}") for f in ("party_join_date", "native_place", "birthplace", "work_start_date",
                                              "health", "tech_title", "specialty", "current_post", "address",
                                              "remarks")),
                 Col("alias_of_id", "p.alias_of_id"), Col("deleted", "p.deleted", "bool"), *SYNC),
           "LEFT JOIN village v ON v.id = p.village_id LEFT JOIN township t ON t.id = v.township_id",
           "p.rowid"),
    fields.PERSON_FIELDS, person_bearing=True)

KINDS = (PEOPLE,)
