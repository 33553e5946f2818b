"""Realistic demo data: a township with villages, each village's sitting 两委, returnees with
"八个一" activities of all eight kinds, reserves with résumés, family and reviews, trainings with
attendance. Deterministic for a seed; bulk paths use executemany, so 100,000 returnees take seconds.

Demo data is the first thing anyone sees, so it is drawn from rules that hold for every row
(tests/unit/test_demo_plausible.py checks them all): 政治面貌 agrees with age (共青团员 14–28; 党员
18+ with 入党时间 after the 18th birthday and after 参加工作, 预备党员 within the last year); dates in
order (birth < 参加工作 < 入党; 返乡 after working away, 创业 after 返乡, nothing in the future); names
agree with sex; family members agree with the relation (妻子 for a man, 丈夫 for a woman, of similar
age; children 22–40 years younger with the father's surname; parents 20–40 years older, the father
with the person's surname; 退休 only from 60/55, students under 22); positions fit age. The "八个一"
are done as the practice does them (core/returnees/eight_ones.py): letters and reports per person,
meetings and batches per village.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from rural_cadre_desktop.core import regions, settings, store
from rural_cadre_desktop.core.models import (Activity, ActivityParticipant, AnnualReview, Assessment, Attendance,
                                             Education, FamilyMember, Person, ReserveCadre, ResumeEntry, Returnee,
                                             RewardPunishment, TrainingSession, Vetting, Village, VillageCadre)
from rural_cadre_desktop.core.people import name_keys
from rural_cadre_desktop.core.setup import init_installation, is_initialised
from rural_cadre_desktop.core.validation import id_check_char

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
            "余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
# Characters of given names by sex (a wife is never 志刚, a son never 秀英), combined like the old
# pools for variety; a few names carry a rare character the usual fonts lack, for the printing paths.
MALE_CHARS = "伟强磊军勇杰涛明超刚斌鹏建国志华文博浩宇子轩俊宏德永家东振卫新民海峰辉龙成林波亮晨阳立勋毅"
FEMALE_CHARS = "芳娜敏静丽艳娟霞燕玲婷红梅春秋菊淑珍凤英桂金雪欣怡秀玉兰佳雨萱诗涵梦瑶慧美翠婉思若曦雅琴楠晓"
ALONE = set("伟强磊军勇杰涛明超刚斌鹏华博浩宇轩俊宏东振峰辉龙成林波亮晨阳勋毅"     # characters that are a name
            "芳娜敏静丽艳娟霞燕玲婷红梅菊珍凤英桂雪怡秀玉兰萱涵瑶慧翠琴楠")     # by themselves (not 家, 子, 思 …)
RARE_GIVEN = {"1": "堃喆昇淼鑫垚焱犇骉", "2": "瑄珺"}
VILLAGES = ["古城村", "柳树村", "新民社区", "石门村", "杨河村", "东坡村", "龙泉社区", "黄坪村", "王河村", "北沟村",
            "前进村", "红岩村", "桃园村", "双槐村", "白庙村", "西川村", "南湾村", "上河村", "下寨村", "兴隆社区"]
PLACES = ["浙江杭州", "浙江宁波", "江苏苏州", "江苏南京", "广东深圳", "广东东莞", "上海", "北京", "陕西西安",
          "河南郑州", "山西太原", "四川成都", "湖北武汉", "福建厦门", "新疆乌鲁木齐", "内蒙古鄂尔多斯"]
# 从业情况: industry, a position for someone established (28 or older), one for anyone, the enterprise
INDUSTRIES = [("建筑业", "项目经理", "施工员", "宏达建筑有限公司"), ("餐饮", "老板", "厨师", "秦岭餐饮管理公司"),
              ("物流运输", "车队长", "货车司机", "顺通物流有限公司"), ("电子制造", "班组长", "操作工", "富士康科技集团"),
              ("商贸零售", "店主", "店员", "惠民超市"), ("矿产", "技术员", "矿工", "金鼎矿业公司"),
              ("家政服务", "负责人", "家政员", "家和家政服务部"), ("养殖", "场长", "饲养员", "绿源养殖合作社"),
              ("电商", "创始人", "运营专员", "乡味电商工作室"), ("装修", "工长", "装修工", "美居装饰公司"),
              ("食品加工", "厂长", "操作工", "秦味食品有限公司"), ("汽修", "技师", "学徒", "顺达汽修厂")]
COMPANIES = ["宏达建筑有限公司", "秦岭餐饮管理公司", "顺通物流有限公司", "富士康科技集团", "惠民超市",
             "金鼎矿业公司", "家和家政服务部", "绿源养殖合作社", "乡味电商工作室", "美居装饰公司"]
SCALES = ["个体", "10人以下", "10-50人", "50-100人", "100人以上", "年营业额500万元以上"]
TRAININGS = [
    ("村党组织书记集中轮训班", "rotation", "county", "secretary", 5, "0"),
    ("村党组织书记赴浙江跟岗学习", "shadowing", "city", "secretary", 7, "1"),
    ("书记讲堂（乡村振兴专题）", "lecture", "township", "two_committees", 1, "0"),
    ("后备干部实地观摩", "site_visit", "county", "reserve", 2, "0"),
    ("返乡创业人员专题培训班", "special", "county", "returnee", 3, "0"),
    ("村级后备干部下沉实操", "field_practice", "township", "reserve", 10, "0"),
]
# Full-time schooling by highest education (GB/T 4658): age at entry, years, schools, majors.
SCHOOLING = {
    "20": (18, 4, ["西安文理学院", "商洛学院", "陕西理工大学"], ["农学", "会计学", "计算机科学与技术", "市场营销"]),
    "30": (18, 3, ["商洛职业技术学院", "陕西国防工业职业技术学院", "杨凌职业技术学院"],
           ["计算机应用", "电子商务", "会计", "畜牧兽医"]),
    "40": (15, 3, ["洛南县职业教育中心", "商洛市卫生学校"], ["电子商务", "汽车维修", "农村经济管理"]),
    "60": (15, 3, ["洛南中学", "洛南县西关中学"], [None]),
    "70": (12, 3, ["石门镇初级中学"], [None]),
}
_EDUCATIONS = ("70", "70", "60", "60", "40", "30", "30", "20")      # returnees' highest education
RETIRE_AGE = {"1": 60, "2": 55}              # 退休 only from these ages (men, women)
FAMILY_SEX = {"父亲": "1", "丈夫": "1", "儿子": "1", "母亲": "2", "妻子": "2", "女儿": "2"}


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:                                   # 29 February
        return d.replace(year=d.year + n, day=28)


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def age_on(birth: str, today: dt.date) -> int:
    """Whole years on `today` for a birth date 'YYYY-MM-DD' or 'YYYY-MM' (then the 1st of the month);
    the plausibility test uses the same reckoning."""
    y, m = int(birth[:4]), int(birth[5:7])
    d = int(birth[8:10]) if len(birth) >= 10 else 1
    return today.year - y - ((today.month, today.day) < (m, d))


class Demo:
    def __init__(self, seed: int, progress: Callable[[str], None] | None = None):
        self.rng = random.Random(seed)
        self.seen_ids: set[str] = set()
        self.progress = progress or (lambda msg: None)
        self.today = dt.date.today()
        self.year = self.today.year
        self._n = 0
        self._base_ms = 1_700_000_000_000 + seed * 10_000_000
        self._keys: dict[str, tuple[str, str]] = {}      # name → (initials, stroke key): names repeat
        self._this_month = self.year * 12 + self.today.month - 1
        # birth dates of those aged 14–28 today: after the first, up to the second
        self._youth = (_add_years(self.today, -29).isoformat(), _add_years(self.today, -14).isoformat())

    def uid(self) -> str:
        # Deterministic for the seed, time-ordered like every id the program makes: the same value as
        # models.base.uuid7(ms, rand), formatted without building a uuid.UUID (a second per 500k ids).
        self._n += 1
        ms = (self._base_ms + self._n // 16) & 0xFFFFFFFFFFFF
        rand = self.rng.getrandbits(74)
        h = f"{ms << 80 | 0x7 << 76 | (rand >> 62) << 64 | 0b10 << 62 | (rand & 0x3FFFFFFFFFFFFFFF):032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def name(self, sex: str, surname: str | None = None) -> str:
        r = self.rng
        chars = MALE_CHARS if sex == "1" else FEMALE_CHARS
        given = r.choice(chars)
        if r.random() < 0.7 or given not in ALONE:
            second = r.choice(chars)
            while second == given:
                second = r.choice(chars)
            given += second
        if r.random() < 0.004:
            given = given[:-1] + r.choice(RARE_GIVEN[sex])
        return (surname or r.choice(SURNAMES)) + given

    def other_surname(self, than: str) -> str:
        while True:
            s = self.rng.choice(SURNAMES)
            if s != than:
                return s

    def keys(self, name: str) -> tuple[str, str, str]:
        k = self._keys.get(name)
        if k is None:
            k = self._keys[name] = name_keys(name)
        return k

    def id_number(self, area: str, lo: int, hi: int) -> tuple[str, str, str]:
        rnd, span = self.rng.random, hi - lo + 1
        while True:
            y, m, day, seq = lo + int(rnd() * span), 1 + int(rnd() * 12), 1 + int(rnd() * 28), int(rnd() * 1000)
            s17 = f"{area}{y}{m:02d}{day:02d}{seq:03d}"
            if s17 not in self.seen_ids:
                self.seen_ids.add(s17)
                return s17 + id_check_char(s17), ("1" if seq % 2 else "2"), f"{y}-{m:02d}-{day:02d}"

    def between(self, lo: dt.date, hi: dt.date) -> dt.date:
        return lo + dt.timedelta(days=int(self.rng.random() * ((hi - lo).days + 1)))

    def past(self, year: int, month: int, day: int) -> str:
        """A date of this year's work that has already happened (no activity dated next month)."""
        today = self.today
        when = dt.date(year, month, day)
        if when > today:
            when = today - dt.timedelta(days=self.rng.randint(0, min(60, today.timetuple().tm_yday - 1)))
        return when.isoformat()

    def phone(self) -> str:
        rnd = self.rng.random
        return ("13", "15", "18", "17", "19")[int(rnd() * 5)] + f"{int(rnd() * 1_000_000_000):09d}"

    def work_start(self, birth: str, edu: str, delay: bool = True) -> int | None:
        """参加工作时间 as a month number (year * 12 + month - 1): after full-time schooling and not
        before 16, strictly before this month."""
        start_age, years = SCHOOLING.get(edu, (12, 3))[:2]
        y, m = int(birth[:4]), int(birth[5:7])
        end = max((y + start_age + years) * 12 + 6, (y + 16) * 12 + m)        # July after school; 16 + a month
        work = end + int(self.rng.random() * 19) if delay else end
        if work >= self._this_month:
            work = end if end < self._this_month else None
        return work

    def politics(self, birth: str, work: int | None, party: float, probation: float) -> tuple[str, str | None]:
        """政治面貌 and 入党时间 that agree with age: a member joined after the 18th birthday and after
        starting work, a 预备党员 within the last year, a full member more than a year ago; 共青团员
        are 14–28; anyone else is 群众."""
        rnd, today = self.rng.random, self.today
        if rnd() < party:
            earliest = _add_years(dt.date.fromisoformat(birth), 18)
            if work is not None:
                earliest = max(earliest, dt.date((work + 1) // 12, (work + 1) % 12 + 1, 1))
            if rnd() < probation:
                lo = max(earliest, today - dt.timedelta(days=360))
                if lo < today:
                    return "02", self.between(lo, today - dt.timedelta(days=1)).isoformat()
            hi = today - dt.timedelta(days=370)
            if earliest < hi:
                return "01", self.between(earliest, hi).isoformat()
        if self._youth[0] < birth <= self._youth[1] and rnd() < 0.5:        # aged 14–28
            return "03", None
        return "13", None

    def person_row(self, village_id: str, lo=1965, hi=2003, party=0.15, edu=None, probation=0.06,
                   delay=True) -> tuple:
        """(id, name, initials, strokes, pinyin, id_number, sex, birth, ethnicity, political_status, education,
        phone, village_id, native_place, party_join_date, work_start_date)."""
        idn, sex, birth = self.id_number("611021", lo, hi)
        name = self.name(sex)
        initials, strokes, pinyin = self.keys(name)
        ed = edu or _EDUCATIONS[int(self.rng.random() * 8)]
        work = self.work_start(birth, ed, delay)
        ps, joined = self.politics(birth, work, party, probation)
        return (self.uid(), name, initials, strokes, pinyin, idn, sex, birth, "01", ps, ed, self.phone(), village_id,
                "陕西洛南", joined, f"{work // 12}-{work % 12 + 1:02d}" if work is not None else None)

    def family_member(self, rel: str, surname: str, year: int) -> tuple[str, str, str, str]:
        """(name, birth 'YYYY-MM', 政治面貌, 工作单位及职务) agreeing with the relation's sex and the age."""
        r = self.rng
        sex = FAMILY_SEX[rel]
        birth = f"{year}-{r.randint(1, 12 if year < self.year else self.today.month):02d}"
        age = age_on(birth, self.today)
        if age >= 14 and age <= 28 and r.random() < 0.4:
            ps = "03"
        elif age >= 18 and r.random() < (0.1 if age <= 28 else 0.2):
            ps = "01"
        else:
            ps = "13"
        if age < 6:
            work = "学龄前"
        elif age < 22:
            work = "在校学生"
        elif age >= 65:
            work = r.choice(["务农", "退休", "在家养老"])
        elif age >= RETIRE_AGE[sex]:
            work = r.choice(["务农", "退休", "个体经营"])
        else:
            work = r.choice(["务农", "个体经营", "在外务工", "公司职员", "乡村教师"])
        return self.name(sex, surname), birth, ps, work


PERSON_COLS = ["name", "name_initials", "name_strokes", "name_pinyin", "id_number", "sex", "birth_date", "ethnicity", "political_status",
               "education", "phone", "village_id", "native_place", "party_join_date", "work_start_date"]
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
        today = d.today
        five_years = today - dt.timedelta(days=5 * 365)
        established = _add_years(today, -28).isoformat()       # born on or before: 28 or older
        for _ in range(returnees):
            p = d.person_row(r.choice(vids))
            people_rows.append(p)
            returned = r.random() < 0.3
            back = biz = None
            if returned:          # came back after at least a year's work away, within the last five years
                lo = max(_add_years(dt.date.fromisoformat(p[15] + "-01"), 1), five_years) if p[15] else five_years
                back = d.between(lo, today) if lo <= today else None
                returned = back is not None
            if returned and r.random() < 0.4:
                biz = d.between(back, today)
            ind, senior, junior, company = r.choice(INDUSTRIES)
            pos = senior if p[7] <= established and r.random() < 0.6 else junior
            ret_rows.append((
                d.uid(), p[0], "returned" if returned else "away", back.isoformat() if back else None,
                r.choice(PLACES), ind, company, pos, r.choice(SCALES),
                biz.isoformat() if biz else None,
                # 入党意向 only for someone not yet in the party
                r.random() < 0.35, r.random() < 0.2, p[9] in ("03", "13") and r.random() < 0.1, r.random() < 0.08,
                r.random() < 0.6, r.random() < 0.3, r.random() < 0.7, r.random() < 0.5,
                r.choice(["honorary_secretary", "honorary_director", "economy_advisor", "governance_advisor"])
                if r.random() < 0.02 else None,
                r.choice(cadres), r.choice(cadres) if r.random() < 0.2 else None,
                # 一次性创业补贴 only for a business running six months or more
                5000.0 if biz and (today - biz).days >= 183 and r.random() < 0.5 else None, None))
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


PROBLEMS = ["子女入学", "宅基地审批", "创业贷款", "土地流转", "社保转移", "道路硬化"]
SUGGESTIONS = ["建议发展乡村旅游", "建议建设冷链仓储", "建议开设电商培训班", "建议修缮村道路灯"]


def _activities(d: Demo, people_rows: list[tuple], vids: list[str]) -> int:
    """The "八个一" as the practice does them (core/returnees/eight_ones.py): every returnee is owed a
    letter and a 思想动态 report a year (most got them last year, fewer so far this year); each
    village holds a 恳谈会 and does its batches (慰问, 入党积极分子, 后备力量) for a few chosen people;
    problems and suggestions are single items from single people. Last year is complete in every
    village; this year some villages still lack a batch."""
    r = d.rng
    acts, parts = [], []
    by_village: dict[str, list[str]] = {}
    for p in people_rows:
        by_village.setdefault(p[12], []).append(p[0])

    def add(year, kind, date, members, vid, place=None, content="", status=None, answer=None):
        aid = d.uid()
        acts.append((aid, year, kind, date, place, content, status, answer, vid))
        for pid in members:
            parts.append((d.uid(), aid, pid))

    def pick(members: list[str], share: float) -> list[str]:
        n = len(members)
        return r.sample(members, min(n, int(n * share + r.random())))

    for year in (d.year - 1, d.year):
        last = year < d.year
        for vid in vids:
            members = by_village.get(vid)
            if not members:
                continue
            n = len(members)
            for pid in pick(members, 0.75 if last else 0.55):
                add(year, "invitation", d.past(year, r.randint(1, 2), r.randint(1, 28)), (pid,), vid,
                    content="发送返乡邀请函")
            for pid in pick(members, 0.2 if last else 0.1):
                add(year, "outlook_report", d.past(year, r.randint(1, 12), r.randint(1, 28)), (pid,), vid,
                    content="电话了解思想动态，表示关心家乡发展")
            for kind in ("problem_solved", "suggestion"):        # each village raises 1–3 or more a year
                for i, pid in enumerate(r.sample(members, min(n, 1 + int(r.random() * 3) + int(n * 0.03)))):
                    # last year's mostly handled; this year's first problem still open, first suggestion
                    # answered, the rest either
                    handled = r.random() < 0.85 if last else (kind == "suggestion" if i == 0 else r.random() < 0.5)
                    add(year, kind, d.past(year, r.randint(1, 12), r.randint(1, 28)), (pid,), vid,
                        content=f"反映{r.choice(PROBLEMS)}问题" if kind == "problem_solved" else r.choice(SUGGESTIONS),
                        status="handled" if handled else "open", answer="已协调相关部门办结" if handled else None)
            # one 恳谈会 per village a year, at Spring Festival, many participants
            add(year, "symposium", d.past(year, 2, r.randint(1, 20)), r.sample(members, min(n, 30)), vid,
                place="镇政府会议室", content="在外创业经商人员春节恳谈会")
            for _ in range(r.randint(1, 2) if last else int(r.random() < 0.8)):
                add(year, "visit", d.past(year, r.randint(1, 2), r.randint(1, 28)),
                    r.sample(members, min(n, r.randint(3, 12))), vid, content="春节慰问优秀在外人士")
            if last or r.random() < 0.6:
                add(year, "party_activist", d.past(year, r.choice([3, 4, 9, 10]), r.randint(1, 28)),
                    r.sample(members, min(n, r.randint(1, 4))), vid, content="确定为入党积极分子")
            if last or r.random() < 0.55:
                add(year, "reserve_cultivation", d.past(year, r.randint(3, 11), r.randint(1, 28)),
                    r.sample(members, min(n, r.randint(1, 5))), vid, content="纳入村级后备力量培养")
    store.bulk_insert(Activity, ["year", "kind", "date", "place", "content", "status", "answer", "village_id"], acts)
    store.bulk_insert(ActivityParticipant, ["activity_id", "person_id"], parts)
    return len(acts)


def _family(d: Demo, p: tuple) -> list[tuple[str, str, str, str, str]]:
    """家庭主要成员 of a person row: spouse (妻子 for a man, 丈夫 for a woman, of similar age),
    children 22–40 years younger with the father's surname, parents 20–40 years older (the father
    with the person's surname). Returns (relation, name, birth, 政治面貌, 工作单位及职务)."""
    r = d.rng
    surname, sex, born = p[1][0], p[6], int(p[7][:4])
    age = age_on(p[7], d.today)
    out = []
    spouse_surname = None
    if age >= 24 and r.random() < 0.9:
        spouse_surname = d.other_surname(surname)
        rel, year = ("妻子", born + r.randint(-2, 4)) if sex == "1" else ("丈夫", born - r.randint(-2, 4))
        out.append((rel, *d.family_member(rel, spouse_surname, year)))
        child_surname = surname if sex == "1" else spouse_surname
        room = min(40, d.year - born)
        if room >= 22:
            for _ in range(r.choice([0, 1, 1, 2])):
                rel = r.choice(["儿子", "女儿"])
                out.append((rel, *d.family_member(rel, child_surname, born + r.randint(22, room))))
    mother_gap = r.randint(20, 36)
    if r.random() < 0.8:
        out.append(("父亲", *d.family_member("父亲", surname, born - min(40, mother_gap + r.randint(0, 4)))))
    if r.random() < 0.85:
        out.append(("母亲", *d.family_member("母亲", d.other_surname(surname), born - mother_gap)))
    return out


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
            # a 村党组织书记 or 副书记 is a full party member
            p = d.person_row(v.id, 1966, 1990, party=1.0 if post in ("secretary", "deputy_secretary") else 0.6,
                             edu=r.choice(["60", "40", "30", "30", "20"]), probation=0.0)
            people.append(p)
            cadres.append((d.uid(), p[0], v.id, post, hb, term, None))
        n_res = r.randint(2, 4)
        for k in range(n_res):
            track = "secretary" if k == 0 and r.random() < 0.9 else "two_committees"
            p = d.person_row(v.id, 1985, 2000, party=0.7, edu=r.choice(["30", "30", "20", "20", "60"]), delay=False)
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
            born = int(p[7][:4])
            start_age, years, schools, majors = SCHOOLING[p[10]]
            school, major = r.choice(schools), r.choice(majors)
            s_start, s_end = f"{born + start_age}-09", f"{born + start_age + years}-07"
            edus.append((d.uid(), p[0], "full_time", p[10], None, school, major, s_start, s_end))
            work = dt.date.fromisoformat(p[15] + "-01")          # = the end of schooling (delay=False)
            months = (d.today.year - work.year) * 12 + d.today.month - work.month
            lines = [(s_start, s_end, f"{school}{major}专业学习" if major else f"{school}学习")]
            post = f"洛南县石门镇{v.name}{r.choice(['文书', '会计', '网格员', '村务监督委员'])}"
            if months >= 24:
                switch = _add_months(work, r.randint(12, months - 6)).isoformat()[:7]
                lines += [(p[15], switch, f"{r.choice(PLACES)}{r.choice(COMPANIES)}职员"), (switch, None, post)]
            else:
                lines.append((p[15], None, post))
            for seq, (s, e, text) in enumerate(lines):
                resume.append((d.uid(), p[0], s, e, text, seq))
            for seq, member in enumerate(_family(d, p)):
                family.append((d.uid(), p[0], *member, seq))
            if r.random() < 0.3:
                rewards.append((d.uid(), p[0], "reward", f"{d.year - 1}-12",
                                "被评为镇级优秀共产党员" if p[9] == "01" else "被评为镇级优秀青年"))
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
