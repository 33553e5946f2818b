"""reserve, cadre, coverage: the reserve pool (一乡一库) and the village committee posts, in batch.

    reserve add PID --village V --track secretary|two_committees [--recommended-by R] [--date D]
    reserve vet RID --step village|township|county --result pass|fail [--date D] [--reviewer N] [--note T]
    reserve review RID --year Y --rating R [--reviewer N] [--note T] [--negative-list T] [--date D]
    reserve remove RID --reason T [--date D]
    cadre add PID --village V --post P [--holds-both] --from D [--to D]
    coverage [--format text|json]

The rules and refusals live in core/reserves/services.py and cadres.py; warnings (age, 学历,
政治面貌, 负面清单) go to stderr as "提示：…" and do not stop the command.
"""
from __future__ import annotations

import json
import sys

from rural_cadre_desktop.cli.common import open_db, say
from rural_cadre_desktop.core import codes


def register(sub, add_db) -> None:
    res = sub.add_parser("reserve", help="村级后备干部：入库、资格联审、年度考察评议、出库 / reserve pool")
    rs = res.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = rs.add_parser("add", help="纳入后备干部库（即为“在库”），输出新记录的 id")
    add_db(p)
    p.add_argument("pid", metavar="PID", help="人员 id 或身份证号")
    p.add_argument("--village", required=True, help="所属村(社区)名称")
    p.add_argument("--track", required=True, choices=list(codes.RESERVE_TRACKS),
                   help="secretary 书记后备人选 / two_committees 两委后备干部")
    p.add_argument("--recommended-by", choices=list(codes.RECOMMENDED_BY), help="推荐方式（五荐）")
    p.add_argument("--date", help="入库时间（默认今天）")
    p.set_defaults(func=cmd_add)

    p = rs.add_parser("vet", help="资格联审：村级摸排 → 乡级初审 → 县级联审，依次登记；不通过即出库")
    add_db(p)
    p.add_argument("rid", metavar="RID", help="后备干部记录 id（reserve add 输出或 export reserves）")
    p.add_argument("--step", required=True, choices=list(codes.VETTING_STEPS),
                   help="village 村级摸排 / township 乡级初审 / county 县级联审")
    p.add_argument("--result", required=True, choices=["pass", "fail"], help="pass 通过 / fail 不通过")
    p.add_argument("--date", help="日期（默认今天）")
    p.add_argument("--reviewer", help="审查人（单位）")
    p.add_argument("--note", help="备注")
    p.set_defaults(func=cmd_vet)

    p = rs.add_parser("review", help="年度考察评议（每条记录每年一次）；不称职即出库")
    add_db(p)
    p.add_argument("rid", metavar="RID")
    p.add_argument("--year", required=True, help="年度")
    p.add_argument("--rating", required=True, choices=list(codes.REVIEW_RATINGS),
                   help="excellent 优秀 / competent 称职 / basically_competent 基本称职 / incompetent 不称职")
    p.add_argument("--reviewer", help="评议人（单位）")
    p.add_argument("--note", help="备注")
    p.add_argument("--negative-list", metavar="TEXT", help="发现的负面清单情形（记录并提示）")
    p.add_argument("--date", help="不称职出库的日期（默认今天）")
    p.set_defaults(func=cmd_review)

    p = rs.add_parser("remove", help="出库：记录日期和原因，记录保留")
    add_db(p)
    p.add_argument("rid", metavar="RID")
    p.add_argument("--reason", required=True, help="出库原因")
    p.add_argument("--date", help="出库时间（默认今天）")
    p.set_defaults(func=cmd_remove)

    cad = sub.add_parser("cadre", help="村两委成员：任职登记 / village committee posts")
    cs = cad.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = cs.add_parser("add", help="登记一项村两委职务（无离任时间即为现任）")
    add_db(p)
    p.add_argument("pid", metavar="PID", help="人员 id 或身份证号")
    p.add_argument("--village", required=True)
    p.add_argument("--post", required=True, choices=list(codes.CADRE_POSTS),
                   help="secretary 书记 / director 主任 / deputy_secretary 副书记 / deputy_director 副主任 / member 委员")
    p.add_argument("--holds-both", action="store_true", help="书记兼任主任（一肩挑），只用于 secretary")
    p.add_argument("--from", dest="term_start", required=True, metavar="D", help="任职时间")
    p.add_argument("--to", dest="term_end", metavar="D", help="离任时间（现任不填）")
    p.set_defaults(func=cmd_cadre_add)

    p = sub.add_parser("coverage", help="各村书记后备人选覆盖情况 / reserve coverage per village")
    add_db(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_coverage)


def _warn(lines) -> None:
    for w in lines:
        print(f"提示：{w}", file=sys.stderr, flush=True)


def _left(o) -> None:
    if o.left:
        say(f"已出库：{o.reserve.left_date} {o.reserve.left_reason}")
    if o.gap:
        _warn([f"{o.gap}现在没有在库的村党组织书记后备人选，请及时补充（见 coverage）"])


def cmd_add(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.reserves.services import add
    o = add(args.pid, args.village, args.track, args.recommended_by, args.date)
    _warn(o.warnings)
    say(o.record.id)
    return 0


def cmd_vet(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.reserves.services import vet
    o = vet(args.rid, args.step, args.result, args.date, args.reviewer, args.note)
    say(f"已登记{codes.VETTING_STEPS[o.record.step]}：{codes.VETTING_RESULTS[o.record.result]} id={o.record.id}")
    _left(o)
    return 0


def cmd_review(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.reserves.services import review
    o = review(args.rid, args.year, args.rating, args.reviewer, args.note, args.negative_list, args.date)
    say(f"已登记{o.record.year}年度考察评议：{codes.REVIEW_RATINGS[o.record.rating]} id={o.record.id}")
    _warn(o.warnings)
    _left(o)
    return 0


def cmd_remove(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.reserves.services import remove
    o = remove(args.rid, args.reason, args.date)
    _left(o)
    return 0


def cmd_cadre_add(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.reserves.cadres import add_post
    c = add_post(args.pid, args.village, args.post, args.holds_both, args.term_start, args.term_end)
    say(f"已登记{codes.CADRE_POSTS[c.post]}{'（一肩挑）' if c.holds_both_posts else ''}"
        f"{'' if c.term_end else '（现任）'} id={c.id}")
    return 0


def cmd_coverage(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.reserves.coverage import coverage
    from rural_cadre_desktop.core.store import audit
    rows = coverage()
    if args.format == "json":
        say(json.dumps(rows, ensure_ascii=False, indent=1))
        audit("coverage", f"json {len(rows)} villages")
        return 0
    say("村(社区)\t书记后备人选\t两委后备干部\t现任书记\t状态")
    for r in rows:
        sec = (r["sitting_secretary"] or "（空缺）") + ("（一肩挑）" if r["secretary_holds_both_posts"] else "")
        say(f"{r['village']}\t{r['secretary_candidates']}\t{r['two_committee_candidates']}\t{sec}\t"
            f"{'缺书记后备人选' if r['lacks_secretary_candidate'] else '已覆盖'}")
    gaps = sum(1 for r in rows if r["lacks_secretary_candidate"])
    say(f"共 {len(rows)} 个村(社区)，{gaps} 个缺书记后备人选")
    from rural_cadre_desktop.core.reserves.structure import structure
    say(f"结构：{structure().summary()}")
    return 0
