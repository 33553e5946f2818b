"""春节 dates: the table, the first festival on or after a letter's date, and its limits."""
import datetime as dt

import pytest

from rural_cadre_desktop.core import documents as d
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.festivals import SPRING_FESTIVALS, spring_festival, spring_festival_after

KNOWN = ["2020-01-25", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
         "2030-02-03", "2031-01-23", "2032-02-11", "2050-01-23"]


@pytest.mark.parametrize("iso", KNOWN)
def test_known_festival_dates(iso):
    day = dt.date.fromisoformat(iso)
    assert spring_festival(day.year) == day


def test_table_is_a_lunisolar_sequence():
    years = sorted(SPRING_FESTIVALS)
    assert years == list(range(2000, 2051))
    for y in years:
        f = SPRING_FESTIVALS[y]
        assert dt.date(y, 1, 21) <= f <= dt.date(y, 2, 20), f      # 正月初一 lies between 1-21 and 2-20
    for a, b in zip(years, years[1:]):
        # 12 lunar months are 354 ± 1 days, 13 (a leap year) 384 ± 1
        assert (SPRING_FESTIVALS[b] - SPRING_FESTIVALS[a]).days in (353, 354, 355, 383, 384, 385), a


@pytest.mark.parametrize("letter, festival", [
    ("2026-12-01", "2027-02-06"),      # the case of the issue: printed in December, not the past festival
    ("2027-01-10", "2027-02-06"),
    ("2027-02-05", "2027-02-06"),
    ("2027-02-06", "2027-02-06"),      # dated on the festival itself: that festival (春节期间 begins)
    ("2027-02-07", "2028-01-26"),
    ("2026-02-18", "2027-02-06"),
    ("2049-12-31", "2050-01-23"),
    ("2000-02-06", "2001-01-24"),
])
def test_first_festival_on_or_after(letter, festival):
    assert spring_festival_after(dt.date.fromisoformat(letter)) == dt.date.fromisoformat(festival)
    assert d.festival_year(dt.date.fromisoformat(letter)) == int(festival[:4])


@pytest.mark.parametrize("letter", ["2050-01-24", "2060-05-01", "2000-02-05", "1999-06-01"])
def test_dates_outside_the_table_are_refused_clearly(letter):
    with pytest.raises(UserError) as e:
        spring_festival_after(dt.date.fromisoformat(letter))
    assert "春节日期表" in e.value.zh and "2050年1月23日" in e.value.zh
    with pytest.raises(UserError):
        spring_festival(2051)


def test_festival_year_defaults_to_today():
    assert d.festival_year() == spring_festival_after(dt.date.today()).year
