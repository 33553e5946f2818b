"""The plan told per sheet, in the words the command line prints (and the wizard shows): what each
sheet adds, updates, refuses; the columns nothing is read from; the sheets skipped and why."""
from __future__ import annotations

from rural_cadre_desktop.core.ledgers.plan import Plan


def sheet_line(sheet: str, c: dict[str, int], village: str = "") -> str:
    where = f"（村(社区)取自工作表：{village}）" if village else ""
    return (f"工作表“{sheet}”{where}：新增 {c['new']}，更新 {c['updated']}，无变化 {c['unchanged']}，"
            f"未导入 {c['refused']}，与前面的行是同一人 {c['merged']}")


def plan_lines(plan: Plan) -> list[str]:
    """Lines for the command line: per sheet (zh, then a machine-readable twin), unmapped columns,
    skipped sheets."""
    out = []
    for sheet, c in plan.sheet_counts():
        out.append(sheet_line(sheet, c, plan.sheet_villages.get(sheet, "")))
        out.append(f"  sheet {sheet}: new {c['new']} updated {c['updated']} unchanged {c['unchanged']} "
                   f"refused {c['refused']} merged {c['merged']}")
        cols = plan.unmapped.get(sheet)
        if cols:
            out.append(f"  未对应的列（不导入）/ unmapped: {'、'.join(cols)}")
    for sheet, why in plan.skipped:
        out.append(f"已跳过工作表“{sheet}”：{why}")
    return out


def moved_lines(plan: Plan) -> list[str]:
    """The people found in two village sheets under different villages, with the village taken."""
    return [f"  工作表“{getattr(f, 'sheet', '')}”第{f[0]}行：{f[1]}" for f in plan.flagged if "村(社区)不同" in f[1]]
