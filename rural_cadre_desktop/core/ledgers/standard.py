"""The standard ledgers (台账): the rows of one record kind as text cells, ready for the .xlsx
(core/ledgers/export.py) and the PDF (reports/ledger.py). Both come from the one declaration here —
title, columns (header, relative printed width, Excel width, kept as text) — so the spreadsheet and
the printout of a kind are the same ledger.

Which rows: exactly the records `ids` names, in that order (how the GUI passes "the rows the list
shows" or "the selection"), else every live record of the kind, narrowed by the filters (village,
status, year, training) and in 姓氏笔画 order. One raw SQL query per ledger, fetched as tuples."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Callable, NamedTuple

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.documents import _order, _sql, cn_date, filing_unit, ym
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.validation import mask_id, mask_phone


class Column(NamedTuple):
    header: str
    width: float            # relative width on the printed page
    xlsx: float = 10.0      # Excel column width (characters)
    text: bool = False      # ID numbers and phones: "@" in Excel, never a number


@dataclass
class Ledger:
    kind: str
    title: str
    columns: list           # Column, or (header, relative width) pairs
    rows: list[list[str]]
    filing_unit: str
    date: str
    scope: str = ""         # the filters in words (村(社区)：东坡村；状态：在外), "" for all
    noun: str = ""          # what a row counts ("人"): the ledger then says 共 N 人

    @property
    def count_text(self) -> str:
        return f"共 {len(self.rows)} {self.noun}" if self.noun else ""


KINDS = {"returnees": "在外创业经商人员（返乡人员）台账", "reserves": "村级后备干部台账",
         "attendance": "参训人员花名册", "trainings": "培训班台账"}
# What --status means per kind, and what --year is the year of.
STATUSES = {"returnees": codes.RETURNEE_STATUS, "reserves": codes.RESERVE_STATUS}
YEAR_OF = {"returnees": ("x.return_date", "返乡年份"), "reserves": ("x.entered_date", "入库年份"),
           "attendance": ("t.start_date", "培训开始年份"), "trainings": ("t.start_date", "培训开始年份")}

C = Column
SEQ = C("序号", 1.0, 6)
VILLAGE = C("村(社区)", 1.4, 12)
NAME, SEX, BIRTH = C("姓名", 1.3, 10), C("性别", 0.6, 6), C("出生年月", 1.4, 10)
ID, PHONE = C("身份证号", 3.2, 21, True), C("联系电话", 2.1, 14, True)
POLITICAL, EDUCATION = C("政治面貌", 1.3, 12), C("学历", 1.9, 12)
COLUMNS: dict[str, list[Column]] = {
    "returnees": [SEQ, VILLAGE, NAME, SEX, C("民族", 0.8, 8), BIRTH, ID, POLITICAL, EDUCATION, PHONE,
                  C("状态", 1.0, 8), C("流向", 1.4, 14), C("从业情况", 1.4, 14), C("企业名称", 1.9, 18),
                  C("职务", 1.0, 10), C("返乡意愿", 0.8, 6), C("返乡创业意向", 0.8, 6), C("入党意向", 0.8, 6),
                  C("任村干部意向", 0.8, 6), C("联系干部", 1.0, 10), C("备注", 1.0, 20)],
    "reserves": [SEQ, VILLAGE, NAME, SEX, BIRTH, ID, POLITICAL, EDUCATION, PHONE, C("后备类别", 2.2, 18),
                 C("推荐方式", 1.2, 10), C("入库时间", 1.4, 10), C("培养措施", 2.4, 20), C("帮带人", 1.1, 10),
                 C("在库状态", 1.0, 8), C("备注", 1.6, 20)],
    "attendance": [SEQ, C("培训班", 3.0, 24), C("培训时间", 1.6, 11), VILLAGE, NAME, SEX, BIRTH, ID, POLITICAL,
                   EDUCATION, PHONE, C("考核结果", 1.2, 10), C("备注", 1.8, 20)],
    "trainings": [SEQ, C("培训班名称", 4.0, 30), C("类别", 1.3, 10), C("层级", 0.9, 8), C("对象", 1.4, 12),
                  C("起止日期", 2.6, 24), C("天数", 0.7, 6), C("地点", 1.8, 16), C("主办单位", 2.2, 18),
                  C("参训人数", 1.0, 8)],
}
NOUNS = {"returnees": "人", "reserves": "人", "attendance": "人次", "trainings": "期"}

_YES = {1: "是", 0: "否", None: ""}
_POLITICAL_SHORT = {"01": "中共党员", "02": "中共预备党员", "03": "共青团员"}     # the forms ledgers use
_P = "p.name, p.name_strokes, p.sex, p.birth_date, p.id_number, p.political_status, p.education, p.phone"
_PJ = "JOIN person p ON p.id = x.person_id LEFT JOIN village v ON v.id = p.village_id"


def _person(r, i: int, full_id: bool) -> tuple:
    """name, sex, birth, id, political, education, phone from `_P` selected at i (i + 1 is strokes)."""
    return (r[i] or "", codes.SEX.name(r[i + 2]) or "", ym(r[i + 3]), mask_id(r[i + 4], full_id),
            _POLITICAL_SHORT.get(r[i + 5]) or codes.POLITICAL_STATUS.name(r[i + 5]) or "",
            codes.EDUCATION.name(r[i + 6]) or "", mask_phone(r[i + 7], full_id))


def _village_id(name: str) -> tuple[str, str]:
    from rural_cadre_desktop.core.regions import find_village, villages
    v = find_village(name)
    if v is None:
        names = [x.name for x in villages()]
        shown = "、".join(names[:30]) + ("……" if len(names) > 30 else "")
        raise UserError(f"找不到村(社区)“{name}”，可用：{shown or '（还没有村(社区)）'}",
                        f"no village {name!r}; known: {', '.join(names[:30])}")
    return v.id, v.name


def _check(kind: str, village, status, year, training) -> None:
    if kind not in KINDS:
        raise UserError(f"没有“{kind}”这种台账，可用：{'、'.join(KINDS)}",
                        f"unknown ledger kind {kind!r}; use one of {', '.join(KINDS)}")
    title = KINDS[kind]
    if status is not None:
        allowed = STATUSES.get(kind)
        if not allowed:
            raise UserError(f"{title}不按状态筛选，请去掉 --status", f"{kind} has no status filter")
        if status not in allowed:
            words = "、".join(f"{k}（{v}）" for k, v in allowed.items())
            raise UserError(f"状态“{status}”不对，{title}的状态只能是 {words}",
                            f"{kind} status must be one of {', '.join(allowed)}, not {status!r}")
    if village and kind == "trainings":
        raise UserError("培训班台账不按村(社区)筛选，请去掉 --village，或导出 attendance（参训人员花名册）",
                        "the trainings ledger has no village filter")
    if training and kind not in ("attendance", "trainings"):
        raise UserError("只有参训人员花名册和培训班台账能按培训班筛选", f"{kind} has no training filter")
    if year is not None:
        try:
            y = int(year)
        except (TypeError, ValueError):
            y = 0
        if not 1900 <= y <= 2100:
            raise UserError(f"年份“{year}”不对，请写四位数的年份，如 2025", f"year must be like 2025, not {year!r}")


def ledger(kind: str, full_id: bool = False, village: str | None = None, training: str | None = None, *,
           status: str | None = None, year: int | str | None = None, ids=None,
           progress: Callable[[int, int], None] | None = None, today: dt.date | None = None) -> Ledger:
    """The ledger of `kind` (returnees, reserves, attendance, trainings). Unknown kinds, statuses,
    villages and trainings are refused with a UserError naming what is allowed; nothing is written.
    `progress(0, n)` is called once the rows are known (it may raise to cancel)."""
    _check(kind, village, status, year, training)
    where, params, scope = [], [], []
    if village:
        vid, vname = _village_id(village)
        where.append("x.village_id = ?" if kind == "reserves" else "p.village_id = ?")
        params.append(vid)
        scope.append(f"村(社区)：{vname}")
    if status:
        where.append("x.status = ?")
        params.append(status)
        scope.append(f"状态：{STATUSES[kind][status]}")
    if year is not None:
        col, label = YEAR_OF[kind]
        where.append(f"{col} >= ? AND {col} < ?")
        params += [f"{int(year):04d}", f"{int(year) + 1:04d}"]
        scope.append(f"{label}：{int(year)}")
    if training:
        name = _sql("SELECT name FROM training_session WHERE id = ? AND deleted = 0", [training])
        if not name:
            raise UserError(f"找不到培训班“{training}”，请用 export trainings 查看培训班的 id",
                            f"no training {training!r}")
        where.append("t.id = ?")
        params.append(training)
        scope.append(f"培训班：{name[0][0]}")
    if ids is not None:
        ids = [str(i) for i in ids]
        # one parameter whatever the number of ids (SQLite caps the ? of a statement)
        where.append(f"{'t' if kind == 'trainings' else 'x'}.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(ids))
    cond = "".join(f" AND {w}" for w in where)
    rows = _ROWS[kind](cond, params, full_id, ids)
    if progress:
        progress(0, len(rows))
    rows = [[str(i), *r] for i, r in enumerate(rows, 1)]
    return Ledger(kind, KINDS[kind], COLUMNS[kind], rows, filing_unit(), cn_date(today or dt.date.today()),
                  "；".join(scope), NOUNS[kind])


def _in_order(rows, ids, id_at: int):
    """The rows in the order of `ids` (records no longer there are left out)."""
    by_id = {r[id_at]: r for r in rows}
    return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]


def _returnees(cond, params, full_id, ids):
    rows = _sql(f"SELECT {_P}, v.name, p.ethnicity, x.status, x.work_place, x.industry, x.enterprise, x.position, "
                f"x.wants_return, x.wants_business, x.wants_party, x.wants_cadre, x.contact_cadre, x.remarks, x.id "
                f"FROM returnee x {_PJ} WHERE x.deleted = 0 AND p.deleted = 0 AND p.alias_of_id IS NULL{cond}",
                params)
    rows = _in_order(rows, ids, 21) if ids is not None else _order(rows, 0, 1)
    eth, status = codes.ETHNICITY.name, codes.RETURNEE_STATUS
    out = []
    for r in rows:
        name, sex, birth, idn, pol, edu, phone = _person(r, 0, full_id)
        out.append([r[8] or "", name, sex, eth(r[9]) or "", birth, idn, pol, edu, phone,
                    status.get(r[10], r[10] or ""), r[11] or "", r[12] or "", r[13] or "", r[14] or "",
                    _YES.get(r[15], ""), _YES.get(r[16], ""), _YES.get(r[17], ""), _YES.get(r[18], ""),
                    r[19] or "", r[20] or ""])
    return out


def _reserves(cond, params, full_id, ids):
    rows = _sql(f"SELECT {_P}, COALESCE(rv.name, v.name), x.track, x.recommended_by, x.entered_date, x.cultivation, "
                f"x.mentor, x.status, x.remarks, x.id FROM reserve_cadre x {_PJ} "
                f"LEFT JOIN village rv ON rv.id = x.village_id WHERE x.deleted = 0 AND p.deleted = 0{cond}", params)
    rows = _in_order(rows, ids, 16) if ids is not None else _order(rows, 0, 1)
    out = []
    for r in rows:
        name, sex, birth, idn, pol, edu, phone = _person(r, 0, full_id)
        out.append([r[8] or "", name, sex, birth, idn, pol, edu, phone,
                    codes.RESERVE_TRACKS.get(r[9], r[9] or ""), codes.RECOMMENDED_BY.get(r[10], r[10] or ""),
                    ym(r[11]), r[12] or "", r[13] or "", codes.RESERVE_STATUS.get(r[14], r[14] or ""), r[15] or ""])
    return out


def _attendance(cond, params, full_id, ids):
    rows = _sql(f"SELECT {_P}, v.name, t.name, t.start_date, t.end_date, x.exam_result, x.remarks, x.id "
                f"FROM attendance x {_PJ} JOIN training_session t ON t.id = x.training_id "
                f"WHERE x.deleted = 0 AND p.deleted = 0 AND t.deleted = 0{cond}", params)
    if ids is not None:
        rows = _in_order(rows, ids, 14)
    else:   # by training (date, name), then 姓氏笔画 within each
        rows = sorted(_order(rows, 0, 1), key=lambda r: (r[10] or "", r[9] or ""))
    out = []
    for r in rows:
        name, sex, birth, idn, pol, edu, phone = _person(r, 0, full_id)
        out.append([r[9] or "", _dates(r[10], r[11]), r[8] or "", name, sex, birth, idn, pol, edu, phone,
                    r[12] or "", r[13] or ""])
    return out


def _dates(start, end) -> str:
    if not start:
        return end or ""
    return start if not end or end == start else f"{start}至{end}"


def _trainings(cond, params, full_id, ids):
    rows = _sql("SELECT t.name, t.kind, t.level, t.target, t.start_date, t.end_date, t.days, t.place, t.organizer, "
                "(SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id "
                " WHERE a.training_id = t.id AND a.deleted = 0 AND p.deleted = 0), t.id "
                f"FROM training_session t WHERE t.deleted = 0{cond} ORDER BY t.start_date, t.name", params)
    if ids is not None:
        rows = _in_order(rows, ids, 10)
    return [[r[0] or "", codes.TRAINING_KINDS.get(r[1], r[1] or ""), codes.TRAINING_LEVELS.get(r[2], r[2] or ""),
             codes.TRAINING_TARGETS.get(r[3], r[3] or ""), _dates(r[4], r[5]),
             f"{r[6]:g}" if r[6] is not None else "", r[7] or "", r[8] or "", str(r[9])] for r in rows]


_ROWS = {"returnees": _returnees, "reserves": _reserves, "attendance": _attendance, "trainings": _trainings}
