"""Writes to the reserve pool. Each is one transaction, checked before anything is written, and
writes its audit row inside that transaction, so the GUI and the command line leave the same trace.

Today the pool is entered from the returnee registry (培养一批村级后备力量: `from_returnee`, the
`returnee to-reserve` command and the tab's 转为后备); the rule lives in
core/returnees/cultivation.py. Issue 11 adds add / vet / review / remove here.
"""
from __future__ import annotations

import datetime as dt

from rural_cadre_desktop.core.models import Activity, ReserveCadre


def from_returnee(person_id: str, track: str = "two_committees", recommended_by: str = "organization",
                  today: dt.date | None = None, cultivation: str | None = None) -> tuple[ReserveCadre, Activity]:
    """A returnee (person UUID or 身份证号) becomes a reserve candidate of their village, with a
    reserve_cultivation activity of this year; audited `to-reserve`."""
    from rural_cadre_desktop.core.people import resolve
    from rural_cadre_desktop.core.returnees.cultivation import to_reserve
    return to_reserve(resolve(person_id), track, recommended_by, today=today, cultivation=cultivation)
