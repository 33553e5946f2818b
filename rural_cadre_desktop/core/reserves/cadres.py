"""村两委成员: a person's post in a village with term dates (`VillageCadre`; term_end empty = 现任).

  add_post     refused: an unknown person or village, a post outside codes.CADRE_POSTS, 一肩挑
               (`holds_both_posts`) on any post but secretary, a missing or unreadable start date, a
               start or end date after today, an end before the start, a second sitting secretary of
               one village, a second sitting director (a 一肩挑 secretary is the director too), the
               same person already sitting in that post. A post with an end date is a past term and
               is not checked against the sitting ones.
  add_post_for_new  the same for a person not yet registered (name + 身份证号): both rows in one
               transaction, the person's 户籍所在村 set to the village.
  edit_post    post, 一肩挑, term dates of one record, checked as add_post (against the others).
  end_post     离任: sets term_end; the record stays as a past term.
  delete_post  a tombstone (for a record entered by mistake; a finished term is 离任, not deleted).

  posts / candidates  what the 村两委 page lists: a village's posts (current first, then past) and
               its active reserves beside them, for comparison.

Audit rows: ("cadre-add", "<cadre id> <person id> <post>"), ("cadre-edit", "<cadre id> <fields>"),
("cadre-end", "<cadre id> <term_end>"), ("cadre-delete", "<cadre id>").
"""
from __future__ import annotations

import datetime as dt

from rural_cadre_desktop.core import codes, store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import Person, Village, VillageCadre
from rural_cadre_desktop.core.validation import parse_date, parse_enum

POST_ORDER = tuple(codes.CADRE_POSTS)          # secretary, director, deputy_secretary, deputy_director, member


def _sitting(village_id: str):
    return (VillageCadre.alive().join(Person, on=(VillageCadre.person == Person.id))
            .where((VillageCadre.village == village_id) & VillageCadre.term_end.is_null()
                   & (Person.deleted == False)))  # noqa: E712


def sitting_secretary(village_id: str) -> VillageCadre | None:
    return _sitting(village_id).where(VillageCadre.post == "secretary").first()


def _today(today: dt.date | None) -> str:
    return (today or dt.date.today()).isoformat()


def _checked(post, holds_both, term_start, term_end, today: dt.date | None) -> tuple[str, bool, str, str | None]:
    """(post, holds_both, start, end) parsed, or the refusal of the first thing wrong."""
    post = parse_enum(codes.CADRE_POSTS, post, "post", "职务")
    if not post:
        raise ValidationError("请给出职务（secretary/director/deputy_secretary/deputy_director/member）",
                              "post is required", "post")
    holds_both = bool(holds_both)
    if holds_both and post != "secretary":
        raise ValidationError(f"“一肩挑”只适用于书记（兼任主任），不能用于{codes.CADRE_POSTS[post]}",
                              "--holds-both is only for post secretary", "holds_both_posts")
    start = parse_date(term_start, "term_start", "任职时间")
    if not start:
        raise ValidationError("请给出任职时间（--from）", "term start is required", "term_start")
    end = parse_date(term_end, "term_end", "离任时间")
    now = _today(today)
    for value, name, label in ((start, "term_start", "任职时间"), (end, "term_end", "离任时间")):
        if value and value > now[:len(value)]:
            raise ValidationError(f"{label}{value}晚于今天（{now}），请核对日期",
                                  f"{name} is in the future", name)
    n = min(len(start), len(end or ""))
    if end and end[:n] < start[:n]:
        raise ValidationError(f"离任时间{end}早于任职时间{start}", "term ends before it starts", "term_end")
    return post, holds_both, start, end


