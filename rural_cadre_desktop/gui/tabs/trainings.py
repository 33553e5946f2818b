"""培训记录 tab: every training session with how many attended."""
from __future__ import annotations

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.gui import formatters as f
from rural_cadre_desktop.gui.table_model import Column, SqlTableModel, like_pattern
from rural_cadre_desktop.gui.tabs.base import TableTab

FROM = "training_session t"
WHERE = "t.deleted = 0"
ATTENDEES = "(SELECT count(*) FROM attendance a WHERE a.training_id = t.id AND a.deleted = 0)"

COLUMNS = [
    Column("名称", "t.name"),
    Column("形式", "t.kind", f.choice(codes.TRAINING_KINDS)),
    Column("层级", "t.level", f.choice(codes.TRAINING_LEVELS)),
    Column("对象", "t.target", f.choice(codes.TRAINING_TARGETS)),
    Column("开始", "t.start_date"),
    Column("结束", "t.end_date"),
    Column("天数", "t.days", f.number, align_right=True),
    Column("地点", "t.place"),
    Column("参训人数", ATTENDEES, align_right=True),
]


class TrainingsTab(TableTab):
    title = "培训记录"
    unit = "期"
    stretch_column = 0          # 名称; a stretched 参训人数 would push its numbers to the far edge
    search_hint = "培训班名称或地点"

    def __init__(self, database, parent=None):
        model = SqlTableModel(database, COLUMNS, FROM, "t.id", WHERE,
                              default_order="t.start_date DESC", page_key="t.rowid")
        super().__init__(model, parent)

    def filter_for(self, text: str) -> tuple[str, tuple]:
        pat = like_pattern(text)
        return "(t.name LIKE ? ESCAPE '\\' OR t.place LIKE ? ESCAPE '\\')", (pat, pat)
