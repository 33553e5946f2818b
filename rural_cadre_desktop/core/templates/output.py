"""Saving what the app hands out: atomically (temporary name, then rename), with the masking
choice written into the workbook's properties and the audit log."""
from __future__ import annotations

from rural_cadre_desktop.core import store

MASKED_NOTE = "身份证号、电话已部分隐藏"
FULL_NOTE = "含完整身份证号和电话，请妥善保管"


def mask_note(full_id: bool) -> str:
    return FULL_NOTE if full_id else MASKED_NOTE


def mark_workbook(wb, full_id: bool, what: str) -> None:
    wb.properties.description = f"{what}；{mask_note(full_id)}"
    wb.properties.keywords = "full-id" if full_id else "masked"


def audit(action: str, detail: str, full_id: bool) -> None:
    store.audit(action, f"{detail} {'full-id' if full_id else 'masked'}")
