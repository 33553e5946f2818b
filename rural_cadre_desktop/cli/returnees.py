"""returnee, activity, person: what the 返乡人员 tab does, in batch.

    returnee add --name N [--id-number X] --village V [FIELD=VALUE…]
    returnee list [--village V] [--status S] [--search T] … [--format text|json|csv] [--full-id]
    returnee edit|delete|to-reserve|note|duplicates …
    activity add --year Y --kind K [--date D] [--place P] [--content C] --person PID [--person PID…]
    activity list --year Y [--kind K] [--format text|json];  activity status ID --status S [--answer A]
    activity grid --year Y [--village V] --format json|text
    person merge PID PID;  person unmerge PID

Text output masks ID numbers and phones unless --full-id (audited); json/csv are the machine
interface (unmasked, audited like `export`).
"""
from __future__ import annotations

import csv
import io
import json

from rural_cadre_desktop.cli.common import open_db, say, write_output
from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.errors import UserError


def _pairs(items) -> dict[str, str]:
    out = {}
    for a in items or []:
        if "=" not in a:
            raise UserError(f"“{a}”应写成 字段=值，例如 work_place=浙江杭州", f"{a!r} must be FIELD=VALUE")
        k, v = a.split("=", 1)
        out[k.strip()] = v
    return out


def register(sub, add_db) -> None:
    ret = sub.add_parser("returnee", help="返乡人员台账 / returnee registry")
    rs = ret.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = rs.add_parser("add", help="登记一名返乡（在外）人员")
    add_db(p)
    p.add_argument("--name", required=True)
    p.add_argument("--id-number")
    p.add_argument("--village", required=True, help="户籍所在村(社区)名称")
    p.add_argument("fields", nargs="*", metavar="FIELD=VALUE")
    p.set_defaults(func=cmd_add)

    p = rs.add_parser("list", help="按条件列出（与界面的筛选、搜索、排序相同）")
    add_db(p)
    p.add_argument("--village")
    p.add_argument("--status", choices=list(codes.RETURNEE_STATUS))
    p.add_argument("--search", default="", help="姓名、拼音首字母（zs）、身份证号或电话")
    from rural_cadre_desktop.core.returnees.query import COLUMN_INDEX, EXTRA_SORTS, WANTS, YEAR_FIELDS
    p.add_argument("--wants", action="append", choices=list(WANTS), default=[])
    p.add_argument("--political-status", help="政治面貌（代码或名称，如 01、中共党员）")
    p.add_argument("--year", type=int)
    p.add_argument("--year-field", choices=list(YEAR_FIELDS), default="return_date")
    p.add_argument("--duplicates", action="store_true", help="只列疑似重复")
    p.add_argument("--sort", choices=list(COLUMN_INDEX) + list(EXTRA_SORTS), default="name")
    p.add_argument("--desc", action="store_true")
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument("--full-id", action="store_true", help="文本输出不打码（记入审计）")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_list)

    p = rs.add_parser("edit", help="修改：FIELD=VALUE …（人员字段与台账字段均可）")
    add_db(p)
    p.add_argument("pid", metavar="PID")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(func=cmd_edit)

    p = rs.add_parser("delete", help="从台账中删除（人员档案保留）")
    add_db(p)
    p.add_argument("pid", metavar="PID")
    p.set_defaults(func=cmd_delete)

    p = rs.add_parser("note", help="记一条思想动态")
    add_db(p)
    p.add_argument("pid", metavar="PID")
    p.add_argument("--text", required=True)
    p.add_argument("--date")
    p.set_defaults(func=cmd_note)

    p = rs.add_parser("to-reserve", help="转为村级后备力量（同一人员，记一条“培养一批村级后备力量”）")
    add_db(p)
    p.add_argument("pid", metavar="PID")
    p.add_argument("--track", choices=list(codes.RESERVE_TRACKS), default="two_committees")
    p.add_argument("--recommended-by", choices=list(codes.RECOMMENDED_BY), default="organization")
    p.set_defaults(func=cmd_to_reserve)

    p = rs.add_parser("duplicates", help="列出疑似重复（同姓名、出生日期、村，缺身份证号）")
    add_db(p)
    p.add_argument("--village")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_duplicates)

    act = sub.add_parser("activity", help="“八个一”活动记录 / yearly activity log")
    acs = act.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = acs.add_parser("add", help="记一次活动")
    add_db(p)
    p.add_argument("--year", required=True)
    p.add_argument("--kind", required=True, choices=list(codes.EIGHT_ONES))
    for opt in ("--date", "--place", "--content", "--answer"):
        p.add_argument(opt)
    p.add_argument("--status", choices=list(codes.ACTIVITY_STATUS))
    p.add_argument("--person", action="append", required=True, metavar="PID", help="参加人员（可多次）")
    p.set_defaults(func=cmd_activity_add)

    p = acs.add_parser("list", help="列出某年度的活动")
    add_db(p)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--kind", choices=list(codes.EIGHT_ONES))
    p.add_argument("--person", metavar="PID")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_activity_list)

    p = acs.add_parser("status", help="办理状态：open → handled（须填办理结果）")
    add_db(p)
    p.add_argument("id", metavar="ID")
    p.add_argument("--status", required=True, choices=list(codes.ACTIVITY_STATUS))
    p.add_argument("--answer")
    p.set_defaults(func=cmd_activity_status)

    p = acs.add_parser("grid", help="年度“八个一”落实情况（人员 × 八类，按村统计）")
    add_db(p)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--village")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_activity_grid)

    per = sub.add_parser("person", help="人员：合并两条记录 / person records")
    ps = per.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ps.add_parser("merge", help="两条记录是同一个人：合并（可撤销）")
    add_db(p)
    p.add_argument("pids", nargs=2, metavar="PID")
    p.set_defaults(func=cmd_merge)
    p = ps.add_parser("unmerge", help="撤销最近一次合并")
    add_db(p)
    p.add_argument("pid", metavar="PID")
    p.set_defaults(func=cmd_unmerge)


