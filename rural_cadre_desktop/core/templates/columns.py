"""Every column a filled form or a custom report can carry, per form view.

The views and their own columns are declared with their record kinds (core/kinds: each kind's
`forms`, FormSpec/FormColumn); the person's columns (core/kinds/common.FORM_PERSON) and the derived
yearly figures below are offered with every view. Keys are the ledger importer's field keys
(core.ledgers.synonyms: "person.name", "village", "returnee.work_place" …) so its header table maps
a superior's form straight onto them, plus keys for what only output needs: derived figures
("derived.age" at a date, 党龄, this year's "八个一", training days, village coverage) and the
training/activity a row belongs to. A column's `synonyms` are header wordings the import table
lacks (EXTRA_SYNONYMS, checked first: 培训天数 is not read as something else).
"""
from __future__ import annotations

from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.kinds.common import FORM_PERSON
from rural_cadre_desktop.core.kinds.spec import FormColumn as Column
from rural_cadre_desktop.core.kinds.spec import form_col as _c

# view -> (Chinese name, importable kind whose header synonyms apply)
KINDS: dict[str, tuple[str, str]] = {f.name: (f.label, f.match) for f in kinds.fillable()}

SEQ = Column("ignore.seq", "序号", "seq")
PERSON = list(FORM_PERSON)
DERIVED = [
    _c("derived.eight_ones_count", "本年度“八个一”次数", "int", "",
       synonyms=(("八个一次数", "八个一", "八个一活动次数"), ("八个一次",))),
    _c("derived.eight_ones_kinds", "本年度“八个一”内容", "text", "",
       synonyms=(("八个一内容", "八个一情况", "八个一活动", "参加八个一活动情况"), ("八个一",))),
    _c("derived.training_days", "本年度培训天数", "num", "",
       synonyms=(("年度培训天数", "本年度培训天数", "累计培训天数", "培训天数合计"), ("培训天数",))),
    _c("derived.village_secretary_reserve", "本村有无书记后备人选", "yesno", "",
       synonyms=(("有无书记后备人选", "是否有书记后备人选", "书记后备人选"), ("书记后备",))),
]

_BY_KIND = {f.name: PERSON + list(f.columns) + DERIVED for f in kinds.fillable()}


def columns_for(kind: str) -> list[Column]:
    """The catalogue of one kind, 序号 first (the order the column pickers show)."""
    return [SEQ] + _BY_KIND[kind]


def column_index(kind: str) -> dict[str, Column]:
    return {c.key: c for c in columns_for(kind)}


def resolve_column(kind: str, name: str) -> Column | None:
    """A column by key, by the part after the dot ("age"), or by its Chinese label."""
    cols = columns_for(kind)
    name = name.strip()
    for test in (lambda c: c.key == name, lambda c: c.key.split(".", 1)[-1] == name, lambda c: c.label == name):
        hits = [c for c in cols if test(c)]
        if len(hits) == 1:
            return hits[0]
    return None


# Header wordings for keys the importer's table does not know (exact names, contained words), in
# the order they are tried: the person's, the derived figures, then each view's own columns.
EXTRA_SYNONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    c.key: c.synonyms for c in [*PERSON, *DERIVED, *(c for f in kinds.fillable() for c in f.columns)] if c.synonyms}
