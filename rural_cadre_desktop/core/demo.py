"""Realistic demo data: a township with villages, each village's sitting 两委, returnees with
"八个一" activities of all eight kinds, reserves with résumés, family and reviews, trainings with
attendance. Deterministic for a seed; bulk paths use executemany, so 100,000 returnees take seconds.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from rural_cadre_desktop.core import regions, settings, store
from rural_cadre_desktop.core.models import (Activity, ActivityParticipant, AnnualReview, Assessment, Attendance,
                                             Education, FamilyMember, Person, ReserveCadre, ResumeEntry, Returnee,
                                             RewardPunishment, TrainingSession, Vetting, Village, VillageCadre)
from rural_cadre_desktop.core.models.base import uuid7
from rural_cadre_desktop.core.people import name_initials
from rural_cadre_desktop.core.setup import init_installation, is_initialised
from rural_cadre_desktop.core.strokes import stroke_key
from rural_cadre_desktop.core.validation import id_check_char

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
            "余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅志刚海燕小龙建华文博浩宇子轩欣怡"
         "俊杰宏伟春梅秋菊德明永强淑珍凤英桂芳金凤家豪晓东雪梅振华卫东新民")
RARE_GIVEN = "堃喆昇淼鑫垚焱犇骉瑄珺"
VILLAGES = ["古城村", "柳树村", "新民社区", "石门村", "杨河村", "东坡村", "龙泉社区", "黄坪村", "王河村", "北沟村",
            "前进村", "红岩村", "桃园村", "双槐村", "白庙村", "西川村", "南湾村", "上河村", "下寨村", "兴隆社区"]
PLACES = ["浙江杭州", "浙江宁波", "江苏苏州", "江苏南京", "广东深圳", "广东东莞", "上海", "北京", "陕西西安",
          "河南郑州", "山西太原", "四川成都", "湖北武汉", "福建厦门", "新疆乌鲁木齐", "内蒙古鄂尔多斯"]
INDUSTRIES = [("建筑业", "项目经理"), ("餐饮", "老板"), ("物流运输", "车队长"), ("电子制造", "班组长"),
              ("商贸零售", "店主"), ("矿产", "技术员"), ("家政服务", "负责人"), ("养殖", "场长"),
              ("电商", "创始人"), ("装修", "工长"), ("食品加工", "厂长"), ("汽修", "技师")]
COMPANIES = ["宏达建筑有限公司", "秦岭餐饮管理公司", "顺通物流有限公司", "富士康科技集团", "惠民超市",
             "金鼎矿业公司", "家和家政服务部", "绿源养殖合作社", "乡味电商工作室", "美居装饰公司"]
SCALES = ["个体", "10人以下", "10-50人", "50-100人", "100人以上", "年营业额500万元以上"]
RELATIONS = [("父亲", 28, 32), ("母亲", 25, 30), ("妻子", -3, 2), ("丈夫", -2, 3), ("儿子", -30, -24), ("女儿", -30, -23)]
TRAININGS = [
    ("村党组织书记集中轮训班", "rotation", "county", "secretary", 5, "0"),
    ("村党组织书记赴浙江跟岗学习", "shadowing", "city", "secretary", 7, "1"),
    ("书记讲堂（乡村振兴专题）", "lecture", "township", "two_committees", 1, "0"),
    ("后备干部实地观摩", "site_visit", "county", "reserve", 2, "0"),
    ("返乡创业人员专题培训班", "special", "county", "returnee", 3, "0"),
    ("村级后备干部下沉实操", "field_practice", "township", "reserve", 10, "0"),
]


class Demo:
    def __init__(self, seed: int, progress: Callable[[str], None] | None = None):
        self.rng = random.Random(seed)
        self.seen_ids: set[str] = set()
        self.progress = progress or (lambda msg: None)
        self.year = dt.date.today().year
        self._n = 0
        self._base_ms = 1_700_000_000_000 + seed * 10_000_000

    def uid(self) -> str:
        # Deterministic for the seed, time-ordered like every id the program makes (models.base.uuid7).
        self._n += 1
        return uuid7(self._base_ms + self._n // 16, self.rng.getrandbits(74))

    def name(self) -> str:
        r = self.rng
        given = r.choice(GIVEN) + (r.choice(GIVEN) if r.random() < 0.7 else "")
        if r.random() < 0.004:
            given = given[:-1] + r.choice(RARE_GIVEN)
        return r.choice(SURNAMES) + given

    def id_number(self, area: str, lo: int, hi: int) -> tuple[str, str, str]:
        r = self.rng
        while True:
            b = dt.date(r.randint(lo, hi), r.randint(1, 12), r.randint(1, 28))
            s17 = area + b.strftime("%Y%m%d") + f"{r.randint(0, 999):03d}"
            if s17 not in self.seen_ids:
                self.seen_ids.add(s17)
                idn = s17 + id_check_char(s17)
                return idn, ("1" if int(s17[16]) % 2 else "2"), b.isoformat()

    def past(self, year: int, month: int, day: int) -> str:
        """A date of this year's work that has already happened (no activity dated next month)."""
        today = dt.date.today()
        when = dt.date(year, month, day)
        if when > today:
            when = today - dt.timedelta(days=self.rng.randint(0, min(60, today.timetuple().tm_yday - 1)))
        return when.isoformat()

    def phone(self) -> str:
        return self.rng.choice(["13", "15", "18", "17", "19"]) + f"{self.rng.randint(0, 999999999):09d}"

    def person_row(self, village_id: str, lo=1965, hi=2003, party=0.15, edu=None) -> tuple:
        r = self.rng
        name = self.name()
        idn, sex, birth = self.id_number("611021", lo, hi)
        ps = "01" if r.random() < party else r.choice(["13", "13", "13", "03"])
        ed = edu or r.choice(["70", "70", "60", "60", "40", "30", "30", "20"])
        initials = name_initials(name)
        return (self.uid(), name, initials, stroke_key(name, initials), idn, sex, birth, "01", ps, ed, self.phone(), village_id,
                "陕西洛南")


