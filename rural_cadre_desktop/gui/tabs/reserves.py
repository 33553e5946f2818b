"""后备干部 tab: the reserve pool (一乡一库), every membership in and out of the pool. The list
and its search are core.reserves.query; this is the view of it."""
from __future__ import annotations

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.reserves.query import RESERVES, ReserveQuery
from rural_cadre_desktop.gui import formatters as f
from rural_cadre_desktop.gui.table_model import SqlTableModel
from rural_cadre_desktop.gui.tabs.base import TableTab

FORMATS = {
    "track": f.choice(codes.RESERVE_TRACKS),
    "status": f.choice(codes.RESERVE_STATUS),
    "recommended_by": f.choice(codes.RECOMMENDED_BY),
    "education": f.code_name(codes.EDUCATION),
    "political_status": f.code_name(codes.POLITICAL_STATUS, f.POLITICAL_SHORT),
}


class ReservesTab(TableTab):
    title = "后备干部"
    unit = "人"
    search_hint = "姓名或拼音首字母"
    shows = frozenset({"reserves", "people", "villages"})

    def __init__(self, database=None, parent=None):
        super().__init__(SqlTableModel(RESERVES, ReserveQuery(), formats=FORMATS), parent)
