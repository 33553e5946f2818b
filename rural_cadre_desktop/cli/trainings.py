"""training, training-report: trainings (培训班), attendance (参训) and the yearly training rules.

    training add --name N --kind K --level L --start D --end D [--days N] [--hours H] [--outside-county]
                 [--target T] [--place P] [--organizer O] [--content TEXT] [--remarks TEXT]   # prints the id
    training attend TID PID... [--days N] [--exam TEXT] [--certificate NO] [--remarks TEXT]
    training unattend AID...          (attendance ids from export attendance)
    training copy TID                 (the same class one year later; prints the new id)
    training delete TID
    training-report --year Y [--format text|json|csv] [--village NAME] [-o FILE]

The checks and rules live in core/trainings/services.py and rules.py; --kind/--level/--target take
the identifiers (rotation, county, secretary …) or the Chinese labels (集中轮训, 县级 …).
"""
from __future__ import annotations

import csv
import io
import json

from rural_cadre_desktop.cli.common import open_db, say, write_output
from rural_cadre_desktop.core import codes

REPORT_KEYS = ("person_id", "name", "village_id", "village", "rule", "rule_label", "required_days",
               "attended_days", "short_days", "met", "detail")


def _ids(choices: dict) -> str:
    return " / ".join(f"{k} {v}" for k, v in choices.items())


def register(sub, add_db) -> None:
    tr = sub.add_parser("training", help="培训班与参训登记 / trainings and attendance")
    ts = tr.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = ts.add_parser("add", help="新建培训班，输出新记录的 id")
    add_db(p)
    p.add_argument("--name", required=True, help="培训班名称")
    p.add_argument("--kind", required=True, help=f"培训形式：{_ids(codes.TRAINING_KINDS)}")
    p.add_argument("--level", required=True, help=f"举办层级：{_ids(codes.TRAINING_LEVELS)}")
    p.add_argument("--start", required=True, metavar="D", help="开始日期")
    p.add_argument("--end", metavar="D", help="结束日期（默认同开始日期）")
    p.add_argument("--days", metavar="N", help="天数（默认为起止日期之间的天数，可为半天如 2.5）")
    p.add_argument("--hours", metavar="H", help="学时")
    p.add_argument("--outside-county", action="store_true", help="在县外举办（每两年外出培训的规定）")
    p.add_argument("--target", help=f"培训对象：{_ids(codes.TRAINING_TARGETS)}")
    p.add_argument("--place", help="地点")
    p.add_argument("--organizer", help="主办单位")
    p.add_argument("--content", help="培训内容")
    p.add_argument("--remarks", help="备注")
    p.set_defaults(func=cmd_add)

    p = ts.add_parser("attend", help="登记参训人员（同一人再次登记即更新原记录）")
    add_db(p)
    p.add_argument("tid", metavar="TID", help="培训班 id")
    p.add_argument("pids", nargs="+", metavar="PID", help="人员 id 或身份证号，可多个")
    p.add_argument("--days", metavar="N", help="实际参训天数（缺课时填写；默认全程）")
    p.add_argument("--exam", metavar="TEXT", help="结业考试（考核）结果")
    p.add_argument("--certificate", metavar="NO", help="结业证书编号")
    p.add_argument("--remarks", help="备注")
    p.set_defaults(func=cmd_attend)

    p = ts.add_parser("unattend", help="移除参训记录（export attendance 中的 id）")
    add_db(p)
    p.add_argument("aids", nargs="+", metavar="AID")
    p.set_defaults(func=cmd_unattend)

    p = ts.add_parser("copy", help="复制为下一年的同一培训班（日期顺延一年，不带参训人员），输出新 id")
    add_db(p)
    p.add_argument("tid", metavar="TID")
    p.set_defaults(func=cmd_copy)

    p = ts.add_parser("delete", help="删除培训班（其参训记录保留但不再计入）")
    add_db(p)
    p.add_argument("tid", metavar="TID")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("training-report", help="年度培训规定落实情况（按人、按规定） / yearly training rules")
    add_db(p)
    p.add_argument("--year", required=True, type=int, help="年度")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument("--village", metavar="NAME", help="只看一个村(社区)")
    p.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认写到标准输出）")
    p.set_defaults(func=cmd_report)


def cmd_add(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.trainings.services import add_training
    tid = add_training({"name": args.name, "kind": args.kind, "level": args.level, "target": args.target,
                        "start_date": args.start, "end_date": args.end, "days": args.days, "hours": args.hours,
                        "place": args.place, "organizer": args.organizer, "outside_county": args.outside_county,
                        "content": args.content, "remarks": args.remarks})
    say(tid)
    return 0


def cmd_attend(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.trainings.services import attend
    o = attend(args.tid, args.pids, days=args.days, exam=args.exam, certificate_no=args.certificate,
               remarks=args.remarks)
    say(f"已登记参训：新增{o.added}人，更新{o.updated}人")
    return 0


def cmd_unattend(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.trainings.services import remove_attendance
    remove_attendance(args.aids)
    say(f"已移除{len(set(args.aids))}条参训记录")
    return 0


def cmd_copy(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.trainings.services import copy_training
    say(copy_training(args.tid))
    return 0


def cmd_delete(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.trainings.services import delete_training
    delete_training(args.tid)
    say("已删除（参训记录保留，但不再计入培训规定）")
    return 0


def _csv(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else v


def cmd_report(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.store import audit
    from rural_cadre_desktop.core.trainings.rules import (
        RULES,
        double_hundred_progress,
        evaluate,
        village_summary,
    )
    village_id = None
    if args.village:
        from rural_cadre_desktop.core.reserves.services import village_named
        village_id = village_named(args.village).id
    rows = evaluate(args.year, village_id=village_id)
    dicts = [{k: r.as_dict()[k] for k in REPORT_KEYS} for r in rows]
    if args.format == "json":
        data = json.dumps(dicts, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    elif args.format == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(REPORT_KEYS)
        for d in dicts:
            w.writerow([_csv(d[k]) for k in REPORT_KEYS])
        data = "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")
    else:
        lines = [f"{args.year}年度培训规定落实情况", "规定\t村(社区)\t姓名\t应训天数\t参训天数\t差\t是否达标"]
        for r in rows:
            lines.append(f"{r.rule_label}\t{r.village or ''}\t{r.name}\t{r.required_days:g}\t{r.attended_days:g}\t"
                         f"{r.short_days:g}\t{'已达标' if r.met else '未达标'}")
        lines.append("")
        lines.append("按村汇总：村(社区)\t规定\t人数\t达标")
        lines += [f"{v}\t{RULES[rule]}\t{total}\t{met}" for v, rule, total, met in village_summary(rows)]
        plan = double_hundred_progress(args.year)
        if plan.enabled:
            lines.append(f"“双百”计划：后备干部县级培训 {plan.reserve_trained}/{plan.reserve_target} 人，"
                         f"两委干部县级培训 {plan.two_committees_trained}/{plan.two_committees_target} 人")
        data = ("\n".join(lines) + "\n").encode("utf-8")
    write_output(data, args.output)
    audit("training-report", f"{args.year} {args.format} {len(rows)} rows")
    return 0
