"""pdf ledger KIND: a standard ledger (台账) as a landscape PDF, with the same filters as
export-ledger (the same ledger, core/ledgers/standard.py)."""
from __future__ import annotations

from rural_cadre_desktop.cli.common import open_db, require_initialised, say, write_output
from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.outputs import check_target

# Every name, choice and help line comes from the kinds' declarations (core/kinds/).
LEDGER_KINDS = tuple(k.name for k in kinds.with_ledger())
KIND_HELP = "、".join(f"{k.name}（{k.ledger.title}）" for k in kinds.with_ledger())


def _filter_help() -> dict[str, str]:
    ledgers = kinds.with_ledger()
    no_village = [k.name for k in ledgers if k.ledger.village is None]
    years: dict[str, list[str]] = {}
    for k in ledgers:
        if k.ledger.year:
            years.setdefault(k.ledger.year[1], []).append(k.name)
    return {
        "village": "只列这个村(社区)的" + (f"（{'、'.join(no_village)} 不适用）" if no_village else ""),
        "status": "；".join(f"{k.name}：" + "/".join(f"{s}（{t}）" for s, t in k.statuses.items())
                           for k in ledgers if k.statuses),
        "year": "，".join(f"{'/'.join(names)} 按{label}" for label, names in years.items()),
        "training": f"{'/'.join(k.name for k in ledgers if k.ledger.training)}：只列这个培训班（id 见 export trainings）",
    }


def add_filters(p) -> None:
    """--village --status --year --training --full-id, shared with export-ledger."""
    words = _filter_help()
    p.add_argument("--village", metavar="NAME", help=words["village"])
    p.add_argument("--status", metavar="S", help=words["status"])
    p.add_argument("--year", metavar="Y", help=words["year"])
    p.add_argument("--training", metavar="ID", help=words["training"])
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
