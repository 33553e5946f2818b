"""村两委成员: a person's post in a village with term dates (`VillageCadre`; term_end empty = 现任).

  add_post  refused: an unknown person or village, a post outside codes.CADRE_POSTS, 一肩挑
            (`holds_both_posts`) on any post but secretary, a missing or unreadable start date, an end
            before the start, a second sitting secretary of one village, a second sitting director
            (a 一肩挑 secretary is the director too), the same person already sitting in that post.
            A post with an end date is a past term and is not checked against the sitting ones.

Audit row: ("cadre-add", "<cadre id> <person id> <post>").
"""
from __future__ import annotations

from rural_cadre_desktop.core import codes, store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.models import Person, VillageCadre
from rural_cadre_desktop.core.validation import parse_date, parse_enum


def _sitting(village_id: str):
    return (VillageCadre.alive().join(Person, on=(VillageCadre.person == Person.id))
            .where((VillageCadre.village == village_id) & VillageCadre.term_end.is_null()
                   & (Person.deleted == False)))  # noqa: E712


def sitting_secretary(village_id: str) -> VillageCadre | None:
    return _sitting(village_id).where(VillageCadre.post == "secretary").first()


def add_post(pid: str, village: str, post: str, holds_both: bool = False, term_start=None,
             term_end=None) -> VillageCadre:
    from rural_cadre_desktop.core.people import resolve
    from rural_cadre_desktop.core.reserves.services import village_named
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
    n = min(len(start), len(end or ""))
    if end and end[:n] < start[:n]:
        raise ValidationError(f"离任时间{end}早于任职时间{start}", "term ends before it starts", "term_end")
    person = resolve(pid)
    v = village_named(village)
    if end is None:
        sitting = list(_sitting(v.id))
        names = {c.id: Person.get_by_id(c.person_id).name for c in sitting}
        for c in sitting:
            if c.person_id == person.id and c.post == post:
                raise UserError(f"“{person.name}”已是{v.name}现任{codes.CADRE_POSTS[post]}，无需重复登记",
                                "person already sits in this post")
            if post == "secretary" and c.post == "secretary":
                raise UserError(f"{v.name}已有现任书记“{names[c.id]}”，一个村只能有一名现任书记；"
                                "请先给原任登记离任时间（edit cadres ID term_end=…）",
                                "the village already has a sitting secretary")
            directs = c.post == "director" or (c.post == "secretary" and c.holds_both_posts)
            if directs and (post == "director" or holds_both):
                raise UserError(f"{v.name}已有现任主任“{names[c.id]}”"
                                f"{'（书记一肩挑）' if c.post == 'secretary' else ''}，一个村只能有一名现任主任；"
                                "请先给原任登记离任时间", "the village already has a sitting director")
    with Person._meta.database.atomic():
        row = store.insert(VillageCadre, person=person, village=v, post=post, holds_both_posts=holds_both,
                           term_start=start, term_end=end)
        store.audit("cadre-add", f"{row.id} {person.id} {post}")
    return row
