"""The structure of the reserve pool (一乡一库): counts and shares of the active pool by age band,
education, gender, 党员 and source — the figures behind "一降两升" (average age down, 大专+ up).

Who is counted: the people with an active membership (status `active`, record and person live) in
a village of the home township (all villages when none is set up), optionally of one village
and/or one track. A person with two active memberships (书记后备人选 and
两委后备干部) is one person here: structure describes people, coverage counts memberships.

  age         full years on the reference date `on` (default today; a birthday on that day counts);
              a birth date known only to the month (YYYY-MM) is taken as the 1st. No birth date → 未知.
  education   the GB/T 4658 code on the person (core/codes.EDUCATION): 10 研究生, 20 大学本科, 30 大专,
              40 中等职业教育 and 60 普通高级中学 → 高中/中专, 70/80/90 → 初中及以下; none → 未知.
  party       中共党员 and 中共预备党员 (01, 02) → 党员; anything else, or nothing → 非党员.
  source      返乡人员 (has a live returnee record), else 现任村干部 (a sitting 村两委 post), else 其他.

Shares are of the people counted (`total`), as fractions; `percent()` renders one decimal.
Rows with a count of 0 are kept, so every table has the same lines.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rural_cadre_desktop.core.models import Person

AGE_BANDS = ("35岁及以下", "36–45岁", "46–55岁", "56岁以上")
EDUCATION_GROUPS = {"10": "研究生", "20": "大学本科", "30": "大专", "40": "高中/中专", "60": "高中/中专",
                    "70": "初中及以下", "80": "初中及以下", "90": "初中及以下"}
EDUCATION_ORDER = ("研究生", "大学本科", "大专", "高中/中专", "初中及以下")
COLLEGE = {"研究生", "大学本科", "大专"}
PARTY_MEMBER = {"01", "02"}
SOURCES = ("返乡人员", "现任村干部", "其他")
UNKNOWN = "未知"
DIMENSIONS = {"age": "年龄", "education": "学历", "gender": "性别", "party": "政治面貌", "source": "来源"}


@dataclass
class Structure:
    total: int
    on: str                                           # the reference date of the ages
    groups: dict[str, list[tuple[str, int]]] = field(default_factory=dict)    # dimension → (label, count)
    average_age: float | None = None                  # of the known ages, one decimal
    college: int = 0                                  # 大专及以上

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0

    def count(self, dimension: str, label: str) -> int:
        return dict(self.groups[dimension]).get(label, 0)

    def rows(self) -> list[tuple[str, str, int, str]]:
        """(dimension label, group label, count, percent) for a table, in order."""
        return [(DIMENSIONS[d], label, n, percent(self.share(n)))
                for d, groups in self.groups.items() for label, n in groups]

    def summary(self) -> str:
        """One line: 在库后备干部 N 人，平均年龄 …岁，大专及以上 … 人（…%），党员 … 人（…%）。"""
        if not self.total:
            return "在库后备干部 0 人"
        avg = f"，平均年龄{self.average_age:.1f}岁" if self.average_age is not None else ""
        party = self.count("party", "党员")
        return (f"在库后备干部{self.total}人{avg}，大专及以上{self.college}人（{percent(self.share(self.college))}），"
                f"党员{party}人（{percent(self.share(party))}）")


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    if age <= 35:
        return AGE_BANDS[0]
    if age <= 45:
        return AGE_BANDS[1]
    if age <= 55:
        return AGE_BANDS[2]
    return AGE_BANDS[3]


_SQL = """
SELECT p.id, p.birth_date, p.education, p.sex, p.political_status,
  EXISTS (SELECT 1 FROM returnee r WHERE r.person_id = p.id AND r.deleted = 0),
  EXISTS (SELECT 1 FROM village_cadre vc WHERE vc.person_id = p.id AND vc.deleted = 0 AND vc.term_end IS NULL)
FROM person p
WHERE p.deleted = 0 AND p.id IN (
  SELECT rc.person_id FROM reserve_cadre rc JOIN village v ON v.id = rc.village_id
  WHERE rc.deleted = 0 AND rc.status = 'active' AND v.deleted = 0 {where})
"""


def structure(village_id: str | None = None, track: str | None = None, on=None) -> Structure:
    """The figures of the active pool (one village's / one track's when given), ages on `on`."""
    from rural_cadre_desktop.core.reserves.services import age_on
    on = (on.isoformat() if isinstance(on, dt.date) else on) or dt.date.today().isoformat()
    from rural_cadre_desktop.core.regions import home_township
    where, params = [], []
    if village_id:
        where.append("AND rc.village_id = ?")
        params.append(village_id)
    else:                               # the township's pool, as coverage() counts it
        t = home_township()
        if t is not None:
            where.append("AND v.township_id = ?")
            params.append(t.id)
    if track:
        where.append("AND rc.track = ?")
        params.append(track)
    rows = Person._meta.database.execute_sql(_SQL.format(where=" ".join(where)), params).fetchall()
    tallies = {"age": dict.fromkeys(AGE_BANDS, 0), "education": dict.fromkeys(EDUCATION_ORDER, 0),
               "gender": {"男": 0, "女": 0}, "party": {"党员": 0, "非党员": 0}, "source": dict.fromkeys(SOURCES, 0)}
    ages = []
    for _pid, birth, edu, sex, pol, returnee, sitting in rows:
        age = age_on(birth, on)
        if age is not None:
            ages.append(age)
        picks = {"age": age_band(age), "education": EDUCATION_GROUPS.get(edu or "", UNKNOWN),
                 "gender": {"1": "男", "2": "女"}.get(sex or "", UNKNOWN),
                 "party": "党员" if pol in PARTY_MEMBER else "非党员",
                 "source": SOURCES[0] if returnee else SOURCES[1] if sitting else SOURCES[2]}
        for dim, label in picks.items():
            tallies[dim][label] = tallies[dim].get(label, 0) + 1
    out = Structure(len(rows), on, {d: list(t.items()) for d, t in tallies.items()})
    out.average_age = round(sum(ages) / len(ages), 1) if ages else None
    out.college = sum(n for label, n in tallies["education"].items() if label in COLLEGE)
    return out