PERSON_COLS = ["name", "name_initials", "name_strokes", "id_number", "sex", "birth_date", "ethnicity", "political_status",
               "education", "phone", "village_id", "native_place"]
RETURNEE_COLS = ["person_id", "status", "return_date", "work_place", "industry", "enterprise", "position",
                 "business_scale", "business_registered_date", "wants_return", "wants_business", "wants_party",
                 "wants_cadre", "four_political", "four_economic", "four_reputation", "four_hometown",
                 "honorary_role", "contact_cadre", "mentor", "startup_subsidy", "remarks"]


def holds_records() -> bool:
    """Whether the database already has people in it (demo data never mixes with real data)."""
    return Person.select().where(Person.deleted == False).exists()  # noqa: E712


def is_demo() -> bool:
    return settings.get("demo_seed") is not None


def generate(villages: int = 12, returnees: int = 300, seed: int = 1,
             progress: Callable[[str], None] | None = None) -> dict[str, int]:
    d = Demo(seed, progress)
    r = d.rng
    db = Person._meta.database
    counts: dict[str, int] = {}
    with db.atomic():
        if not is_initialised():
            init_installation("洛南县", "石门镇", "611021100000")
            settings.put("contact_person", "李建华")
            settings.put("contact_phone", "0914-7321234")
        township = regions.home_township()
        vs: list[Village] = []
        for i in range(villages):
            name = VILLAGES[i] if i < len(VILLAGES) else f"{VILLAGES[i % len(VILLAGES)][:-1]}{i // len(VILLAGES) + 1}组村"
            v = regions.find_village(name, township) or store.insert(
                Village, township=township, name=name, norm_name=regions.norm_village(name),
                code=f"611021100{200 + i + 1:03d}", sort_order=i)
            vs.append(v)
        vids = [v.id for v in vs]
        d.progress("人员与返乡登记")
        people_rows, ret_rows = [], []
        cadres = ["李建华", "王志强", "赵丽", "张海燕", "刘卫东", "陈明"]
        for _ in range(returnees):
            p = d.person_row(r.choice(vids))
            people_rows.append(p)
            returned = r.random() < 0.3
            ind, pos = r.choice(INDUSTRIES)
            biz = returned and r.random() < 0.4
            ret_rows.append((
                d.uid(), p[0], "returned" if returned else "away",
                f"{r.randint(d.year - 5, d.year)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}" if returned else None,
                r.choice(PLACES), ind, r.choice(COMPANIES), pos, r.choice(SCALES),
                f"{r.randint(d.year - 4, d.year)}-{r.randint(1, 12):02d}-01" if biz else None,
                r.random() < 0.35, r.random() < 0.2, r.random() < 0.1, r.random() < 0.08,
                r.random() < 0.6, r.random() < 0.3, r.random() < 0.7, r.random() < 0.5,
                r.choice(["honorary_secretary", "honorary_director", "economy_advisor", "governance_advisor"])
                if r.random() < 0.02 else None,
                r.choice(cadres), r.choice(cadres) if r.random() < 0.2 else None,
                5000.0 if biz and r.random() < 0.5 else None, None))
        store.bulk_insert(Person, PERSON_COLS, people_rows)
        store.bulk_insert(Returnee, RETURNEE_COLS, ret_rows)
        counts["returnees"] = len(ret_rows)
        d.progress("八个一活动")
        counts["activities"] = _activities(d, people_rows, vids)
        d.progress("村两委与后备干部")
        counts.update(_cadres_and_reserves(d, vs))
        d.progress("培训")
        counts.update(_trainings(d))
        settings.put("demo_seed", str(seed))      # marks the file as demo data (cli: no second run)
        store.audit("demo", f"seed={seed} villages={villages} returnees={returnees}")
    return counts


