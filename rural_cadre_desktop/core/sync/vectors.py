"""Version vectors: for each node, the newest stamp of it an installation holds.

The local vector is the stored one (raised by every import with the sender's vector) joined with
what the data shows (newest created/modified stamp per node) and the own clock's high-water mark.
What a peer holds is remembered when a package from it is imported (`sync_peer.<node>`), so that
`--to PEER` can leave those rows out. Nothing is remembered on export: a lost stick must not make
the next package skip rows the peer never got.
"""
from __future__ import annotations

import json

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.clock import node_of
from rural_cadre_desktop.core.errors import UserError

VECTOR_KEY = "sync_vector"
PEER_PREFIX = "sync_peer."


def join(*vectors: dict) -> dict:
    out: dict = {}
    for v in vectors:
        for node, stamp in (v or {}).items():
            if stamp and stamp > out.get(node, ""):
                out[node] = stamp
    return out


def data_vector(database) -> dict:
    from rural_cadre_desktop.core.sync.tables import specs
    parts = " UNION ALL ".join(
        f'SELECT substr(modified_at, 23), max(modified_at) FROM "{s.name}" GROUP BY 1 '
        f'UNION ALL SELECT substr(created_at, 23), max(created_at) FROM "{s.name}" GROUP BY 1' for s in specs())
    rows = database.execute_sql(f"SELECT * FROM ({parts})").fetchall()
    return join({n: s for n, s in rows if n and s})


def local_vector(database) -> dict:
    """Stored vector + own high-water mark; the data are read only for a store that has no mark
    yet (written before clocks were persisted): every stamp from another node came by an import,
    which stored that node's entry."""
    from rural_cadre_desktop.core.store import HWM_KEY
    stored = json.loads(settings.get(VECTOR_KEY) or "{}")
    hwm = settings.get(HWM_KEY) or ""
    return join(stored, {node_of(hwm): hwm} if hwm else data_vector(database))


def remember(vector: dict) -> None:
    stored = json.loads(settings.get(VECTOR_KEY) or "{}")
    joined = join(stored, vector)
    if joined != stored:
        settings.put(VECTOR_KEY, json.dumps(joined, sort_keys=True))


def peers() -> dict[str, dict]:
    from rural_cadre_desktop.core.models import Setting
    return {s.key[len(PEER_PREFIX):]: json.loads(s.value or "{}")
            for s in Setting.select().where(Setting.key.startswith(PEER_PREFIX))}


def remember_peer(source: dict, vector: dict) -> None:
    node = source.get("node")
    if not node:
        return
    key = PEER_PREFIX + node
    old = json.loads(settings.get(key) or "{}")
    new = {"node": node, "name": source.get("name"), "role": source.get("role"),
           "township": source.get("township"), "vector": join(old.get("vector", {}), vector)}
    if new != old:
        settings.put(key, json.dumps(new, ensure_ascii=False, sort_keys=True))


def find_peer(name_or_node: str) -> dict:
    for node, info in peers().items():
        if name_or_node in (node, info.get("name")):
            return info
    known = "、".join(f"{i.get('name') or n}（{n}）" for n, i in peers().items()) or "（还没有导入过任何一方的同步包）"
    raise UserError(f"不认识对方“{name_or_node}”，请用对方的名称或节点号；已知的有：{known}；或改用 --full",
                    f"unknown peer {name_or_node!r}; use --full")