def _check_sitting(v: Village, person_id: str, person_name: str, post: str, holds_both: bool,
                   except_id: str | None = None) -> None:
    """A village has one sitting secretary and one sitting director (一肩挑 counts as both)."""
    sitting = [c for c in _sitting(v.id) if c.id != except_id]
    for c in sitting:
        holder = Person.get_by_id(c.person_id).name
        if c.person_id == person_id and c.post == post:
            raise UserError(f"“{person_name}”已是{v.name}现任{codes.CADRE_POSTS[post]}，无需重复登记",
                            "person already sits in this post")
        if post == "secretary" and c.post == "secretary":
            raise UserError(f"{v.name}已有现任书记“{holder}”，一个村只能有一名现任书记；"
                            "请先给原任办理离任（登记离任时间）", "the village already has a sitting secretary")
        directs = c.post == "director" or (c.post == "secretary" and c.holds_both_posts)
        if directs and (post == "director" or holds_both):
            raise UserError(f"{v.name}已有现任主任“{holder}”"
                            f"{'（书记一肩挑）' if c.post == 'secretary' else ''}，一个村只能有一名现任主任；"
                            "请先给原任办理离任（登记离任时间）", "the village already has a sitting director")


def add_post(pid: str, village: str, post: str, holds_both: bool = False, term_start=None,
             term_end=None, today: dt.date | None = None) -> VillageCadre:
    from rural_cadre_desktop.core.people import resolve
    from rural_cadre_desktop.core.reserves.services import village_named
    post, holds_both, start, end = _checked(post, holds_both, term_start, term_end, today)
    person = resolve(pid)
    v = village_named(village)
    if end is None:
        _check_sitting(v, person.id, person.name, post, holds_both)
    with Person._meta.database.atomic():
        row = store.insert(VillageCadre, person=person, village=v, post=post, holds_both_posts=holds_both,
                           term_start=start, term_end=end)
        store.audit("cadre-add", f"{row.id} {person.id} {post}")
    return row


def add_post_for_new(name: str, id_number: str, village: str, post: str, holds_both: bool = False,
                     term_start=None, term_end=None, today: dt.date | None = None) -> VillageCadre:
    """A post for someone not yet registered: the person (name, 身份证号; 户籍所在村 = the village)
    and the post are written together, after both have been checked."""
    from rural_cadre_desktop.core import people
    from rural_cadre_desktop.core.reserves.services import village_named
    if not (id_number or "").strip():
        raise ValidationError("请填写新人员的身份证号（已登记的人员请用查找选中）", "an ID number is required",
                              "id_number")
    values = people.parse_person({"name": name, "id_number": id_number})
    people.check_unique_id(values.get("id_number"))
    post, holds_both, start, end = _checked(post, holds_both, term_start, term_end, today)
    v = village_named(village)
    if end is None:
        _check_sitting(v, "", values["name"], post, holds_both)
    with Person._meta.database.atomic():
        person = store.insert(Person, village=v, **values)
        row = store.insert(VillageCadre, person=person, village=v, post=post, holds_both_posts=holds_both,
                           term_start=start, term_end=end)
        store.audit("cadre-add", f"{row.id} {person.id} {post}")
    return row


def cadre_of(cadre_id: str) -> VillageCadre:
    c = VillageCadre.get_or_none(VillageCadre.id == (cadre_id or "").strip())
    if c is None or c.deleted:
        raise UserError(f"找不到村两委任职记录“{cadre_id}”（可能已删除），请刷新后重试",
                        f"no cadre record {cadre_id!r}")
    return c


def edit_post(cadre_id: str, post: str, holds_both: bool, term_start, term_end,
              today: dt.date | None = None) -> list[str]:
    """Change one record's post, 一肩挑 and term dates; returns the fields that changed."""
    c = cadre_of(cadre_id)
    post, holds_both, start, end = _checked(post, holds_both, term_start, term_end, today)
    person = Person.get_by_id(c.person_id)
    if end is None:
        _check_sitting(Village.get_by_id(c.village_id), person.id, person.name, post, holds_both, except_id=c.id)
    with Person._meta.database.atomic():
        changed = store.update(c, {"post": post, "holds_both_posts": holds_both, "term_start": start,
                                   "term_end": end}, source="cadre-edit")
        if changed:
            store.audit("cadre-edit", f"{c.id} {','.join(changed)}")
    return changed


