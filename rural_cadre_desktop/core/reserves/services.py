"""Writes to the reserve pool (一乡一库). Each is one transaction, checked before anything is
written, and writes its audit row inside that transaction, so the GUI and the command line leave
the same trace.

The pool is entered two ways: from the returnee registry (培养一批村级后备力量: `from_returnee`, the
`returnee to-reserve` command and the tab's 转为后备; the rule lives in core/returnees/cultivation.py)
and directly (`add`, `reserve add`). Then:

  add     a membership opens 在库 (`active`) at once. Refused: under 18, an unknown village, the same
          person already active on the same track. Warned (not refused): a secretary candidate over 45
          or not a 中共党员 (预备党员 counts), 学历 below 高中 (or not recorded), a 负面清单 entry in
          an earlier annual review of the person.
  vet     资格联审 in order 村级摸排 → 乡级初审 → 县级联审: a step is refused until the one before it
          has passed, and once it has passed itself. `fail` at any step takes the person out of the
          pool (status `left`, the step's date and "资格联审：<step>未通过").
  review  年度考察评议, once per membership per year: a second review of the same year is refused (a
          wrong rating is corrected with `edit reviews ID rating=…`). `incompetent` takes the person
          out ("年度考察评议不称职"); a 负面清单 entry is recorded and warned about.
  remove  出库 with date and reason; the record stays (never deleted).

vet/review/remove refuse a membership that has already left the pool. After a secretary candidate
leaves, the result says whether the village now lacks one (coverage shows the same flag).

Audit rows (action, detail):
  reserve-add     <reserve id> <person id> <track>
  reserve-vet     <reserve id> <step> <result>
  reserve-review  <reserve id> <year> <rating>
  reserve-remove  <reserve id>
  to-reserve      <person id> <track>          (from_returnee, written by cultivation.py)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rural_cadre_desktop.core import codes, store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.fields import RESERVE_FIELDS, REVIEW_FIELDS, VETTING_FIELDS
from rural_cadre_desktop.core.models import Activity, AnnualReview, Person, ReserveCadre, Vetting, Village
from rural_cadre_desktop.core.validation import clean_text, parse_date, parse_enum

SECRETARY_MAX_AGE = 45          # a secretary candidate older than this is warned about
MIN_AGE = 18                    # younger is refused
HIGH_SCHOOL_OR_ABOVE = {"10", "20", "30", "40", "60"}     # GB/T 4658: 研究生 … 中等职业教育, 普通高级中学
PARTY_MEMBER = {"01", "02"}     # 中共党员, 中共预备党员
STEP_ORDER = tuple(codes.VETTING_STEPS)                    # village, township, county
LEFT_INCOMPETENT = "年度考察评议不称职"


@dataclass
class Outcome:
    """What a write did: the record, warnings to show (not errors), and — when a secretary candidate
    left the pool — whether the village now lacks one (`gap`: the village's name)."""
    record: object
    reserve: ReserveCadre
    warnings: list[str] = field(default_factory=list)
    left: bool = False
    gap: str | None = None


def _atomic():
    return Person._meta.database.atomic()


def from_returnee(person_id: str, track: str = "two_committees", recommended_by: str = "organization",
                  today: dt.date | None = None, cultivation: str | None = None) -> tuple[ReserveCadre, Activity]:
    """A returnee (person UUID or 身份证号) becomes a reserve candidate of their village, with a
    reserve_cultivation activity of this year; audited `to-reserve`."""
    from rural_cadre_desktop.core.people import resolve
    from rural_cadre_desktop.core.returnees.cultivation import to_reserve
    return to_reserve(resolve(person_id), track, recommended_by, today=today, cultivation=cultivation)


# -- checks ------------------------------------------------------------------------------------------
def _date(value, field_name: str = "date", label: str = "日期") -> str:
    if value is None or clean_text(value) == "":
        return dt.date.today().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return parse_date(value, field_name, label)


def _as_date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso if len(iso) == 10 else iso[:7] + "-01")


