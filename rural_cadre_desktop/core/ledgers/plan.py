"""The dry run: what an import would do, computed without writing anything.

Rows are matched to people already in the database by 身份证号 (one query loads them all into a
dict), people without one by name + birth date + village; the same person twice in the file is
merged into the first row. For a known person, an empty database value is filled from the file;
a different non-empty value is a Difference, kept as in the database unless the caller says to
take the file's (--update, or the user's choice in the wizard).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rural_cadre_desktop.core import kinds, regions
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.clean import Refusal, Row
from rural_cadre_desktop.core.ledgers.existing import Existing
from rural_cadre_desktop.core.regions import norm_village

KINDS = tuple(k.name for k in kinds.importable())      # what import-ledger takes (core/kinds)


class Flag(tuple):
    """(sheet row, note) for a row taken with a warning, which also knows its sheet: a pair still,
    so dict(plan.flagged) and comparisons keep working."""
    sheet: str

    def __new__(cls, number: int, note: str, sheet: str = ""):
        self = super().__new__(cls, (number, note))
        self.sheet = sheet
        return self


_MOVED_IN = "迁入"


def _says_moved_in(cells) -> bool:
    return any(type(c) is str and _MOVED_IN in c for c in cells)


@dataclass
class Difference:
    row: int                 # sheet row number
    name: str
    table: str               # person, or the kind's ImportSpec.prefix (returnee / reserve / attendance)
    field: str
    db_value: object
    file_value: object
    target_id: str           # the row to update when the file's value is taken
    take_file: bool = False


@dataclass
class Entry:
    """One person of the file (first sheet row that named them) and what to do with them."""
    row: Row
    person_id: str | None            # existing person, or None to create
    record_id: str | None            # existing record of the kind, or None to create
    village_key: str | None          # norm name of the village (existing or to create)
    person_fill: dict = field(default_factory=dict)     # existing person: empty fields to fill
    record_fill: dict = field(default_factory=dict)
    created: tuple[str, str] | None = None             # (person id, record id) once inserted


@dataclass
class Plan:
    kind: str
    entries: list[Entry]
    refused: list[Refusal]
    flagged: list[tuple[int, str]]           # (sheet row, note) for rows taken with a warning
    differences: list[Difference]
    new_villages: dict[str, str]             # norm name -> display name to create
    village_ids: dict[str, str]              # norm name -> existing village id
    unknown_villages: dict[str, str] = field(default_factory=dict)   # norm -> first spelling, refused
    header: list[str] = field(default_factory=list)
    header_row: int = 0                      # sheet row number of the (last) header row
    training_id: str | None = None
    repeats: list[tuple[str, int]] = field(default_factory=list)    # (sheet, row) merged into an earlier row
    sheets: list[str] = field(default_factory=list)                 # the sheets read, in order
    unmapped: dict[str, list[str]] = field(default_factory=dict)    # sheet -> header wordings not read
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (sheet, why it was not read)
    sheet_villages: dict[str, str] = field(default_factory=dict)    # sheet -> the village its name/title gave

    def counts(self) -> dict[str, int]:
        new = sum(1 for e in self.entries if e.record_id is None)
        taken = {d.target_id for d in self.differences if d.take_file}
        updated = sum(1 for e in self.entries if e.record_id is not None and
                      (e.person_fill or e.record_fill or e.person_id in taken or e.record_id in taken))
        return {"new": new, "updated": updated, "unchanged": len(self.entries) - new - updated,
                "refused": len(self.refused), "flagged": len(self.flagged),
                "differences": len(self.differences), "new_villages": len(self.new_villages)}

    def sheet_counts(self) -> list[tuple[str, dict[str, int]]]:
        """Per sheet read: the people it adds (new), updates, leaves unchanged, the rows it refuses
        and the rows that repeat a person already seen (merged). The import takes exactly these."""
        taken = {d.target_id for d in self.differences if d.take_file}
        out = {name: {"new": 0, "updated": 0, "unchanged": 0, "refused": 0, "merged": 0}
               for name in self.sheets or [""]}

        def at(sheet):
            return out.setdefault(sheet, {"new": 0, "updated": 0, "unchanged": 0, "refused": 0, "merged": 0})
        for e in self.entries:
            if e.record_id is None:
                what = "new"
            elif e.person_fill or e.record_fill or e.person_id in taken or e.record_id in taken:
                what = "updated"
            else:
                what = "unchanged"
            at(e.row.sheet)[what] += 1
        for r in self.refused:
            at(r.sheet)["refused"] += 1
        for sheet, _ in self.repeats:
            at(sheet)["merged"] += 1
        return list(out.items())


def village_display_name(spellings: list[str]) -> str:
    """One real name for all spellings of a new village: 柳树村委会 and 柳树 become 柳树村."""
    norm = norm_village(spellings[0])
    for s in spellings:
        if s in (norm + "村", norm + "社区"):
            return s
    for s in spellings:
        if s.endswith(("社区", "居委会", "居民委员会")):
            return norm + "社区"
    return norm + "村"


def _diff_value(old, new) -> bool:
    """True when a file value really differs from a stored one (a month is not a different day)."""
    if old == new:
        return False
    if isinstance(old, str) and isinstance(new, str) and len(new) == 7 and old.startswith(new):
        return False
    return True


def _compare(entry_row: Row, table: str, values: dict, stored: dict, target: str,
             fill: dict, diffs: list[Difference]) -> None:
    for f, new in values.items():
        old = stored.get(f)
        if old is None or old == "":
            fill[f] = new
        elif _diff_value(old, new):
            if isinstance(old, str) and isinstance(new, str) and len(old) == 7 and new.startswith(old):
                fill[f] = new          # the file knows the day, the database only the month
            else:
                diffs.append(Difference(entry_row.number, entry_row.person["name"], table, f, old, new, target))


def build_plan(kind: str, rows: list, existing: Existing, create_villages: bool = False,
               village_choices: dict[str, str | None] | None = None) -> Plan:
    """`rows`: Row/Refusal from clean.Cleaner in sheet order. `village_choices` (the wizard):
    norm name -> existing village id, "create", or None to refuse those rows."""
    planner = Planner(kind, existing, create_villages, village_choices)
    for row in rows:
        planner.add(row)
    return planner.finish()


class Planner:
    """build_plan one row at a time, so the streamed import (core.ledgers.pipeline) can write the
    new people of a chunk while later chunks are still being cleaned. A row's Entry is made when
    the row is seen; a later duplicate fills its gaps (`merged` lists those fills, for entries the
    pipeline has already written); people already in the database are compared in finish(),
    after every merge, as before."""

    def __init__(self, kind: str, existing: Existing, create_villages: bool = False,
                 village_choices: dict[str, str | None] | None = None):
        rk = kinds.import_kind(kind)
        self.own_village, self.label = rk.own_village, rk.label
        self.kind, self.existing, self.create_villages = kind, existing, create_villages
        self.village_choices = village_choices or {}
        self.refused: list[Refusal] = []
        self.entries: list[Entry] = []
        self.flagged: list[tuple[int, str]] = []
        self.new_villages: dict[str, dict[str, None]] = {}     # norm -> spellings seen
        self.village_ids = dict(existing.villages)
        self.unique: dict = {}                                 # key -> Entry
        self.merged: list[tuple[Entry, list[tuple[str, str]]]] = []   # (first entry, fields filled)
        self.repeats: list[tuple[str, int]] = []
        self._villages: dict[str, tuple[str, str | None]] = {}    # spelling -> (key, refusal or None)
        self.unknown: dict[str, str] = {}

    def add(self, row) -> Entry | None:
        """Take one cleaned row; returns the new Entry when the row is a person not seen before."""
        if isinstance(row, Refusal):
            self.refused.append(row)
            return None
        refused = self.refused
        vkey = None
        if row.village:
            seen = self._villages.get(row.village)
            if seen is not None:             # this spelling was settled before: the same again
                vkey, bad = seen
                if bad:
                    refused.append(Refusal(row.number, bad, row.cells, row.sheet))
                    return None
            else:
                vkey, bad = self._village(row)
                self._villages[row.village] = (vkey, bad)
                if bad:
                    return None
        elif self.own_village:
            refused.append(Refusal(row.number, f"没有填写村(社区)，{self.label}必须属于一个村", row.cells, row.sheet))
            return None
        return self._person(row, vkey)

    def _village(self, row) -> tuple[str, str | None]:
        """(village key, why the row is refused or None) for a row's village spelling, the first
        time it is seen; what it decides (a new village's spelling, an unknown village, a chosen
        one) holds for every later row that spells it so."""
        refused = self.refused
        vkey = norm_village(row.village)
        choice = self.village_choices.get(vkey, "create" if self.create_villages else None)
        if vkey in self.existing.villages:
            return vkey, None
        if choice == "create":
            try:                     # the same test add_village applies, now, not mid-write
                regions.check_place_name(row.village, "村(社区)")
            except UserError as e:
                refused.append(Refusal(row.number, e.zh, row.cells, row.sheet))
                return vkey, e.zh
            self.new_villages.setdefault(vkey, {})[row.village] = None
        elif choice:
            self.village_ids[vkey] = choice
        else:
            self.unknown.setdefault(vkey, row.village)
            bad = (f"村(社区)“{row.village}”不在本乡镇的村(社区)列表中，"
                   "请先添加该村，或核对村名（也可用 --create-villages 自动添加）")
            refused.append(Refusal(row.number, bad, row.cells, row.sheet))
            return vkey, bad
        return vkey, None

    def _person(self, row, vkey: str | None) -> Entry | None:
        existing = self.existing
        idn = row.person.get("id_number")
        key = idn or (row.person["name"], row.person.get("birth_date"), vkey)
        if row.flags:
            self.flagged.extend(Flag(row.number, note, row.sheet) for note in row.flags)
        first = self.unique.get(key)
        if first is not None:                      # the same person again in the file
            filled = _merge_into(first.row, row, self.flagged)
            self.repeats.append((row.sheet, row.number))
            if vkey and vkey != first.village_key and self._moves(first, row, vkey):
                filled.append(("village", "village_id"))
            if filled:
                self.merged.append((first, filled))
            return None
        vid = self.village_ids.get(vkey) if vkey else None
        pid = existing.person_by_id.get(idn) if idn else existing.person_by_nbv.get(
            (row.person["name"], row.person.get("birth_date"), vid))
        entry = self.unique[key] = Entry(row, pid, None, vkey)
        self.entries.append(entry)
        return entry

    def _moves(self, first: Entry, again: Row, vkey: str) -> bool:
        """The same person under two villages (moved between village sheets): the row that says
        迁入 gives the village, else the later one. True when the first entry's village changes."""
        before = first.row.village
        if first.village_key is not None and _says_moved_in(first.row.cells) and not _says_moved_in(again.cells):
            why, take = "按写有“迁入”的一行", False
        else:
            why = "按写有“迁入”的一行" if _says_moved_in(again.cells) else "按后一行"
            take = True
        where = f"工作表“{first.row.sheet}”" if first.row.sheet != again.sheet else ""
        if first.village_key is not None:
            now = again.village if take else before
            self.flagged.append(Flag(again.number, f"与{where}第{first.row.number}行是同一人，村(社区)不同："
                                                   f"“{before}”与“{again.village}”，{why}记为“{now}”", again.sheet))
        if take or first.village_key is None:
            first.village_key, first.row.village = vkey, again.village
            return True
        return False

    def finish(self) -> Plan:
        """Compare the people already in the database (after every merge) and make the Plan."""
        kind, existing = self.kind, self.existing
        table = kinds.get(kind).importer.prefix
        diffs: list[Difference] = []
        for entry in self.entries:
            pid = entry.person_id
            if pid is None:
                continue
            row = entry.row
            vid = self.village_ids.get(entry.village_key) if entry.village_key else None
            stored = existing.person_values(pid)
            values = dict(row.person)
            if vid is not None:
                values["village_id"] = vid
            _compare(row, "person", values, stored, pid, entry.person_fill, diffs)
            rec = existing.record_for(kind, pid, vid)
            if rec is not None:
                entry.record_id = rec["id"]
                _compare(row, table, row.record, rec, rec["id"], entry.record_fill, diffs)
        order: dict[str, int] = {}            # sheets in the order their rows came
        for item in (*self.entries, *self.refused):
            order.setdefault(item.row.sheet if isinstance(item, Entry) else item.sheet, len(order))
        refused = sorted(self.refused, key=lambda r: (order.get(r.sheet, 0), r.number))
        flagged = sorted(self.flagged, key=lambda f: (order.get(getattr(f, "sheet", ""), 0), f[0]))
        return Plan(kind, self.entries, refused, flagged, diffs,
                    {k: village_display_name(list(v)) for k, v in self.new_villages.items()},
                    self.village_ids, self.unknown, repeats=list(self.repeats))


def _label(part: str, f: str) -> str:
    """A field's Chinese name for the notes (状态, not status)."""
    from rural_cadre_desktop.core.ledgers.clean import SPECS
    tables = [SPECS["person"]] if part == "person" else [t for k, t in SPECS.items() if k != "person"]
    return next((t[f].label for t in tables if f in t), f)


def _merge_into(first: Row, again: Row, flagged: list) -> list[tuple[str, str]]:
    """Fill the first row's gaps from the repeat; note what the two rows disagree on. Returns the
    (part, field) pairs filled."""
    notes, filled = [], []
    for part in ("person", "record"):
        a, b = getattr(first, part), getattr(again, part)
        for f, v in b.items():
            if a.get(f) in (None, ""):
                a[f] = v
                filled.append((part, f))
            elif _diff_value(a[f], v):
                notes.append((part, f))
    where = f"工作表“{first.sheet}”" if first.sheet != again.sheet else ""
    msg = f"与{where}第{first.number}行是同一人，已合并为一条"
    if notes:
        msg += f"；{'、'.join(_label(part, f) for part, f in notes)}两行不同，按第{first.number}行"
    flagged.append(Flag(again.number, msg, again.sheet))
    return filled
