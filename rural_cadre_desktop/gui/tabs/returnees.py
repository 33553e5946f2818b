"""返乡人员 tab: the registry of people away from home and those who came back."""
from __future__ import annotations

import re

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.gui import formatters as f
from rural_cadre_desktop.gui.table_model import Column, SqlTableModel, like_pattern
from rural_cadre_desktop.gui.tabs.base import TableTab

FROM = ("returnee r JOIN person p ON p.id = r.person_id "
        "LEFT JOIN village v ON v.id = p.village_id")
WHERE = "r.deleted = 0 AND p.deleted = 0"

COLUMNS = [
    Column("姓名", "p.name", sort_expr="p.name_strokes"),      # 按姓氏笔画 when sorted
    Column("性别", "p.sex", f.code_name(codes.SEX)),
    Column("出生年月", "p.birth_date", f.month),
    Column("身份证号", "p.id_number", f.mask_id),
    Column("村(社区)", "v.name", sort_expr="v.sort_order"),
    Column("状态", "r.status", f.choice(codes.RETURNEE_STATUS)),
    Column("流向", "r.work_place"),
    Column("从业", "trim(coalesce(r.industry, '') || ' ' || coalesce(r.position, ''))"),
    Column("联系电话", "p.phone", f.mask_phone),
    Column("政治面貌", "p.political_status", f.code_name(codes.POLITICAL_STATUS, f.POLITICAL_SHORT)),
]

_ID_LIKE = re.compile(r"[0-9xX]+")
_INITIALS = re.compile(r"[A-Za-z]+")


def search_clause(text: str) -> tuple[str, tuple]:
    """姓名 (any part), 拼音首字母 (zs → 张三, from the start), or 身份证号 digits (any part)."""
    if _ID_LIKE.fullmatch(text) and not _INITIALS.fullmatch(text):
        return "p.id_number LIKE ? ESCAPE '\\'", (like_pattern(text.upper()),)
    if _INITIALS.fullmatch(text):
        # GLOB is case-sensitive, so it can use the index on the (lower-case) initials; LIKE cannot.
        return "p.name_initials GLOB ?", (text.lower() + "*",)
    return "p.name LIKE ? ESCAPE '\\'", (like_pattern(text),)


class ReturneesTab(TableTab):
    title = "返乡人员"
    unit = "人"
    search_hint = "姓名、拼音首字母（如 zs）或身份证号"

    def __init__(self, database, parent=None):
        model = SqlTableModel(database, COLUMNS, FROM, "r.id", WHERE,
                              default_order="v.sort_order, p.name_strokes", page_key="r.rowid")
        super().__init__(model, parent)

    def filter_for(self, text: str) -> tuple[str, tuple]:
        return search_clause(text)
