"""pdf ledger KIND: a standard ledger (台账) as a landscape PDF, with the same filters as
export-ledger (the same ledger, core/ledgers/standard.py)."""
from __future__ import annotations

from rural_cadre_desktop.cli.common import open_db, require_initialised, say, write_output
from rural_cadre_desktop.core.outputs import check_target

LEDGER_KINDS = ("returnees", "attendance", "reserves", "trainings")
KIND_HELP = ("returnees（返乡人员台账）、reserves（后备干部台账）、attendance（参训人员花名册）、"
             "trainings（培训班台账）")


def add_filters(p) -> None:
    """--village --status --year --training --full-id, shared with export-ledger."""
    p.add_argument("--village", metavar="NAME", help="只列这个村(社区)的（trainings 不适用）")
    p.add_argument("--status", metavar="S", help="returnees：away（在外）/returned（已返乡）；"
                                                 "reserves：active（在库）/left（已出库）")
    p.add_argument("--year", metavar="Y", help="returnees 按返乡年份，reserves 按入库年份，"
                                               "attendance/trainings 按培训开始年份")
    p.add_argument("--training", metavar="ID", help="attendance/trainings：只列这个培训班（id 见 export trainings）")
    p.add_argument("--full-id", action="store_true", help="身份证号和电话不打码（会记入审计日志）")


def register_ledger(docs, add_db) -> None:
    q = docs.add_parser("ledger", help="台账（横向表格） / ledger table")
    add_db(q)
    q.add_argument("kind", choices=LEDGER_KINDS, metavar="KIND", help=KIND_HELP)
    add_filters(q)
    q.add_argument("-o", "--output", metavar="FILE", required=True)
    q.set_defaults(func=cmd_ledger)


def cmd_ledger(args) -> int:
    open_db(args)
    require_initialised()
    import io
    from rural_cadre_desktop.core.ledgers import standard
    from rural_cadre_desktop.core.store import audit
    if args.output not in ("", "-"):
        check_target(args.output)
    ledger = standard.ledger(args.kind, full_id=args.full_id, village=args.village, training=args.training,
                             status=args.status, year=args.year)
    from rural_cadre_desktop.reports.ledger import build_ledger
    buf = io.BytesIO()
    build_ledger(buf, ledger)
    write_output(buf.getvalue(), args.output)
    scope = f" ({ledger.scope})" if ledger.scope else ""
    audit("pdf", f"ledger {args.kind} {len(ledger.rows)} rows{scope}{' full-id' if args.full_id else ''}")
    if args.output not in ("", "-"):          # not into the PDF on stdout
        say(f"已生成{ledger.title}{'（' + ledger.scope + '）' if ledger.scope else ''}，{len(ledger.rows)} 行，"
            f"写入 {args.output}")
    return 0
