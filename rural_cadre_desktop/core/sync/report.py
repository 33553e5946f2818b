"""What an import did (or, in a dry run, would do): added / updated / deleted / conflicts /
refused per table and per village, plus stamps from a clock more than a day ahead."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

COLUMNS = ("added", "updated", "deleted", "conflicts", "refused")
COLUMN_LABELS = {"added": "新增", "updated": "更新", "deleted": "删除", "conflicts": "冲突", "refused": "拒收"}
NO_VILLAGE = "（不分村）"

# 中文 names of the synced tables, for the report.
TABLE_LABELS = {
    "county": "县", "township": "乡镇", "village": "村(社区)", "person": "人员", "education": "学历",
    "resume_entry": "简历", "family_member": "家庭成员", "reward_punishment": "奖惩", "assessment": "年度考核",
    "returnee": "返乡人员", "outlook_note": "思想动态", "activity": "“八个一”活动", "activity_participant": "活动参加人",
    "reserve_cadre": "后备干部", "vetting": "资格联审", "annual_review": "年度考察评议", "village_cadre": "村两委",
    "training_session": "培训班", "attendance": "参训", "attachment": "附件",
}


def _zero() -> dict:
    return dict.fromkeys(COLUMNS, 0)


@dataclass
class Report:
    source: dict = field(default_factory=dict)
    tables: dict = field(default_factory=lambda: defaultdict(_zero))
    villages: dict = field(default_factory=lambda: defaultdict(_zero))
    future: int = 0                      # rows stamped more than a day ahead of this PC's clock
    future_nodes: set = field(default_factory=set)
    new_installation: bool = False
    dry_run: bool = False
    backup: str | None = None

    def count(self, what: str, table: str, village: str | None, n: int = 1) -> None:
        self.tables[table][what] += n
        self.villages[village or NO_VILLAGE][what] += n

    def total(self, what: str) -> int:
        return sum(c[what] for c in self.tables.values())

    @property
    def changed(self) -> bool:
        return any(self.total(w) for w in ("added", "updated", "deleted"))

    def as_dict(self) -> dict:
        return {"source": self.source, "dry_run": self.dry_run, "new_installation": self.new_installation,
                "totals": {w: self.total(w) for w in COLUMNS},
                "tables": {t: dict(c) for t, c in self.tables.items() if any(c.values())},
                "villages": {v: dict(c) for v, c in self.villages.items() if any(c.values())},
                "future_stamps": self.future, "future_nodes": sorted(self.future_nodes), "backup": self.backup}

    def table_rows(self) -> list[tuple]:
        return [(TABLE_LABELS.get(t, t), *(c[w] for w in COLUMNS))
                for t, c in self.tables.items() if any(c.values())]

    def village_rows(self) -> list[tuple]:
        return [(v, *(c[w] for w in COLUMNS)) for v, c in sorted(self.villages.items()) if any(c.values())]

    def lines(self) -> list[str]:
        src = self.source
        head = "预演（没有写入）" if self.dry_run else "导入结果"
        out = [f"{head}：来自 {src.get('name') or '?'}（节点 {src.get('node', '?')}）",
               "合计：" + "，".join(f"{COLUMN_LABELS[w]} {self.total(w)}" for w in COLUMNS)]
        if self.table_rows():
            out.append("按数据类别：")
            out += ["  " + r[0] + "：" + "，".join(f"{COLUMN_LABELS[w]} {n}" for w, n in zip(COLUMNS, r[1:]) if n)
                    for r in self.table_rows()]
        if self.village_rows():
            out.append("按村(社区)：")
            out += ["  " + r[0] + "：" + "，".join(f"{COLUMN_LABELS[w]} {n}" for w, n in zip(COLUMNS, r[1:]) if n)
                    for r in self.village_rows()]
        if self.future:
            out.append(f"注意：有 {self.future} 条记录的修改时间比本机时钟晚一天以上（来自节点 "
                       f"{'、'.join(sorted(self.future_nodes))}），对方电脑的时钟可能不准；本机时钟没有跟着调快")
        if self.total("conflicts"):
            out.append(f"有 {self.total('conflicts')} 处冲突（两边都改了同一项）：较新的值已采用，另一值已保存，"
                       "请用 sync conflicts 查看，需要时可恢复")
        if self.total("refused"):
            out.append(f"有 {self.total('refused')} 条记录不属于本安装的范围（其他乡镇），已拒收")
        return out


def field_label(table: str, column: str) -> str:
    """The 中文 label of a stored column (the editing specs' label), for the conflict list."""
    from rural_cadre_desktop.core import fields
    specs = {"person": "PERSON_FIELDS", "returnee": "RETURNEE_FIELDS", "activity": "ACTIVITY_FIELDS",
             "reserve_cadre": "RESERVE_FIELDS", "vetting": "VETTING_FIELDS", "annual_review": "REVIEW_FIELDS",
             "village_cadre": "CADRE_FIELDS", "training_session": "TRAINING_FIELDS",
             "attendance": "ATTENDANCE_FIELDS", "village": "VILLAGE_FIELDS"}
    own = {"deleted": "删除", "alias_of_id": "并入的人员", "merged_into_id": "并入的村", "village_id": "村(社区)",
           "person_id": "人员", "photo": "照片"}
    table_specs = getattr(fields, specs.get(table, ""), {}) or {}
    name = column.removesuffix("_id")
    spec = table_specs.get(column) or table_specs.get(name)
    return getattr(spec, "label", None) or own.get(column) or column
