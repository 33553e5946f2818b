"""培养一批村级后备力量: one action turns a returnee into a reserve-cadre candidate.

The same Person carries over (no re-typing); a ReserveCadre membership opens for the person's
village (track two_committees unless told), entered today, and a reserve_cultivation activity of
this year records it in the "八个一" log — all in one transaction, nothing written if any check fails.
"""
from __future__ import annotations

import datetime as dt

from rural_cadre_desktop.core import codes, store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.fields import RESERVE_FIELDS
from rural_cadre_desktop.core.models import Activity, ActivityParticipant, Person, ReserveCadre, Village
from rural_cadre_desktop.core.returnees.registry import live_returnee


def to_reserve(person: Person, track: str = "two_committees", recommended_by: str = "organization",
               today: dt.date | None = None, cultivation: str | None = None) -> tuple[ReserveCadre, Activity]:
    today = today or dt.date.today()
    track = RESERVE_FIELDS["track"].parse(track) or "two_committees"
    recommended_by = RESERVE_FIELDS["recommended_by"].parse(recommended_by)
    if live_returnee(person) is None:
        raise UserError(f"“{person.name}”不在返乡人员台账中，不能从这里转为后备力量",
                        "person is not in the returnee registry")
    village = Village.get_or_none(Village.id == person.village_id) if person.village_id else None
    if village is None or village.deleted:
        raise ValidationError(f"“{person.name}”没有填写户籍所在村(社区)，请先在登记卡中补上",
                              "person has no village", "village")
    active = ReserveCadre.alive().where((ReserveCadre.person == person) & (ReserveCadre.status == "active")).first()
    if active is not None:
        raise UserError(f"“{person.name}”已是{codes.RESERVE_TRACKS.get(active.track, '后备')}（在库），无需重复转入",
                        "person is already an active reserve candidate")
    db = Person._meta.database
    with db.atomic():
        reserve = store.insert(ReserveCadre, person=person, village=village, track=track, status="active",
                               entered_date=today.isoformat(), recommended_by=recommended_by,
                               cultivation=cultivation)
        act = store.insert(Activity, year=today.year, kind="reserve_cultivation", date=today.isoformat(),
                           content=f"{person.name}纳入{village.name}{codes.RESERVE_TRACKS[track]}培养",
                           village=village)
        store.insert(ActivityParticipant, activity=act, person=person)
        store.audit("to-reserve", f"{person.id} {track}")
    return reserve, act
