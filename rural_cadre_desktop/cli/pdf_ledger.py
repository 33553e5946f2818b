"""pdf ledger KIND: a standard ledger (台账) as a landscape PDF."""
from __future__ import annotations

from rural_cadre_desktop.cli.common import open_db, require_initialised, say, write_output
from rural_cadre_desktop.core.outputs import check_target

LEDGER_KINDS = ("returnees", "attendance", "reserves", "trainings")


def register_ledger(docs, add_db) -> None:
    q = docs.add_parser("ledger", help="台账（横向表格） / ledger table")
    add_db(q)
    q.add_argument("kind", choices=LEDGER_KINDS, metavar="KIND", help="、".join(LEDGER_KINDS))
    q.add_argument("--village", metavar="NAME")
    q.add_argument("--training", metavar="ID", help="attendance：只列这个培训班")
    q.add_argument("--full-id", action="store_true")
    q.add_argument("-o", "--output", metavar="FILE", required=True)
    q.set_defaults(func=cmd_ledger)


def cmd_ledger(args) -> int:
    open_db(args)
    require_initialised()
    import io
    from rural_cadre_desktop.core.ledgers import standard
    from rural_cadre_desktop.core.store import audit
    ledger = standard.ledger(args.kind, full_id=args.full_id, village=args.village, training=args.training)
    if args.output not in ("", "-"):
        check_target(args.output)
    from rural_cadre_desktop.reports.ledger import build_ledger
    buf = io.BytesIO()
    build_ledger(buf, ledger)
    write_output(buf.getvalue(), args.output)
    audit("pdf", f"ledger {args.kind} {len(ledger.rows)} rows{' full-id' if args.full_id else ''}")
    say(f"已生成{ledger.title}，{len(ledger.rows)} 行")
    return 0
