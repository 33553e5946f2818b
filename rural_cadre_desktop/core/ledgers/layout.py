"""Finding the header in a sheet as offices make them, and mapping its columns to fields.

Above the header there may be a title, a 填报单位 line and a date; the header may span two rows
with merged parent cells (是否有意愿 over 返乡 / 创业); below the data come 合计 and 填表人 rows.
The header row is the one (among the first 40) naming the most known fields, and it must name
姓名. A mapping the user corrected is remembered per kind and header signature (core.settings).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.reader import Sheet
from rural_cadre_desktop.core.ledgers.synonyms import match_header, norm_header

SCAN_ROWS = 40
MIN_FIELDS = 2          # 姓名 plus at least one more named field
TOTAL_WORDS = ("合计", "总计", "小计")


@dataclass
class Layout:
    sheet: int                      # index into the workbook's sheets
    header_row: int                 # 0-based first header row
    data_start: int                 # 0-based first row after the header
    labels: list[str]               # one combined label per column ("是否有意愿/返乡")
    mapping: dict[int, str] = field(default_factory=dict)    # column -> field key
    remembered: bool = False        # mapping came from a saved correction

    @property
    def signature(self) -> str:
        text = "|".join(norm_header(x) for x in self.labels)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    def column_of(self, key: str) -> int | None:
        for col, k in self.mapping.items():
            if k == key:
                return col
        return None


def _text(v) -> str:
    return "" if v is None else str(v).strip()


def _row_mapping(cells: list[str], kind: str) -> dict[int, str]:
    out, used = {}, set()
    for col, text in enumerate(cells):
        key = match_header(text, kind)
        if key and (key not in used or key == "ignore.seq"):
            out[col] = key
            used.add(key)
    return out


def _score(mapping: dict[int, str]) -> int:
    keys = set(mapping.values())
    if "person.name" not in keys:
        return 0
    return len(keys - {"ignore.seq"})


def _two_row(rows: list[list], r: int, kind: str, top: list[str]) -> tuple[list[str], dict[int, str]] | None:
    """Labels and mapping when row r+1 continues the header (sub-columns under merged parents)."""
    if r + 1 >= len(rows):
        return None
    sub = [_text(v) for v in rows[r + 1]] + [""] * max(0, len(top) - len(rows[r + 1]))
    first = next((s for s in sub if s), "")
    if first.replace(" ", "").replace("\u3000", "").startswith(TOTAL_WORDS):
        return None               # a 合计 row right under a one-row header (empty sheet): not a header
    name_col = next((c for c, k in _row_mapping(top, kind).items() if k == "person.name"), None)
    if name_col is None or sub[name_col] not in ("", top[name_col]):
        return None               # the next row carries a name: it is data
    if any(s and s.replace(".", "").isdigit() for s in sub):
        return None               # numbers under the header: data or a column-number row
    labels, mapping, used = [], {}, set()
    for col, (t, s) in enumerate(zip(top, sub)):
        if not s or s == t:
            label, tries = t, [t]
        else:
            label, tries = (f"{t}/{s}" if t else s), [s, t + s, t]
        labels.append(label)
        for cand in tries:
            key = match_header(cand, kind)
            if key and (key not in used or key == "ignore.seq"):
                mapping[col] = key
                used.add(key)
                break
    return labels, mapping


def find_layout(sheet: Sheet, kind: str, index: int = 0) -> Layout | None:
    best: Layout | None = None
    best_score = 0
    for r, row in enumerate(sheet.rows[:SCAN_ROWS]):
        top = [_text(v) for v in row]
        mapping = _row_mapping(top, kind)
        score = _score(mapping)
        if score < MIN_FIELDS or score <= best_score:
            continue
        layout = Layout(index, r, r + 1, top, mapping)
        two = _two_row(sheet.rows, r, kind, top)
        if two is not None and _score(two[1]) >= score:
            layout = Layout(index, r, r + 2, two[0], two[1])
            score = _score(two[1])
        best, best_score = layout, score
    return best


def _setting_key(kind: str, signature: str) -> str:
    return f"ledger_mapping.{kind}.{signature}"


def load_mapping(kind: str, signature: str) -> dict[int, str] | None:
    raw = settings.get(_setting_key(kind, signature))
    if not raw:
        return None
    try:
        return {int(c): k for c, k in json.loads(raw).items() if k}
    except (ValueError, AttributeError):
        return None


def save_mapping(kind: str, layout: Layout) -> None:
    """Remember a corrected mapping for the next file with the same header."""
    settings.put(_setting_key(kind, layout.signature),
                 json.dumps({str(c): k for c, k in sorted(layout.mapping.items())}, ensure_ascii=False))


def check_mapping(mapping: dict[int, str], sheet: str = "") -> None:
    where = f"工作表“{sheet}”的" if sheet else ""
    keys = [k for k in mapping.values() if k != "ignore.seq"]
    if "person.name" not in keys:
        raise UserError(f"{where}列对应中没有“姓名”列，请指定哪一列是姓名", "the column mapping has no name column")
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        from rural_cadre_desktop.core.ledgers.synonyms import field_label
        raise UserError(f"{where}有多列对应到同一项：{'、'.join(field_label(k) for k in sorted(dup))}，请改正",
                        f"several columns map to {', '.join(sorted(dup))}")


def unmapped_columns(layout: Layout) -> list[str]:
    """The header wordings of the columns nothing will be read from (shown before any write, so a
    所属村居 or 返乡状态 column the table does not know is seen, not silently dropped)."""
    return [label for col, label in enumerate(layout.labels)
            if label and label.strip() and col not in layout.mapping]