def age_on(birth_date: str | None, on: str) -> int | None:
    """Full years on the date `on` (YYYY-MM-DD or YYYY-MM); None when the birth date is unknown."""
    if not birth_date:
        return None
    try:
        b, d = _as_date(birth_date), _as_date(on)
    except ValueError:
        return None
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


def village_named(name: str) -> Village:
    from rural_cadre_desktop.core.regions import find_village
    v = find_village(name) if clean_text(name) else None
    if v is None:
        raise ValidationError(f"村(社区)“{name}”不在本乡镇的列表中，请先在“村(社区)”里添加",
                              f"unknown village {name!r}", "village")
    return v


def reserve_of(reserve_id: str) -> ReserveCadre:
    r = ReserveCadre.get_or_none(ReserveCadre.id == clean_text(reserve_id))
    if r is None or r.deleted:
        raise UserError(f"找不到后备干部记录“{reserve_id}”，请用 export reserves 导出的 id",
                        f"no reserve record {reserve_id!r}")
    return r


def _require_active(r: ReserveCadre) -> Person:
    p = Person.get_by_id(r.person_id)
    if r.status != "active":
        raise UserError(f"“{p.name}”的这条后备记录已出库（{r.left_date or ''} {r.left_reason or ''}），不能再办理",
                        "this membership has already left the pool")
    return p


def entry_warnings(person: Person, track: str, on: str) -> list[str]:
    """The rules that warn but do not forbid; raises for what is forbidden (under 18)."""
    out = []
    age = age_on(person.birth_date, on)
    if age is not None and age < MIN_AGE:
        raise ValidationError(f"“{person.name}”{on[:10]}时只有{age}岁，未满{MIN_AGE}岁，不能纳入后备干部",
                              f"person is under {MIN_AGE}", "birth_date")
    if track == "secretary":
        if age is not None and age > SECRETARY_MAX_AGE:
            out.append(f"年龄{age}岁，超过书记后备人选一般掌握的{SECRETARY_MAX_AGE}岁")
        if person.political_status not in PARTY_MEMBER:
            out.append(f"政治面貌为“{codes.political_short(person.political_status) or '未填写'}”，"
                       "书记后备人选一般应为中共党员")
    if age is None:
        out.append("出生日期未填写，无法核对年龄")
    if person.education not in HIGH_SCHOOL_OR_ABOVE:
        out.append(f"学历为“{codes.EDUCATION.name(person.education) or '未填写'}”，低于高中（中专）")
    hits = (AnnualReview.alive().join(ReserveCadre, on=(AnnualReview.reserve == ReserveCadre.id))
            .where((ReserveCadre.person == person.id) & AnnualReview.negative_list.is_null(False)
                   & (AnnualReview.negative_list != "")).order_by(AnnualReview.year.desc()).first())
    if hits is not None:
        out.append(f"{hits.year}年度考察评议记有负面清单情形：{hits.negative_list}")
    return out


def _gap_after_leaving(r: ReserveCadre) -> str | None:
    """The village's name when a secretary candidate left and the village has no other one."""
    if r.track != "secretary":
        return None
    others = (ReserveCadre.alive().join(Person, on=(ReserveCadre.person == Person.id))
              .where((ReserveCadre.village == r.village_id) & (ReserveCadre.track == "secretary")
                     & (ReserveCadre.status == "active") & (ReserveCadre.id != r.id) & (Person.deleted == False))  # noqa: E712
              .exists())
    return None if others else Village.get_by_id(r.village_id).name


def _leave(r: ReserveCadre, on: str, reason: str, source: str) -> str | None:
    store.update(r, {"status": "left", "left_date": on, "left_reason": reason}, source=source)
    return _gap_after_leaving(r)


