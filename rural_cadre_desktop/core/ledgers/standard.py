"""The standard ledgers (台账): the rows of one record kind as text cells, ready for the .xlsx
(core/ledgers/export.py) and the PDF (reports/ledger.py). Both come from the kind's one declaration
(`RecordKind.ledger`, core/kinds/) — title, columns (header, relative printed width, Excel width,
the SQL value, how it is shown: masked, 1988.03, 是/否, a label) and the filters it takes — so the
spreadsheet and the printout of a kind are the same ledger.

Which rows: exactly the records `ids` names, in that order (how the GUI passes "the rows the list
shows" or "the selection"), else every live record of the kind, narrowed by the filters (village,
status, year, training) and in 姓氏笔画 order. One raw SQL query per ledger, fetched as tuples;
text columns arrive as text from SQL, only the others are converted, once per cell."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Callable, NamedTuple

from rural_cadre_desktop.core import codes, kinds
from rural_cadre_desktop.core.documents import _order, _sql, cn_date, filing_unit
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.kinds.common import SEQ
from rural_cadre_desktop.core.kinds.spec import LedgerSpec, RecordKind, enum_label
from rural_cadre_desktop.core.validation import MASKS, mask, render_date

__all__ = ["Ledger", "Column", "ledger", "title", "SEQ"]


class Column(NamedTuple):
    """A column as the writers (.xlsx, PDF) take it. A kind's declared columns
    (core/kinds/spec.LedgerColumn) have the same four attributes; custom reports make these."""
    header: str
    width: float            # relative width on the printed page
    xlsx: float = 10.0      # Excel column width (characters)
    text: bool = False      # ID numbers and phones: "@" in Excel, never a number


@dataclass
class Ledger:
    kind: str
    title: str
    columns: list           # Column / LedgerColumn, or (header, relative width) pairs
    rows: list[list[str]]
    filing_unit: str
    date: str
    scope: str = ""         # the filters in words (村(社区)：东坡村；状态：在外), "" for all
    noun: str = ""          # what a row counts ("人"): the ledger then says 共 N 人

    @property
    def count_text(self) -> str:
        return f"共 {len(self.rows)} {self.noun}" if self.noun else ""


def title(kind: str) -> str:
    """The one title of a kind's ledger (the .xlsx, the PDF, the GUI's menus and messages)."""
    return kinds.ledger_kind(kind).ledger.title


_YES = {1: "是", 0: "否", None: ""}
_political = codes.political_short


def _shower(show, reveal: bool) -> Callable:
    """The converter of a column's `show` (core/kinds/spec.LedgerColumn), made once per ledger."""
    if show in MASKS:
        return lambda v: mask(v, show, reveal)
    if show == "date":
        return render_date
    if show == "yesno":
        return lambda v: _YES.get(v, "")
    if show == "num":
        return lambda v: f"{v:g}" if v is not None else ""
    if show == "count":
        return str
    if show == "political":
        return _political
    if isinstance(show, (dict, codes.CodeList)):
        return lambda v: enum_label(show, v)
    raise ValueError(f"unknown ledger column rendering {show!r}")


def _village_id(name: str) -> tuple[str, str]:
    from rural_cadre_desktop.core.regions import find_village, villages
    v = find_village(name)
    if v is None:
        names = [x.name for x in villages()]
        shown = "、".join(names[:30]) + ("……" if len(names) > 30 else "")
        raise UserError(f"找不到村(社区)“{name}”，可用：{shown or '（还没有村(社区)）'}",
                        f"no village {name!r}; known: {', '.join(names[:30])}")
    return v.id, v.name


def _check(kind: RecordKind, village, status, year, training) -> None:
    spec = kind.ledger
    name, title_ = kind.name, spec.title
    if status is not None:
        allowed = kind.statuses
        if not allowed:
            raise UserError(f"{title_}不按状态筛选，请去掉 --status", f"{name} has no status filter")
        if status not in allowed:
            words = "、".join(f"{k}（{v}）" for k, v in allowed.items())
            raise UserError(f"状态“{status}”不对，{title_}的状态只能是 {words}",
                            f"{name} status must be one of {', '.join(allowed)}, not {status!r}")
    if village and spec.village is None:
        raise UserError(f"{title_}不按村(社区)筛选，请去掉 --village{spec.no_village}",
                        f"the {name} ledger has no village filter")
    if training and spec.training is None:
        which = "和".join(k.ledger.title for k in kinds.with_ledger() if k.ledger.training)
        raise UserError(f"只有{which}能按培训班筛选", f"{name} has no training filter")
    if year is not None and spec.year is None:
        raise UserError(f"{title_}不按年份筛选，请去掉 --year", f"{name} has no year filter")
    if year is not None:
        try:
            y = int(year)
        except (TypeError, ValueError):
            y = 0
        if not 1900 <= y <= 2100:
            raise UserError(f"年份“{year}”不对，请写四位数的年份，如 2025", f"year must be like 2025, not {year!r}")


