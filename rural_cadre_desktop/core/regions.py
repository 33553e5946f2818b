"""The region tree as a service: find, create, rename, code and merge villages.

The primitives (add_village, rename_village, merge_villages …) write without an audit row: the
importer and `edit villages` use them inside their own transactions. The 村(社区) dialog calls the
services at the end (create_village, change_village, merge_village_into): one transaction each,
audited — `change_village` writes the row `edit villages ID name=… code=…` writes.

Names are matched by a normal form: 石门, 石门村, 石门村委会 and 石门村民委员会 are one village;
新民社区 and 新民社区居委会 too. The first full name entered is the one shown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.listing import ListColumn, ListQuery, SqlList
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
            raise UserError(f"区划代码{code}已被其他村(社区)使用（{other.name}），请核对",
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


# -- services: one transaction each, audited ------------------------------------------------------
def get_village(village_id: str) -> Village:
    """A live village that has not been merged into another."""
    v = Village.get_or_none(Village.id == village_id)
    if v is None or v.deleted or v.merged_into_id:
        raise UserError("找不到这个村(社区)（可能已删除或已合并），请关闭后重新打开列表",
                        f"no live village {village_id}")
    return v


def create_village(name: str, code: str | None = None) -> Village:
    """添加: a new village of this township; audited ("village-add", "<id> <name>")."""
    with Village._meta.database.atomic():
        v = add_village(name, code)
        store.audit("village-add", f"{v.id} {v.name}")
    return v


def change_village(village_id: str, name: str | None = None, code: str | None = None) -> list[str]:
    """改名 / 设置区划代码 (code "" clears it); returns the changed fields. Audited as
    `edit villages ID …` is: ("edit", "villages <id> <fields>")."""
    with Village._meta.database.atomic():
        v = get_village(village_id)
        before = (v.name, v.code)
        rename_village(v, v.name if name is None else name, code)
        changed = [f for f, old, new in (("name", before[0], v.name), ("code", before[1], v.code)) if old != new]
        store.audit_edit("villages", v.id, changed)
    return changed


def merge_village_into(absorbed_id: str, into_id: str) -> int:
    """合村并居 (merge_villages) for two village ids; returns how many records moved. Audited
    ("village-merge", "<absorbed id> <into id> <moved>")."""
    with Village._meta.database.atomic():
        absorbed, into = get_village(absorbed_id), get_village(into_id)
        moved = merge_villages(absorbed, into)
        store.audit("village-merge", f"{absorbed.id} {into.id} {moved}")
    return moved


# -- the villages list (村(社区) dialog) -----------------------------------------------------------
PEOPLE_IN_VILLAGE = "(SELECT count(*) FROM person p WHERE p.village_id = v.id AND p.deleted = 0)"
VILLAGE_COLUMNS = [
    ListColumn("name", "村(社区)名称", "v.name", sort="v.sort_order"),
    ListColumn("code", "区划代码", "v.code"),
    ListColumn("people", "人员数", PEOPLE_IN_VILLAGE),
]


@dataclass(frozen=True)
class VillageQuery(ListQuery):
    """The live, unmerged villages of one township (this installation's when empty)."""
    township_id: str = ""

    _NOT_FILTERS = ("sort", "descending", "township_id")


class VillageList(SqlList):
    query_class = VillageQuery

    def conditions(self, q: VillageQuery) -> tuple[list[str], list]:
        from rural_cadre_desktop.core import settings
        conds, params = ["v.township_id = ?"], [q.township_id or settings.get("township_id") or ""]
        if q.search.strip():
            conds.append("(v.name LIKE ? ESCAPE '\\' OR v.code LIKE ? ESCAPE '\\')")
            from rural_cadre_desktop.core.listing import like_pattern
            params += [like_pattern(q.search.strip())] * 2
        return conds, params


VILLAGES = VillageList(VILLAGE_COLUMNS, "village v", "v.id", base_where="v.deleted = 0 AND v.merged_into_id IS NULL",
                       default_order="v.sort_order, v.name", page_key="v.rowid")
