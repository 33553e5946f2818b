"""How each value is written into a cell: masks, 是/否, enumeration labels, and dates in the form
the superior's form asks for — read from its sample row, else from the header's wording
(出生年月 → 1985.03, 出生日期 → 1985-03-05, a hint in brackets such as “（格式：1985年3月）”)."""
from __future__ import annotations

import datetime as dt
import re

from rural_cadre_desktop.core.templates.columns import Column
from rural_cadre_desktop.core.validation import DATE_STYLES as _DATE_STYLES
from rural_cadre_desktop.core.validation import mask, render_date, to_halfwidth

# date styles: name -> (example, formatter); one table with core.validation.render_date
DATE_STYLES = _DATE_STYLES
_SHAPES = [
    (re.compile(r"\d{4}\.\d{2}\.\d{1,2}"), "dot_day"), (re.compile(r"\d{4}\.\d{2}"), "dot"),
    (re.compile(r"\d{4}\.\d"), "dot_short"), (re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"), "cn_day"),
    (re.compile(r"\d{4}年\d{1,2}月"), "cn_month"), (re.compile(r"\d{4}-\d{1,2}-\d{1,2}"), "iso"),
    (re.compile(r"\d{4}-\d{1,2}"), "iso_month"), (re.compile(r"\d{4}/\d{1,2}/\d{1,2}"), "slash"),
    (re.compile(r"\d{8}"), "compact"), (re.compile(r"\d{6}"), "compact_month"),
]
_HINTS = [(re.compile(r"x{4}年x{1,2}月x{1,2}日", re.I), "cn_day"), (re.compile(r"x{4}年x{1,2}月", re.I), "cn_month"),
          (re.compile(r"x{4}\.x{2}", re.I), "dot"), (re.compile(r"x{4}-x{2}-x{2}", re.I), "iso"),
          (re.compile(r"yyyy-mm-dd", re.I), "iso"), (re.compile(r"yyyy\.mm", re.I), "dot")]


def style_of_sample(value) -> str | None:
    """The date style a sample cell shows, or None when it is no date."""
    if isinstance(value, (dt.date, dt.datetime)):
        return "excel"
    if not isinstance(value, str):
        return None
    s = to_halfwidth(value.strip())
    for rx, name in _SHAPES:
        if rx.search(s):
            return name
    return None


def style_of_header(text: str) -> str:
    """What the header's wording asks for: an explicit example wins, then 年月 vs 日期."""
    s = to_halfwidth(text or "").replace(" ", "")
    for rx, name in _HINTS:
        if rx.search(s):
            return name
    for rx, name in _SHAPES:
        if rx.search(s):
            return name
    if "日期" in s or "年月日" in s:
        return "iso"
    return "dot"            # 出生年月, 入党时间 …: 1985.03 as 干部任免审批表 writes it


def format_date(value: str | None, style: str):
    """A stored date in the form's style (core.validation.render_date); None for no date."""
    return render_date(value, style) if value else None


def cell_value(col: Column, value, full_id: bool, date_style: str = "dot", seq: int | None = None):
    """What goes into the cell for this column (None leaves it empty)."""
    t = col.type
    if t == "seq":
        return seq
    if value is None or value == "":
        return None
    if col.mask:
        return mask(value, col.mask, full_id)
    if t == "yesno":
        return "是" if value else "否"
    if t == "enum":
        return col.enum.get(value, value) if col.enum else value
    if t == "date":
        return format_date(str(value), date_style)
    if t == "num":
        return int(value) if float(value).is_integer() else value
    return value