def _activities(d: Demo, people_rows: list[tuple], vids: list[str]) -> int:
    r = d.rng
    acts, parts = [], []
    by_village: dict[str, list[str]] = {}
    for p in people_rows:
        by_village.setdefault(p[11], []).append(p[0])
    single = [("invitation", 0.6), ("outlook_report", 0.08), ("visit", 0.04), ("party_activist", 0.02),
              ("reserve_cultivation", 0.015), ("problem_solved", 0.03), ("suggestion", 0.03)]
    problems = ["子女入学", "宅基地审批", "创业贷款", "土地流转", "社保转移", "道路硬化"]
    for year in (d.year - 1, d.year):
        for p in people_rows:
            for kind, share in single:
                if r.random() >= share:
                    continue
                aid = d.uid()
                month = r.randint(1, 2) if kind == "invitation" else r.randint(1, 12)
                status = answer = None
                content = {"invitation": "发送返乡邀请函", "outlook_report": "电话了解思想动态，表示关心家乡发展",
                           "visit": "春节慰问优秀在外人士", "party_activist": "确定为入党积极分子",
                           "reserve_cultivation": "纳入村级后备力量培养", "suggestion": "建议发展乡村旅游"}.get(kind, "")
                if kind in ("problem_solved", "suggestion"):
                    if kind == "problem_solved":
                        content = f"反映{r.choice(problems)}问题"
                    status = "handled" if r.random() < 0.6 else "open"
                    answer = "已协调相关部门办结" if status == "handled" else None
                acts.append((aid, year, kind, d.past(year, month, r.randint(1, 28)), None, content,
                             status, answer, p[11]))
                parts.append((d.uid(), aid, p[0]))
        for vid, members in by_village.items():       # one 恳谈会 per village per year, many participants
            aid = d.uid()
            acts.append((aid, year, "symposium", f"{year}-02-{r.randint(1, 20):02d}", "镇政府会议室",
                         "在外创业经商人员春节恳谈会", None, None, vid))
            for pid in r.sample(members, min(len(members), 30)):
                parts.append((d.uid(), aid, pid))
    store.bulk_insert(Activity, ["year", "kind", "date", "place", "content", "status", "answer", "village_id"], acts)
    store.bulk_insert(ActivityParticipant, ["activity_id", "person_id"], parts)
    return len(acts)


