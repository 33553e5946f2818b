"""core.reserves.services: a returnee enters the pool in one audited transaction; a refusal
writes nothing, not even an audit row."""
from __future__ import annotations

import pytest

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import Activity, AuditLog, ReserveCadre, Returnee
from rural_cadre_desktop.core.reserves import query as rq
from rural_cadre_desktop.core.reserves import services


def _audits(action):
    return [a.detail for a in AuditLog.select().where(AuditLog.action == action)]


def test_from_returnee_opens_a_membership_and_logs_the_activity(demo_store):
    r = next(r for r in Returnee.alive() if rq.active_membership(r.person_id) is None)
    before = (rq.count(), Activity.alive().count())
    reserve, act = services.from_returnee(r.person_id, "secretary", "masses")
    assert (rq.count(), Activity.alive().count()) == (before[0] + 1, before[1] + 1)
    assert rq.active_membership(r.person_id) == reserve.id
    assert reserve.track == "secretary" and act.kind == "reserve_cultivation"
    assert _audits("to-reserve") == [f"{r.person_id} secretary"]


def test_twice_is_refused_and_writes_nothing(demo_store):
    r = next(r for r in Returnee.alive() if rq.active_membership(r.person_id) is None)
    services.from_returnee(r.person_id)
    counts = (ReserveCadre.select().count(), Activity.select().count(), AuditLog.select().count())
    with pytest.raises(UserError, match="无需重复转入"):
        services.from_returnee(r.person_id)
    assert (ReserveCadre.select().count(), Activity.select().count(), AuditLog.select().count()) == counts
    with pytest.raises(UserError):
        services.from_returnee("no-such-person")
