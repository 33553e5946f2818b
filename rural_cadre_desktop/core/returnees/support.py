"""Support a returnee received: the one-off 创业补贴 (5,000 元 for a returnee business running six
months or more since it was registered, DESIGN.md) and loan guarantees."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STARTUP_SUBSIDY_YUAN = 5000
MONTHS_REQUIRED = 6


def _months_add(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):              # 8-31 + 6 months → 2-28 (or 29)
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _as_date(value: str | None) -> dt.date | None:
    """'YYYY-MM-DD' or 'YYYY-MM'; a month alone counts from its last day (never too early)."""
    if not value:
        return None
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


@dataclass(frozen=True)
class SubsidyStatus:
    eligible: bool           # the rule holds today
    received: bool           # a subsidy amount is recorded
    eligible_from: dt.date | None
    text: str                # what the card and the list show


def subsidy_status(status: str | None, registered: str | None, received_amount: float | None,
                   today: dt.date | None = None) -> SubsidyStatus:
    today = today or dt.date.today()
    reg = _as_date(registered)
    since = _months_add(reg, MONTHS_REQUIRED) if reg else None
    eligible = bool(reg and status == "returned" and since <= today)
    received = bool(received_amount)
    if received:
        text = f"已享受（{received_amount:g} 元）"
    elif eligible:
        text = f"符合条件，可申请 {STARTUP_SUBSIDY_YUAN:,} 元"
    elif reg and status != "returned":
        text = "未返乡，暂不符合"
    elif reg:
        text = f"经营未满6个月（{since.isoformat()} 起符合）"
    else:
        text = ""
    return SubsidyStatus(eligible, received, since, text)
