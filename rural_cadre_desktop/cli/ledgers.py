"""import-ledger and export-ledger: the offices' Excel/WPS/CSV 台账 in and the standard ones out."""
from __future__ import annotations

import gc

from rural_cadre_desktop.cli.common import open_db, require_initialised, say
from rural_cadre_desktop.cli.pdf_ledger import KIND_HELP, LEDGER_KINDS, add_filters
from rural_cadre_desktop.core import kinds

IMPORT_KINDS = tuple(k.name for k in kinds.importable())
_KIND_HELP = "、".join(f"{k.name}（{k.importer.help}{'，需 --training' if k.importer.training else ''}）"
                       for k in kinds.importable())


def register(sub, add_db) -> None:
    p = sub.add_parser("import-ledger", help="导入Excel/WPS/CSV台账 / import a spreadsheet ledger")
    add_db(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--kind", choices=IMPORT_KINDS, default=None, help=_KIND_HELP)
    p.add_argument("--training", metavar="ID", help="参训名单所属培训班的 id")
    p.add_argument("--sheet", metavar="名称|N", help="只导入这个工作表：名称或序号（从1数起）；默认读所有含台账的工作表")
    p.add_argument("--dry-run", action="store_true", help="只预览数量，不写入")
    p.add_argument("--update", action="store_true", help="表中的值与库中不同时，按表中的值更新")
    p.add_argument("--report", metavar="FILE.xlsx", help="错误报告：未导入的行、需注意的行、不一致的值")
    p.add_argument("--create-villages", action="store_true", help="表中有而本乡镇没有的村(社区)自动添加")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-ledger", help="导出标准台账(.xlsx，可直接打印) / export a standard ledger")
    add_db(p)
    p.add_argument("kind", choices=LEDGER_KINDS, metavar="KIND", help=KIND_HELP)
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    add_filters(p)
    p.set_defaults(func=cmd_export)


def _read_while_starting(path):
    """Read the file in a thread while this one opens the database and imports the rest.
    calamine holds the GIL while it parses (a read and a Python loop in two threads take their
    sum), so what overlaps is the writer process starting, on the other core. (Reading in a
    process of its own measured no faster: sending the rows over costs what the overlap saves.)"""
    import threading
    from rural_cadre_desktop.core.ledgers.reader import read_workbook
    box: dict = {}

    def work():
        try:
            box["sheets"] = read_workbook(path)
        except BaseException as e:   # handed to the main thread, raised there
            box["error"] = e
    t = threading.Thread(target=work, daemon=True)
    t.start()

    def result():
        t.join()
        if "error" in box:
            raise box["error"]
        return box["sheets"]
    return result


# What the last import read and planned (the file's rows, the plan), held in a cycle: after
# gc.freeze() nothing frees it, so the process ends without freeing ~1M objects one by one (0.1 s
# of 50,000 rows); the system takes the memory back at once. The next import in the same process
# (tests) lets the previous one go.
_LEFT: list = []


def cmd_import(args) -> int:
    # The import allocates ~1M acyclic objects (rows, dicts, tuples); the cyclic collector would
    # walk them again and again for nothing: 0.2 s of the 0.55 s cleaning 50k rows, more later.
    # freeze() at the end keeps them out of the collection at interpreter exit as well (0.1 s).
    _LEFT.clear()
    gc.disable()
    try:
        return _cmd_import(args)
    finally:
        gc.freeze()
        gc.enable()


def _cmd_import(args) -> int:
    if args.report:       # everything the command will write is checked before any change
        from rural_cadre_desktop.core.outputs import check_target
        check_target(args.report)
    started: list = []
    sheets = _start_reading(args, started)
    try:
        plan = _import(args, sheets, started)
    finally:
        for writer in started:
            writer.close()                 # rolls back unless the import committed
    _LEFT.extend((plan, sheets, _LEFT))
    c = plan.counts()
    head = "预览（未写入）" if args.dry_run else "导入完成"
    say(f"{head}：新增 {c['new']}，更新 {c['updated']}，无变化 {c['unchanged']}，未导入 {c['refused']}"
        f"（需注意 {c['flagged']}，与库中不一致 {c['differences']}，新建村(社区) {c['new_villages']}）")
    say(f"new {c['new']} updated {c['updated']} unchanged {c['unchanged']} refused {c['refused']} "
        f"flagged {c['flagged']} differences {c['differences']} new_villages {c['new_villages']}")
    from rural_cadre_desktop.core.ledgers.summary import plan_lines
    for line in plan_lines(plan):        # per sheet, unmapped columns, skipped sheets
        say(line)
    for r in plan.refused[:20]:
        say(f"  {f'工作表“{r.sheet}”' if len(plan.sheets) > 1 else ''}第{r.number}行未导入：{r.reason}")
    if len(plan.refused) > 20:
        say(f"  ……共 {len(plan.refused)} 行未导入")
    from rural_cadre_desktop.core.ledgers.summary import moved_lines
    for line in moved_lines(plan):       # one person in two village sheets: which village was taken
        say(line)
    if args.report:
        from rural_cadre_desktop.core.ledgers.report import write_report
        write_report(plan, args.report)
        say(f"错误报告已写入 {args.report}")
    elif plan.refused or plan.differences:
        say("加 --report 文件名.xlsx 可得到完整的错误报告，改正后可直接再导入")
    return 0


def _start_reading(args, started: list):
    """A function giving the file's sheets, read in a thread of this process. A large file to
    import gets its writer process at once: it starts while this process reads and loads the rest."""
    if not args.dry_run:
        from rural_cadre_desktop.core.ledgers import pipeline
        if pipeline.wanted(args.file):
            started.append(pipeline.Writer())
    return _read_while_starting(args.file)


def _import(args, sheets, started: list):
    # a real import backs the ledger up before writing (verified): that serves as the day's backup
    database = open_db(args, daily_backup=args.dry_run)
    require_initialised()
    from rural_cadre_desktop.core.check import require_intact
    require_intact(database)     # a damaged ledger takes no import (and no backup of itself)
    from rural_cadre_desktop.core import ledgers
    writer = started[0] if started else None
    kind = args.kind or kinds.default_import_kind(training=bool(args.training))
    prep = ledgers.prepare(args.file, kind, args.sheet, sheets=sheets())
    if writer is not None:
        from rural_cadre_desktop.core.ledgers.pipeline import import_streamed
        return import_streamed(prep, writer, args.training, args.create_villages, args.update)
    plan = ledgers.make_plan(prep, args.training, args.create_villages, args.update)
    if not args.dry_run:
        ledgers.apply_plan(plan)
    return plan


def cmd_export(args) -> int:
    open_db(args)
    require_initialised()
    from rural_cadre_desktop.core.ledgers.export import export_ledger
    n = export_ledger(args.kind, args.output, args.full_id, village=args.village, status=args.status,
                      year=args.year, training=args.training)
    say(f"已导出 {n} 条到 {args.output}")
    return 0
