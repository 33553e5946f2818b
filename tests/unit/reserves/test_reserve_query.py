"""The reserve list (core.reserves.query) on the demo pool: filters, search, sort, the ordered ids
and counts the 后备干部 tab and the command line share; paging by id gives the same rows as one
ordered query."""
from __future__ import annotations

import pytest

from rural_cadre_desktop.core import regions
from rural_cadre_desktop.core.models import ReserveCadre
from rural_cadre_desktop.core.reserves import query as rq
from rural_cadre_desktop.core.reserves.query import RESERVES, ReserveQuery

NAME, VILLAGE, TRACK, STATUS = (1 + rq.RESERVES.column_index[k] for k in ("name", "village", "track", "status"))


def _live():
    return ReserveCadre.alive().count()


def test_counts_every_live_membership(demo_store):
    assert rq.count() == _live() > 5
    assert len(rq.reserve_ids()) == rq.count() == len(rq.rows())


def test_default_order_is_village_then_track_then_strokes(demo_store):
    rows = rq.rows()
    order = {v.name: v.sort_order for v in regions.villages()}
    villages = [order[r[VILLAGE]] for r in rows]
    assert villages == sorted(villages)
    for v in order:          # within a village the tracks stay together (as the tab always listed them)
        tracks = [r[TRACK] for r in rows if r[VILLAGE] == v]
        assert tracks == sorted(tracks, reverse=True)


def test_filters_narrow_and_refuse_unknown_values(demo_store):
    village = regions.villages()[0]
    q = ReserveQuery(village_id=village.id)
    assert 0 < rq.count(q) < rq.count()
    assert {r[VILLAGE] for r in rq.rows(q)} == {village.name}
    sec = ReserveQuery(track="secretary")
    assert {r[TRACK] for r in rq.rows(sec)} == {"secretary"}
    assert rq.count(sec) == ReserveCadre.alive().where(ReserveCadre.track == "secretary").count()
    assert rq.count(ReserveQuery(status="left")) == 0
    with pytest.raises(ValueError):
        rq.count(ReserveQuery(track="mayor"))
    with pytest.raises(ValueError):
        rq.count(ReserveQuery(status="gone"))


def test_search_by_name_or_pinyin_initials(demo_store):
    first = rq.rows()[0]
    name = first[NAME]
    by_name = rq.rows(ReserveQuery(search=name))
    assert first[0] in [r[0] for r in by_name] and all(name in r[NAME] for r in by_name)
    from rural_cadre_desktop.core.models import Person
    initials = Person.get_by_id(ReserveCadre.get_by_id(first[0]).person_id).name_initials
    assert first[0] in rq.reserve_ids(ReserveQuery(search=initials.upper()))     # case does not matter
    assert rq.count(ReserveQuery(search="%")) == 0                               # LIKE characters are literal
    assert rq.count(ReserveQuery(search="无此人")) == 0


def test_sort_by_a_column_both_ways_with_the_id_as_tie_breaker(demo_store):
    up = rq.reserve_ids(ReserveQuery(sort="entered_date"))
    down = rq.reserve_ids(ReserveQuery(sort="entered_date", descending=True))
    dates = {r[0]: r[1 + RESERVES.column_index["entered_date"]] for r in rq.rows()}
    assert [dates[i] for i in up] == sorted(dates[i] for i in up)
    assert [dates[i] for i in down] == sorted((dates[i] for i in down), reverse=True)
    with pytest.raises(ValueError):
        rq.count(ReserveQuery(sort="no_such_column"))
        rq.rows(ReserveQuery(sort="no_such_column"))


def test_paging_by_id_gives_the_ordered_rows(demo_store):
    q = ReserveQuery(sort="name")
    whole = rq.rows(q)
    ids = RESERVES.page_ids(q)
    assert [r[-1] for r in whole] == ids
    assert RESERVES.first_rows(q, 3) == whole[:3]
    assert RESERVES.rows_for(ids[3:7]) == whole[3:7]
    assert RESERVES.rows_for([ids[5], 999_999, ids[2]]) == [whole[5], whole[2]]     # gone rows drop out


def test_only_keeps_the_lists_order(demo_store):
    ids = rq.reserve_ids()
    chosen = (ids[4], ids[1], ids[3])
    assert rq.reserve_ids(ReserveQuery(only=chosen)) == [ids[1], ids[3], ids[4]]
    assert rq.reserve_ids(ReserveQuery(only=())) == []


def test_filtered_and_cleared(demo_store):
    q = ReserveQuery(search="张", track="secretary", sort="name", descending=True)
    assert q.is_filtered() and not ReserveQuery(sort="name").is_filtered()
    assert q.cleared() == ReserveQuery(sort="name", descending=True)


def test_people_of_memberships_in_the_order_given(demo_store):
    rows = list(ReserveCadre.alive().order_by(ReserveCadre.id))[:3]
    ids = [r.id for r in reversed(rows)]
    assert rq.person_ids_of(ids + ["nope"]) == [r.person_id for r in reversed(rows)]
    assert rq.active_membership(rows[0].person_id) == rows[0].id
    assert rq.active_membership("nobody") is None
