"""The returnee list as SQL: filters, search and sort → one query, shared by the GUI table and
the command line, fetched as tuples.

Measured on 100k returnees (bench/bench_filter.py): joining returnee ↔ person over UUID text keys
costs 1–5 µs a row (the two tables outgrow the page cache), so anything touching every row is
100+ ms while a page found through an index is a few ms. What keeps SQLite on the good plan
without ANALYZE statistics:
- `p.deleted = 0 AND p.alias_of_id IS NULL` written exactly as the partial indexes of schema v4
  say it (models/people.py): person_name_pinyin holds the live people in list order with the
  searched columns, so a name/number search reads that index, not the table;
- CROSS JOIN fixes the driving table, chosen in core/returnees/plan.py: person first in the
  list's pinyin/stroke order (a page stops early), returnee first from a small indexed set (a rare
  返乡年份 or intention, a mix of filters, a selection), people in table order when every row is read.
The GUI pages by key (`first_page` / `page_after`): each page is `ORDER BY <sort keys> LIMIT n`
continued after the last row's keys, so the first page of the default order (by pinyin) comes
straight from the person(name_pinyin) index and a keystroke never sorts the whole list; the count
comes separately (`count`), and may follow a moment later.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.returnees import plan
from rural_cadre_desktop.core.returnees.plan import Plan
from rural_cadre_desktop.core.validation import to_halfwidth

WANTS = {"wants_return": "有返乡意愿", "wants_business": "有返乡创业意向",
         "wants_party": "有入党意向", "wants_cadre": "有任村干部意向"}
WANTS_SHORT = {"wants_return": "返乡", "wants_business": "创业", "wants_party": "入党", "wants_cadre": "任村干部"}
YEAR_FIELDS = {"return_date": "返乡年份", "business_registered_date": "创业登记年份"}

# A person who shares name + birth date + village with another live person, where at least one of
# the two has no ID number (two different ID numbers are two people): DESIGN.md, identity rules.
# Per row (the list's flag column, a page at a time): found through the name index.
DUPLICATE_SQL = (
    "EXISTS (SELECT 1 FROM person d WHERE d.name = p.name AND +d.birth_date = p.birth_date "
    "AND +d.village_id IS p.village_id AND d.id <> p.id AND +d.deleted = 0 AND +d.alias_of_id IS NULL "
    "AND (d.id_number IS NULL OR p.id_number IS NULL))")
# As a set (the "only duplicates" filter): start from people without an ID number (few) and look
# up their namesakes by name; both sides of each pair are flagged. The people without an ID number
# come from their own partial index (person_no_id_number, written verbatim: ~0.1 ms on 100k, where
# reading every person for them took ~50 ms and the per-row EXISTS over every row ~1 s).
_DUP_PAIRS = (
    "SELECT n.id AS a, d.id AS b FROM person n CROSS JOIN person d ON d.name = n.name "
    "AND +d.birth_date = n.birth_date AND +d.village_id IS n.village_id AND d.id <> n.id "
    "AND +d.deleted = 0 AND +d.alias_of_id IS NULL "
    "WHERE n.id_number IS NULL AND n.deleted = 0 AND n.alias_of_id IS NULL AND +n.birth_date IS NOT NULL")
DUPLICATE_IDS_SQL = f"SELECT a FROM ({_DUP_PAIRS}) UNION SELECT b FROM ({_DUP_PAIRS})"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    expr: str                      # SQL expression selected for display
    sort: str | None = None        # SQL expression to sort by (default: expr)
    kind: str = "text"             # text, code:<list>, enum:<name>, id, phone, wants, flag, subsidy


_WANTS_EXPR = " || ',' || ".join(f"coalesce(r.{w}, 0)" for w in WANTS)
COLUMNS: list[Column] = [
    # 姓名 sorts by pinyin initials (张三 under z), not by code point; 姓氏笔画 is EXTRA_SORTS.
    Column("name", "姓名", "p.name", sort="p.name_pinyin"),
    Column("sex", "性别", "p.sex", kind="code:sex"),
    Column("birth_date", "出生年月", "p.birth_date"),
    Column("id_number", "身份证号", "p.id_number", kind="id"),
    Column("phone", "联系电话", "p.phone", kind="phone"),
    Column("village", "村(社区)", "(SELECT v.name FROM village v WHERE v.id = p.village_id)",
           sort="(SELECT v.sort_order FROM village v WHERE v.id = p.village_id)"),
    Column("political_status", "政治面貌", "p.political_status", kind="code:political_status"),
    Column("education", "学历", "p.education", kind="code:education"),
    Column("status", "状态", "r.status", kind="enum:status"),
    Column("return_date", "返乡时间", "r.return_date"),
    Column("work_place", "流向", "r.work_place"),
    Column("industry", "从事行业", "r.industry"),
    Column("enterprise", "企业名称", "r.enterprise"),
    Column("position", "职务", "r.position"),
    Column("wants", "意向", _WANTS_EXPR,
           sort="(coalesce(r.wants_return,0) + coalesce(r.wants_business,0) + coalesce(r.wants_party,0)"
                " + coalesce(r.wants_cadre,0))", kind="wants"),
    Column("contact_cadre", "联系干部", "r.contact_cadre"),
    Column("subsidy", "创业补贴", "r.business_registered_date || '|' || coalesce(r.startup_subsidy, '')",
           sort="r.startup_subsidy", kind="subsidy"),
    Column("duplicate", "疑似重复", DUPLICATE_SQL, kind="flag"),
]
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
# Sort keys beyond the columns: 姓氏笔画 (official rosters).
EXTRA_SORTS = {"strokes": "p.name_strokes"}
# Hidden trailing columns every row carries: returnee id, person id, rowid.
_TAIL = ["r.id", "p.id", "r.rowid"]
ID_COLUMNS = len(COLUMNS)


@dataclass(frozen=True)
class ReturneeQuery:
    village_id: str | None = None
    status: str | None = None
    wants: tuple[str, ...] = ()
    political_status: str | None = None
    year: int | None = None
    year_field: str = "return_date"
    search: str = ""
    duplicates_only: bool = False
    # Only these returnee records (returnee.id), still in the query's order: "选中的 N 人" of the
    # list, for exports and printouts of a selection. None: no restriction.
    only: tuple[str, ...] | None = None
    sort: str = "name"
    descending: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def with_(self, **changes) -> ReturneeQuery:
        return replace(self, **changes)


def _search_clause(text: str) -> tuple[str, list]:
    """Name (contains), pinyin initials (prefix: zs → 张三), ID number or phone (contains)."""
    s = re.sub(r"\s+", "", to_halfwidth(text or ""))
    if not s:
        return "", []
    if re.fullmatch(r"[A-Za-z]+", s):
        s = s.lower()      # a range on the indexed column; LIKE would skip the BINARY index
        return "p.name_initials >= ? AND p.name_initials < ?", [s, s + "\U0010ffff"]
    if re.fullmatch(r"[0-9Xx]+", s):
        s = s.upper()
        if len(s) == 18:   # a whole ID number: the partial unique index answers at once, but only
            # when the WHERE repeats its condition verbatim (no unary plus): 194 ms → 0.1 ms
            return "p.id_number = ? AND p.alias_of_id IS NULL", [s]
        return "(instr(p.id_number, ?) > 0 OR instr(p.phone, ?) > 0)", [s, s]
    return "instr(p.name, ?) > 0", [s]


def _scanning_search(text: str) -> bool:
    """Is this search answered by reading every person (a name fragment, some digits) rather than
    by an index (pinyin initials, a whole ID number)?"""
    s = re.sub(r"\s+", "", to_halfwidth(text or ""))
    return bool(s) and not re.fullmatch(r"[A-Za-z]+", s) and not (re.fullmatch(r"[0-9Xx]{18}", s))


def _where(q: ReturneeQuery, how: Plan) -> tuple[list[str], list]:
    """Conditions and parameters (for a query `_plan` checked).

    Written for the plan (core/returnees/plan.py): a walk in list order states the liveness terms
    as the partial index person_name_pinyin says them; anything else reads people in table order,
    and a unary plus keeps that index out. Starting from one returnee index, a unary plus keeps
    the planner off the others (they would all qualify)."""
    conds = ["r.deleted = 0", "p.deleted = 0", "p.alias_of_id IS NULL" if how.in_order else "+p.alias_of_id IS NULL"]

    def r_col(col: str) -> str:
        return f"+r.{col}" if how.driver not in (None, col) else f"r.{col}"
    params: list = []
    if q.village_id:
        conds.append("p.village_id = ?"); params.append(q.village_id)
    if q.political_status:
        conds.append("p.political_status = ?"); params.append(q.political_status)
    if q.status:
        conds.append("r.status = ?"); params.append(q.status)
    for w in q.wants:
        conds.append(f"{r_col(w)} = 1")
    if q.year:
        col = r_col(q.year_field)
        conds.append(f"{col} >= ? AND {col} < ?")
        params += [f"{int(q.year):04d}", f"{int(q.year) + 1:04d}"]
    clause, sp = _search_clause(q.search)
    if clause:
        conds.append(clause); params += sp
    if q.duplicates_only:
        conds.append(f"p.id IN ({DUPLICATE_IDS_SQL})")
    if how.people is not None:        # the search's matches, found once (the search still applies)
        conds.append("p.rowid IN (SELECT value FROM json_each(?))"); params.append(json.dumps(list(how.people)))
    if q.only is not None:
        # one parameter whatever the size (SQLite caps the number of ? per statement)
        conds.append("r.id IN (SELECT value FROM json_each(?))"); params.append(json.dumps(list(q.only)))
    return conds, params


def _from(person_first: bool) -> str:
    if person_first:
        return "FROM person p CROSS JOIN returnee r ON r.person_id = p.id"
    return "FROM returnee r CROSS JOIN person p ON p.id = r.person_id"


def sort_expr(q: ReturneeQuery) -> str:
    """The ORDER BY of the whole list: the same keys the pages continue after (sort_keys)."""
    keys, d = sort_keys(q)
    return ", ".join(k + d for k in keys)


# Sort expressions never NULL: no "IS NULL" flag in front, so an index on them can give the order.
_NOT_NULL_SORTS = {"p.name_pinyin", "p.name_strokes"}     # name_strokes: every write path fills it


def sort_keys(q: ReturneeQuery) -> tuple[list[str], str]:
    """The order as a tuple of SQL expressions all sorted one way, and that way ("" or " DESC").
    NULLs last either way: a flag first (IS NULL ascending, IS NOT NULL descending); COALESCE
    keeps the keys comparable as row values. Ties: 姓氏笔画, then the row."""
    if q.sort in EXTRA_SORTS:
        expr = EXTRA_SORTS[q.sort]
    elif q.sort in COLUMN_INDEX:
        col = COLUMNS[COLUMN_INDEX[q.sort]]
        expr = col.sort or col.expr
    else:
        raise ValueError(q.sort)
    d = " DESC" if q.descending else ""
    # NULLs last either way: a clerk sorting by 返乡时间 wants the dated rows first.
    keys = [] if expr in _NOT_NULL_SORTS else [f"(({expr}) IS {'NOT ' if d else ''}NULL)"]
    keys += [f"COALESCE({expr}, '')" if keys else expr]
    keys += ([] if expr == "p.name_strokes" else ["p.name_strokes"]) + ["r.rowid"]
    return keys, d


def _plan(q: ReturneeQuery, keys: list[str], whole: bool) -> Plan:
    """Where the query starts; its names are checked first (before any reaches SQL text: the
    plan's counts and _where write the year field and the intentions into it)."""
    if q.status and q.status not in codes.RETURNEE_STATUS:
        raise ValueError(q.status)
    if (q.year and q.year_field not in YEAR_FIELDS) or any(w not in WANTS for w in q.wants):
        raise ValueError((q.year_field, q.wants))
    how = plan.choose(q, keys[0] in _NOT_NULL_SORTS, whole, _db())
    if how.in_order and keys[0] == "p.name_strokes" and _scanning_search(q.search):
        few = plan.few_people_matching(*_search_clause(q.search), _db())
        # few: look up just them and sort; many: walk the stroke index itself (see _page_sql)
        how = replace(how, people=tuple(few)) if few is not None else replace(how, in_order=False)
    return how


def _page_sql(q: ReturneeQuery, after: tuple | None, limit: int) -> tuple[str, list]:
    keys, d = sort_keys(q)
    # the list's order from a person index: one page; any other order reads every matching row
    how = _plan(q, keys, whole=keys[0] not in _NOT_NULL_SORTS)
    conds, params = _where(q, how)
    if after is not None:
        op = "<" if d else ">"
        conds.append(f"({', '.join(keys)}) {op} ({', '.join('?' * len(keys))})")
        params = params + list(after)
        if keys[0] in _NOT_NULL_SORTS:       # lets the index seek to the place (row values alone may not)
            conds.append(f"{keys[0]} {op}= ?")
            params.append(after[0])
    # The keys only: the display columns (village name, the duplicate flag…) are correlated
    # subqueries, worth running for the page's rows, not for every row the sort looks at.
    order = keys
    if keys[0] not in _NOT_NULL_SORTS or (keys[0] == "p.name_strokes" and how.in_order and _scanning_search(q.search)):
        # Only a tie-break here, or a search with few matches, found in person_name_pinyin and
        # sorted: the unary plus keeps the planner from walking the stroke index, which reads the
        # person table at random (many matches walk it: `_plan`).
        order = ["+" + k if k in _NOT_NULL_SORTS else k for k in keys]
    sql = (f"SELECT r.rowid, {', '.join(keys)} {_from(how.person_first)} WHERE {' AND '.join(conds)} "
           f"ORDER BY {', '.join(k + d for k in order)} LIMIT ?")
    return sql, params + [int(limit)]


def first_page(q: ReturneeQuery, limit: int) -> tuple[list[tuple], list[tuple]]:
    """(rows as `rows_for` gives them, each row's sort keys: where a next page continues)."""
    return page_after(q, None, limit)


def page_after(q: ReturneeQuery, after: tuple | None, limit: int) -> tuple[list[tuple], list[tuple]]:
    """The next `limit` rows after the row whose sort keys are `after` (None: from the top)."""
    sql, params = _page_sql(q, after, limit)
    raw = list(_db().execute_sql(sql, params))
    keys = {r[0]: tuple(r[1:]) for r in raw}
    rows = rows_for([r[0] for r in raw])          # a row deleted in between is simply left out
    return rows, [keys[r[-1]] for r in rows]


def build(q: ReturneeQuery, select: str, order: bool = True) -> tuple[str, list]:
    """The whole list (a count, an export, every id): every matching row is read."""
    how = _plan(q, sort_keys(q)[0], whole=True)
    conds, params = _where(q, how)
    sql = f"SELECT {select} {_from(how.person_first)} WHERE {' AND '.join(conds)}"
    if order:
        sql += f" ORDER BY {sort_expr(q)}"
    return sql, params


def _db():
    from rural_cadre_desktop.core.db import (
        database,  # not at import: the CLI parser reads COLUMNS
    )
    return database


def count(q: ReturneeQuery) -> int:
    sql, params = build(q, "count(*)", order=False)
    return _db().execute_sql(sql, params).fetchone()[0]


def row_ids(q: ReturneeQuery) -> list[int]:
    """Every matching returnee's rowid in display order: the GUI's one query per filter change."""
    sql, params = build(q, "r.rowid")
    return [r[0] for r in _db().execute_sql(sql, params)]


def person_ids(q: ReturneeQuery) -> list[str]:
    """The listed people's ids in display order (letters for everyone the list shows)."""
    sql, params = build(q, "p.id")
    return [r[0] for r in _db().execute_sql(sql, params)]


def returnee_ids(q: ReturneeQuery) -> list[str]:
    """The listed returnee records' ids (returnee.id) in display order, in one query: what the
    list-level printouts and exports take as "the current list"."""
    sql, params = build(q, "r.id")
    return [r[0] for r in _db().execute_sql(sql, params)]


def person_statuses(q: ReturneeQuery) -> list[tuple[str, str]]:
    """(person id, status away/returned) of every listed person, in display order: the letters
    batch offers the people still away and, on request, those already back."""
    sql, params = build(q, "p.id, r.status")
    return [(r[0], r[1]) for r in _db().execute_sql(sql, params)]


def status_counts(q: ReturneeQuery) -> dict[str, int]:
    """How many listed people are away / returned (one grouped query)."""
    sql, params = build(q, "r.status, count(*)", order=False)
    return {status: n for status, n in _db().execute_sql(sql + " GROUP BY r.status", params)}


def statuses_of(person_ids: list[str]) -> dict[str, str]:
    """person id → status of their live returnee record (people without one are left out)."""
    rows = _db().execute_sql(
        "SELECT r.person_id, r.status FROM returnee r WHERE r.deleted = 0 "
        "AND r.person_id IN (SELECT value FROM json_each(?))", [json.dumps(list(person_ids))])
    return {pid: status for pid, status in rows}


_SELECT = ", ".join([c.expr for c in COLUMNS] + _TAIL)


def rows_for(rowids: list[int]) -> list[tuple]:
    """Full display rows for these rowids, in the order given (a page of the GUI table)."""
    if not rowids:
        return []
    out: dict[int, tuple] = {}
    for i in range(0, len(rowids), 500):          # SQLite's parameter limit
        chunk = rowids[i:i + 500]
        sql = (f"SELECT {_SELECT} FROM returnee r JOIN person p ON p.id = r.person_id "
               f"WHERE r.rowid IN ({','.join('?' * len(chunk))})")
        for row in _db().execute_sql(sql, chunk):
            out[row[-1]] = row
    return [out[i] for i in rowids if i in out]


def page(q: ReturneeQuery, offset: int = 0, limit: int | None = None) -> list[tuple]:
    """Matching rows (all columns + ids) in order; for the command line and exports."""
    sql, params = build(q, _SELECT)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [int(limit), int(offset)]
    return list(_db().execute_sql(sql, params))
