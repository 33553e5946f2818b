"""村两委成员: a person's posts in a village with term dates (term_end empty = 现任)."""
from __future__ import annotations

from rural_cadre_desktop.core import codes, fields
from rural_cadre_desktop.core.kinds.common import PERSON, PERSON_MORE, SYNC, VILLAGE, deleted, person_joins
from rural_cadre_desktop.core.kinds.spec import Col, Export, FormSpec, RecordKind, form_col

CADRES = RecordKind(
    "cadres", "村两委成员", "VillageCadre",
    Export("vc", (Col("id", "vc.id"), *PERSON, *PERSON_MORE, *VILLAGE,
                  Col("post", "vc.post"), Col("holds_both_posts", "vc.holds_both_posts", "bool"),
                  Col("term_start", "vc.term_start"), Col("term_end", "vc.term_end"),
                  Col("current", "(vc.term_end IS NULL)", "bool"), deleted("vc"), *SYNC),
           person_joins("vc", "vc.village_id"), "vc.rowid"),
    fields.CADRE_FIELDS, person_bearing=True, own_village=True, parents=("person",),
    forms=(FormSpec("cadres", "村两委成员", (
        form_col("cadre.post", "职务", "enum", source="post", enum=codes.CADRE_POSTS,
                 synonyms=(("职务", "现任职务", "村内职务", "任职情况"), ())),
        form_col("cadre.holds_both_posts", "是否“一肩挑”", "yesno", source="holds_both_posts",
                 synonyms=(("是否一肩挑", "一肩挑"), ("一肩挑",))),
        form_col("cadre.term_start", "任职时间", "date", source="term_start",
                 synonyms=(("任职时间", "任现职时间"), ("任职时",))),
    ), match="returnees"),),
)

KINDS = (CADRES,)
