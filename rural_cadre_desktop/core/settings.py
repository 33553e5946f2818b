"""Installation settings (key → text): who this installation is and what its letters say."""
from __future__ import annotations

import uuid

from rural_cadre_desktop.core.models import Setting

# key -> label shown in the 设置 dialog
FIELDS = {
    "county": "县（市、区）",
    "township": "乡镇（街道）",
    "township_code": "乡镇区划代码",
    "role": "安装类型",
    "filing_unit": "填报单位",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "seal_text": "落款（印章文字）",
}
ROLES = {"township": "乡镇", "county": "县委组织部"}


def get(key: str, default: str | None = None) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row and row.value is not None else default


def put(key: str, value: str | None) -> None:
    Setting.insert(key=key, value=value).on_conflict_replace().execute()


def all_settings() -> dict[str, str | None]:
    return {s.key: s.value for s in Setting.select()}


def node_id() -> str:
    """This installation's id in clock stamps: made once, 8 hex characters."""
    nid = get("node_id")
    if not nid:
        nid = uuid.uuid4().hex[:8]
        put("node_id", nid)
    return nid


# 双百 training plan (issue 12): per year, targets of reserve cadres and 两委 cadres trained at county
# level. Off by default on a township installation, on for a county one.
DOUBLE_HUNDRED_KEYS = {
    "enabled": "training.double_hundred.enabled",
    "reserve_target": "training.double_hundred.reserve_target",
    "two_committees_target": "training.double_hundred.two_committees_target",
}


def double_hundred() -> dict:
    """{enabled: bool, reserve_target: int, two_committees_target: int} with their defaults."""
    keys = DOUBLE_HUNDRED_KEYS
    enabled = get(keys["enabled"])
    return {"enabled": (get("role") == "county") if enabled is None else enabled == "1",
            "reserve_target": int(get(keys["reserve_target"]) or 100),
            "two_committees_target": int(get(keys["two_committees_target"]) or 100)}


def set_double_hundred(enabled: bool | None = None, reserve_target=None, two_committees_target=None) -> list[str]:
    """Change the 双百 plan (only the values given); targets are whole numbers 0–100000. Checks all,
    then writes in one transaction with an audit row ("settings", "<changed keys>"). Returns the changed keys."""
    from rural_cadre_desktop.core import store
    from rural_cadre_desktop.core.validation import parse_int
    new = {}
    if enabled is not None:
        new["enabled"] = "1" if enabled else "0"
    for key, raw, label in (("reserve_target", reserve_target, "后备干部培训目标人数"),
                            ("two_committees_target", two_committees_target, "两委干部培训目标人数")):
        if raw is not None:
            value = parse_int(raw, key, label, 0, 100000)
            if value is None:
                from rural_cadre_desktop.core.errors import ValidationError
                raise ValidationError(f"请填写{label}", f"{key} is required", key)
            new[key] = str(value)
    changed = [k for k, v in new.items() if get(DOUBLE_HUNDRED_KEYS[k]) != v]
    with Setting._meta.database.atomic():
        for k in changed:
            put(DOUBLE_HUNDRED_KEYS[k], new[k])
        if changed:
            store.audit("settings", ",".join(DOUBLE_HUNDRED_KEYS[k] for k in changed))
    return changed
