"""村级后备干部 (一乡一库): memberships of the reserve pool, their 资格联审 steps and 年度考察评议."""
from __future__ import annotations

from rural_cadre_desktop.core import codes, fields
from rural_cadre_desktop.core.kinds.common import (L_BIRTH, L_EDUCATION, L_ID, L_NAME, L_PHONE, L_POLITICAL, L_SEX,
                                                   PERSON, PERSON_JOIN, PERSON_MORE, SYNC, VILLAGE, deleted,
                                                   person_joins)
from rural_cadre_desktop.core.kinds.spec import (Col, LedgerColumn, Export, FormSpec, ImportField, ImportSpec, LedgerSpec,
                                                 RecordKind, form_col)

_RC_JOIN = "JOIN reserve_cadre rc ON rc.id = {a}.reserve_id " + person_joins("rc", "rc.village_id")

RESERVES = RecordKind(
    "reserves", "后备干部", "ReserveCadre",
    Export("rc", (Col("id", "rc.id"), *PERSON, *PERSON_MORE, *VILLAGE,
                  *(Col(f, f"rc.{f}") for f in ("track", "status", "entered_date", "left_date", "left_reason",
                                                "recommended_by", "cultivation", "mentor", "remarks")),
                  deleted("rc"), *SYNC),
           person_joins("rc", "rc.village_id"), "rc.rowid"),
    fields.RESERVE_FIELDS, person_bearing=True, own_village=True, statuses=codes.RESERVE_STATUS,
    parents=("person",),
    ledger=LedgerSpec(
        "村级后备干部台账", "人", f"FROM reserve_cadre x {PERSON_JOIN} LEFT JOIN village rv ON rv.id = x.village_id",
        "x.deleted = 0 AND p.deleted = 0",
        (LedgerColumn("村(社区)", 1.4, 12, "COALESCE(rv.name, v.name)"), L_NAME, L_SEX, L_BIRTH, L_ID, L_POLITICAL,
         L_EDUCATION, L_PHONE, LedgerColumn("后备类别", 2.2, 18, "x.track", codes.RESERVE_TRACKS),
         LedgerColumn("推荐方式", 1.2, 10, "x.recommended_by", codes.RECOMMENDED_BY),
         LedgerColumn("入库时间", 1.4, 10, "x.entered_date", "date"), LedgerColumn("培养措施", 2.4, 20, "x.cultivation"),
         LedgerColumn("帮带人", 1.1, 10, "x.mentor"), LedgerColumn("在库状态", 1.0, 8, "x.status", codes.RESERVE_STATUS),
         LedgerColumn("备注", 1.6, 20, "x.remarks")),
        village="x.village_id", year=("x.entered_date", "入库年份")),
    importer=ImportSpec("reserve", "村级后备干部", (
        ImportField("track", ("后备类别", "后备类型", "人选类别", "类别"), ("后备类",), True),
        ImportField("entered_date", ("入库时间", "确定时间", "纳入时间"), ("入库",), True),
        ImportField("recommended_by", ("推荐方式", "推荐渠道", "推荐类型"), ("推荐",), True),
        ImportField("cultivation", ("培养措施", "培养方式"), ("培养",)),
        ImportField("mentor", ("帮带人", "传帮带", "培养联系人", "结对帮带人"), ("帮带",), True),
        ImportField("remarks", ("备注",), ("备注",)),
    ), defaults={"track": "two_committees", "status": "active"}, live="deleted = 0 AND status = 'active'",
        help="后备干部"),
    forms=(FormSpec("reserves", "村级后备干部", (
        form_col("reserve.track", "后备类别", "enum", enum=codes.RESERVE_TRACKS),
        form_col("reserve.status", "在库状态", "enum", enum=codes.RESERVE_STATUS,
                 synonyms=(("在库状态", "是否在库"), ())),
        form_col("reserve.entered_date", "入库时间", "date"),
        form_col("reserve.recommended_by", "推荐方式", "enum", enum=codes.RECOMMENDED_BY),
        form_col("reserve.cultivation", "培养措施"), form_col("reserve.mentor", "帮带人"),
        form_col("reserve.remarks", "备注"),
    ), match="reserves", statuses=codes.RESERVE_STATUS, track=True),),
)

VETTINGS = RecordKind(
    "vettings", "资格联审", "Vetting",
    Export("vt", (Col("id", "vt.id"), Col("reserve_id", "vt.reserve_id"), *PERSON, *VILLAGE,
                  Col("step", "vt.step"), Col("date", "vt.date"), Col("result", "vt.result"),
                  Col("reviewer", "vt.reviewer"), Col("remarks", "vt.remarks"), deleted("vt"), *SYNC),
           _RC_JOIN.format(a="vt"), "vt.rowid"),
    fields.VETTING_FIELDS, parents=("reserve",))

REVIEWS = RecordKind(
    "reviews", "年度考察评议", "AnnualReview",
    Export("ar", (Col("id", "ar.id"), Col("reserve_id", "ar.reserve_id"), *PERSON, *VILLAGE,
                  Col("year", "ar.year"), Col("rating", "ar.rating"), Col("reviewer", "ar.reviewer"),
                  Col("negative_list", "ar.negative_list"), Col("remarks", "ar.remarks"), deleted("ar"), *SYNC),
           _RC_JOIN.format(a="ar"), "ar.year, ar.rowid"),
    fields.REVIEW_FIELDS, parents=("reserve",))

KINDS = (RESERVES, VETTINGS, REVIEWS)
