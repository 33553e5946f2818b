"""Reading a superior's blank form: where its header is, what each column asks for, and what lies
below it (a sample row, pre-drawn empty rows, a 合计 row, 填表人 lines).

Header rows are found by the ledger importer's detector (core.ledgers.layout.find_layout) on the
sheet's values with merged cells filled in; a header whose cells are merged down over a second
row is taken as two rows even when the second row's wordings are unknown to the importer. Columns
are mapped with the importer's synonym table plus EXTRA_SYNONYMS; a column that maps to nothing
(or to a field an earlier column already took) stays unmapped and is reported, never guessed.
A mapping the user corrected is remembered per kind and header signature (core.settings).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.layout import find_layout
from rural_cadre_desktop.core.ledgers.reader import Sheet
from rural_cadre_desktop.core.ledgers.synonyms import match_header, norm_header
from rural_cadre_desktop.core.templates.columns import EXTRA_SYNONYMS, KINDS, column_index

_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_QUOTES = re.compile(r"[“”\"'‘’《》「」]")
_TOTAL = re.compile(r"^(合计|总计|小计|共计)")
_FOOTER = re.compile(r"^(填表人|填报人|审核人|制表人|负责人|联系人|单位负责人|分管领导|注[:：]|说明[:：]|备注[:：]|"
                     r"填报日期|填表日期|填表时间|报送日期|（?盖章）?)")
SETTING_PREFIX = "template_mapping."


def _norm(text) -> str:
    return _QUOTES.sub("", norm_header(text))


_EXTRA_EXACT: dict[str, list[str]] = {}
for _key, (_names, _) in EXTRA_SYNONYMS.items():
    for _n in _names:
        _EXTRA_EXACT.setdefault(_norm(_n), []).append(_key)


def match_column(text, kind: str) -> str | None:
    """The column key a header wording names for this kind, or None."""
    allowed = column_index(kind)
    h = _norm(text)
    if not h or h.isdigit():
        return None
    for cand in (h, _BRACKETS.sub("", h)):
        for key in _EXTRA_EXACT.get(cand, ()):
            if key in allowed:
                return key
    base = match_header(text, KINDS[kind][1])
    if base and base in allowed:
        return base
    for key, (_, words) in EXTRA_SYNONYMS.items():
        if key in allowed and any(_norm(w) in h for w in words):
            return key
    return None


@dataclass
class TemplateColumn:
    col: int                 # 1-based sheet column
    label: str               # the header's wording ("联系方式/手机" for a two-row header)
    key: str | None          # mapped column key, None when unmapped
    sample: object = None    # the sample row's value in this column, if any


@dataclass
class TemplateLayout:
    sheet: str
    header_top: int          # 1-based rows
    header_bottom: int
    body_start: int          # first row under the header
    body_end: int            # last row of the sample / pre-drawn rows (body_start - 1 when none)
    tail_start: int | None   # first 合计 / 填表人 row, moved below the data
    total_row: int | None
    columns: list[TemplateColumn] = field(default_factory=list)
    has_sample: bool = False
    remembered: bool = False

    @property
    def signature(self) -> str:
        text = "|".join(_norm(c.label) for c in self.columns)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    @property
    def mapping(self) -> dict[int, str | None]:
        return {c.col: c.key for c in self.columns}

    @property
    def unmapped(self) -> list[TemplateColumn]:
        return [c for c in self.columns if c.key is None]


def sheet_values(ws) -> list[list]:
    """The sheet's values as the ledger reader gives them: "" for empty, merged ranges filled."""
    rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        value = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(rows) else ""
        if value == "":
            continue
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            row = rows[r]
            row.extend([""] * max(0, rng.max_col - len(row)))
            for c in range(rng.min_col - 1, rng.max_col):
                if row[c] == "":
                    row[c] = value
    return rows


def _text(v) -> str:
    return "" if v is None else str(v).strip()


def _row_kind(cells: list) -> str:
    texts = [_norm(c) for c in cells if _text(c)]
    if any(_TOTAL.match(t) for t in texts[:3]):
        return "total"
    if texts and any(_FOOTER.match(_text(c).replace(" ", "")) for c in cells if _text(c)):
        return "footer"
    return "body"


_LABELLED = re.compile(r"[\u4e00-\u9fff）)][:：]|[（(](盖章|签字|签名|公章)[)）]|^注\s*\d|^说明|说明$")


def _is_note(raw: list, mapped: set[int], wide: set[int]) -> bool:
    """A row under the table that is no data row, whatever its wording (填表说明：…, 注1., 此表一式
    两份, 填表人/审核人 lines, signatures): a label with a colon or (盖章)/(签字), one text merged
    across columns, or one long text. `raw`: the row's own values (merged cells not filled in);
    `wide`: its 0-based columns where a merge over several columns starts."""
    texts = [(i, _text(v)) for i, v in enumerate(raw) if _text(v)]
    if not texts:
        return False
    if any(_LABELLED.search(t.replace(" ", "")) for _, t in texts):
        return True
    if len(texts) == 1:
        col, t = texts[0]
        return col in wide or col + 1 not in mapped or len(t) > 12
    return False