def ledger(kind: str, full_id: bool = False, village: str | None = None, training: str | None = None, *,
           status: str | None = None, year: int | str | None = None, ids=None,
           progress: Callable[[int, int], None] | None = None, today: dt.date | None = None) -> Ledger:
    """The ledger of `kind` (any kind with a ledger: core.kinds.with_ledger()). Unknown kinds,
    statuses, villages and trainings are refused with a UserError naming what is allowed; nothing
    is written. `progress(0, n)` is called once the rows are known (it may raise to cancel)."""
    rk = kinds.ledger_kind(kind)
    spec = rk.ledger
    _check(rk, village, status, year, training)
    where, params, scope = [], [], []
    if village:
        vid, vname = _village_id(village)
        where.append(f"{spec.village} = ?")
        params.append(vid)
        scope.append(f"村(社区)：{vname}")
    if status:
        where.append(f"{spec.status} = ?")
        params.append(status)
        scope.append(f"状态：{rk.statuses[status]}")
    if year is not None:
        col, label = spec.year
        where.append(f"{col} >= ? AND {col} < ?")
        params += [f"{int(year):04d}", f"{int(year) + 1:04d}"]
        scope.append(f"{label}：{int(year)}")
    if training:
        name = _sql("SELECT name FROM training_session WHERE id = ? AND deleted = 0", [training])
        if not name:
            raise UserError(f"找不到培训班“{training}”，请用 export trainings 查看培训班的 id",
                            f"no training {training!r}")
        where.append(f"{spec.training} = ?")
        params.append(training)
        scope.append(f"培训班：{name[0][0]}")
    if ids is not None:
        ids = [str(i) for i in ids]
        # one parameter whatever the number of ids (SQLite caps the ? of a statement)
        where.append(f"{spec.id} IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(ids))
    cond = "".join(f" AND {w}" for w in where)
    rows = _rows(spec, cond, params, full_id, ids)
    if progress:
        progress(0, len(rows))
    rows = [[str(i), *r] for i, r in enumerate(rows, 1)]
    return Ledger(kind, spec.title, [SEQ, *spec.columns], rows, filing_unit(), cn_date(today or dt.date.today()),
                  "；".join(scope), spec.noun)


def _in_order(rows, ids, id_at: int):
    """The rows in the order of `ids` (records no longer there are left out)."""
    by_id = {r[id_at]: r for r in rows}
    return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]


def _rows(spec: LedgerSpec, cond: str, params: list, full_id: bool, ids) -> list[list]:
    """The ledger's cells (without 序号): one query selecting the shown values, then the record id,
    the name and stroke key and the `then_by` keys that order the rows."""
    cols = spec.columns
    n = len(cols)
    select = [c.sql if c.show is not None else f"COALESCE({c.sql}, '')" for c in cols]
    select.append(spec.id)
    if spec.name:
        select += spec.name
    select += spec.then_by
    order = f" ORDER BY {spec.order}" if spec.order else ""
    rows = _sql(f"SELECT {', '.join(select)} {spec.source} WHERE {spec.live}{cond}{order}", params)
    if ids is not None:
        rows = _in_order(rows, ids, n)
    else:
        if spec.name:
            rows = _order(rows, n + 1, n + 2)
        if spec.then_by:
            first = n + 1 + (2 if spec.name else 0)
            keys = range(first, first + len(spec.then_by))
            rows = sorted(rows, key=lambda r: tuple(r[k] or "" for k in keys))
    convert = [(i, _shower(c.show, full_id)) for i, c in enumerate(cols) if c.show is not None]
    out = []
    for r in rows:
        row = list(r[:n])
        for i, f in convert:
            row[i] = f(row[i])
        out.append(row)
    return out
