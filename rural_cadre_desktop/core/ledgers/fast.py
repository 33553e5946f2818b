"""Fast paths for the per-row work of a 50,000-row import. Each handles the common clean case
in a few operations and hands anything unusual to the full validator in core.validation, so the
rules (and the Chinese messages) stay in one place."""
from __future__ import annotations

import datetime as dt
import os
import re
import time

from rural_cadre_desktop.core.validation import (
    ID_CHECK,
    normalise_id_number,
    normalise_name,
    normalise_phone,
)

_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_PLAIN_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f·]{1,20}")
_TODAY = dt.date.today()
_births: dict[str, str] = {}          # yyyymmdd -> "yyyy-mm-dd", or "" when it is no real birth date
_SEX = {d: "1" if int(d) % 2 else "2" for d in "0123456789"}


def _birth(yyyymmdd: str) -> str:
    iso = _births.get(yyyymmdd)
    if iso is None:
        try:
            d = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
            iso = d.isoformat() if d.year >= 1900 and d <= _TODAY else ""    # as core.validation says
        except ValueError:
            iso = ""
        _births[yyyymmdd] = iso
    return iso


def id_number(raw):
    """normalise_id_number for a well-formed 18-character text cell; anything else goes the long way.
    The check digit: the weights are 2^(17-i) mod 11 and 13 ≡ 2 (mod 11), so the weighted sum is
    2·int(first17, 13) mod 11 — one C call instead of 17 multiplications (0.07 s of 50,000 rows)."""
    if type(raw) is str and len(raw) == 18 and _ID18.fullmatch(raw) and \
            ID_CHECK[2 * int(raw[:17], 13) % 11] == raw[17] and _birth(raw[6:14]):
        return raw
    return normalise_id_number(raw)


def name(raw):
    """normalise_name for a plain Han name (NFC and half-width already); others the long way."""
    if type(raw) is str and _PLAIN_NAME.fullmatch(raw):
        return raw
    return normalise_name(raw)


_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def phone(raw):
    """normalise_phone for a plain 11-digit mobile number; others the long way."""
    if type(raw) is str and len(raw) == 11 and _MOBILE.fullmatch(raw):
        return raw
    return normalise_phone(raw)


def uuid7_batch(n: int) -> list[str]:
    """n UUIDv7 strings (RFC 9562, as core.models.base.uuid7 makes them: 48-bit milliseconds,
    version 7, 74 random bits, variant 10) in ascending order, so the primary-key index only
    appends during a bulk insert. One urandom call for the whole batch."""
    ms = f"{(time.time_ns() // 1_000_000) & ((1 << 48) - 1):012x}"
    head = f"{ms[:8]}-{ms[8:]}-7"
    rnd = os.urandom(10 * n).hex()
    out = [f"{head}{rnd[i:i + 3]}-{_VARIANT[rnd[i + 3]]}{rnd[i + 4:i + 7]}-{rnd[i + 7:i + 19]}"
           for i in range(0, 20 * n, 20)]
    out.sort()
    return out


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def id_facts(id18: str, sex: str | None, birth: str | None) -> tuple[str, str] | None:
    """(sex code, birth date) from a valid 18-digit number, or None when the typed sex or birth
    date contradicts it (the caller then asks core.validation.check_id_agrees for the message)."""
    id_sex = _SEX[id18[16]]
    id_birth = _births.get(id18[6:14]) or f"{id18[6:10]}-{id18[10:12]}-{id18[12:14]}"
    if (sex and sex != id_sex) or (birth and not id_birth.startswith(birth)):
        return None
    return id_sex, id_birth


PERSON_KEY_COLS = ("name_initials", "name_strokes", "name_pinyin")      # as core.people.name_keys gives them


def name_keys_memo():
    """core.people.name_keys remembered per name for one import (a township's names repeat)."""
    from functools import lru_cache

    from rural_cadre_desktop.core.people import name_keys
    return lru_cache(maxsize=None)(name_keys)
