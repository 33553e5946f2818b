"""Hybrid logical clock: wall time + counter + node id, as one sortable string.

Every write stamps the row's `modified_at` and each changed field's clock with `Clock.tick()`.
Comparing two stamps as strings orders them by wall time, then counter, then node, which is what
per-field "newer write wins" merging needs even when two PCs' wall clocks disagree a little.

A stamp must sort after every stamp the installation has issued, in any process and after a
restart: core/store.py keeps a high-water mark in the database (read and raised inside each write
transaction) and passes it, with the stamps already on the row, as `tick(after=…)`. A stamp more
than a day ahead of the wall clock (a PC whose clock was wrong) is still stepped over for that row,
but never remembered, so it cannot drag this installation's clock along.
"""
from __future__ import annotations

import datetime as dt
import threading
import time

_WALL_DIGITS = 15
_COUNTER_DIGITS = 5
FUTURE_SLACK_MS = 24 * 3600 * 1000      # "more than a day ahead" of the receiver's wall clock


def format_stamp(wall_ms: int, counter: int, node: str) -> str:
    return f"{wall_ms:0{_WALL_DIGITS}d}-{counter:0{_COUNTER_DIGITS}d}-{node}"


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    wall, counter, node = stamp.split("-", 2)
    return int(wall), int(counter), node


def node_of(stamp: str) -> str:
    return stamp[_WALL_DIGITS + _COUNTER_DIGITS + 2:]


def now_ms() -> int:
    return int(time.time() * 1000)


def future_limit(wall_ms: int | None = None) -> str:
    """Stamps sorting after this one are more than a day ahead of the wall clock."""
    return format_stamp((now_ms() if wall_ms is None else wall_ms) + FUTURE_SLACK_MS, 99999, "~")


def stamp_to_iso(stamp: str | None) -> str | None:
    """The wall-clock part as ISO 8601 UTC, for exports."""
    if not stamp:
        return None
    wall_ms = parse_stamp(stamp)[0]
    t = dt.datetime.fromtimestamp(wall_ms / 1000, tz=dt.UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class Clock:
    def __init__(self, node: str, wall=None):
        self.node = node
        self._wall = wall or (lambda: now_ms())    # looked up per call: tests set the wall clock
        self._last_ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def tick(self, after: str | None = None) -> str:
        """A new stamp after every stamp this clock issued or observed and after `after`."""
        with self._lock:
            now = self._wall()
            base = (self._last_ms, self._counter)
            if after:
                wall, counter, _ = parse_stamp(after)
                base = max(base, (wall, counter))
            ms, counter = (now, 0) if now > base[0] else (base[0], base[1] + 1)
            if ms <= now + FUTURE_SLACK_MS:       # a far-future floor is stepped over, not remembered
                self._last_ms, self._counter = ms, counter
            return format_stamp(ms, counter, self.node)

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another node, so our next tick sorts after it
        (unless it is more than a day ahead of our wall clock)."""
        wall, counter, _ = parse_stamp(stamp)
        with self._lock:
            if wall > self._wall() + FUTURE_SLACK_MS:
                return
            self._last_ms, self._counter = max((self._last_ms, self._counter), (wall, counter))