# -- the writes ----------------------------------------------------------------------------------------
def add(pid: str, village: str, track: str, recommended_by: str | None = None, date=None) -> Outcome:
    """A person (UUID or 身份证号) enters the pool of `village`, 在库 at once."""
    from rural_cadre_desktop.core.people import resolve
    person = resolve(pid)
    track = parse_enum(codes.RESERVE_TRACKS, track, "track", "后备类别")
    if not track:
        raise ValidationError("请给出后备类别（secretary 书记后备人选 / two_committees 两委后备干部）",
                              "track is required", "track")
    recommended_by = RESERVE_FIELDS["recommended_by"].parse(recommended_by) if recommended_by else None
    v = village_named(village)
    on = _date(date, "entered_date", "入库时间")
    same = ReserveCadre.alive().where((ReserveCadre.person == person.id) & (ReserveCadre.track == track)
                                      & (ReserveCadre.status == "active")).first()
    if same is not None:
        where = Village.get_by_id(same.village_id).name
        raise UserError(f"“{person.name}”已是{where}的{codes.RESERVE_TRACKS[track]}（在库，id={same.id}），"
                        "不能重复纳入", "person is already active on this track")
    warnings = entry_warnings(person, track, on)
    with _atomic():
        r = store.insert(ReserveCadre, person=person, village=v, track=track, status="active",
                         entered_date=on, recommended_by=recommended_by)
        store.audit("reserve-add", f"{r.id} {person.id} {track}")
    return Outcome(r, r, warnings)


def vet(reserve_id: str, step: str, result: str, date=None, reviewer: str | None = None,
        note: str | None = None) -> Outcome:
    """Record one 资格联审 step; `fail` takes the person out of the pool."""
    step = parse_enum(codes.VETTING_STEPS, step, "step", "审查环节")
    result = parse_enum({k: v for k, v in codes.VETTING_RESULTS.items() if k != "pending"}, result,
                        "result", "审查结果")
    if not step or not result:
        raise ValidationError("请给出审查环节（village/township/county）和结果（pass/fail）",
                              "step and result are required", "step" if not step else "result")
    r = reserve_of(reserve_id)
    person = _require_active(r)
    on = _date(date)
    reviewer = VETTING_FIELDS["reviewer"].parse(reviewer) or None
    note = VETTING_FIELDS["remarks"].parse(note) or None
    passed = {s for (s,) in Vetting.alive().where((Vetting.reserve == r.id) & (Vetting.result == "pass"))
              .select(Vetting.step).tuples()}
    label = codes.VETTING_STEPS[step]
    if step in passed:
        raise UserError(f"“{person.name}”的{label}已经通过，无需重复登记", f"step {step} has already passed")
    i = STEP_ORDER.index(step)
    if i > 0 and STEP_ORDER[i - 1] not in passed:
        before = codes.VETTING_STEPS[STEP_ORDER[i - 1]]
        raise UserError(f"“{person.name}”还没有通过{before}，请先登记{before}，再进行{label}"
                        f"（顺序：{' → '.join(codes.VETTING_STEPS.values())}）",
                        f"step {STEP_ORDER[i - 1]} must pass before {step}")
    out_gap, left = None, False
    with _atomic():
        row = store.insert(Vetting, reserve=r, step=step, date=on, result=result, reviewer=reviewer, remarks=note)
        if result == "fail":
            out_gap, left = _leave(r, on, f"资格联审：{label}未通过", "reserve-vet"), True
        store.audit("reserve-vet", f"{r.id} {step} {result}")
    return Outcome(row, r, left=left, gap=out_gap)


