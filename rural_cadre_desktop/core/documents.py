"""What the printed documents show, collected from the store into plain dataclasses.

reports/ lays these out and never queries; this module queries and never lays out. Queries are
raw SQL fetched as tuples (STACK-NOTES: model objects cost 2–5×), so 1,000 letters or a long
ledger cost one query each. Recording invitations is the only write, through store.bulk_insert.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rural_cadre_desktop.core import codes, settings, store
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import Activity, ActivityParticipant, Person
from rural_cadre_desktop.core.strokes import stroke_key
from rural_cadre_desktop.core.codes import political_short
from rural_cadre_desktop.core.validation import mask, render_date


def _sql(query: str, params=()) -> list[tuple]:
    return list(Person._meta.database.execute_sql(query, params).fetchall())


def ym(date: str | None) -> str:
    """1988-03-05 / 1988-03 → 1988.03, the way 任免审批表 writes dates (validation.render_date)."""
    return render_date(date)


def age(birth: str | None, today: dt.date | None = None) -> int | None:
    if not birth or len(birth) < 7:
        return None
    today = today or dt.date.today()
    y, m = int(birth[:4]), int(birth[5:7])
    return today.year - y - (1 if today.month < m else 0)


def cn_date(d: dt.date) -> str:
    """成文日期 per GB/T 9704-2012: Arabic numerals, no leading zeros."""
    return f"{d.year}年{d.month}月{d.day}日"


def township_name() -> str:
    return settings.get("township") or ""


def filing_unit() -> str:
    return settings.get("filing_unit") or f"中共{township_name()}委员会"


def _order(rows, name_at: int, strokes_at: int | None = None):
    """姓氏笔画 order (the stored key where present, else computed)."""
    return sorted(rows, key=lambda r: (r[strokes_at] if strokes_at is not None and r[strokes_at]
                                       else stroke_key(r[name_at] or "")))


def _village(name: str):
    from rural_cadre_desktop.core.regions import find_village
    v = find_village(name)
    if v is None:
        raise UserError(f"找不到村(社区)“{name}”，请检查名称是否与“村(社区)”列表一致",
                        f"no village {name!r}")
    return v


# ---- invitation letters -------------------------------------------------------------------

@dataclass(frozen=True)
class Recipient:
    person_id: str
    name: str
    village: str
    status: str = ""       # the returnee's status: away (在外) / returned (已返乡); "" for a non-returnee

    @property
    def away(self) -> bool:
        return self.status == "away"


_RECIPIENTS = """SELECT p.id, p.name, COALESCE(v.name, ''), p.name_strokes, r.status FROM returnee r
  JOIN person p ON p.id = r.person_id LEFT JOIN village v ON v.id = p.village_id
  WHERE r.deleted = 0 AND p.deleted = 0 AND p.alias_of_id IS NULL {where}
  ORDER BY COALESCE(v.sort_order, 9999), v.name"""
_PEOPLE = """SELECT p.id, p.name, COALESCE(v.name, ''), COALESCE(r.status, '') FROM person p
  LEFT JOIN village v ON v.id = p.village_id
  LEFT JOIN returnee r ON r.person_id = p.id AND r.deleted = 0
  WHERE p.deleted = 0 AND p.id IN ({marks})"""


def recipients(village: str | None = None, person: str | None = None) -> list[Recipient]:
    """Returnees to invite: all (away and returned alike), one village's, or one person (any
    person, returnee or not). Each carries its returnee `status`, so a caller can keep 在外 only."""
    if person:
        from rural_cadre_desktop.core.people import resolve
        p = resolve(person)
        return recipients_for([p.id])
    where, params = "", ()
    if village:
        where, params = "AND p.village_id = ?", (_village(village).id,)
    rows = _sql(_RECIPIENTS.format(where=where), params)
    # villages in their own order, people by 姓氏笔画 inside a village
    rows.sort(key=lambda r: r[2] == "")
    out, i = [], 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j][2] == rows[i][2]:
            j += 1
        out += [Recipient(r[0], r[1], r[2], r[4] or "") for r in _order(rows[i:j], 1, 3)]
        i = j
    return out


def recipients_for(person_ids: list[str]) -> list[Recipient]:
    """The people a user selected (in the GUI), in the order given; unknown ids are skipped."""
    found = {}
    for i in range(0, len(person_ids), 500):
        chunk = person_ids[i:i + 500]
        for pid, name, village, status in _sql(_PEOPLE.format(marks=",".join("?" * len(chunk))), chunk):
            found[pid] = Recipient(pid, name, village, status)
    return [found[p] for p in dict.fromkeys(person_ids) if p in found]


def letter_filename(seq: int, p: Recipient) -> str:
    """0001_古城村_王䶮.pdf — sortable, and safe on Windows (no \\ / : * ? " < > |)."""
    def safe(text):
        return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "未命名"
    return f"{seq:04d}_{safe(p.village)}_{safe(p.name)}.pdf"


def letters_for(people: list[Recipient], year: int, template_text: str | None = None, *,
                date: dt.date | None = None):
    """The filled-in letters (core.letter_template.LetterText), one per person, dated `date`
    (default today) and inviting for the first Spring Festival on or after it. `year` is the
    "八个一" year they are recorded under (see letter_fields)."""
    from rural_cadre_desktop.core.letter_template import Template
    template = Template.parse(template_text or invitation_template_text())
    shared = letter_fields(year, date=date)
    return [template.render({**shared, "姓名": p.name, "村": p.village}) for p in people]


def invitation_template_text() -> str:
    from rural_cadre_desktop.core.letter_template import SETTING_KEY, default_text
    return settings.get(SETTING_KEY) or default_text()


def save_invitation_template(text: str | None) -> None:
    """None (or the default text) goes back to the shipped template."""
    from rural_cadre_desktop.core.letter_template import SETTING_KEY, Template, default_text
    if text is not None:
        Template.parse(text)                     # refuse a broken template before storing it
    settings.put(SETTING_KEY, None if text is None or text == default_text() else text)


def festival_year(date: dt.date | None = None) -> int:
    """The year of the Spring Festival a letter dated `date` (default today) invites for — the
    "八个一" year such a letter is recorded under unless the user picks another."""
    from rural_cadre_desktop.core.festivals import spring_festival_after
    return spring_festival_after(date or dt.date.today()).year


def letter_fields(year: int, today: dt.date | None = None, *, date: dt.date | None = None) -> dict[str, str]:
    """The fields every letter shares; `{姓名}` and `{村}` are added per person.

    `date` is the letter's date, its 成文日期 `{日期}` (default today; `today` is its older name).
    `{年份}` is the year of the Spring Festival the letter invites for, the first on or after that
    date — what every template means by "{年份}年春节", including townships' edited ones — and
    `{春节日期}` that festival's date. `year`, the "八个一" year, is not printed (a letter dated
    2026-12-01 recorded under 2026 still invites for 2027年春节)."""
    from rural_cadre_desktop.core.festivals import spring_festival_after
    when = date or today or dt.date.today()
    festival = spring_festival_after(when)
    town = township_name()
    return {"乡镇": town, "县": settings.get("county") or "", "年份": str(festival.year),
            "春节日期": cn_date(festival),
            "联系人": settings.get("contact_person") or "", "电话": settings.get("contact_phone") or "",
            "落款": settings.get("seal_text") or f"中共{town}委员会", "日期": cn_date(when)}


def record_invitations(person_ids: list[str], year: int, today: dt.date | None = None) -> int:
    """The 八个一 "发送一封邀请函" for each person, at most one per person per year. Returns how many
    were recorded now (people who already have one that year are skipped)."""
    db = Person._meta.database
    with db.atomic():
        have = {r[0] for r in _sql(
            "SELECT ap.person_id FROM activity_participant ap JOIN activity a ON a.id = ap.activity_id "
            "WHERE a.kind = 'invitation' AND a.year = ? AND a.deleted = 0 AND ap.deleted = 0", (year,))}
        todo = list(dict.fromkeys(p for p in person_ids if p not in have))
        if not todo:
            return 0
        village_of = {}
        for i in range(0, len(todo), 500):
            chunk = todo[i:i + 500]
            village_of.update(_sql(f"SELECT id, village_id FROM person WHERE id IN ({','.join('?' * len(chunk))})",
                                   chunk))
        date = (today or dt.date.today()).isoformat()
        acts, parts = [], []
        from rural_cadre_desktop.core.models import new_id
        for pid in todo:
            aid = new_id()
            acts.append((aid, year, "invitation", date, "发送返乡邀请函", village_of.get(pid)))
            parts.append((new_id(), aid, pid))
        store.bulk_insert(Activity, ["year", "kind", "date", "content", "village_id"], acts)
        store.bulk_insert(ActivityParticipant, ["activity_id", "person_id"], parts)
    return len(todo)


# ---- 一人一档 archive sheet -----------------------------------------------------------------

@dataclass
class Archive:
    person_id: str
    name: str
    sex: str = ""
    birth: str = ""                  # 1988.03（37岁）
    ethnicity: str = ""
    native_place: str = ""
    birthplace: str = ""
    party_join: str = ""
    work_start: str = ""
    health: str = ""
    tech_title: str = ""
    specialty: str = ""
    political: str = ""
    full_time_edu: str = ""          # 学历学位
    full_time_school: str = ""       # 毕业院校系及专业
    on_job_edu: str = ""
    on_job_school: str = ""
    current_post: str = ""
    village: str = ""
    id_number: str = ""
    phone: str = ""
    photo: bytes | None = None
    resume: list[tuple[str, str]] = field(default_factory=list)      # (1998.09—2001.07, text)
    rewards: str = ""
    assessments: str = ""
    family: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    recommended_by: str = ""
    cultivation: str = ""
    mentor: str = ""
    reviews: str = ""
    track: str = ""


def _edu(rows, kind):
    r = next((e for e in rows if e[0] == kind), None)
    if r is None:
        return "", ""
    level = codes.EDUCATION.name(r[1]) or ""
    return level + (f" {r[2]}" if r[2] else ""), (r[3] or "") + (r[4] or "")


# The short forms the 干部任免审批表 and rosters write (中共党员, not 中国共产党党员): they fit a cell.
def _post_title(village: str, post: str, both: bool) -> str:
    """古城村党支部书记、村委会主任 — the way a 任免审批表 writes a village post."""
    title = {"secretary": "党支部书记", "deputy_secretary": "党支部副书记", "director": "村委会主任",
             "deputy_director": "村委会副主任", "member": "“两委”委员"}.get(post, codes.CADRE_POSTS.get(post, post))
    return f"{village}{title}" + ("、村委会主任" if both and post == "secretary" else "")


_OPEN_END = re.compile(r"^[\s—\-－~～]*至今[\s，,、：:]*")      # a typed "—至今 " before the post


def current_post(pid: str, typed: str | None, resume: list[tuple]) -> str:
    """现任职务: what was typed on the card; else the sitting village posts (村两委 with no term end);
    else the last résumé line still open (no end date: "2019.03— 至今 …"); else the returnee's
    enterprise and position."""
    if typed and typed.strip():
        return typed.strip()
    posts = _sql("SELECT v.name, c.post, c.holds_both_posts FROM village_cadre c JOIN village v ON v.id = c.village_id "
                 "WHERE c.person_id = ? AND c.deleted = 0 AND (c.term_end IS NULL OR c.term_end = '') "
                 "ORDER BY c.term_start", (pid,))
    if posts:
        return "、".join(dict.fromkeys(_post_title(v, k, bool(b)) for v, k, b in posts))
    open_lines = [t for s, e, t in resume if not e and t and t.strip()]
    if open_lines:
        last = open_lines[-1].strip()
        return _OPEN_END.sub("", last) or last
    ret = _sql("SELECT enterprise, position FROM returnee WHERE person_id = ? AND deleted = 0", (pid,))
    if ret and (ret[0][0] or ret[0][1]):
        return (ret[0][0] or "") + (ret[0][1] or "")
    return ""


def archive(pid: str, full_id: bool = False) -> Archive:
    from rural_cadre_desktop.core.people import resolve
    p = resolve(pid)
    a = Archive(p.id, p.name, sex=codes.SEX.name(p.sex) or "", ethnicity=codes.ETHNICITY.name(p.ethnicity) or "",
                native_place=p.native_place or "", birthplace=p.birthplace or "", party_join=ym(p.party_join_date),
                work_start=ym(p.work_start_date), health=p.health or "", tech_title=p.tech_title or "",
                specialty=p.specialty or "", political=political_short(p.political_status),
                village=p.village.name if p.village_id else "", photo=bytes(p.photo) if p.photo else None,
                id_number=mask(p.id_number, "id", full_id),
                phone=mask(p.phone, "phone", full_id))
    n = age(p.birth_date)
    a.birth = ym(p.birth_date) + (f"（{n}岁）" if n is not None else "")
    edus = _sql("SELECT kind, level, degree, school, major FROM education WHERE person_id = ? AND deleted = 0 "
                "ORDER BY end_date DESC", (p.id,))
    a.full_time_edu, a.full_time_school = _edu(edus, "full_time")
    a.on_job_edu, a.on_job_school = _edu(edus, "on_the_job")
    if not a.full_time_edu and p.education:
        a.full_time_edu = codes.EDUCATION.name(p.education) or ""
    resume = _sql("SELECT start_date, end_date, text FROM resume_entry WHERE person_id = ? AND deleted = 0 "
                  "ORDER BY seq, start_date", (p.id,))
    a.resume = [(f"{ym(s)}—{ym(e) if e else '    '}", t) for s, e, t in resume]
    a.current_post = current_post(p.id, p.current_post, resume)
    a.rewards = "；".join(f"{ym(d)} {t}".strip() for d, t in _sql(
        "SELECT date, text FROM reward_punishment WHERE person_id = ? AND deleted = 0 ORDER BY date", (p.id,)))
    a.assessments = "；".join(f"{y}年度{r}" for y, r in _sql(
        "SELECT year, result FROM assessment WHERE person_id = ? AND deleted = 0 ORDER BY year", (p.id,)))
    a.family = [(rel, nm, ym(b), political_short(ps), w or "") for rel, nm, b, ps, w in _sql(
        "SELECT relation, name, birth_date, political_status, work_unit FROM family_member "
        "WHERE person_id = ? AND deleted = 0 ORDER BY seq", (p.id,))]
    res = _sql("SELECT id, track, recommended_by, cultivation, mentor FROM reserve_cadre WHERE person_id = ? "
               "AND deleted = 0 ORDER BY status = 'active' DESC, entered_date DESC", (p.id,))
    if res:
        rid, track, rec, cult, mentor = res[0]
        a.track = codes.RESERVE_TRACKS.get(track, track or "")
        a.recommended_by = codes.RECOMMENDED_BY.get(rec, rec or "")
        a.cultivation, a.mentor = cult or "", mentor or ""
        a.reviews = "；".join(
            f"{y}年度：{codes.REVIEW_RATINGS.get(r, r)}" + (f"（{who}）" if who else "") + (f"，{rm}" if rm else "")
            for y, r, who, rm in _sql("SELECT year, rating, reviewer, remarks FROM annual_review "
                                      "WHERE reserve_id = ? AND deleted = 0 ORDER BY year", (rid,)))
    return a


# ---- 一村一册 village book ------------------------------------------------------------------

@dataclass
class VillageBook:
    village: str
    township: str
    year: int
    roster: list[list[str]]          # 序号 姓名 性别 出生年月 政治面貌 学历 类别 推荐方式 入库时间
    archives: list[Archive]


def village_book(name: str, year: int | None = None, full_id: bool = False) -> VillageBook:
    v = _village(name)
    rows = _sql("SELECT p.id, p.name, p.name_strokes, p.sex, p.birth_date, p.political_status, p.education, "
                "r.track, r.recommended_by, r.entered_date FROM reserve_cadre r JOIN person p ON p.id = r.person_id "
                "WHERE r.village_id = ? AND r.deleted = 0 AND r.status = 'active' AND p.deleted = 0", (v.id,))
    rows = sorted(_order(rows, 1, 2), key=lambda r: r[7] != "secretary")    # 书记后备人选 first
    roster = [[str(i), r[1], codes.SEX.name(r[3]) or "", ym(r[4]), political_short(r[5]),
               codes.EDUCATION.name(r[6]) or "", codes.RESERVE_TRACKS.get(r[7], r[7] or ""),
               codes.RECOMMENDED_BY.get(r[8], r[8] or ""), ym(r[9])] for i, r in enumerate(rows, 1)]
    seen = list(dict.fromkeys(r[0] for r in rows))
    return VillageBook(v.name, township_name(), year or dt.date.today().year, roster,
                       [archive(pid, full_id) for pid in seen])
