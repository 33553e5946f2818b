"""Setting up an installation: which county and township it keeps, and in what role."""
from __future__ import annotations

from rural_cadre_desktop.core import regions, settings, store
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import Township


def is_initialised() -> bool:
    return bool(settings.get("township_id"))


def init_installation(county: str, township: str, code: str | None = None, role: str = "township") -> Township:
    if role not in settings.ROLES:
        raise UserError("安装类型只能是 township（乡镇）或 county（县）", "role must be township or county")
    db = Township._meta.database
    with db.atomic():
        c = regions.get_or_create_county(county)
        t = regions.get_or_create_township(c, township, code)
        current = settings.get("township_id")
        if current and current != t.id:
            old = Township.get_or_none(Township.id == current)
            raise UserError(
                f"本数据库已设置为“{old.name if old else '?'}”，不能改为“{t.name}”；另一个乡镇请用新的数据库文件",
                "this database already belongs to another township; use a new file for another one")
        values = {"county": c.name, "township": t.name, "township_id": t.id, "county_id": c.id,
                  "township_code": t.code or "", "role": role}
        for k, v in values.items():
            settings.put(k, v)
        if not settings.get("filing_unit"):
            settings.put("filing_unit", f"中共{t.name}委员会组织办公室")
        if not settings.get("seal_text"):
            settings.put("seal_text", f"中共{t.name}委员会")
        store.audit("init", f"{c.name} {t.name} {role}")
    return t
