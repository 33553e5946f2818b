"""How stored values read in lists: code names, masked numbers, dates the way offices write them."""
from __future__ import annotations

from typing import Callable

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.validation import render_date

__all__ = ["code_name", "choice", "month", "number", "POLITICAL_SHORT"]

# Lists are narrow: the usual short forms, the full GB/T 4762 name stays in exports and forms.
POLITICAL_SHORT = codes.POLITICAL_SHORT


def code_name(code_list: codes.CodeList, short: dict[str, str] | None = None) -> Callable[[str | None], str]:
    def fmt(code):
        if not code:
            return ""
        if short and code in short:
            return short[code]
        return code_list.name(code) or str(code)
    return fmt


def choice(choices: dict[str, str]) -> Callable[[str | None], str]:
    return lambda value: "" if not value else choices.get(value, str(value))


def month(value: str | None) -> str:
    """1985-03-05 → 1985.03 (出生年月 as the 干部任免审批表 writes it): validation.render_date."""
    return render_date(value)


def number(value) -> str:
    """5.0 → 5, 2.5 → 2.5."""
    if value is None or value == "":
        return ""
    f = float(value)
    return str(int(f)) if f.is_integer() else f"{f:g}"