def review(reserve_id: str, year, rating: str, reviewer: str | None = None, note: str | None = None,
           negative_list: str | None = None, date=None) -> Outcome:
    """Record the year's 年度考察评议 (once per membership and year); `incompetent` takes the person out."""
    year = REVIEW_FIELDS["year"].parse(year)
    rating = REVIEW_FIELDS["rating"].parse(rating)
    if year is None or not rating:
        raise ValidationError("请给出年度和评议等次（excellent/competent/basically_competent/incompetent）",
                              "year and rating are required", "year" if year is None else "rating")
    r = reserve_of(reserve_id)
    person = _require_active(r)
    on = _date(date)
    reviewer = REVIEW_FIELDS["reviewer"].parse(reviewer) or None
    note = REVIEW_FIELDS["remarks"].parse(note) or None
    negative_list = REVIEW_FIELDS["negative_list"].parse(negative_list) or None
    earlier = AnnualReview.alive().where((AnnualReview.reserve == r.id) & (AnnualReview.year == year)).first()
    if earlier is not None:
        raise UserError(f"“{person.name}”{year}年度已有考察评议（{codes.REVIEW_RATINGS[earlier.rating]}，"
                        f"id={earlier.id}），每年只评议一次；要更正请用 edit reviews {earlier.id} rating=…",
                        f"a review of {year} already exists")
    warnings = []
    if negative_list:
        warnings.append(f"记有负面清单情形：{negative_list}；如属实，请用 reserve remove 办理出库")
    gap, left = None, False
    with _atomic():
        row = store.insert(AnnualReview, reserve=r, year=year, rating=rating, reviewer=reviewer,
                           negative_list=negative_list, remarks=note)
        if rating == "incompetent":
            gap, left = _leave(r, on, LEFT_INCOMPETENT, "reserve-review"), True
        store.audit("reserve-review", f"{r.id} {year} {rating}")
    return Outcome(row, r, warnings, left=left, gap=gap)


