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
