"""lrmx export | import: the 干部任免审批表 file (.lrmx) of the organisation departments' tool.

    lrmx export --person PID -o FILE.lrmx        one person (id or 身份证号), ID number in full (audited)
    lrmx export --village NAME -o FOLDER         one .lrmx per person of the village into FOLDER
    lrmx import FILE.lrmx [--dry-run]            match by 身份证号, create or update; --dry-run lists only

A file that is cut off, foreign (root not Person), declares DOCTYPE/ENTITY or carries a wrong ID
number is refused with one line and exit 1, nothing changed (core/lrmx.py).
"""
from __future__ import annotations

from pathlib import Path

from rural_cadre_desktop.cli.common import open_db, require_initialised, say
from rural_cadre_desktop.core.errors import UserError


def register(sub, add_db) -> None:
    p = sub.add_parser("lrmx", help="干部任免审批表文件（.lrmx）导入导出 / .lrmx import and export")
    add_db(p)
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    q = acts.add_parser("export", help="导出任免审批表文件（身份证号完整写出，记入审计日志）")
    add_db(q)
    who = q.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="PID", help="一个人（id 或身份证号），-o 为文件名")
    who.add_argument("--village", metavar="NAME", help="某村(社区)的全部人员，每人一个文件，-o 为文件夹")
    q.add_argument("-o", "--output", metavar="FILE", required=True)
    q.set_defaults(func=cmd_export)

    q = acts.add_parser("import", help="导入任免审批表文件：按身份证号对应人员，新建或更新")
    add_db(q)
    q.add_argument("file", metavar="FILE.lrmx")
    q.add_argument("--dry-run", action="store_true", help="只列出将要做的改动，不写入")
    q.set_defaults(func=cmd_import)


def _start(args):
    open_db(args)
    require_initialised()


def cmd_export(args) -> int:
    _start(args)
    from rural_cadre_desktop.core import lrmx
    from rural_cadre_desktop.core.outputs import check_target, write_bytes_atomic
    from rural_cadre_desktop.core.store import audit
    if args.person:
        pid, name = lrmx.export_person_info(args.person)
        check_target(args.output)
        write_bytes_atomic(lrmx.export_person(pid), args.output)
        audit("lrmx-export", f"person {pid}")
        say(f"已导出 {name} 的任免审批表：{args.output}")
        return 0
    people = lrmx.village_people(args.village)
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} 是一个文件，按村导出时 -o 应为文件夹", f"{folder} is a file, not a folder")
    if not folder.exists():
        check_target(folder)                 # its parent must exist and be writable
        folder.mkdir()
    files = [(pid, folder / lrmx.batch_filename(i, name)) for i, (pid, name) in enumerate(people, 1)]
    data = [(lrmx.export_person(pid), path) for pid, path in files]    # every check before any file
    for blob, path in data:
        write_bytes_atomic(blob, path)
    audit("lrmx-export", f"village {args.village} {len(data)} people")
    say(f"已导出 {args.village} {len(data)} 人的任免审批表到 {folder}")
    return 0


def cmd_import(args) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"无法读取 {path}：{e.strerror}，请检查文件名和路径", f"cannot read {path}: {e.strerror}") from e
    _start(args)
    from rural_cadre_desktop.core import lrmx
    parsed = lrmx.parse(data)
    if args.dry_run:
        plan = lrmx.plan_import(parsed)
        head = "将新建" if plan.new else "将更新"
    else:
        plan = lrmx.apply_import(parsed)
        head = "已新建" if plan.created else "已更新"
    if not plan.changes:
        say(f"{parsed.name}：台账中的信息与文件一致，没有改动")
    else:
        say(f"{head} {parsed.name}（{len(plan.changes)} 项）" + ("（试运行，未写入）" if args.dry_run else ""))
        for c in plan.changes:
            say(f"  {c.label}：{c.old or '（空）'} → {c.new}" if c.old or not c.label.startswith("新建")
                else f"  {c.label}：{c.new}")
    for w in parsed.warnings:
        say(f"  注意：{w}")
    return 0
