"""export, edit, delete: the machine interface over every record kind."""
from __future__ import annotations

import csv
import io
import json

from rural_cadre_desktop.cli.common import open_db, say, write_output
from rural_cadre_desktop.core import kinds
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import check_target

# The contract's kinds, from their declarations (core/kinds/, which imports no peewee: building the
# parser stays light, and the ledger import starts reading its file sooner).
KIND_NAMES = kinds.names()


def register(sub, add_db) -> None:
    p = sub.add_parser("export", help="导出记录（JSON/CSV，完整不打码） / export records")
    add_db(p)
    p.add_argument("kind", choices=KIND_NAMES, metavar="KIND", help="、".join(KIND_NAMES))
    p.add_argument("--format", choices=["json", "csv"], required=True)
    p.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认写到标准输出）")
    p.add_argument("--include-deleted", action="store_true", help="包括已删除的记录")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("edit", help="修改一条记录：FIELD=VALUE … / edit a record")
    add_db(p)
    p.add_argument("kind", choices=KIND_NAMES, metavar="KIND")
    p.add_argument("id", metavar="ID", help="导出结果中的 id")
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("delete", help="删除一条记录（保留删除标记以便同步） / delete a record")
    add_db(p)
    p.add_argument("kind", choices=KIND_NAMES, metavar="KIND")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_delete)


def _csv_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(v)
    return "" if v is None else v


def cmd_export(args) -> int:
    database = open_db(args)
    from rural_cadre_desktop.core.check import require_intact
    from rural_cadre_desktop.core.kinds.export import export_records, keys as export_keys
    from rural_cadre_desktop.core.store import audit
    if args.output and args.output != "-":
        check_target(args.output)
    require_intact(database, full=False)      # a damaged file is refused before its audit row
    rows = export_records(args.kind, args.include_deleted)
    if args.format == "json":
        data = json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    else:
        buf = io.StringIO()
        keys = list(rows[0]) if rows else export_keys(kinds.get(args.kind), args.include_deleted)
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(keys)
        for r in rows:
            w.writerow([_csv_value(r.get(k)) for k in keys])
        data = "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")
    # On record before the file exists: an audit that cannot be written (locked, read-only)
    # refuses the export, and no unmasked file goes out unrecorded.
    audit("export", f"{args.kind} {args.format} {len(rows)} rows{' incl. deleted' if args.include_deleted else ''}")
    write_output(data, args.output)
    return 0


def cmd_edit(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.editing import edit_record
    from rural_cadre_desktop.core.store import audit
    assignments = {}
    for a in args.assignments:
        if "=" not in a:
            raise UserError(f"“{a}”应写成 字段=值，例如 name=张三", f"{a!r} must be FIELD=VALUE")
        k, v = a.split("=", 1)
        assignments[k.strip()] = v
    changed = edit_record(args.kind, args.id, assignments)
    audit("edit", f"{args.kind} {args.id} {','.join(changed)}")
    say(f"已修改：{'、'.join(changed)}" if changed else "没有变化（新值与原值相同）")
    return 0


def cmd_delete(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.editing import delete_record
    from rural_cadre_desktop.core.store import audit
    delete_record(args.kind, args.id)
    audit("delete", f"{args.kind} {args.id}")
    say("已删除")
    return 0
