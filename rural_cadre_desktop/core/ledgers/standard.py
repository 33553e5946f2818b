"""The standard ledgers (台账) as printed: the rows of one record kind, filtered like the lists, in
姓氏笔画 order, as text cells ready for reports/ledger.py. Raw SQL fetched as tuples."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.documents import _order, _sql, _village, cn_date, filing_unit, ym
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.validation import mask_id, mask_phone


@dataclass
class Ledger:
    kind: str
    title: str
    columns: list[tuple[str, float]]  # (header, relative width)
    rows: list[list[str]]
    filing_unit: str
    date: str


def _person_cols(r, i, full_id):
    """name, sex, birth, id, political, education, village, phone from a row starting at i."""
    return [r[i] or "", codes.SEX.name(r[i + 1]) or "", ym(r[i + 2]), mask_id(r[i + 3], full_id),
            _POLITICAL_SHORT.get(r[i + 4]) or codes.POLITICAL_STATUS.name(r[i + 4]) or "", codes.EDUCATION.name(r[i + 5]) or "", r[i + 6] or "",
            mask_phone(r[i + 7], full_id)]


_P = ("p.name, p.sex, p.birth_date, p.id_number, p.political_status, p.education, v.name, p.phone, p.name_strokes")
_PJ = "JOIN person p ON p.id = x.person_id LEFT JOIN village v ON v.id = p.village_id"
_YES = {1: "是", 0: "否", None: ""}
_POLITICAL_SHORT = {"01": "中共党员", "02": "中共预备党员", "03": "共青团员"}     # the forms ledgers use


def ledger(kind: str, full_id: bool = False, village: str | None = None, training: str | None = None) -> Ledger:
    where, params = "", []
    if village:
        where += " AND p.village_id = ?"
        params.append(_village(village).id)
    pc = [("姓名", 1.3), ("性别", 0.7), ("出生年月", 1.3), ("身份证号", 3.0), ("政治面貌", 1.3), ("学历", 1.4),
          ("村(社区)", 1.3), ("联系电话", 1.9)]
    if kind == "returnees":
        rows = _sql(f"SELECT {_P}, x.status, x.work_place, x.industry, x.enterprise, x.position, x.wants_return, "
                    f"x.wants_cadre, x.contact_cadre FROM returnee x {_PJ} WHERE x.deleted = 0 AND p.deleted = 0 "
                    f"AND p.alias_of_id IS NULL{where}", params)
        out = [_person_cols(r, 0, full_id) + [
            codes.RETURNEE_STATUS.get(r[9], r[9] or ""), r[10] or "",
            "，".join(x for x in (r[11], r[12], r[13]) if x), _YES.get(r[14], ""), _YES.get(r[15], ""), r[16] or ""]
            for r in _order(rows, 0, 8)]
        cols = pc + [("状态", 0.9), ("流向", 1.3), ("从业情况", 3.0), ("返乡意愿", 0.8), ("任职意向", 0.8),
                     ("联系干部", 1.1)]
        title = "在外创业经商人员（返乡人员）台账"
    elif kind == "reserves":
        rows = _sql(f"SELECT {_P}, x.track, x.recommended_by, x.entered_date, x.mentor, x.status FROM reserve_cadre x "
                    f"{_PJ} WHERE x.deleted = 0 AND p.deleted = 0{where}", params)
        out = [_person_cols(r, 0, full_id) + [
            codes.RESERVE_TRACKS.get(r[9], r[9] or ""), codes.RECOMMENDED_BY.get(r[10], r[10] or ""), ym(r[11]),
            r[12] or "", codes.RESERVE_STATUS.get(r[13], r[13] or "")] for r in _order(rows, 0, 8)]
        cols = pc + [("类别", 2.4), ("推荐方式", 1.2), ("入库时间", 1.1), ("帮带人", 1.1), ("状态", 0.8)]
        title = "村级后备干部台账"
    elif kind == "attendance":
        if training:
            where += " AND x.training_id = ?"
            params.append(training)
        rows = _sql(f"SELECT {_P}, t.name, t.start_date, x.exam_result, x.remarks FROM attendance x {_PJ} "
                    f"JOIN training_session t ON t.id = x.training_id WHERE x.deleted = 0 AND p.deleted = 0 "
                    f"AND t.deleted = 0{where}", params)
        rows = sorted(_order(rows, 0, 8), key=lambda r: (r[10] or "", r[9]))
        out = [[r[9]] + _person_cols(r, 0, full_id) + [r[11] or "", r[12] or ""] for r in rows]
        cols = [("培训班", 3.6)] + pc + [("考核结果", 1.0), ("备注", 1.4)]
        title = "培训花名册"
    elif kind == "trainings":
        rows = _sql("SELECT t.name, t.kind, t.level, t.target, t.start_date, t.end_date, t.days, t.place, "
                    "t.organizer, (SELECT count(*) FROM attendance a WHERE a.training_id = t.id AND a.deleted = 0) "
                    "FROM training_session t WHERE t.deleted = 0 ORDER BY t.start_date, t.name")
        out = [[r[0], codes.TRAINING_KINDS.get(r[1], r[1] or ""), codes.TRAINING_LEVELS.get(r[2], r[2] or ""),
                codes.TRAINING_TARGETS.get(r[3], r[3] or ""), f"{r[4] or ''}至{r[5] or ''}",
                f"{r[6]:g}" if r[6] is not None else "", r[7] or "", r[8] or "", str(r[9])] for r in rows]
        cols = [("培训班名称", 4.0), ("类别", 1.2), ("层级", 0.8), ("对象", 1.4), ("起止日期", 2.4), ("天数", 0.6),
                ("地点", 1.8), ("主办单位", 2.2), ("参训人数", 0.9)]
        title = "培训班台账"
    else:
        raise UserError(f"没有“{kind}”这种台账，可用：returnees、attendance、reserves、trainings",
                        f"unknown ledger kind {kind!r}")
    out = [[str(i)] + r for i, r in enumerate(out, 1)]
    return Ledger(kind, title, [("序号", 0.8)] + cols, out, filing_unit(), cn_date(dt.date.today()))
