"""春节 (正月初一) dates, for invitation letters: a letter dated D invites for the first Spring
Festival on or after D, and is recorded under that festival's year in the "八个一" by default.

A table rather than a lunar-calendar library: the app needs one date a year, offline, and a new
dependency would be a 10k-line calendar for 51 numbers. The dates follow the Chinese calendar as
promulgated (GB/T 33661-2017, Beijing time); they were checked against two independent sources —
the Hong Kong Observatory-derived table of the `holidays` package and the dates computed from the
classic 1900–2100 month-length table (和荣笔记 / calendar.js) — which agree for every year here.

The rule on the festival day itself: a letter dated 正月初一 invites for that festival (the 恳谈会
is held in the days after it, still 春节期间); from the day after, it invites for the next year's.
"""
from __future__ import annotations

import datetime as dt

from rural_cadre_desktop.core.errors import UserError

_DATES = """
2000-02-05 2001-01-24 2002-02-12 2003-02-01 2004-01-22 2005-02-09 2006-01-29 2007-02-18
2008-02-07 2009-01-26 2010-02-14 2011-02-03 2012-01-23 2013-02-10 2014-01-31 2015-02-19
2016-02-08 2017-01-28 2018-02-16 2019-02-05 2020-01-25 2021-02-12 2022-02-01 2023-01-22
2024-02-10 2025-01-29 2026-02-17 2027-02-06 2028-01-26 2029-02-13 2030-02-03 2031-01-23
2032-02-11 2033-01-31 2034-02-19 2035-02-08 2036-01-28 2037-02-15 2038-02-04 2039-01-24
2040-02-12 2041-02-01 2042-01-22 2043-02-10 2044-01-30 2045-02-17 2046-02-06 2047-01-26
2048-02-14 2049-02-02 2050-01-23
"""
SPRING_FESTIVALS: dict[int, dt.date] = {d.year: d for d in map(dt.date.fromisoformat, _DATES.split())}
FIRST_YEAR, LAST_YEAR = min(SPRING_FESTIVALS), max(SPRING_FESTIVALS)


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def spring_festival(year: int) -> dt.date:
    """正月初一 of the lunar year that begins in `year`."""
    try:
        return SPRING_FESTIVALS[year]
    except KeyError:
        raise UserError(f"只知道 {FIRST_YEAR}—{LAST_YEAR} 年的春节日期，{year} 年不在其中",
                        f"no Spring Festival date known for {year} ({FIRST_YEAR}-{LAST_YEAR})") from None


def spring_festival_after(date: dt.date) -> dt.date:
    """The first Spring Festival on or after `date` (see the module's note on the festival day)."""
    if isinstance(date, dt.datetime):
        date = date.date()
    first, last = SPRING_FESTIVALS[FIRST_YEAR], SPRING_FESTIVALS[LAST_YEAR]
    if not first < date <= last:
        # before the table's first festival we would not know whether the one before it has passed
        lo = first + dt.timedelta(days=1)
        raise UserError(f"日期{_cn(date)}超出了春节日期表的范围（{_cn(lo)}至{_cn(last)}），请检查落款日期",
                        f"{date.isoformat()} is outside the Spring Festival table "
                        f"({lo.isoformat()} to {last.isoformat()})")
    festival = SPRING_FESTIVALS[date.year]
    return festival if festival >= date else SPRING_FESTIVALS[date.year + 1]
