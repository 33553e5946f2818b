"""The year's "八个一" activities as a lazy table (gui/table_model.SqlTableModel over
core/returnees/activity_list.ACTIVITIES): count(*) for the total, the first 500 rows, more as the
view scrolls. One row per activity; the raw kind and status stay in the row (the columns show their
labels), so the page can tell which actions apply without another query."""
from __future__ import annotations

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.returnees.activity_list import (
    ACTIVITIES,
    COLUMNS,
    ActivityQuery,
)
from rural_cadre_desktop.gui.table_model import SqlTableModel


def _label(labels: dict):
    return lambda v: labels.get(v, v or "")


KEYS = [c.key for c in COLUMNS]
COL = {k: i for i, k in enumerate(KEYS)}
WIDTHS = {"date": 96, "kind": 100, "place": 130, "content": 240, "count": 72, "names": 230,
          "village": 90, "status": 72, "answer": 200}
FORMATS = {"kind": _label(codes.EIGHT_ONES_SHORT), "status": _label(codes.ACTIVITY_STATUS)}


class ActivityLogModel(SqlTableModel):
    def __init__(self, database=None, parent=None):
        super().__init__(ACTIVITIES, ActivityQuery(), formats=FORMATS, align_right=("count",), parent=parent)

    def set_filters(self, year: int, kind: str | None = None, status: str | None = None,
                    village_id: str | None = None, search: str = "") -> None:
        self.set_query(self.q.with_(year=int(year), kind=kind or None, status=status or None,
                                    village_id=village_id or None, search=search.strip()))