def _cadres_and_reserves(d: Demo, vs: list[Village]) -> dict[str, int]:
    r = d.rng
    people, cadres, reserves, vettings, reviews = [], [], [], [], []
    resume, family, edus, rewards, assess = [], [], [], [], []
    term = "2021-10-01"                                      # the last 村两委换届
    for v in vs:
        both = r.random() < 0.7                              # 一肩挑
        posts = [("secretary", both)] + ([] if both else [("director", False)]) + \
                [("deputy_secretary", False)] + [("member", False)] * r.randint(2, 3)
        for post, hb in posts:
            p = d.person_row(v.id, 1966, 1990, party=1.0 if post in ("secretary", "deputy_secretary") else 0.6,
                             edu=r.choice(["60", "40", "30", "30", "20"]))
            people.append(p)
            cadres.append((d.uid(), p[0], v.id, post, hb, term, None))
        n_res = r.randint(2, 4)
        for k in range(n_res):
            track = "secretary" if k == 0 and r.random() < 0.9 else "two_committees"
            p = d.person_row(v.id, 1985, 2000, party=0.7, edu=r.choice(["30", "30", "20", "20", "60"]))
            people.append(p)
            rid = d.uid()
            entered = f"{d.year - r.randint(1, 3)}-0{r.randint(3, 9)}-15"
            reserves.append((rid, p[0], v.id, track, "active", entered,
                             r.choice(["organization", "masses", "party_members", "mass_groups", "self"]),
                             "安排到村便民服务中心跟岗锻炼，参加乡镇组织的集中培训", r.choice(["李建华", "王志强", "赵丽"])))
            for i, step in enumerate(("village", "township", "county")):
                vettings.append((d.uid(), rid, step, f"{entered[:4]}-0{3 + i}-10", "pass",
                                 ["村党组织", "镇党委组织办", "县委组织部"][i]))
            reviews.append((d.uid(), rid, d.year - 1, r.choice(["excellent", "competent", "competent",
                                                               "basically_competent"]), "镇党委考察组"))
            born = int(p[6][:4])
            y = born + 18
            school = r.choice(["洛南县职业教育中心", "商洛学院", "陕西国防工业职业技术学院", "西安文理学院"])
            major = r.choice(["农学", "会计", "计算机应用", "市场营销", "电子商务"])
            edus.append((d.uid(), p[0], "full_time", p[9], None, school, major, f"{y}-09", f"{y + 3}-07"))
            lines = [(f"{y}-09", f"{y + 3}-07", f"{school}{major}专业学习"),
                     (f"{y + 3}-07", f"{y + 6}-03", f"{r.choice(PLACES)}{r.choice(COMPANIES)}职员"),
                     (f"{y + 6}-03", None, f"洛南县石门镇{v.name}{r.choice(['文书', '会计', '网格员', '村务监督委员'])}")]
            for seq, (s, e, text) in enumerate(lines):
                resume.append((d.uid(), p[0], s, e, text, seq))
            spouse = "丈夫" if p[5] == "2" else "妻子"        # a woman's sheet lists a husband, not a wife
            relations = [x for x in RELATIONS if x[0] not in ("妻子", "丈夫") or x[0] == spouse]
            for seq, (rel, lo, hi) in enumerate(r.sample(relations, 3)):
                if rel in ("儿子", "女儿") and born > 1992:
                    continue
                fb = born - r.randint(min(lo, hi), max(lo, hi))
                young = d.year - fb < 22            # a child at school: no party card, no job
                family.append((d.uid(), p[0], rel, d.name(), f"{fb}-{r.randint(1, 12):02d}",
                               "13" if young else r.choice(["01", "13", "13"]),
                               "在校学生" if young else r.choice(["务农", "个体经营", "在外务工", "退休"]), seq))
            if r.random() < 0.3:
                rewards.append((d.uid(), p[0], "reward", f"{d.year - 1}-12", "被评为镇级优秀共产党员"))
            assess.append((d.uid(), p[0], d.year - 1, r.choice(["优秀", "称职", "称职"])))
    store.bulk_insert(Person, PERSON_COLS, people)
    store.bulk_insert(VillageCadre, ["person_id", "village_id", "post", "holds_both_posts", "term_start", "term_end"], cadres)
    store.bulk_insert(ReserveCadre, ["person_id", "village_id", "track", "status", "entered_date", "recommended_by",
                                     "cultivation", "mentor"], reserves)
    store.bulk_insert(Vetting, ["reserve_id", "step", "date", "result", "reviewer"], vettings)
    store.bulk_insert(AnnualReview, ["reserve_id", "year", "rating", "reviewer"], reviews)
    store.bulk_insert(Education, ["person_id", "kind", "level", "degree", "school", "major", "start_date", "end_date"], edus)
    store.bulk_insert(ResumeEntry, ["person_id", "start_date", "end_date", "text", "seq"], resume)
    store.bulk_insert(FamilyMember, ["person_id", "relation", "name", "birth_date", "political_status", "work_unit",
                                     "seq"], family)
    store.bulk_insert(RewardPunishment, ["person_id", "kind", "date", "text"], rewards)
    store.bulk_insert(Assessment, ["person_id", "year", "result"], assess)
    d.cadre_ids = [c[1] for c in cadres]
    d.secretary_ids = [c[1] for c in cadres if c[3] == "secretary"]
    d.reserve_ids = [x[1] for x in reserves]
    return {"cadres": len(cadres), "reserves": len(reserves)}


def _trainings(d: Demo) -> dict[str, int]:
    r = d.rng
    sessions, att = [], []
    returnee_ids = [row[0] for row in Returnee.select(Returnee.person).where(Returnee.deleted == False)  # noqa: E712
                    .limit(400).tuples()]
    for year in (d.year - 1, d.year):
        for name, kind, level, target, days, outside in TRAININGS:
            sid = d.uid()
            start = dt.date.fromisoformat(d.past(year, r.randint(3, 10), r.randint(1, 20)))
            sessions.append((sid, f"{year}年{name}", kind, level, target, start.isoformat(),
                             (start + dt.timedelta(days=days - 1)).isoformat(), float(days),
                             "浙江省湖州市" if outside == "1" else "洛南县委党校", "中共洛南县委组织部", outside))
            pool = {"secretary": d.secretary_ids, "two_committees": d.cadre_ids, "reserve": d.reserve_ids,
                    "returnee": returnee_ids}[target]
            chosen = pool if target == "secretary" else r.sample(pool, min(len(pool), 40))
            for pid in chosen:
                att.append((d.uid(), sid, pid, r.choice(["合格", "合格", "优秀"])))
    store.bulk_insert(TrainingSession, ["name", "kind", "level", "target", "start_date", "end_date", "days", "place",
                                        "organizer", "outside_county"], sessions)
    store.bulk_insert(Attendance, ["training_id", "person_id", "exam_result"], att)
    return {"trainings": len(sessions), "attendance": len(att)}
