"""培训记录 tab: every training session with how many attended. The list and its search are
core.trainings.query; this is the view of it."""
from __future__ import annotations

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.trainings.query import TRAININGS, TrainingQuery
from rural_cadre_desktop.gui import formatters as f
from rural_cadre_desktop.gui.table_model import SqlTableModel
from rural_cadre_desktop.gui.tabs.base import TableTab

FORMATS = {
    "kind": f.choice(codes.TRAINING_KINDS),
    "level": f.choice(codes.TRAINING_LEVELS),
    "target": f.choice(codes.TRAINING_TARGETS),
    "days": f.number,
}


class TrainingsTab(TableTab):
    title = "培训记录"
    unit = "期"
    stretch_column = 0          # 名称; a stretched 参训人数 would push its numbers to the far edge
    search_hint = "培训班名称或地点"
    shows = frozenset({"trainings"})

    def __init__(self, database=None, parent=None):
        super().__init__(SqlTableModel(TRAININGS, TrainingQuery(), formats=FORMATS,
                                       align_right=("days", "attendees")), parent)
