"""sync export / import / conflicts: USB sync packages between offline PCs (core/sync).

The passphrase comes from a file (its first line) or a prompt, never from the command line.
"""
from __future__ import annotations

import json
from pathlib import Path

from rural_cadre_desktop.cli.common import open_db, require_initialised, say
from rural_cadre_desktop.core.paths import default_db_path


def register(sub, add_db) -> None:
    p = sub.add_parser("sync", help="U盘同步：导出/导入同步包，查看冲突 / USB sync packages")
    add_db(p)
    s = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    # allow_abbrev off: "--passphrase SECRET" must not pass as --passphrase-file (and be echoed back)
    e = s.add_parser("export", help="导出同步包 / write a sync package", allow_abbrev=False)
    add_db(e)
    e.add_argument("-o", "--output", required=True, metavar="FILE", help="同步包文件（例如U盘上的路径）")
    e.add_argument("--passphrase-file", metavar="F", help="口令文件（第一行为口令；不给则提示输入）")
    how = e.add_mutually_exclusive_group()
    how.add_argument("--full", action="store_true", help="导出范围内的全部数据（默认）")
    how.add_argument("--to", metavar="PEER", help="只导出对方还没有的数据（对方的名称或节点号）")
    e.add_argument("--township", metavar="NAME", help="县安装：只导出这个乡镇的一份")
    e.set_defaults(func=cmd_export)

    i = s.add_parser("import", help="导入同步包（新数据库路径：设置本乡镇的第二台电脑） / import a package",
                     allow_abbrev=False)
    add_db(i)
    i.add_argument("file", metavar="FILE")
    i.add_argument("--passphrase-file", metavar="F", help="口令文件（第一行为口令；不给则提示输入）")
    i.add_argument("--dry-run", action="store_true", help="只显示将会发生的变化，不写入")
    i.add_argument("--format", choices=["text", "json"], default="text")
    i.set_defaults(func=cmd_import)

    c = s.add_parser("conflicts", help="列出同步冲突（两边都改了同一项） / list sync conflicts")
    add_db(c)
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument("--restore", type=int, metavar="N", help="把第 N 号冲突中未被采用的值恢复为当前值")
    c.set_defaults(func=cmd_conflicts)


def _passphrase(path: str | None, confirm: bool) -> str:
    from rural_cadre_desktop.cli.backup import read_passphrase
    return read_passphrase(path, confirm=confirm)


def cmd_export(args) -> int:
    from rural_cadre_desktop.core.outputs import check_target
    check_target(args.output)
    passphrase = _passphrase(args.passphrase_file, confirm=True)
    # only reads: opened without the daily backup, which would copy the whole ledger first
    from rural_cadre_desktop.core.store import open_store
    open_store(default_db_path(getattr(args, "db", None)), create=False)
    require_initialised()
    from rural_cadre_desktop.core.sync.service import export_package
    done = export_package(args.output, passphrase, to=args.to, township=args.township)
    say(f"已导出同步包 {done['file']}：{done['rows']} 条记录（含已删除记录的标记）")
    return 0


def cmd_import(args) -> int:
    from rural_cadre_desktop.core.store import open_store
    from rural_cadre_desktop.core.sync.service import clone_into, import_package, load
    passphrase = _passphrase(args.passphrase_file, confirm=False)
    path = Path(default_db_path(getattr(args, "db", None)))
    # every refusal of the file comes before the database is touched
    with load(args.file, passphrase, path.parent) as pkg:
        if not path.exists():            # a second PC of the township is set up from the package
            report = clone_into(pkg, path, dry_run=args.dry_run)
        else:
            # no daily backup here: import_package takes its own verified backup before writing
            open_store(path, create=False)
            report = import_package(pkg, dry_run=args.dry_run)
    if args.format == "json":
        say(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        if report.new_installation and not args.dry_run:
            say(f"已用同步包设置本机：{pkg.manifest.get('source', {}).get('county', '')}"
                f"{pkg.manifest.get('share') or pkg.manifest.get('source', {}).get('township', '')}")
        for line in report.lines():
            say(line)
    return 0


def cmd_conflicts(args) -> int:
    open_db(args, create=False)
    from rural_cadre_desktop.core.sync.conflicts import list_conflicts, restore
    if args.restore is not None:
        changed = restore(args.restore)
        say(f"已恢复第 {args.restore} 号冲突的值" + ("" if changed else "（记录已是这个值）"))
        return 0
    rows = list_conflicts()
    if args.format == "json":
        say(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        say("没有同步冲突")
        return 0
    for r in rows:
        who = "，".join(x for x in (r["person"], r["village"]) if x)
        say(f"[{r['n']}] {r['table_label']} {who or r['row_id']} · {r['field']}：采用 {r['kept_value']!s}"
            f"（{r['kept_at']}），未采用 {r['lost_value']!s}（{r['lost_at']}）" + ("  已恢复" if r["restored"] else ""))
    return 0


