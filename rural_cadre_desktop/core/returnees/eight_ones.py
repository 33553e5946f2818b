"""How each of the "八个一" is counted in a year (DESIGN.md: "which returnees got the per-person
items … and how often the batch and meeting items were done per village").

- per person (`person`): every returnee is owed one a year — 发送一封邀请函 (invitation) and
  汇报一次思想工作动态 (outlook_report). A returnee without one this year is missing it.
- per village, a meeting (`meeting`): 召开一次恳谈会 (symposium) — held once a year; a village has
  had it when a 恳谈会 of that year was held for the village or one of its returnees took part
  (a township-wide 恳谈会 counts for every village whose people came).
- per village, a batch (`batch`): 慰问一批优秀代表 (visit), 确定一批入党积极分子 (party_activist),
  培养一批村级后备力量 (reserve_cultivation) — a batch of a few chosen people, not everyone; a
  village has done it when at least one batch of that year concerns it (same rule as a meeting).
- per village, items (`items`): 解决一些实际问题 (problem_solved), 收集一批意见建议 (suggestion) —
  counted as items (件/条) raised from the village's people, with how many are still open.

A village with no returnees owes nothing. Totals count people for the per-person kinds and villages
covered (out of the villages with returnees) for the others, never people.
"""
from __future__ import annotations

from rural_cadre_desktop.core import codes

KINDS = list(codes.EIGHT_ONES)
COUNTING = {
    "invitation": "person", "outlook_report": "person",
    "symposium": "meeting",
    "visit": "batch", "party_activist": "batch", "reserve_cultivation": "batch",
    "problem_solved": "items", "suggestion": "items",
}
PER_PERSON = tuple(k for k in KINDS if COUNTING[k] == "person")
PER_VILLAGE = tuple(k for k in KINDS if COUNTING[k] != "person")
UNIT = {"symposium": "次", "visit": "批", "party_activist": "批", "reserve_cultivation": "批",
        "problem_solved": "件", "suggestion": "条"}

# One sentence per kind: the grid's tooltips and the README say the same.
RULE_TEXT = {
    "invitation": "每人每年一封：本年度未收到邀请函的返乡人员为缺项",
    "outlook_report": "每人每年一次：本年度未汇报思想动态的返乡人员为缺项",
    "symposium": "按村统计：本年度为本村召开或本村人员参加过恳谈会即为已开展，未开展的村为缺项",
    "visit": "按村统计（一批优秀代表，不是每人）：本年度本村有慰问批次即为已开展",
    "party_activist": "按村统计（一批，不是每人）：本年度本村确定过入党积极分子即为已开展",
    "reserve_cultivation": "按村统计（一批，不是每人）：本年度本村确定过村级后备力量培养对象即为已开展",
    "problem_solved": "按村统计件数：本年度本村人员反映并记录的实际问题（含待办）",
    "suggestion": "按村统计条数：本年度本村人员提出并记录的意见建议（含待办）",
}

assert set(COUNTING) == set(KINDS) and set(UNIT) == set(PER_VILLAGE)
