"""National code lists: store the code, show the name.

政治面貌 GB/T 4762-1984, 民族 GB/T 3304-1991, 学历 GB/T 4658-2006 (first-level classes), 性别 GB/T 2261.1.
Each list also knows the short forms offices write in spreadsheets (党员, 团员, 本科 …).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CodeList:
    key: str
    title: str
    codes: dict[str, str]                       # code -> official name
    aliases: dict[str, str] = field(default_factory=dict)   # other spellings -> code

    def name(self, code: str | None) -> str | None:
        return self.codes.get(code) if code else None

    def lookup(self, text: str) -> str | None:
        """The code for a code, an official name or a known short form; None when unknown."""
        t = "".join(str(text).split())
        if not t:
            return None
        if t in self.codes:
            return t
        if t.isdigit() and len(t) == 1 and ("0" + t) in self.codes:
            return "0" + t
        for code, name in self.codes.items():
            if t == name:
                return code
        return self.aliases.get(t)

    def choices(self) -> list[tuple[str, str]]:
        return list(self.codes.items())


SEX = CodeList("sex", "性别", {"1": "男", "2": "女"}, {"男性": "1", "女性": "2", "M": "1", "F": "2"})

POLITICAL_STATUS = CodeList(
    "political_status", "政治面貌",
    {
        "01": "中国共产党党员", "02": "中国共产党预备党员", "03": "中国共产主义青年团团员",
        "04": "中国国民党革命委员会会员", "05": "中国民主同盟盟员", "06": "中国民主建国会会员",
        "07": "中国民主促进会会员", "08": "中国农工民主党党员", "09": "中国致公党党员",
        "10": "九三学社社员", "11": "台湾民主自治同盟盟员", "12": "无党派民主人士", "13": "群众",
    },
    {
        "中共党员": "01", "党员": "01", "共产党员": "01", "中国共产党员": "01",
        "中共预备党员": "02", "预备党员": "02",
        "共青团员": "03", "团员": "03", "共青团团员": "03",
        "民革": "04", "民革党员": "04", "民盟": "05", "民盟盟员": "05", "民建": "06", "民建会员": "06",
        "民进": "07", "民进会员": "07", "农工党": "08", "农工党党员": "08", "致公党": "09",
        "致公党党员": "09", "九三学社": "10", "台盟": "11", "台盟盟员": "11",
        "无党派": "12", "无党派人士": "12", "普通群众": "13",
    },
)

# 政治面貌 as printed sheets, ledgers and lists write it (中共党员, not 中国共产党党员): one table for all.
POLITICAL_SHORT = {
    "01": "中共党员", "02": "中共预备党员", "03": "共青团员", "04": "民革党员", "05": "民盟盟员",
    "06": "民建会员", "07": "民进会员", "08": "农工党党员", "09": "致公党党员", "10": "九三学社社员",
    "11": "台盟盟员", "12": "无党派人士", "13": "群众",
}


def political_short(code: str | None) -> str:
    return POLITICAL_SHORT.get(code or "", POLITICAL_STATUS.name(code) or "") if code else ""

_ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
ETHNICITY = CodeList(
    "ethnicity", "民族",
    {**{f"{i + 1:02d}": n + "族" for i, n in enumerate(_ETHNIC)}, "97": "其他", "98": "外国血统中国籍人士"},
    {n: f"{i + 1:02d}" for i, n in enumerate(_ETHNIC) if len(n) > 1 or n in "汉回藏苗彝壮满侗瑶白傣黎佤畲水京怒"},
)

EDUCATION = CodeList(
    "education", "学历",
    {
        "10": "研究生", "20": "大学本科", "30": "大学专科", "40": "中等职业教育",
        "60": "普通高级中学", "70": "初级中学", "80": "小学", "90": "其他",
    },
    {
        "博士": "10", "博士研究生": "10", "硕士": "10", "硕士研究生": "10", "研究生教育": "10",
        "本科": "20", "大学": "20", "大本": "20", "大学本科教育": "20",
        "大专": "30", "专科": "30", "高职": "30", "大学专科教育": "30",
        "中专": "40", "中技": "40", "技校": "40", "职高": "40", "中职": "40",
        "高中": "60", "普高": "60", "初中": "70", "小学": "80", "文盲": "90", "半文盲": "90", "无": "90",
    },
)

CODE_LISTS = {c.key: c for c in (SEX, POLITICAL_STATUS, ETHNICITY, EDUCATION)}

# Enumerations whose stored values are the glossary's identifiers (DESIGN.md), with their Chinese labels.
EIGHT_ONES = {
    "invitation": "发送一封邀请函",
    "symposium": "召开一次恳谈会",
    "outlook_report": "汇报一次思想工作动态",
    "visit": "慰问一批优秀代表",
    "party_activist": "确定一批入党积极分子",
    "reserve_cultivation": "培养一批村级后备力量",
    "problem_solved": "解决一些实际问题",
    "suggestion": "收集一批意见建议",
}
EIGHT_ONES_SHORT = {
    "invitation": "邀请函", "symposium": "恳谈会", "outlook_report": "思想动态", "visit": "慰问",
    "party_activist": "入党积极分子", "reserve_cultivation": "后备力量", "problem_solved": "实际问题",
    "suggestion": "意见建议",
}
ACTIVITY_STATUS = {"open": "待办", "handled": "已办结"}
RETURNEE_STATUS = {"away": "在外", "returned": "已返乡"}
HONORARY_ROLES = {
    "honorary_secretary": "名誉村支书", "honorary_director": "名誉村主任",
    "economy_advisor": "集体经济顾问", "governance_advisor": "治村顾问",
}
RESERVE_TRACKS = {"secretary": "村党组织书记后备人选", "two_committees": "村两委后备干部"}
RECOMMENDED_BY = {
    "organization": "组织推荐", "masses": "群众推荐", "party_members": "党员推荐",
    "mass_groups": "群团推荐", "self": "个人自荐",
}
RESERVE_STATUS = {"active": "在库", "left": "已出库"}
VETTING_STEPS = {"village": "村级摸排", "township": "乡级初审", "county": "县级联审"}
VETTING_RESULTS = {"pass": "通过", "fail": "不通过", "pending": "待审"}
REVIEW_RATINGS = {
    "excellent": "优秀", "competent": "称职", "basically_competent": "基本称职", "incompetent": "不称职",
}
CADRE_POSTS = {
    "secretary": "书记", "director": "主任", "deputy_secretary": "副书记",
    "deputy_director": "副主任", "member": "委员",
}
TRAINING_KINDS = {
    "rotation": "集中轮训", "lecture": "书记讲堂", "site_visit": "实地观摩", "external": "外出培训",
    "shadowing": "跟岗学习", "field_practice": "下沉实操", "degree": "学历提升", "special": "专题培训班",
}
TRAINING_LEVELS = {"province": "省级", "city": "市级", "county": "县级", "township": "乡级"}
TRAINING_TARGETS = {
    "secretary": "村党组织书记", "two_committees": "村两委成员", "reserve": "后备干部",
    "returnee": "返乡人员", "mixed": "综合",
}
EDUCATION_KINDS = {"full_time": "全日制", "on_the_job": "在职"}
REWARD_KINDS = {"reward": "奖励", "punishment": "惩处"}
ASSESSMENT_RESULTS = ("优秀", "称职", "基本称职", "不称职", "合格", "不合格")

# Every enumeration by the name the field carries, for validation and for showing labels.
ENUMS: dict[str, dict[str, str]] = {
    "kind_activity": EIGHT_ONES, "activity_status": ACTIVITY_STATUS, "returnee_status": RETURNEE_STATUS,
    "honorary_role": HONORARY_ROLES, "track": RESERVE_TRACKS, "recommended_by": RECOMMENDED_BY,
    "reserve_status": RESERVE_STATUS, "vetting_step": VETTING_STEPS, "vetting_result": VETTING_RESULTS,
    "rating": REVIEW_RATINGS, "post": CADRE_POSTS, "training_kind": TRAINING_KINDS,
    "training_level": TRAINING_LEVELS, "training_target": TRAINING_TARGETS,
    "education_kind": EDUCATION_KINDS, "reward_kind": REWARD_KINDS,
}
