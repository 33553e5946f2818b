"""返乡人员 (在外创业经商人员): the 归雁计划 registry — one live record per person, away or back."""
from __future__ import annotations

from rural_cadre_desktop.core import codes, fields
from rural_cadre_desktop.core.kinds.common import (L_BIRTH, L_EDUCATION, L_ID, L_NAME, L_PHONE, L_POLITICAL, L_SEX,
                                                   L_VILLAGE, PERSON, PERSON_JOIN, PERSON_MORE, SYNC, VILLAGE, deleted,
                                                   person_joins)
from rural_cadre_desktop.core.kinds.spec import (Col, LedgerColumn, Export, FormSpec, ImportField, ImportSpec, LedgerSpec,
                                                 RecordKind, form_col)

_FIELDS = ("status", "return_date", "work_place", "industry", "enterprise", "position", "business_scale",
           "business_registered_date", "wants_return", "wants_business", "wants_party", "wants_cadre",
           "four_political", "four_economic", "four_reputation", "four_hometown", "honorary_role",
           "contact_cadre", "mentor", "startup_subsidy", "loan_guarantee", "remarks")

RETURNEES = RecordKind(
    "returnees", "返乡人员", "Returnee",
    Export("r", (Col("id", "r.id"), *PERSON, *PERSON_MORE, *VILLAGE,
                 *(Col(f, f"r.{f}", "bool" if f.startswith(("wants_", "four_")) else None) for f in _FIELDS),
                 deleted("r"), *SYNC),
           person_joins("r", "p.village_id"), "r.rowid"),
    fields.RETURNEE_FIELDS, person_bearing=True, statuses=codes.RETURNEE_STATUS, parents=("person",),
    ledger=LedgerSpec(
        "在外创业经商人员（返乡人员）台账", "人", f"FROM returnee x {PERSON_JOIN}",
        "x.deleted = 0 AND p.deleted = 0 AND p.alias_of_id IS NULL",
        (L_VILLAGE, L_NAME, L_SEX, LedgerColumn("民族", 0.8, 8, "p.ethnicity", codes.ETHNICITY), L_BIRTH, L_ID, L_POLITICAL,
         L_EDUCATION, L_PHONE, LedgerColumn("状态", 1.0, 8, "x.status", codes.RETURNEE_STATUS),
         LedgerColumn("流向", 1.4, 14, "x.work_place"), LedgerColumn("从业情况", 1.4, 14, "x.industry"),
         LedgerColumn("企业名称", 1.9, 18, "x.enterprise"), LedgerColumn("职务", 1.0, 10, "x.position"),
         LedgerColumn("返乡意愿", 0.8, 6, "x.wants_return", "yesno"), LedgerColumn("返乡创业意向", 0.8, 6, "x.wants_business", "yesno"),
         LedgerColumn("入党意向", 0.8, 6, "x.wants_party", "yesno"), LedgerColumn("任村干部意向", 0.8, 6, "x.wants_cadre", "yesno"),
         LedgerColumn("联系干部", 1.0, 10, "x.contact_cadre"), LedgerColumn("备注", 1.0, 20, "x.remarks")),
        year=("x.return_date", "返乡年份")),
    importer=ImportSpec("returnee", "返乡人员（在外创业经商人员）", (
        ImportField("status", ("状态", "是否返乡", "目前状态", "人员状态", "类别"), (), True),
        ImportField("return_date", ("返乡时间", "返乡日期", "回乡时间"), ("返乡时间",), True),
        ImportField("work_place", ("务工地点", "务工经商地点", "流向", "外出地点", "务工地", "工作地点", "所在地",
                                   "外出务工地点", "创业地点", "务工经商地"), ("地点", "流向"), True),
        ImportField("industry", ("从业情况", "从事行业", "从事行业及职务", "行业", "从事职业", "职业", "从业类型",
                                 "务工经商类型"), ("行业", "从业"), True),
        ImportField("enterprise", ("企业名称", "单位名称", "工作单位", "所在企业"), ("企业", "单位")),
        ImportField("position", ("职务",)),
        ImportField("business_scale", ("经营规模", "规模", "年收入"), ("规模",)),
        ImportField("business_registered_date", ("创业登记时间", "登记时间", "注册时间"), (), True),
        ImportField("wants_return", ("是否有返乡意愿", "返乡意愿", "有无返乡意愿", "是否愿意返乡"),
                    ("返乡意愿", "愿意返乡", "愿返乡", "向返乡"), True),
        ImportField("wants_business", ("返乡创业意向", "是否有创业意向", "创业意向", "有无创业意愿", "返乡创业意愿"),
                    ("创业意", "愿创业", "向创业"), True),
        ImportField("wants_party", ("入党意向", "是否有入党意向", "入党意愿", "有无入党意愿"),
                    ("入党意", "愿入党", "向入党"), True),
        ImportField("wants_cadre", ("任村干部意向", "是否愿意任村干部", "任职意向", "村干部意向"),
                    ("村干部意", "任职意", "愿任村干部", "向任村干部"), True),
        ImportField("contact_cadre", ("联系干部", "一对一联系干部", "包联干部", "结对干部"), ("联系干部", "包联"), True),
        ImportField("mentor", ("传帮带结对人", "结对人", "帮带人"), (), True),
        ImportField("honorary_role", ("荣誉职务", "百人团荣誉职务"), ("荣誉",), True),
        ImportField("remarks", ("备注", "说明"), ("备注",)),
    ), defaults={"status": "away"}, help="返乡人员"),
    forms=(FormSpec("returnees", "返乡人员（在外创业经商人员）", (
        form_col("returnee.status", "状态", "enum", enum=codes.RETURNEE_STATUS),
        form_col("returnee.return_date", "返乡时间", "date"), form_col("returnee.work_place", "流向（务工地点）"),
        form_col("returnee.industry", "从业情况"), form_col("returnee.enterprise", "企业名称"),
        form_col("returnee.position", "职务"), form_col("returnee.business_scale", "经营规模"),
        form_col("returnee.business_registered_date", "创业登记时间", "date"),
        form_col("returnee.wants_return", "返乡意愿", "yesno"), form_col("returnee.wants_business", "返乡创业意向", "yesno"),
        form_col("returnee.wants_party", "入党意向", "yesno"), form_col("returnee.wants_cadre", "任村干部意向", "yesno"),
        form_col("returnee.honorary_role", "荣誉职务", "enum", enum=codes.HONORARY_ROLES),
        form_col("returnee.contact_cadre", "联系干部"), form_col("returnee.mentor", "传帮带结对人"),
        form_col("returnee.startup_subsidy", "创业补贴（元）", "num",
                 synonyms=(("创业补贴", "一次性创业补贴", "补贴金额"), ("补贴",))),
        form_col("returnee.loan_guarantee", "贷款担保（元）", "num",
                 synonyms=(("贷款担保", "担保贷款", "担保金额"), ("担保",))),
        form_col("returnee.remarks", "备注"),
    ), match="returnees", statuses=codes.RETURNEE_STATUS),),
)

KINDS = (RETURNEES,)
