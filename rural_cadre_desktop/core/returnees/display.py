"""How a list row reads to a clerk: codes as names, enumerations as labels, ID numbers and phones
masked unless revealed (conventions: masked in lists and human-facing outputs)."""
from __future__ import annotations

import datetime as dt

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.returnees.query import COLUMNS, WANTS_SHORT
from rural_cadre_desktop.core.returnees.support import subsidy_status
from rural_cadre_desktop.core.validation import mask

_STATUS_COL = [c.key for c in COLUMNS].index("status")
# Lists are narrow: the short forms offices write (the full GB/T names stay in forms and JSON).
SHORT_NAMES = {
    "political_status": codes.POLITICAL_SHORT,
    "education": {"10": "研究生", "20": "本科", "30": "大专", "40": "中职/中专", "60": "高中", "70": "初中",
                  "80": "小学", "90": "其他"},
}


def cell_text(row: tuple, col: int, reveal: bool = False, today: dt.date | None = None) -> str:
    c = COLUMNS[col]
    v = row[col]
    if v is None or v == "":
        return ""
    k = c.kind
    if k == "text":
        return str(v)
    if k == "id":
        return mask(v, "id", reveal)
    if k == "phone":
        return mask(v, "phone", reveal)
    if k.startswith("code:"):
        return SHORT_NAMES.get(k[5:], {}).get(v) or codes.CODE_LISTS[k[5:]].name(v) or str(v)
    if k == "enum:status":
        return codes.RETURNEE_STATUS.get(v, v)
    if k == "wants":
        flags = str(v).split(",")
        return "、".join(WANTS_SHORT[w] for w, f in zip(WANTS_SHORT, flags) if f == "1")
    if k == "flag":
        return "疑似重复" if v else ""
    if k == "subsidy":
        reg, _, amount = str(v).partition("|")
        return subsidy_status(row[_STATUS_COL], reg or None, float(amount) if amount else None, today).text
    return str(v)


def row_texts(row: tuple, reveal: bool = False) -> list[str]:
    today = dt.date.today()
    return [cell_text(row, i, reveal, today) for i in range(len(COLUMNS))]


def row_dict(row: tuple) -> dict:
    """Machine form (CLI json/csv): raw values, snake_case keys, ids included, unmasked."""
    out = {"id": row[len(COLUMNS)], "person_id": row[len(COLUMNS) + 1]}
    for i, c in enumerate(COLUMNS):
        v = row[i]
        if c.kind == "wants":
            flags = str(v).split(",")
            for w, f in zip(WANTS_SHORT, flags):
                out[w] = f == "1"
        elif c.kind == "flag":
            out["likely_duplicate"] = bool(v)
        elif c.kind == "subsidy":
            reg, _, amount = str(v or "").partition("|")
            out["business_registered_date"] = reg or None
            out["startup_subsidy"] = float(amount) if amount else None
            out["subsidy_eligible"] = subsidy_status(row[_STATUS_COL], reg or None, None).eligible
        else:
            out[c.key] = v
            if c.kind.startswith("code:"):
                out[c.key + "_name"] = codes.CODE_LISTS[c.kind[5:]].name(v)
    return out
