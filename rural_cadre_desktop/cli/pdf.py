"""pdf invitation | archive | village-book | ledger: the printable documents as PDF files.

Every check (person, village, template, output folder) runs before anything is drawn; files are
written to a temporary name and renamed; invitations are recorded (--record) only after the PDF
is safely written. reportlab is imported inside the commands so other commands start fast.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rural_cadre_desktop.cli.common import open_db, require_initialised, say, write_output
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import check_target

def register(sub, add_db) -> None:
    p = sub.add_parser("pdf", help="生成可打印的 PDF：邀请函、一人一档、一村一册、台账 / printable PDFs")
    add_db(p)
    docs = p.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    q = docs.add_parser("invitation", help="邀请函（按 GB/T 9704 版式，一人一封） / invitation letters")
    add_db(q)
    who = q.add_mutually_exclusive_group(required=True)
    who.add_argument("--all", action="store_true", help="名单上的全部人员（在外和已返乡）")
    who.add_argument("--village", metavar="NAME", help="某村(社区)的人员")
    who.add_argument("--person", metavar="PID", help="一个人（id 或身份证号）")
    q.add_argument("--date", metavar="D", help="落款日期（默认今天），如 2026-12-01 或 2026年12月1日；"
                                              "邀请函邀请回乡过这一天当天或之后的第一个春节")
    q.add_argument("--year", type=int, default=None,
                   help="记入“八个一”的年度（默认：所邀请春节的年份）")
    q.add_argument("--record", action="store_true",
                   help="记入“八个一”：发送一封邀请函（--year 年度，每人每年至多一次）")
    q.add_argument("--separate", action="store_true", help="每人一个 PDF，-o 指定文件夹")
    q.add_argument("--template", metavar="FILE", help="使用这个模板文件（默认：设置中保存的模板）")
    q.add_argument("-o", "--output", metavar="FILE", required=True)
    q.set_defaults(func=cmd_invitation)

    q = docs.add_parser("archive", help="一人一档（干部任免审批表样式） / archive sheet")
    add_db(q)
    q.add_argument("--person", metavar="PID", required=True)
    q.add_argument("--full-id", action="store_true", help="身份证号、电话不打码（记入审计日志）")
    q.add_argument("-o", "--output", metavar="FILE", required=True)
    q.set_defaults(func=cmd_archive)

    q = docs.add_parser("village-book", help="一村一册 / village book")
    add_db(q)
    q.add_argument("--village", metavar="NAME", required=True)
    q.add_argument("--year", type=int, default=None)
    q.add_argument("--full-id", action="store_true")
    q.add_argument("-o", "--output", metavar="FILE", required=True)
    q.set_defaults(func=cmd_village_book)

    q = docs.add_parser("pool", help="一乡一库：各村后备人选覆盖情况和后备干部结构 / township pool summary")
    add_db(q)
    q.add_argument("--year", type=int, default=None)
    q.add_argument("-o", "--output", metavar="FILE", required=True)
    q.set_defaults(func=cmd_pool)

    from rural_cadre_desktop.cli.pdf_ledger import register_ledger
    register_ledger(docs, add_db)


def _check_target(out: str) -> None:
    """Refuse an output we cannot write before doing any work ("-" is standard output)."""
    if out not in ("", "-"):
        check_target(out)


def _pdf_bytes(build, *args) -> bytes:
    buf = io.BytesIO()
    build(buf, *args)
    return buf.getvalue()


def _start(args):
    open_db(args)
    require_initialised()


def letter_date(text: str | None) -> dt.date:
    """--date: the project's date forms (2026-12-01, 2026.12.1, 2026年12月1日 …), a whole day."""
    from rural_cadre_desktop.core.validation import parse_date
    if not text:
        return dt.date.today()
    try:
        iso = parse_date(text, "date", "落款日期")
    except UserError:
        iso = None
    if iso is None or len(iso) != 10:
        raise UserError(f"落款日期“{text}”看不懂或没有写到日，请写成 2026-12-01 或 2026年12月1日",
                        f"--date {text!r}: not a whole day; write e.g. 2026-12-01")
    return dt.date.fromisoformat(iso)