def end_post(cadre_id: str, term_end, today: dt.date | None = None) -> VillageCadre:
    """离任: the term ends on `term_end` (default today); the record stays as a past term."""
    c = cadre_of(cadre_id)
    person = Person.get_by_id(c.person_id)
    if c.term_end:
        raise UserError(f"“{person.name}”的这条任职已于{c.term_end}离任，无需再办理",
                        "this term has already ended")
    end = term_end if term_end not in (None, "") else _today(today)
    _, _, _, end = _checked(c.post, c.holds_both_posts, c.term_start or end, end, today)
    with Person._meta.database.atomic():
        store.update(c, {"term_end": end}, source="cadre-end")
        store.audit("cadre-end", f"{c.id} {end}")
    return c


def delete_post(cadre_id: str) -> None:
    c = cadre_of(cadre_id)
    with Person._meta.database.atomic():
        store.soft_delete(c, source="cadre-delete")
        store.audit("cadre-delete", c.id)


# -- what the 村两委 page shows ----------------------------------------------------------------------
def _sql(query: str, params=()) -> list[tuple]:
    return list(Person._meta.database.execute_sql(query, params).fetchall())


def _age(birth: str | None, today: dt.date | None) -> int | None:
    from rural_cadre_desktop.core.reserves.services import age_on
    return age_on(birth, _today(today))


def posts(village_id: str | None = None, today: dt.date | None = None) -> list[dict]:
    """The posts of one village (all villages when None): current ones first (书记, 主任, 副书记,
    副主任, 委员), then past ones, latest term first. Dicts: id, person_id, village, name, sex, age,
    education, political, post, holds_both, term_start, term_end, current."""
    where, params = ("AND vc.village_id = ?", [village_id]) if village_id else ("", [])
    rows = _sql(f"""
      SELECT vc.id, p.id, v.name, p.name, p.sex, p.birth_date, p.education, p.political_status, vc.post,
             vc.holds_both_posts, vc.term_start, vc.term_end, v.sort_order
      FROM village_cadre vc JOIN person p ON p.id = vc.person_id JOIN village v ON v.id = vc.village_id
      WHERE vc.deleted = 0 AND p.deleted = 0 {where}""", params)
    rank = {k: i for i, k in enumerate(POST_ORDER)}
    rows.sort(key=lambda r: r[11] or r[10] or "", reverse=True)           # latest term first, then (stable):
    rows.sort(key=lambda r: (r[11] is not None, r[12] or 0, r[2], rank.get(r[8], 9)))
    return [{"id": i, "person_id": pid, "village": v, "name": n, "sex": codes.SEX.name(sex) or "",
             "age": _age(b, today), "education": codes.EDUCATION.name(edu) or "",
             "political": codes.political_short(pol), "post": post, "holds_both": bool(both),
             "term_start": s or "", "term_end": e or "", "current": e is None}
            for i, pid, v, n, sex, b, edu, pol, post, both, s, e, _ in rows]


def post_label(post: str, holds_both: bool) -> str:
    """书记（一肩挑） — the way the page and the book write a post."""
    return codes.CADRE_POSTS.get(post, post) + ("（一肩挑）" if holds_both and post == "secretary" else "")


def candidates(village_id: str | None = None, today: dt.date | None = None) -> list[dict]:
    """The active reserves of one village (all when None), secretary candidates first: id,
    person_id, village, name, track, age, education, political, entered."""
    where, params = ("AND rc.village_id = ?", [village_id]) if village_id else ("", [])
    rows = _sql(f"""
      SELECT rc.id, p.id, v.name, p.name, rc.track, p.birth_date, p.education, p.political_status,
             rc.entered_date
      FROM reserve_cadre rc JOIN person p ON p.id = rc.person_id JOIN village v ON v.id = rc.village_id
      WHERE rc.deleted = 0 AND p.deleted = 0 AND rc.status = 'active' {where}
      ORDER BY v.sort_order, v.name, rc.track != 'secretary', p.name_strokes""", params)
    return [{"id": i, "person_id": pid, "village": v, "name": n, "track": t, "age": _age(b, today),
             "education": codes.EDUCATION.name(edu) or "", "political": codes.political_short(pol),
             "entered": e or ""}
            for i, pid, v, n, t, b, edu, pol, e in rows]
