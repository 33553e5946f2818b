"""姓氏笔画 ordering for official rosters, as the national rule sorts names: by the surname's stroke
count; the same count by the order of its strokes (横竖撇点折, first stroke first); the same surname
together; then the given name's characters by the same rule.

Counts come from resources/strokes.txt (Unihan kTotalStrokes, build/tools/gen_strokes.py); stroke
order from resources/stroke_order.txt (cnchar's MIT-licensed data as the five basic strokes,
build/tools/gen_stroke_order.py). A character the order data lacks sorts by its count alone, after
the characters of that count whose order is known.
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


@lru_cache(maxsize=1)
def _orders() -> dict[str, str]:
    with open(resources_dir() / "stroke_order.txt", encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t") for line in f if not line.startswith("#"))


@lru_cache(maxsize=None)
def _char_key(ch: str) -> str:
    """Count (two digits), the basic strokes in order, then the character itself, so that two
    surnames with the same strokes (田 / 由) do not interleave."""
    order = _orders().get(ch, "")
    count = len(order) if order else _table().get(ch, 99)
    return f"{count:02d}{order}{ch}"


def strokes(ch: str) -> int:
    """Total strokes of one character; 99 for what is not a Han character (sorts last)."""
    return _table().get(ch, 99)


def stroke_key(name: str, initials: str | None = None) -> str:
    """A sortable string for 姓氏笔画 order; `initials` is accepted for the callers that pass it and
    no longer needed (the stroke order replaces pinyin as the tie-break)."""
    return "".join(_char_key(c) for c in name[:8])