def cmd_invitation(args) -> int:
    _start(args)
    from rural_cadre_desktop.core import documents as d
    from rural_cadre_desktop.core.store import audit
    from rural_cadre_desktop.core.letter_template import Template
    if args.template:
        try:
            text = Path(args.template).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise UserError(f"无法读取模板 {args.template}，请确认它是 UTF-8 文本文件",
                            f"cannot read template {args.template}: {e}") from e
    else:
        text = d.invitation_template_text()
    Template.parse(text)                 # a broken template is refused before anything else
    date = letter_date(args.date)
    festival = d.festival_year(date)     # a date outside the festival table is refused here
    year = args.year if args.year is not None else festival
    people = d.recipients(village=args.village, person=args.person)
    if not people:
        raise UserError("没有符合条件的返乡（在外）人员，未生成邀请函", "no returnees to invite")
    if args.separate:
        folder = Path(args.output)
        if folder.exists() and not folder.is_dir():
            raise UserError(f"{folder} 已是一个文件，--separate 时 -o 应指定文件夹", f"{folder} is not a folder")
        _check_target(str(folder / "x.pdf") if folder.is_dir() else str(folder))
    else:
        _check_target(args.output)
    from rural_cadre_desktop.reports.letters import build_letters
    letters = d.letters_for(people, year, text, date=date)
    if args.separate:
        folder.mkdir(exist_ok=True)
        for i, (p, letter) in enumerate(zip(people, letters), 1):
            write_output(_pdf_bytes(build_letters, [letter]), str(folder / d.letter_filename(i, p)))
    else:
        write_output(_pdf_bytes(build_letters, letters), args.output)
    recorded = d.record_invitations([p.person_id for p in people], year, date) if args.record else 0
    audit("pdf", f"invitation {len(letters)} letters date={date.isoformat()} year={year}"
                 f"{' recorded=%d' % recorded if args.record else ''}{' separate' if args.separate else ''}")
    say(f"已生成邀请函 {len(letters)} 封" + (f"，新记录“发送一封邀请函” {recorded} 人" if args.record else ""))
    return 0


def cmd_archive(args) -> int:
    _start(args)
    from rural_cadre_desktop.core.store import audit
    from rural_cadre_desktop.core.reserves.book import sheet       # + 资格联审 and the training history
    a = sheet(args.person, full_id=args.full_id)
    _check_target(args.output)
    from rural_cadre_desktop.reports.archive import build_archive
    write_output(_pdf_bytes(build_archive, [a]), args.output)
    audit("pdf", f"archive {a.person_id}{' full-id' if args.full_id else ''}")
    say(f"已生成 {a.name} 的一人一档")
    return 0


def cmd_village_book(args) -> int:
    _start(args)
    from rural_cadre_desktop.core.reserves.book import village_book
    from rural_cadre_desktop.core.store import audit
    book = village_book(args.village, args.year, full_id=args.full_id)
    _check_target(args.output)
    from rural_cadre_desktop.reports.village_book import build_village_book
    write_output(_pdf_bytes(build_village_book, book), args.output)
    audit("pdf", f"village-book {book.village} {len(book.archives)} sheets{' full-id' if args.full_id else ''}")
    say(f"已生成 {book.village} 一村一册，{len(book.archives)} 人")
    return 0


def cmd_pool(args) -> int:
    _start(args)
    from rural_cadre_desktop.core.reserves.book import pool_summary
    from rural_cadre_desktop.core.store import audit
    summary = pool_summary(args.year)
    _check_target(args.output)
    from rural_cadre_desktop.reports.village_book import build_pool_summary
    write_output(_pdf_bytes(build_pool_summary, summary), args.output)
    audit("pdf", f"pool {len(summary.rows)} villages")
    say(f"已生成 {summary.township} 一乡一库，{len(summary.rows)} 个村(社区)，{len(summary.lacking)} 个待补充")
    return 0
