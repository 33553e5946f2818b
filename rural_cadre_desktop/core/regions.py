"""The region tree as a service: find, create, rename, code and merge villages.

Names are matched by a normal form: 石门, 石门村, 石门村委会 and 石门村民委员会 are one village;
新民社区 and 新民社区居委会 too. The first full name entered is the one shown.
"""
from __future__ import annotations

import re

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import (Activity, County, Person, ReserveCadre, Township, Village,
                                             VillageCadre)
from rural_cadre_desktop.core.validation import clean_text, parse_region_code, to_halfwidth

_VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "社区居委会", "村委会", "居委会", "社区", "村")
_TOWNSHIP_SUFFIXES = ("街道办事处", "人民政府", "街道办", "街道", "镇", "乡")
_COUNTY_SUFFIXES = ("自治县", "县", "区", "市", "旗")


def _norm(name: str, suffixes) -> str:
    s = re.sub(r"\s+", "", to_halfwidth(clean_text(name)))
    for suf in suffixes:
        if s.endswith(suf) and len(s) > len(suf):
            s = s[: -len(suf)]
            break
    return s


def norm_village(name: str) -> str:
    return _norm(name, _VILLAGE_SUFFIXES)


def norm_township(name: str) -> str:
    return _norm(name, _TOWNSHIP_SUFFIXES)


def norm_county(name: str) -> str:
    return _norm(name, _COUNTY_SUFFIXES)


def check_place_name(name, label: str) -> str:
    """A place name as typed, cleaned; refuses what is not one (digits, symbols, too long)."""
    s = re.sub(r"\s+", "", to_halfwidth(clean_text(name)))
    if not s:
        raise UserError(f"{label}名称不能为空", f"{label} name is required")
    if len(s) > 30 or re.search(r"[\d<>/\\|@#$%^&*=+]", s):
        raise UserError(f"{label}名称“{s}”不像地名，请核对", f"{label} name {s!r} is not a place name")
    return s


def get_or_create_county(name: str, code: str | None = None) -> County:
    name = check_place_name(name, "县")
    code = parse_region_code(code)
    q = County.alive().where((County.code == code) if code else (County.norm_name == norm_county(name)))
    found = q.first()
    if found:
        return found
    return store.insert(County, name=name, norm_name=norm_county(name), code=code)


def get_or_create_township(county: County, name: str, code: str | None = None) -> Township:
    name = check_place_name(name, "乡镇")
    code = parse_region_code(code)
    cond = (Township.code == code) if code else (
        (Township.county == county) & (Township.norm_name == norm_township(name)))
    found = Township.alive().where(cond).first()
    if found:
        return found
    return store.insert(Township, county=county, name=name, norm_name=norm_township(name), code=code)


def home_township() -> Township | None:
    """The township this installation keeps (settings.township), if set up."""
    from rural_cadre_desktop.core import settings
    tid = settings.get("township_id")
    return Township.get_or_none(Township.id == tid) if tid else None


def find_village(name: str, township: Township | None = None) -> Village | None:
    """A live village by any spelling of its name; merged villages resolve to what they became."""
    township = township or home_township()
    q = Village.select().where((Village.norm_name == norm_village(name)) & (Village.deleted == False))  # noqa: E712
    if township is not None:
        q = q.where(Village.township == township)
    v = q.first()
    while v is not None and v.merged_into_id:
        v = Village.get_by_id(v.merged_into_id)
    return v


def villages(township: Township | None = None) -> list[Village]:
    township = township or home_township()
    q = Village.alive().where(Village.merged_into.is_null())
    if township is not None:
        q = q.where(Village.township == township)
    return list(q.order_by(Village.sort_order, Village.name))


def add_village(name: str, code: str | None = None, township: Township | None = None) -> Village:
    township = township or home_township()
    if township is None:
        raise UserError("还没有设置本乡镇，请先用 init 或“设置”填写县和乡镇",
                        "no township set up yet; run init first")
    name = check_place_name(name, "村(社区)")
    if find_village(name, township):
        raise UserError(f"“{name}”已经在村(社区)列表中", f"village {name!r} already exists")
    code = _free_code(code, None)
    order = Village.alive().where(Village.township == township).count()
    return store.insert(Village, township=township, name=name, norm_name=norm_village(name), code=code,
                        sort_order=order)


def get_or_create_village(name: str, township: Township | None = None) -> Village:
    return find_village(name, township) or add_village(name, township=township)


def rename_village(village: Village, new_name: str, code: str | None = None) -> Village:
    new_name = check_place_name(new_name, "村(社区)")
    other = find_village(new_name, village.township)
    if other is not None and other.id != village.id:
        raise UserError(f"已有名为“{other.name}”的村(社区)；若两村合并，请用“合并”",
                        f"another village is named {other.name!r}; merge instead")
    changes = {"name": new_name, "norm_name": norm_village(new_name)}
    if code is not None:
        changes["code"] = _free_code(code, village)
    with Village._meta.database.atomic():
        store.update(village, changes)
    return village


def _free_code(code: str | None, village: Village | None) -> str | None:
    """A valid 12-digit code that no other live village carries."""
    code = parse_region_code(code)
    if code:
        q = Village.alive().where(Village.code == code)
        if village is not None:
            q = q.where(Village.id != village.id)
        other = q.first()
        if other:
            raise UserError(f"区划代码{code}已被“{other.name}”使用，请核对",
                            f"region code {code} is already used by {other.name}")
    return code


def set_village_code(village: Village, code: str | None) -> Village:
    store.update(village, {"code": _free_code(code, village)})
    return village


def merge_villages(absorbed: Village, into: Village) -> int:
    """合村并居: every record of `absorbed` moves to `into`; `absorbed` stays as a pointer so its
    old name still finds the new village. Returns how many records moved."""
    if absorbed.id == into.id:
        raise UserError("不能把一个村(社区)合并到它自己", "cannot merge a village into itself")
    moved = 0
    with Village._meta.database.atomic():
        for model in (Person, ReserveCadre, VillageCadre, Activity):
            for row in model.alive().where(model.village == absorbed):
                store.update(row, {"village": into.id}, source="merge")
                moved += 1
        store.update(absorbed, {"merged_into": into.id}, source="merge")
    return moved
