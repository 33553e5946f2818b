"""fill-template and report: fill a superior's blank form, and saved custom reports (一表通)."""
from __future__ import annotations

import datetime as dt

from rural_cadre_desktop.cli.common import open_db, require_initialised, say
from rural_cadre_desktop.core.errors import UserError

from rural_cadre_desktop.core import kinds

# the kinds a superior's form may ask for come from the registry (core/kinds)
_KINDS = [f.name for f in kinds.fillable()]
_KIND_HELP = "、".join(f"{f.name}（{f.label}）" for f in kinds.fillable())


def _add_filters(p) -> None:
    p.add_argument("--village", metavar="NAME", help="只要这个村(社区)的")
    p.add_argument("--year", type=int, metavar="Y", help="年度：八个一、培训天数和参训/活动记录按此年")
    p.add_argument("--status", metavar="away|returned", help="返乡人员状态（在外 / 已返乡）；后备干部 active|left")
    p.add_argument("--track", metavar="secretary|two_committees", help="后备类别（书记后备 / 两委后备）")
    p.add_argument("--age-min", type=int, metavar="N", help="年龄不小于 N")
    p.add_argument("--age-max", type=int, metavar="N", help="年龄不大于 N")
    p.add_argument("--age-at", metavar="DATE", help="年龄、党龄按此日期计算（默认今天），如 2025-12-31")


def _date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"日期“{text}”请写成 2025-12-31", f"bad date {text!r}, use YYYY-MM-DD") from None


def register(sub, add_db) -> None:
    p = sub.add_parser("fill-template", help="按上级发来的空白表格填报 / fill a superior's blank form")
    add_db(p)
    p.add_argument("template", metavar="TEMPLATE.xlsx")
    p.add_argument("--kind", choices=_KINDS, default="returnees", help=_KIND_HELP)
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    p.add_argument("--full-id", action="store_true", help="身份证号和电话不打码（会记入审计日志）")
    p.add_argument("--sort", choices=["strokes", "pinyin", "village"], default="", help="排序")
    p.add_argument("--map", action="append", default=[], metavar="列名=栏目",
                   help="改正或补充列对应（栏目写键名或中文名，写“-”表示留空），记住供下次同样表头使用；可多次")
    _add_filters(p)
    p.set_defaults(func=cmd_fill)

    p = sub.add_parser("report", help="自定义报表：保存、列出、运行 / custom reports")
    add_db(p)
    rs = p.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    s = rs.add_parser("save", help="保存报表模板")
    add_db(s)
    s.add_argument("name", metavar="NAME")
    s.add_argument("--kind", choices=_KINDS, required=True, help=_KIND_HELP)
    s.add_argument("--columns", required=True, metavar="a,b,c", help="栏目（键名或中文名，逗号分隔），见 report columns")
    s.add_argument("--header", action="append", default=[], metavar="栏目=表头", help="改表头，可多次")
    s.add_argument("--title", default="", help="标题")
    s.add_argument("--filing-unit", default="", help="填报单位（默认用设置中的填报单位）")
    s.add_argument("--sort", choices=["strokes", "pinyin", "village"], default="")
    s.add_argument("--filter", action="append", default=[], metavar="k=v",
                   help="筛选：village、status、track、year、age_min、age_max、at，可多次")
    s.set_defaults(func=cmd_save)
    s = rs.add_parser("list", help="列出已保存的报表")
    add_db(s)
    s.set_defaults(func=cmd_list)
    s = rs.add_parser("columns", help="某类记录可选的栏目")
    add_db(s)
    s.add_argument("kind", choices=_KINDS)
    s.set_defaults(func=cmd_columns)
    s = rs.add_parser("run", help="运行报表，导出 .xlsx 或 .pdf")
    add_db(s)
    s.add_argument("name", metavar="NAME")
    s.add_argument("-o", "--output", required=True, metavar="OUT.xlsx|OUT.pdf")
    s.add_argument("--full-id", action="store_true", help="身份证号和电话不打码（会记入审计日志）")
    s.set_defaults(func=cmd_run)
    s = rs.add_parser("delete", help="删除已保存的报表")
    add_db(s)
    s.add_argument("name", metavar="NAME")
    s.set_defaults(func=cmd_delete)


