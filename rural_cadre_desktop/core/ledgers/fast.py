"""Fast paths for the per-row work of a 50,000-row import. Each handles the common clean case
in a few operations and hands anything unusual to the full validator in core.validation, so the
rules (and the Chinese messages) stay in one place."""
from __future__ import annotations

import datetime as dt
import os
import re
import time
from operator import mul

from rural_cadre_desktop.core.validation import (ID_CHECK, ID_WEIGHTS, normalise_id_number, normalise_name,
                                                 normalise_phone)

_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_PLAIN_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f·]{1,20}")
_ZERO = 48 * sum(ID_WEIGHTS)
_THIS_YEAR = dt.date.today().year
_births: dict[str, bool] = {}


def _birth_ok(yyyymmdd: str) -> bool:
    ok = _births.get(yyyymmdd)
    if ok is None:
        try:
            y = int(yyyymmdd[:4])
            dt.date(y, int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
            ok = 1900 <= y <= _THIS_YEAR
        except ValueError:
            ok = False
        _births[yyyymmdd] = ok
    return ok


def id_number(raw):
    """normalise_id_number for a well-formed 18-character text cell; anything else goes the long way."""
    if type(raw) is str and len(raw) == 18 and _ID18.fullmatch(raw):
        if ID_CHECK[(sum(map(mul, raw[:17].encode(), ID_WEIGHTS)) - _ZERO) % 11] == raw[17] and \
                _birth_ok(raw[6:14]):
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
    id_sex = "1" if int(id18[16]) % 2 else "2"
    id_birth = f"{id18[6:10]}-{id18[10:12]}-{id18[12:14]}"
    if (sex and sex != id_sex) or (birth and not id_birth.startswith(birth)):
        return None
    return id_sex, id_birth
