"""Hybrid logical clock: wall time + counter + node id, as one sortable string.

Every write stamps the row's `modified_at` and each changed field's clock with `Clock.tick()`.
Comparing two stamps as strings orders them by wall time, then counter, then node, which is what
per-field "newer write wins" merging needs even when two PCs' wall clocks disagree a little.
"""
from __future__ import annotations

import datetime as dt
import threading
import time

_WALL_DIGITS = 15
_COUNTER_DIGITS = 5


def format_stamp(wall_ms: int, counter: int, node: str) -> str:
    return f"{wall_ms:0{_WALL_DIGITS}d}-{counter:0{_COUNTER_DIGITS}d}-{node}"


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    wall, counter, node = stamp.split("-", 2)
    return int(wall), int(counter), node


def stamp_to_iso(stamp: str | None) -> str | None:
    """The wall-clock part as ISO 8601 UTC, for exports."""
    if not stamp:
        return None
    wall_ms = parse_stamp(stamp)[0]
    t = dt.datetime.fromtimestamp(wall_ms / 1000, tz=dt.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class Clock:
    def __init__(self, node: str, wall=lambda: int(time.time() * 1000)):
        self.node = node
        self._wall = wall
        self._last_ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def tick(self) -> str:
        with self._lock:
            now = self._wall()
            if now > self._last_ms:
                self._last_ms, self._counter = now, 0
            else:
                self._counter += 1
            return format_stamp(self._last_ms, self._counter, self.node)

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another node, so our next tick sorts after it."""
        wall, counter, _ = parse_stamp(stamp)
        with self._lock:
            if (wall, counter) > (self._last_ms, self._counter):
                self._last_ms, self._counter = wall, counter
