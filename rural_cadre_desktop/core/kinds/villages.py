"""村(社区): the region tree's villages (export, edit)."""
from __future__ import annotations

from rural_cadre_desktop.core import fields
from rural_cadre_desktop.core.kinds.common import SYNC
from rural_cadre_desktop.core.kinds.spec import Col, Export, RecordKind

VILLAGES = RecordKind(
    "villages", "村(社区)", "Village",
    Export("v", (Col("id", "v.id"), Col("name", "v.name"), Col("code", "v.code"), Col("township_id", "t.id"),
                 Col("township", "t.name"), Col("county", "c.name"), Col("merged_into_id", "v.merged_into_id"),
                 Col("deleted", "v.deleted", "bool"), *SYNC),
           "JOIN township t ON t.id = v.township_id JOIN county c ON c.id = t.county_id",
           "t.name, v.sort_order, v.name"),
    fields.VILLAGE_FIELDS)

KINDS = (VILLAGES,)
