"""A small township with known people, so every cell of a filled form can be asserted."""
from __future__ import annotations

import datetime as dt

import pytest

from rural_cadre_desktop.core.validation import id_check_char

AT = dt.date(2025, 12, 31)


def make_id(birth: str, seq: str) -> str:
    s17 = "610123" + birth.replace("-", "") + seq
    return s17 + id_check_char(s17)


# name, birth, seq (odd 3rd digit = male), phone, village, status, work_place, party_join_date
PEOPLE = [
    ("王伟", "1985-03-05", "011", "13812345678", "石门村", "away", "浙江杭州", "2010-07-01"),
    ("李娜", "1990-11-20", "022", "15900001111", "柳树村", "returned", "江苏苏州", None),
    ("丁一", "1970-01-15", "031", None, "石门村", "returned", "上海", "1995-06-30"),
]


@pytest.fixture
def township(store):
    """Three villages, three returnees, one secretary reserve, "八个一" and trainings in 2025."""
    from rural_cadre_desktop.core import regions, settings, store as st
    from rural_cadre_desktop.core.models import (Activity, ActivityParticipant, Attendance, ReserveCadre,
                                                 Returnee, TrainingSession)
    from rural_cadre_desktop.core.people import create_person
    settings.put("filing_unit", "中共石门镇委员会")
    villages = {n: regions.add_village(n) for n in ("石门村", "柳树村", "古城村")}
    people = {}
    for name, birth, seq, phone, village, status, place, party in PEOPLE:
        raw = {"name": name, "id_number": make_id(birth, seq)}
        if phone:
            raw["phone"] = phone
        if party:
            raw["party_join_date"] = party
        p = create_person(raw, villages[village])
        st.insert(Returnee, person=p, status=status, work_place=place, wants_return={"王伟": True, "李娜": False}.get(name))
        people[name] = p
    st.insert(ReserveCadre, person=people["王伟"], village=villages["石门村"], track="secretary", status="active")
    st.insert(ReserveCadre, person=people["李娜"], village=villages["柳树村"], track="two_committees",
              status="active")
    inv = st.insert(Activity, year=2025, kind="invitation", date="2025-01-10")
    sym = st.insert(Activity, year=2025, kind="symposium", date="2025-02-01")
    old = st.insert(Activity, year=2024, kind="visit", date="2024-02-01")
    for act, who in ((inv, "王伟"), (inv, "李娜"), (sym, "王伟"), (old, "丁一")):
        st.insert(ActivityParticipant, activity=act, person=people[who])
    t1 = st.insert(TrainingSession, name="2025年返乡创业培训班", kind="special", level="county",
                   start_date="2025-05-06", days=5)
    t2 = st.insert(TrainingSession, name="2024年观摩", kind="site_visit", level="county",
                   start_date="2024-05-06", days=3)
    st.insert(Attendance, training=t1, person=people["王伟"], exam_result="合格")
    st.insert(Attendance, training=t2, person=people["李娜"])
    return people


def cells(path) -> list[list]:
    """Every value of the first sheet, as rows (trailing Nones kept)."""
    from openpyxl import load_workbook
    ws = load_workbook(path).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]