def _village_id(name: str | None) -> str | None:
    if not name:
        return None
    from rural_cadre_desktop.core.regions import find_village
    v = find_village(name)
    if v is None:
        raise UserError(f"村(社区)“{name}”不在本乡镇的列表中", f"unknown village {name!r}")
    return v.id


def cmd_add(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees.registry import split_fields
    from rural_cadre_desktop.core.returnees.services import add_returnee
    raw = _pairs(args.fields)
    raw["name"] = args.name
    if args.id_number:
        raw["id_number"] = args.id_number
    person_raw, ret_raw, _ = split_fields(raw)
    r = add_returnee(person_raw, ret_raw, args.village)
    say(f"已登记：{args.name} person_id={r.person_id} id={r.id}")
    return 0


def cmd_list(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees import display, query
    from rural_cadre_desktop.core.store import audit
    from rural_cadre_desktop.core.validation import parse_code
    ps = parse_code(codes.POLITICAL_STATUS, args.political_status, "political_status") if args.political_status else None
    q = query.ReturneeQuery(village_id=_village_id(args.village), status=args.status, wants=tuple(args.wants),
                            political_status=ps, year=args.year, year_field=args.year_field, search=args.search,
                            duplicates_only=args.duplicates, sort=args.sort, descending=args.desc)
    rows = query.page(q, 0, args.limit)
    if args.format == "json":
        data = json.dumps([display.row_dict(r) for r in rows], ensure_ascii=False, indent=1).encode() + b"\n"
    elif args.format == "csv":
        recs = [display.row_dict(r) for r in rows]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        keys = list(recs[0]) if recs else ["id", "person_id"] + [c.key for c in query.COLUMNS]
        w.writerow(keys)
        for rec in recs:
            w.writerow(["true" if v is True else "false" if v is False else "" if v is None else v
                        for v in (rec.get(k) for k in keys)])
        data = "\ufeff".encode() + buf.getvalue().encode()
    else:
        lines = ["\t".join(c.label for c in query.COLUMNS)]
        lines += ["\t".join(display.row_texts(r, reveal=args.full_id)) for r in rows]
        lines.append(f"共 {len(rows)} 人")
        data = ("\n".join(lines) + "\n").encode()
    write_output(data, args.output)
    if args.format != "text" or args.full_id:
        audit("returnee-list", f"{args.format} {len(rows)} rows{' full-id' if args.full_id else ''}")
    return 0


def cmd_edit(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees.registry import returnee_of, split_fields
    from rural_cadre_desktop.core.returnees.services import edit_returnee
    r = returnee_of(args.pid)
    person_raw, ret_raw, village = split_fields(_pairs(args.fields))
    changed = edit_returnee(r.id, person_raw, ret_raw, village)
    say(f"已修改：{'、'.join(changed)}" if changed else "没有变化（新值与原值相同）")
    return 0


def cmd_delete(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees.registry import returnee_of
    from rural_cadre_desktop.core.returnees.services import delete_returnee
    delete_returnee(returnee_of(args.pid).id)
    say("已从返乡人员台账中删除（人员档案保留）")
    return 0


def cmd_note(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.people import resolve
    from rural_cadre_desktop.core.returnees.registry import add_note, returnee_of
    returnee_of(args.pid)
    n = add_note(resolve(args.pid), args.date, args.text)
    say(f"已记录思想动态 id={n.id}")
    return 0


def cmd_to_reserve(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.reserves.services import from_returnee
    reserve, act = from_returnee(args.pid, args.track, args.recommended_by)
    say(f"已转为{codes.RESERVE_TRACKS[reserve.track]}：reserve_id={reserve.id} activity_id={act.id}")
    return 0


def cmd_duplicates(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees.duplicates import duplicate_groups
    groups = duplicate_groups(_village_id(args.village))
    if args.format == "json":
        say(json.dumps(groups, ensure_ascii=False, indent=1))
    else:
        for g in groups:
            say(f"{g['village'] or ''}\t{g['name']}\t{g['birth_date']}\t{' '.join(g['person_ids'])}")
        say(f"共 {len(groups)} 组疑似重复")
    return 0


def cmd_activity_add(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees.services import add_activity
    raw = {k: getattr(args, k) for k in ("year", "kind", "date", "place", "content", "status", "answer")
           if getattr(args, k) is not None}
    a = add_activity(raw, args.person)
    say(f"已记录：{codes.EIGHT_ONES[a.kind]}（{len(set(args.person))}人）id={a.id}")
    return 0


def cmd_activity_list(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.people import resolve
    from rural_cadre_desktop.core.returnees.activities import LIST_KEYS, list_activities
    pid = resolve(args.person).id if args.person else None
    rows = list_activities(args.year, args.kind, pid)
    if args.format == "json":
        say(json.dumps([dict(zip(LIST_KEYS, r)) for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        rec = dict(zip(LIST_KEYS, r))
        status = f"[{codes.ACTIVITY_STATUS.get(rec['status'], '')}]" if rec["status"] else ""
        say(f"{rec['date'] or ''}\t{codes.EIGHT_ONES[rec['kind']]}{status}\t{rec['place'] or ''}\t"
            f"{rec['participant_count']}人：{rec['participant_names'] or ''}\t{rec['id']}")
    say(f"共 {len(rows)} 次")
    return 0


def cmd_activity_status(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees.services import set_activity_status
    changed = set_activity_status(args.id, args.status, args.answer)
    say(f"已更新为“{codes.ACTIVITY_STATUS[args.status]}”" if changed else "没有变化")
    return 0


def cmd_activity_grid(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees.grid import SUMMARY_HEADS, grid_json, summary_table
    data = grid_json(args.year, _village_id(args.village))
    if args.format == "json":
        say(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    # the same texts as the GUI's village summary: per person where the practice counts per person,
    # per village for meetings and batches
    say("\t".join(h.replace("\n", "") for h in SUMMARY_HEADS))
    for texts, _red, _tips in summary_table(data["villages"], data["totals"]):
        say("\t".join(str(t) for t in texts))
    return 0


def cmd_merge(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.returnees.services import merge
    rec = merge(*args.pids)
    say(f"已合并：保留 {rec['keep']}，{rec['drop']} 成为其别名（可用 person unmerge 撤销）")
    return 0


def cmd_unmerge(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.models import Person
    from rural_cadre_desktop.core.returnees.merging import find_merge, undo_merge
    p = Person.get_or_none(Person.id == args.pid)
    if p is None:
        from rural_cadre_desktop.core.people import resolve
        p = resolve(args.pid)
    n = undo_merge(find_merge(p.id))
    say(f"已撤销合并（恢复 {n} 项改动）")
    return 0
