"""Which sheets of a workbook carry a ledger, and the village each one stands for.

Offices send one sheet per village (named after it, or titled 柳树村返乡人员台账) with the same
header and no village column, often beside a 说明 sheet and a 汇总/总表 sheet that repeats the
village sheets' rows. Every sheet whose header names 姓名 and another field is read; the others
are listed with the reason they were skipped; a summary is skipped when village sheets exist (it
would count everyone twice). A sheet's village fills the rows that name none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.layout import Layout, find_layout, load_mapping
from rural_cadre_desktop.core.ledgers.reader import Sheet

SUMMARY_WORDS = ("汇总", "总表", "合计", "总台账", "全镇", "全乡")
_GENERIC = re.compile(r"^(sheet|工作表|表|台账|数据|data|page|名单|花名册)\s*\d*$", re.IGNORECASE)
_VILLAGE_END = ("村", "社区", "居委会", "村委会", "村民委员会", "居民委员会")
# In a title: the part before 村/社区 after the county/township/乡村振兴 words are cut off.
_TITLE_VILLAGE = re.compile(r"([\u4e00-\u9fff]{1,8}?(?:村委会|村|社区))")
_ADMIN_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:县|镇|街道|办事处)(?=[\u4e00-\u9fff]+?(?:村|社区))")
_TITLE_NOISE = re.compile(r"乡村振兴|乡村|农村|村级|村两委|村干部|驻村|村\(社区\)|村（社区）|返乡|回乡|[\s]")


SUMMARY_SKIPPED = "汇总表，其中的人已在各村工作表中，没有重复导入（只导入汇总表请单独选择它，命令行用 --sheet）"


@dataclass
class Part:
    """One sheet to import: its header layout and the village its rows default to."""
    layout: Layout
    name: str                       # the sheet's name
    village: str = ""               # from the sheet's name or title; "" when it names none


def _title_text(sheet: Sheet, layout: Layout) -> str:
    return " ".join(str(v).strip() for row in sheet.rows[:layout.header_row] for v in row
                    if isinstance(v, str) and v.strip())


def is_summary(sheet: Sheet, layout: Layout) -> bool:
    title = _title_text(sheet, layout)
    return any(w in sheet.name for w in SUMMARY_WORDS) or any(w in title for w in ("汇总", "总表"))


def _strip_regions(text: str, township_words: tuple[str, ...]) -> str:
    for w in township_words:
        if w:
            text = text.replace(w, " ")
    return _TITLE_NOISE.sub(" ", text)


def village_of(sheet: Sheet, layout: Layout, several: bool, township_words: tuple[str, ...] = ()) -> str:
    """The village a sheet stands for: its name when it reads as one (any name when the workbook
    has several ledger sheets, unless generic like Sheet1), else the first 某某村 in its title."""
    name = sheet.name.strip()
    if name and not _GENERIC.match(name) and not any(w in name for w in SUMMARY_WORDS) and \
            (name.endswith(_VILLAGE_END) or several) and len(name) <= 12:
        return name
    title = _strip_regions(_title_text(sheet, layout), township_words)
    for part in re.split(r"[^\u4e00-\u9fff]+", title):
        while (cut := _ADMIN_PREFIX.sub("", part)) != part:      # 洛南县石门镇柳树村 → 柳树村
            part = cut
        m = _TITLE_VILLAGE.match(part)
        if m and len(m.group(1)) >= 2:
            return m.group(1)
    return ""


def _fields(layout: Layout) -> frozenset[str]:
    """The fields a header names, apart from 序号 and 村(社区) (a village sheet may lack the latter)."""
    return frozenset(layout.mapping.values()) - {"ignore.seq", "village"}


def resolve_sheet(sheets: list[Sheet], which) -> int:
    """A sheet chosen by its name or its 1-based number; anything else is refused with the list."""
    names = [s.name for s in sheets]
    text = str(which).strip()
    if text in names:
        return names.index(text)
    if text.isdigit() and 1 <= int(text) <= len(sheets):
        return int(text) - 1
    listing = "、".join(f"{i}. {n}" for i, n in enumerate(names, start=1))
    raise UserError(f"没有工作表“{text}”；本文件的工作表是：{listing}。请用 --sheet 写其中一个的名称或序号（从1数起）",
                    f"no sheet {text!r}; the sheets are: " + ", ".join(f"{i}={n}" for i, n in enumerate(names, 1)))


def _township_words() -> tuple[str, ...]:
    try:
        from rural_cadre_desktop.core import regions
        t = regions.home_township()
    except Exception:  # noqa: BLE001  no database open (detection alone): no words to cut
        return ()
    if t is None:
        return ()
    county = getattr(getattr(t, "county", None), "name", "") or ""
    return tuple(sorted({county, t.name}, key=len, reverse=True))


def detect_parts(sheets: list[Sheet], kind: str, sheet: int | None = None
                 ) -> tuple[list[Part], list[tuple[str, str]]]:
    """(the sheets to import, in order; the skipped ones as (name, reason)). Raises UserError when
    no sheet has a header."""
    candidates = [sheet] if sheet is not None else range(len(sheets))
    found: list[Layout] = []
    skipped: list[tuple[str, str]] = []
    for i in candidates:
        lay = find_layout(sheets[i], kind, i)
        if lay is None:
            empty = not any(v not in ("", None) for row in sheets[i].rows for v in row)
            skipped.append((sheets[i].name, "空白工作表" if empty else "没有找到含“姓名”等列名的表头"))
        else:
            found.append(lay)
    if not found:
        raise UserError("没有找到表头：表格前40行中应有一行写着“姓名”“身份证号”等列名。"
                        "请检查是否选对了文件或工作表",
                        "no header row found (a row naming 姓名 and other known columns)")
    kept = found
    if sheet is None and len(found) > 1:
        # A summary (汇总/总表) repeats the village sheets: skipped when village sheets exist.
        villages = [lay for lay in found if not is_summary(sheets[lay.sheet], lay)]
        if villages:
            skipped += [(sheets[lay.sheet].name, SUMMARY_SKIPPED) for lay in found if lay not in villages]
            kept = villages
        # Village sheets share one header; a sheet with other columns is another ledger (后备干部
        # beside 返乡人员): read only the sheets whose columns are those of the fullest header.
        best = max(kept, key=lambda lay: (len(_fields(lay)), -lay.sheet))
        for lay in list(kept):
            if _fields(lay) != _fields(best):
                skipped.append((sheets[lay.sheet].name, f"表头与工作表“{sheets[best.sheet].name}”不同，不是同一种台账，"
                                                        "没有导入（要导入它请单独选择它，命令行用 --sheet）"))
                kept.remove(lay)
    several = len(kept) > 1
    words = _township_words()
    parts = []
    for lay in kept:
        saved = load_mapping(kind, lay.signature)
        if saved is not None:
            lay.mapping, lay.remembered = saved, True
        s = sheets[lay.sheet]
        parts.append(Part(lay, s.name, village_of(s, lay, several, words)))
    order = {s.name: i for i, s in enumerate(sheets)}
    skipped.sort(key=lambda x: order.get(x[0], 0))
    return parts, skipped
