"""负面清单: the disqualifying conditions checked at the 年度考察评议 (AnnualReview.negative_list holds
the findings, one item per line). The standard items are one list here; a township may adjust it
(Setting `negative_list_items`, one item per line), the review table offers it as a checklist
plus free text.

    items() -> the township's list (or the standard one)
    save_items(lines) -> the list saved (checked first; audited `settings negative_list_items`)
    join(checked, other) -> the text stored;  split(text) -> (checked items, the other text)
    latest_finding(person_id) -> (year, text) of the person's latest review that recorded one, or None
"""
from __future__ import annotations

from rural_cadre_desktop.core import settings, store
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.validation import clean_text

SETTING_KEY = "negative_list_items"
STANDARD = (
    "受过刑事处罚",
    "存在“村霸”和涉黑涉恶问题",
    "涉嫌违纪违法正在接受调查",
    "参加非法组织、非法宗教活动",
    "严重违反计划生育政策或被列为失信被执行人",
    "长期不在村居住、无法正常履职",
)
MAX_ITEMS = 30
ITEM_MAX = 60


def items() -> list[str]:
    text = settings.get(SETTING_KEY)
    if text is None:
        return list(STANDARD)
    return [line for line in (clean_text(x) for x in text.splitlines()) if line] or list(STANDARD)


def check_items(lines) -> list[str]:
    """The list as it would be saved: blank lines dropped, each item once; refused when empty,
    too long or too many."""
    out: list[str] = []
    for raw in lines:
        item = clean_text(raw or "")
        if not item:
            continue
        if len(item) > ITEM_MAX:
            raise ValidationError(f"负面清单条目“{item[:12]}…”超过{ITEM_MAX}个字，请缩短",
                                  f"item longer than {ITEM_MAX}", "negative_list")
        if "\n" in item:
            raise ValidationError("每行写一条负面清单情形", "one item per line", "negative_list")
        if item not in out:
            out.append(item)
    if not out:
        raise ValidationError("负面清单至少要有一条，请填写或点“恢复标准条目”", "the list is empty", "negative_list")
    if len(out) > MAX_ITEMS:
        raise ValidationError(f"负面清单最多{MAX_ITEMS}条，请合并相近的条目", f"more than {MAX_ITEMS} items",
                              "negative_list")
    return out


def save_items(lines) -> list[str]:
    """Save the township's list (the standard list again when it equals it)."""
    out = check_items(lines)
    from rural_cadre_desktop.core.models import Setting
    with Setting._meta.database.atomic():
        settings.put(SETTING_KEY, None if tuple(out) == STANDARD else "\n".join(out))
        store.audit("settings", SETTING_KEY)
    return out


def join(checked, other: str | None = None) -> str | None:
    """The stored text: the checked items in the list's order, then the other findings; None when empty."""
    lines = [clean_text(c) for c in checked if clean_text(c)]
    lines += [clean_text(x) for x in (other or "").replace("；", "\n").splitlines() if clean_text(x)]
    lines = list(dict.fromkeys(lines))
    return "\n".join(lines) or None


def split(text: str | None, known=None) -> tuple[list[str], str]:
    """(items of the list found in `text`, the rest as one line joined by '；')."""
    known = items() if known is None else list(known)
    lines = [clean_text(x) for x in (text or "").splitlines() if clean_text(x)]
    return [x for x in lines if x in known], "；".join(x for x in lines if x not in known)


def short(text: str | None) -> str:
    """One line for a table cell."""
    return "；".join(x for x in (text or "").splitlines() if x.strip())


def latest_finding(person_id: str) -> tuple[int, str] | None:
    from rural_cadre_desktop.core.models import AnnualReview, ReserveCadre
    hit = (AnnualReview.alive().join(ReserveCadre, on=(AnnualReview.reserve == ReserveCadre.id))
           .where((ReserveCadre.person == person_id) & (ReserveCadre.deleted == False)
                  & AnnualReview.negative_list.is_null(False) & (AnnualReview.negative_list != ""))
           .order_by(AnnualReview.year.desc(), AnnualReview.created_at.desc()).first())
    return (hit.year, hit.negative_list) if hit else None
