"""init, settings, demo, check."""
from __future__ import annotations

import json
import sys
import time

from rural_cadre_desktop.cli.common import open_db, require_initialised, say
from rural_cadre_desktop.core.errors import UserError


def register(sub, add_db) -> None:
    p = sub.add_parser("init", help="设置本安装所属的县和乡镇 / set up the installation")
    add_db(p)
    p.add_argument("--county", required=True, help="县（市、区）名称")
    p.add_argument("--township", required=True, help="乡镇（街道）名称")
    p.add_argument("--code", help="乡镇统计用区划代码（12位，可选）")
    p.add_argument("--role", choices=["township", "county"], default="township",
                   help="township：乡镇安装（默认）；county：县委组织部汇总安装")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("settings", help="查看或修改设置（与“设置”对话框相同） / show or change the settings")
    add_db(p)
    p.add_argument("--township-code", help="乡镇统计用区划代码（12位；空字符串清除）")
    p.add_argument("--filing-unit", help="填报单位")
    p.add_argument("--contact-person", help="联系人")
    p.add_argument("--contact-phone", help="联系电话")
    p.add_argument("--seal-text", help="落款（印章文字）")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_settings)

    p = sub.add_parser("demo", help="生成演示数据 / fill the database with demo data")
    add_db(p)
    p.add_argument("--villages", type=int, default=12, help="村(社区)数，默认12")
    p.add_argument("--returnees", type=int, default=300, help="返乡人员数，默认300")
    p.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成同样的数据")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", help="检查数据库是否完好 / check the database")
    add_db(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_check)


def cmd_init(args) -> int:
    open_db(args, create=True)
    from rural_cadre_desktop.core.setup import init_installation
    t = init_installation(args.county, args.township, args.code, args.role)
    say(f"已设置：{args.county} {t.name}（{'乡镇' if args.role == 'township' else '县'}安装）")
    return 0


def cmd_settings(args) -> int:
    open_db(args, create=False)
    from rural_cadre_desktop.core import settings
    from rural_cadre_desktop.core.setup import EDITABLE, save_installation
    given = {k: getattr(args, k) for k in EDITABLE if getattr(args, k) is not None}
    if given:
        require_initialised()
        changed = save_installation(given)
        say(f"已修改：{'、'.join(settings.FIELDS[k] for k in changed)}" if changed else "没有变化（新值与原值相同）")
        return 0
    current = settings.all_settings()
    shown = {k: current.get(k) for k in settings.FIELDS}
    if args.format == "json":
        say(json.dumps(shown, ensure_ascii=False, indent=1))
    else:
        for k, label in settings.FIELDS.items():
            value = shown[k] if k != "role" else settings.ROLES.get(shown[k] or "", shown[k])
            say(f"{label}：{value or '（未填）'}")
    return 0


def cmd_demo(args) -> int:
    if not 1 <= args.villages <= 500:
        raise UserError("村(社区)数应在 1–500 之间", "--villages must be 1..500")
    if not 0 <= args.returnees <= 1_000_000:
        raise UserError("返乡人员数应在 0–1000000 之间", "--returnees must be 0..1000000")
    open_db(args, create=True)
    from rural_cadre_desktop.core.demo import generate, holds_records, is_demo
    if holds_records():
        if is_demo():           # running the README's start command twice: nothing to add
            say("这个数据库里已有演示数据，没有重复生成")
            return 0
        raise UserError("这个数据库里已有真实数据，演示数据只能生成到新的数据库文件；请用 --db 指定一个新文件名",
                        "the database holds real records; demo data goes only into a new file (--db NEW.db)")
    t = time.perf_counter()
    counts = generate(args.villages, args.returnees, args.seed,
                      progress=lambda m: print(f"  正在生成：{m}", file=sys.stderr, flush=True))
    say(f"演示数据已生成（{time.perf_counter() - t:.1f} 秒）：" +
        "，".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_check(args) -> int:
    database = open_db(args, create=False)
    from rural_cadre_desktop.core.check import check_database
    h = check_database(database)
    if args.format == "json":
        say(json.dumps({"ok": h.ok, "schema_version": h.schema_version, "township": h.township,
                        "problems": h.problems, "counts": h.counts}, ensure_ascii=False, indent=1))
    else:
        say(f"数据库：{database.database}")
        say(f"数据格式版本：{h.schema_version}    乡镇：{h.township or '（未设置）'}")
        if h.counts:
            say("记录数：" + "，".join(f"{k} {v}" for k, v in h.counts.items()))
        say("检查结果：完好" if h.ok else f"检查结果：有问题（{len(h.problems)}处）：" + "；".join(h.problems[:3]))
    if not h.ok:
        raise UserError("数据库检查发现问题：" + h.problems[0][:120] + "；请用“文件 → 从备份恢复…”或 restore 恢复最近的完好备份",
                        "database check found problems; restore the newest good backup")
    return 0