def find_template(ws, kind: str) -> TemplateLayout | None:
    """The layout of one worksheet, or None when it has no header naming 姓名 and another field."""
    rows = sheet_values(ws)
    lay = find_layout(Sheet(ws.title, rows), KINDS[kind][1])
    if lay is None:
        return None
    top = lay.header_row                     # 0-based
    merges = ws.merged_cells.ranges
    if lay.data_start - top == 2 and _row_kind(rows[top + 1]) != "body":
        lay.data_start = top + 1             # a 合计 row straight under the header is no sub-header
    if lay.data_start - top == 1 and top > 0 and any(r.min_row == top and r.max_row >= top + 1 for r in merges):
        top -= 1       # the parent row (基本情况 over 身份证号 / 村别) names too few fields to be chosen alone
    two = lay.data_start - top == 2 or any(r.min_row == top + 1 and r.max_row >= top + 2 for r in merges)
    bottom = top + (1 if two else 0)
    width = max((i + 1 for i, v in enumerate(rows[top]) if _text(v)), default=0)
    if two:
        width = max(width, max((i + 1 for i, v in enumerate(rows[bottom]) if _text(v)), default=0))
    cols, used = [], set()
    for c in range(width):
        t = _text(rows[top][c]) if c < len(rows[top]) else ""
        s = _text(rows[bottom][c]) if two and c < len(rows[bottom]) else t
        if not t and not s:
            continue
        if s and s != t:
            label, tries = (f"{t}/{s}" if t else s), [s, t + s, t]
            if "意愿" in t or "意向" in t:       # 是否有意愿 over 返乡 / 入党: "返乡意愿"
                tries.insert(1, s + "意愿")
        else:
            label, tries = t, [t]
        key = next((k for k in (match_column(x, kind) for x in tries) if k and (k not in used or k == "ignore.seq")),
                   None)
        if key:
            used.add(key)
        cols.append(TemplateColumn(c + 1, label, key))
    body_start = bottom + 2
    raw = [list(r) for r in ws.iter_rows(min_row=1, max_row=len(rows), values_only=True)]
    wide: dict[int, set[int]] = {}
    for m in merges:
        if m.max_col > m.min_col:
            wide.setdefault(m.min_row - 1, set()).add(m.min_col - 1)
    mapped = {c.col for c in cols if c.key}
    tail = next((i + 1 for i in range(bottom + 1, len(rows))
                 if _row_kind(rows[i]) != "body" or _is_note(raw[i], mapped, wide.get(i, set()))), None)
    body_end = (tail - 1) if tail else _last_styled_row(ws, len(rows), body_start)
    total = next((i + 1 for i in range((tail or 1) - 1, len(rows)) if _row_kind(rows[i]) == "total"), None) \
        if tail else None
    layout = TemplateLayout(ws.title, top + 1, bottom + 1, body_start, body_end, tail, total, cols)
    if body_end >= body_start:
        first = rows[body_start - 1]
        samples = {c.col: first[c.col - 1] for c in cols if c.col - 1 < len(first) and _text(first[c.col - 1])}
        layout.has_sample = any(c.key not in (None, "ignore.seq") and c.col in samples for c in cols)
        if layout.has_sample:
            for c in cols:
                c.sample = samples.get(c.col)
    return layout


def _last_styled_row(ws, nrows: int, start: int) -> int:
    """Pre-drawn empty rows of a blank form end where the sheet's rows end."""
    return max(start - 1, nrows)


def detect_template(wb, kind: str) -> TemplateLayout:
    """The best-matching sheet's layout, with a remembered correction applied."""
    if kind not in KINDS:
        raise UserError(f"记录类别只能是 {'、'.join(KINDS)}", f"kind must be one of {', '.join(KINDS)}")
    found = [lay for ws in wb.worksheets if (lay := find_template(ws, kind)) is not None]
    if not found:
        raise UserError("没有找到表头：表格前40行中应有一行写着“姓名”“身份证号”等列名。请检查是否选对了文件",
                        "no header row found (a row naming 姓名 and other known columns)")
    best = max(found, key=lambda lay: sum(1 for c in lay.columns if c.key))
    saved = load_mapping(kind, best.signature)
    if saved is not None:
        for c in best.columns:
            c.key = saved.get(c.col, c.key) or None
        best.remembered = True
    return best


def load_mapping(kind: str, signature: str) -> dict[int, str | None] | None:
    raw = settings.get(f"{SETTING_PREFIX}{kind}.{signature}")
    if not raw:
        return None
    try:
        return {int(c): (k or None) for c, k in json.loads(raw).items()}
    except (ValueError, AttributeError):
        return None


def save_mapping(kind: str, layout: TemplateLayout) -> None:
    """Remember the user's corrections for the next form with the same header."""
    allowed = column_index(kind)
    bad = [c.key for c in layout.columns if c.key and c.key not in allowed]
    if bad:
        raise UserError(f"“{bad[0]}”不是{KINDS[kind][0]}的栏目", f"{bad[0]} is not a column of {kind}")
    settings.put(f"{SETTING_PREFIX}{kind}.{layout.signature}",
                 json.dumps({str(c.col): c.key or "" for c in layout.columns}, ensure_ascii=False))