def remove(reserve_id: str, reason: str, date=None) -> Outcome:
    """出库: status left with date and reason; the record is kept."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError("请写明出库原因", "a reason is required", "left_reason")
    RESERVE_FIELDS["left_reason"].parse(reason)
    r = reserve_of(reserve_id)
    _require_active(r)
    on = _date(date, "left_date", "出库时间")
    with _atomic():
        gap = _leave(r, on, reason, "reserve-remove")
        store.audit("reserve-remove", r.id)
    return Outcome(r, r, left=True, gap=gap)


# -- what the GUI's dialogs read and the batch of the annual review --------------------------------------
def find_people(text: str, limit: int = 50) -> list[dict]:
    """People to take into the pool, found by name (contains), pinyin initials (prefix) or 身份证号
    (contains, at least 4 characters): any live person — a returnee, a sitting cadre, anyone.
    Each dict: id, name, id_number, village (户籍所在村), what (返乡人员/现任村干部/在库后备…)."""
    from rural_cadre_desktop.core.listing import db, like_pattern, name_search
    text = clean_text(text)
    if not text:
        return []
    cond, params = name_search(text)
    if len(text) >= 4 and any(ch.isdigit() for ch in text):
        cond = f"({cond} OR p.id_number LIKE ? ESCAPE '\\')"
        params.append(like_pattern(text.upper()))
    sql = f"""
      SELECT p.id, p.name, p.id_number, v.name,
        EXISTS (SELECT 1 FROM returnee r WHERE r.person_id = p.id AND r.deleted = 0),
        EXISTS (SELECT 1 FROM village_cadre vc WHERE vc.person_id = p.id AND vc.deleted = 0 AND vc.term_end IS NULL),
        EXISTS (SELECT 1 FROM reserve_cadre rc WHERE rc.person_id = p.id AND rc.deleted = 0 AND rc.status = 'active')
      FROM person p LEFT JOIN village v ON v.id = p.village_id
      WHERE p.deleted = 0 AND p.alias_of_id IS NULL AND {cond}
      ORDER BY p.name_strokes, p.name LIMIT ?"""
    out = []
    for pid, name, idn, village, ret, cadre, active in db().execute_sql(sql, params + [limit]).fetchall():
        what = [w for w, on in (("返乡人员", ret), ("现任村干部", cadre), ("在库后备", active)) if on]
        out.append({"id": pid, "name": name, "id_number": idn, "village": village, "what": "、".join(what)})
    return out


def check_add(pid: str, village: str, track: str, date=None) -> list[str]:
    """Every check `add` makes, without writing: raises the same refusals, returns the warnings
    to show before the clerk confirms."""
    from rural_cadre_desktop.core.people import resolve
    person = resolve(pid)
    track = parse_enum(codes.RESERVE_TRACKS, track, "track", "后备类别")
    if not track:
        raise ValidationError("请选择后备类别", "track is required", "track")
    village_named(village)
    on = _date(date, "entered_date", "入库时间")
    same = ReserveCadre.alive().where((ReserveCadre.person == person.id) & (ReserveCadre.track == track)
                                      & (ReserveCadre.status == "active")).first()
    if same is not None:
        where = Village.get_by_id(same.village_id).name
        raise UserError(f"“{person.name}”已是{where}的{codes.RESERVE_TRACKS[track]}（在库），不能重复纳入",
                        "person is already active on this track")
    return entry_warnings(person, track, on)


def next_step(reserve_id: str) -> dict:
    """The membership's 资格联审 so far: name, status, `passed` (steps passed, in order) and `step`
    (the next step to record; None when all three passed)."""
    r = reserve_of(reserve_id)
    person = Person.get_by_id(r.person_id)
    passed = {s for (s,) in Vetting.alive().where((Vetting.reserve == r.id) & (Vetting.result == "pass"))
              .select(Vetting.step).tuples()}
    step = next((s for s in STEP_ORDER if s not in passed), None)
    return {"name": person.name, "status": r.status, "passed": [s for s in STEP_ORDER if s in passed],
            "step": step, "track": r.track, "village": Village.get_by_id(r.village_id).name}


def review_pool(year: int) -> list[dict]:
    """The pool of `year` for 年度考察评议: every membership active now and entered by the end of
    the year, with that year's rating when already reviewed. Dicts: id, name, village, track,
    rating (None when not yet reviewed), note; in the list's order (village, track, 姓氏笔画)."""
    from rural_cadre_desktop.core.listing import db
    sql = """
      SELECT rc.id, p.name, v.name, rc.track, ar.rating, ar.remarks, ar.negative_list
      FROM reserve_cadre rc JOIN person p ON p.id = rc.person_id LEFT JOIN village v ON v.id = rc.village_id
      LEFT JOIN annual_review ar ON ar.reserve_id = rc.id AND ar.year = ? AND ar.deleted = 0
      WHERE rc.deleted = 0 AND p.deleted = 0 AND rc.status = 'active'
        AND (rc.entered_date IS NULL OR substr(rc.entered_date, 1, 4) <= ?)
      ORDER BY v.sort_order, v.name, rc.track DESC, p.name_strokes"""
    return [{"id": i, "name": n, "village": v, "track": t, "rating": rt, "note": note, "negative_list": neg}
            for i, n, v, t, rt, note, neg in db().execute_sql(sql, [int(year), str(int(year))]).fetchall()]


def review_batch(year, ratings: list[tuple[str, str, str | None]], reviewer: str | None = None,
                 date=None) -> list[Outcome]:
    """年度考察评议 of many memberships at once — (reserve id, rating, note[, 负面清单 text]) each — in ONE transaction:
    any refusal (each row checked as `review` checks it) writes none of them. `incompetent` takes
    the person out as `review` does; each Outcome's `gap` names a village left without a secretary
    candidate at that moment."""
    if not ratings:
        raise UserError("没有填写任何评议等次，未保存", "no ratings given")
    out = []
    with _atomic():
        for reserve_id, rating, note, *negative in ratings:
            out.append(review(reserve_id, year, rating, reviewer=reviewer, note=note, date=date,
                              negative_list=negative[0] if negative else None))
    return out
