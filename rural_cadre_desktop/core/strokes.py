"""姓氏笔画 ordering for official rosters: by the surname's stroke count, then the given name's
characters' stroke counts, then pinyin as the final tie-break.

The strict GB/T rule breaks ties of equal stroke count by the first stroke (横竖撇点折); Unihan has
no stroke-order data under a permissive licence, so pinyin stands in for that last step.
Counts come from resources/strokes.txt (Unihan kTotalStrokes, build/tools/gen_strokes.py).
"""
from __future__ import annotations

from functools import lru_cache

from rural_cadre_desktop.core.paths import resources_dir


@lru_cache(maxsize=1)
def _table() -> dict[str, int]:
    table = {}
    with open(resources_dir() / "strokes.txt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            n, chars = line.rstrip("\n").split("\t")
            count = int(n)
            for ch in chars:
                table[ch] = count
    return table


def strokes(ch: str) -> int:
    """Total strokes of one character; 99 for what is not a Han character (sorts last)."""
    return _table().get(ch, 99)


def stroke_key(name: str, initials: str | None = None) -> str:
    """A sortable string: two digits per character (surname first), then the pinyin initials as
    the tie-break. Pass `initials` when the caller has already computed them (the importer)."""
    if initials is None:
        from rural_cadre_desktop.core.people import name_initials
        initials = name_initials(name)
    t = _table()
    return "".join(f"{t.get(c, 99):02d}" for c in name[:6]) + "|" + initials
