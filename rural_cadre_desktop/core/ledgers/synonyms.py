"""Column header names as offices really write them, per field — read from the kinds'
declarations (core/kinds/: common.PERSON_IMPORT for the person, ImportSpec.fields per kind).

Kept apart from the importer so that filling a superior's template can map its columns with the
same table. Keys are "<prefix>.<field>": person.*, returnee.*, reserve.*, attendance.* (each
importable kind's ImportSpec.prefix), plus "village" (the person's 村(社区)) and "ignore.seq" (序号).
Built once at import; matching a header is a few dict lookups.
"""
from __future__ import annotations

import re
import unicodedata

from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.kinds.common import PERSON_IMPORT, SEQ_WORDS, VILLAGE_WORDS
from rural_cadre_desktop.core.validation import to_halfwidth

# field key -> (exact names, words that identify the field when contained in a longer header)
SYNONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ignore.seq": (SEQ_WORDS.names, SEQ_WORDS.words),
    "village": (VILLAGE_WORDS.names, VILLAGE_WORDS.words),
    **{f"person.{f.field}": (f.names, f.words) for f in PERSON_IMPORT},
    **{f"{k.importer.prefix}.{f.field}": (f.names, f.words) for k in kinds.importable() for f in k.importer.fields},
}

# Which field keys each ledger kind takes (order = the order shown in the wizard).
_PERSON = ["village"] + [f"person.{f.field}" for f in PERSON_IMPORT]
KIND_FIELDS: dict[str, list[str]] = {
    k.name: _PERSON + [f"{k.importer.prefix}.{f.field}" for f in k.importer.fields] for k in kinds.importable()}

_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_NOISE = re.compile(r"[\s*＊:：、/\\_\-—.·]")


def norm_header(text) -> str:
    """A header cell reduced to its words: no spaces, line breaks, marks, full-width forms."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", to_halfwidth(str(text)))
    return _NOISE.sub("", s).replace("（", "(").replace("）", ")")


_EXACT: dict[str, list[str]] = {}
for _key, (_names, _) in SYNONYMS.items():
    for _n in _names:
        _EXACT.setdefault(norm_header(_n), []).append(_key)


def match_header(text, kind: str) -> str | None:
    """The field key a header cell names for this ledger kind, or None."""
    allowed = KIND_FIELDS[kind] + ["ignore.seq"]
    h = norm_header(text)
    if not h or h.isdigit():
        return None
    for candidate in (h, _BRACKETS.sub("", h)):
        for key in _EXACT.get(candidate, ()):
            if key in allowed:
                return key
    for key in allowed:
        for word in SYNONYMS[key][1]:
            if word and norm_header(word) in h:
                return key
    return None


def field_label(key: str) -> str:
    """The Chinese name of a field key, as the wizard and reports show it."""
    return SYNONYMS[key][0][0] if key in SYNONYMS else key
