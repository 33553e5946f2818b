"""后备干部 tab: the reserve pool (一乡一库), every membership in and out of the pool."""
from __future__ import annotations

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.gui import formatters as f
from rural_cadre_desktop.gui.table_model import Column, SqlTableModel, like_pattern
from rural_cadre_desktop.gui.tabs.base import TableTab

FROM = ("reserve_cadre rc JOIN person p ON p.id = rc.person_id "
        "LEFT JOIN village v ON v.id = rc.village_id")
WHERE = "rc.deleted = 0 AND p.deleted = 0"

COLUMNS = [
    Column("姓名", "p.name", sort_expr="p.name_strokes"),
    Column("村(社区)", "v.name", sort_expr="v.sort_order"),
    Column("类别", "rc.track", f.choice(codes.RESERVE_TRACKS)),
    Column("在库状态", "rc.status", f.choice(codes.RESERVE_STATUS)),
    Column("入库时间", "rc.entered_date"),
    Column("推荐方式", "rc.recommended_by", f.choice(codes.RECOMMENDED_BY)),
    Column("学历", "p.education", f.code_name(codes.EDUCATION)),
    Column("政治面貌", "p.political_status", f.code_name(codes.POLITICAL_STATUS, f.POLITICAL_SHORT)),
    Column("帮带人", "rc.mentor"),
]


class ReservesTab(TableTab):
    title = "后备干部"
    unit = "人"
    search_hint = "姓名或拼音首字母"

    def __init__(self, database, parent=None):
        model = SqlTableModel(database, COLUMNS, FROM, "rc.id", WHERE,
                              default_order="v.sort_order, rc.track DESC, p.name_strokes", page_key="rc.rowid")
        super().__init__(model, parent)

    def filter_for(self, text: str) -> tuple[str, tuple]:
        return ("(p.name LIKE ? ESCAPE '\\' OR p.name_initials LIKE ? ESCAPE '\\')",
                (like_pattern(text), like_pattern(text.lower())[1:]))