def cmd_fill(args) -> int:
    open_db(args)
    require_initialised()
    from rural_cadre_desktop.core.templates import Query, fill_template
    q = Query(args.kind, args.village, args.status, args.track, args.year, args.age_min, args.age_max,
              _date(args.age_at), args.sort)
    layout = _corrected_layout(args) if args.map else None
    res = fill_template(args.template, args.output, q, args.full_id, layout)
    say(f"已填报 {res.rows} 人到 {args.output}（工作表“{res.sheet}”"
        f"{'，已替换示例行' if res.sample_replaced else ''}{'，合计行已移到表末' if res.total_row else ''}）")
    say(f"filled {res.rows} rows; mapped {len(res.mapped)} columns; unmapped {len(res.unmapped)}")
    for label, field in res.mapped:
        say(f"  {label} ← {field}")
    for label in res.unmapped:
        say(f"  未对应（留空）/ unmapped: {label}")
    say("身份证号和电话为完整号码（已记入审计日志）" if args.full_id else "身份证号和电话已部分隐藏（加 --full-id 可填完整号码）")
    return 0


def _corrected_layout(args):
    """Apply --map corrections to the detected header and remember them (only when all are valid)."""
    from rural_cadre_desktop.core.templates import detect_template, open_template, resolve_column, save_mapping
    layout = detect_template(open_template(args.template), args.kind)
    for item in args.map:
        label, _, target = item.partition("=")
        col = next((c for c in layout.columns if c.label == label.strip()), None)
        if col is None:
            raise UserError(f"表头中没有“{label}”这一列（可用：{'、'.join(c.label for c in layout.columns)}）",
                            f"--map: no column {label!r} in the header")
        found = None if target.strip() in ("-", "") else resolve_column(args.kind, target)
        if target.strip() not in ("-", "") and found is None:
            raise UserError(f"“{target}”不是可填的栏目，可选栏目见 report columns {args.kind}",
                            f"--map: unknown column {target!r}")
        col.key = found.key if found else None
    save_mapping(args.kind, layout)
    return layout


def _filters(items: list[str]) -> dict[str, str]:
    out = {}
    for it in items:
        if "=" not in it:
            raise UserError(f"筛选条件“{it}”应写成 名称=值，如 village=石门村", f"filter {it!r} must be k=v")
        k, v = it.split("=", 1)
        out[k.strip().replace("-", "_")] = v.strip()
    return out


def cmd_save(args) -> int:
    open_db(args)
    require_initialised()
    from rural_cadre_desktop.core.templates.custom import make_spec, save_report
    from rural_cadre_desktop.core.templates.columns import resolve_column
    headers = {}
    for h in args.header:
        k, _, v = h.partition("=")
        col = resolve_column(args.kind, k)
        if col is None or not v:
            raise UserError(f"改表头“{h}”应写成 栏目=新表头", f"--header {h!r} must be column=text")
        headers[col.key] = v
    spec = make_spec(args.name, args.kind, [c for c in args.columns.split(",") if c.strip()], headers=headers,
                     filters=_filters(args.filter), sort=args.sort, title=args.title, filing_unit=args.filing_unit)
    save_report(spec)
    say(f"已保存报表“{spec.name}”：{len(spec.columns)} 栏 / saved report {spec.name}")
    return 0


def cmd_list(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.templates.custom import list_reports
    from rural_cadre_desktop.core.templates.columns import KINDS
    reports = list_reports()
    if not reports:
        say("还没有保存的报表 / no saved reports")
    for r in reports:
        say(f"{r.name}\t{r.kind}（{KINDS[r.kind][0]}）\t{'、'.join(r.header(k) for k in r.columns)}")
    return 0


def cmd_columns(args) -> int:
    from rural_cadre_desktop.core.templates.columns import columns_for
    for c in columns_for(args.kind):
        say(f"{c.key}\t{c.label}")
    return 0


def _ledger_pdf(target, ledger) -> None:
    """A report's PDF: core hands over the table, the shared ledger layout draws it (reportlab is
    imported only when a PDF is asked for)."""
    from rural_cadre_desktop.reports.ledger import build_ledger
    build_ledger(target, ledger)


def cmd_run(args) -> int:
    open_db(args)
    require_initialised()
    from rural_cadre_desktop.core.templates.custom import load_report, run_report
    n = run_report(load_report(args.name), args.output, args.full_id, render_pdf=_ledger_pdf)
    say(f"已导出 {n} 条到 {args.output} / wrote {n} rows")
    return 0


def cmd_delete(args) -> int:
    open_db(args)
    from rural_cadre_desktop.core.templates.custom import delete_report
    delete_report(args.name)
    say(f"已删除报表“{args.name}” / deleted")
    return 0
