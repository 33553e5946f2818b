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


# What the 设置 dialog and `settings` change after set-up (county and township are fixed by init).
EDITABLE = ("township_code", "filing_unit", "contact_person", "contact_phone", "seal_text")
_FREE_TEXT = ("filing_unit", "contact_person", "seal_text")


def parse_installation(raw: dict) -> dict:
    """Check and normalise the given values (only the keys present); the first wrong one raises a
    ValidationError naming its field. Writes nothing."""
    from rural_cadre_desktop.core.errors import ValidationError
    from rural_cadre_desktop.core.validation import clean_text, normalise_phone, parse_region_code
    out: dict = {}
    for key, value in raw.items():
        if key in ("county", "township"):
            out[key] = clean_text(value)
        elif key == "township_code":
            out[key] = parse_region_code(value, key)
        elif key == "contact_phone":
            out[key] = normalise_phone(value, key)
        elif key in _FREE_TEXT:
            text = clean_text(value)
            if len(text) > 100:
                raise ValidationError(f"{settings.FIELDS[key]}太长（最多100字）", f"{key} too long", key)
            out[key] = text or None
        else:
            raise ValidationError(f"设置中没有“{key}”这一项", f"unknown setting {key!r}", key)
    return out


def save_installation(raw: dict) -> list[str]:
    """设置 → 保存, and `settings --…`: check every value, then write them in one transaction and
    audit ("settings", "<changed keys>"). On a database not yet set up, `county` and `township` are
    required and set it up first (init_installation, audited "init" as `init` is). Returns the keys
    whose value changed."""
    from rural_cadre_desktop.core.errors import ValidationError
    values = parse_installation(raw)
    first_time = not is_initialised()
    if first_time:
        missing = [label for key, label in (("county", "县"), ("township", "乡镇")) if not values.get(key)]
        if missing:
            raise ValidationError(f"请填写{'和'.join(missing)}名称", "county and township are required",
                                  "county" if "县" in missing else "township")
    db = Township._meta.database
    changed: list[str] = []
    with db.atomic():
        if first_time:
            before = settings.all_settings()
            init_installation(values["county"], values["township"], values.get("township_code"))
            changed += [k for k in ("county", "township", "township_code")
                        if (settings.get(k) or None) != (before.get(k) or None)]
        elif "township_code" in values and values["township_code"] != (settings.get("township_code") or None):
            township = regions.home_township()
            if township is not None:
                store.update(township, {"code": values["township_code"]})
            settings.put("township_code", values["township_code"] or "")
            changed.append("township_code")
        for key in _FREE_TEXT + ("contact_phone",):
            if first_time and values.get(key) is None:
                continue            # an empty field keeps what init_installation filled in
            if key in values and values[key] != settings.get(key):
                settings.put(key, values[key])
                changed.append(key)
        store.audit("settings", ",".join(changed))
    return changed
