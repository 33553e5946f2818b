"""Export and import of sync packages: the steps around the merge (scope, versions, backup, one
transaction, the report)."""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rural_cadre_desktop.core import db as dbmod
from rural_cadre_desktop.core import settings, store
from rural_cadre_desktop.core.clock import future_limit
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.sync import package, vectors
from rural_cadre_desktop.core.sync.report import Report
from rural_cadre_desktop.core.sync.scope import (
    Places,
    Scope,
    region_key_sql,
    village_sql,
)
from rural_cadre_desktop.core.sync.tables import specs


def installation() -> dict:
    """Who this installation is: node, name, role and scope (display and normal names)."""
    from rural_cadre_desktop.core.regions import norm_county, norm_township
    county, township = settings.get("county") or "", settings.get("township") or ""
    role = settings.get("role") or "township"
    name = settings.get("node_name") or (f"{county}委组织部" if role == "county" else f"{township}组织办")
    return {"node": store.node(), "name": name, "role": role, "county": county, "township": township,
            "county_norm": norm_county(county) if county else "",
            "township_norm": norm_township(township) if township and role != "county" else None}


def townships() -> list[str]:
    """Live township names (a county exports one township's share)."""
    from rural_cadre_desktop.core.models import Township
    return [t.name for t in Township.alive().order_by(Township.name)]


def default_file_name() -> str:
    """同步包-<installation>-<date time>.rcdsync, for the folder the clerk picks (the USB stick)."""
    return f"同步包-{installation()['name']}-{dt.datetime.now():%Y%m%d-%H%M}.rcdsync"


def _scope(inst: dict) -> Scope:
    return Scope(inst["role"], inst["county_norm"], inst["township_norm"] if inst["role"] != "county" else None)


# -- export ----------------------------------------------------------------------------------
def _places(database, conn=None, schema: str = "pkg") -> Places:
    """Places of the rows in the package (attached as `schema`, or open as `conn`); only the
    columns scope needs are read; parents missing from it are looked up in `database`."""
    run = (lambda sql: conn.execute(sql).fetchall()) if conn is not None else \
        (lambda sql: database.execute_sql(sql).fetchall())
    prefix = "" if conn is not None else f"{schema}."
    tables = {}
    for spec in specs():
        need = ["id"] + {"county": ["norm_name"], "township": ["county_id", "norm_name"],
                         "village": ["township_id", "name"]}.get(spec.name, [spec.scope_via] if spec.scope_via else [])
        have = {r[1] for r in run(f'PRAGMA {prefix}table_info("{spec.name}")')}
        if not have:
            continue
        sel = ", ".join(f'"{c}"' if c in have else "NULL" for c in need)
        tables[spec.name] = (need, run(f'SELECT {sel} FROM {prefix}"{spec.name}"'))
    return Places(database, tables)


def _drop_ids(run, table: str, ids: list, prefix: str = "") -> None:
    if ids:
        run(f'DELETE FROM {prefix}"{table}" WHERE id IN (SELECT value FROM json_each(?))', (json.dumps(ids),))


def _out_of_scope(places: Places, scope: Scope, report: Report | None = None) -> dict[str, list]:
    """{table: ids} of the rows the scope does not hold (counted as refused in `report`)."""
    out = {}
    for spec in specs():
        where = places.of(spec.name)
        bad = {k for k in {k for k, _ in where.values()} if not scope.holds(k)}
        if bad:
            rows = [(rid, vid) for rid, (k, vid) in where.items() if k in bad]
            out[spec.name] = [rid for rid, _ in rows]
            if report is not None:
                for _, vid in rows:
                    report.count("refused", spec.name, places.village_names.get(vid) if vid else None)
    return out


def export_package(path, passphrase: str, to: str | None = None, township: str | None = None,
                   progress=None) -> dict:
    """Write a package of everything in scope (or a county's one-township share, or only what the
    peer `to` is not known to hold). Returns a summary {file, rows, tables}."""
    from rural_cadre_desktop.core.outputs import check_target
    from rural_cadre_desktop.core.regions import norm_township
    check_target(path)
    database = dbmod.database
    inst = installation()
    if not inst["county"]:
        raise UserError("本数据库还没有设置乡镇，不能导出同步包；请先运行 init", "the installation is not set up")
    share = norm_township(township) if township else None
    if share and inst["role"] != "county" and share != inst["township_norm"]:
        raise UserError(f"乡镇安装只能导出本乡镇的数据，不能导出“{township}”",
                        "a township installation exports only its own township")
    peer = vectors.find_peer(to) if to else None
    note = progress or (lambda m: None)
    work = package.work_path(dbmod.db_path().parent, "export")
    names = [s.name for s in specs()]
    try:
        note("正在读取数据")
        conn = package.snapshot(database, work)
        try:
            vector = vectors.local_vector(database)      # after the copy: it covers every stamp in it
            run = lambda sql, params=(): conn.execute(sql, params).fetchall()
            shrunk = False
            if share:
                places = _places(database, conn)
                if f"{inst['county_norm']}/{share}" not in places.town_key.values():
                    raise UserError(f"没有名为“{township}”的乡镇，请核对乡镇名称", f"no township {township!r}")
                for t, ids in _out_of_scope(places, Scope("township", inst["county_norm"], share)).items():
                    _drop_ids(run, t, ids)
                    shrunk = True
            if peer:
                known = json.dumps(peer.get("vector", {}))
                for t in names:
                    run(f'DELETE FROM "{t}" WHERE modified_at <= coalesce(json_extract(?, '
                        "'$.\"' || substr(modified_at, 23) || '\"'), '')", (known,))
                shrunk = True
            manifest = package.finish(conn, {
                "schema": _schema(), "source": inst, "vector": vector, "share": share,
                "to": peer.get("node") if peer else None,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}, names)
            if shrunk:
                conn.execute("VACUUM")
        finally:
            conn.close()
        note("正在加密写入")
        package.seal_to(work, path, passphrase)
    finally:
        package.discard(work)
    counts = manifest["counts"]
    rows = sum(counts.values())
    store.audit("sync-export", f"{Path(path).name} rows={rows}" + (f" share={township}" if township else "")
                + (f" to={peer.get('node')}" if peer else ""))
    return {"file": str(path), "rows": rows, "tables": {n: c for n, c in counts.items() if c}}


def _schema() -> int:
    from rural_cadre_desktop.core.migrations import SCHEMA_VERSION
    return SCHEMA_VERSION


# -- import ----------------------------------------------------------------------------------
@dataclass
class Package:
    manifest: dict
    work: Path            # the decrypted copy (a SQLite file beside the database)

    def close(self) -> None:
        package.discard(self.work)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def load(path, passphrase: str, work_dir) -> Package:
    """Decrypt and verify a package into a work file in `work_dir` (the database's folder) before
    any database is touched. Raises UserError: nothing changed."""
    work = package.work_path(work_dir, "import")
    return Package(package.open_to(path, passphrase, work), work)


def _normalise(database) -> None:
    """Give the attached package this program's columns: a package from an older schema is
    upgraded here (missing columns get their defaults; the name key is computed)."""
    for spec in specs():
        have = package.table_columns(database, spec.name)
        if not have:
            database.execute_sql(f'CREATE TABLE pkg."{spec.name}" AS SELECT * FROM main."{spec.name}" WHERE 0')
            continue
        fields = {f.column_name: f for f in spec.model._meta.sorted_fields}
        for c in spec.columns:
            if c not in have:
                d = fields[c].default
                database.execute_sql(f'ALTER TABLE pkg."{spec.name}" ADD COLUMN "{c}"')
                database.execute_sql(f'UPDATE pkg."{spec.name}" SET "{c}" = ?', (d() if callable(d) else d,))
                if spec.name == "person" and c == "name_pinyin":
                    from rural_cadre_desktop.core.people import name_pinyin
                    rows = database.execute_sql('SELECT id, name FROM pkg.person').fetchall()
                    database.cursor().executemany('UPDATE pkg.person SET name_pinyin = ? WHERE id = ?',
                                                  [(name_pinyin(n or ""), i) for i, n in rows])


def _share_scope(manifest: dict) -> dict:
    """The installation a package makes of a new PC: the share's township, else the sender's scope."""
    src, share = dict(manifest.get("source", {})), manifest.get("share")
    if share:
        return {**src, "role": "township", "township_norm": share}
    return src


def _township_name(run, share: str) -> str:
    from rural_cadre_desktop.core.regions import norm_township
    return next((n for (n,) in run("SELECT name FROM township") if norm_township(n) == share), share)


def clone_into(pkg: Package, path, dry_run: bool = False, progress=None) -> Report:
    """Set up a new PC from a package: the verified copy becomes the database (as fast as copying
    it), with its own new node id and the package's scope; rows outside that scope are refused."""
    path = Path(path)
    if path.exists():
        raise UserError(f"{path} 已存在，不能用同步包新建；请换一个新的文件名", f"{path} exists")
    note = progress or (lambda m: None)
    inst = _share_scope(pkg.manifest)
    report = Report(source=pkg.manifest.get("source", {}), new_installation=True, dry_run=dry_run)
    note("正在检查范围")
    conn = sqlite3.connect(str(pkg.work), isolation_level=None)
    try:
        run = lambda sql, params=(): conn.execute(sql, params).fetchall()
        if pkg.manifest.get("share"):
            inst["township"] = _township_name(run, inst["township_norm"])
        scope = _scope(inst)
        names = dict(run("SELECT id, name FROM village"))
        conn.execute("BEGIN")
        village_key = dict(run("SELECT v.id, c.norm_name || '/' || t.norm_name FROM village v "
                               "LEFT JOIN township t ON t.id = v.township_id LEFT JOIN county c ON c.id = t.county_id"))
        refuse = {}
        for spec in specs():
            regions = spec.name in ("county", "township")
            sql = region_key_sql(spec.name) if regions else village_sql(spec.name)
            col = "tkey" if regions else "vid"
            bad = set()
            for where, rows, live in run(f"SELECT {col}, count(*), total(NOT deleted) FROM ({sql}) GROUP BY 1"):
                tkey = where if regions else (village_key.get(where) if where else None)
                vid = None if regions else where
                if not scope.holds(tkey):
                    bad.add(where)
                    report.count("refused", spec.name, names.get(vid), rows)
                elif live:
                    report.count("added", spec.name, names.get(vid), int(live))
            if bad:
                refuse[spec.name] = [r[0] for r in run(
                    f"SELECT id FROM ({sql}) WHERE {col} IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(bad)),))]
        for t, ids in reversed(refuse.items()):     # children first: their place comes from parents
            _drop_ids(run, t, ids)
        vector = vectors.join(pkg.manifest.get("vector", {}))
        newest = max((v for v in vector.values() if v <= future_limit()), default="")
        conn.execute("DROP TABLE IF EXISTS _manifest")
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    if dry_run:
        return report
    os.replace(pkg.work, path)
    try:
        database = store.open_store(path, create=False)   # a whole ledger already; migrates a package of an older schema (after a backup)
        from rural_cadre_desktop.core.setup import init_installation
        with database.atomic():
            if newest:
                store.new_stamp(database, [newest])   # this PC's clock starts after every stamp it holds
            init_installation(inst["county"], inst["township"], None, inst.get("role") or "township")
            vectors.remember(vector)
            vectors.remember_peer(pkg.manifest.get("source", {}), vector)
            store.audit("sync-import", f"from {report.source.get('node')} new installation " +
                        " ".join(f"{k}={v}" for k, v in report.as_dict()["totals"].items()))
    except BaseException:
        dbmod.close()                            # a PC being set up keeps no half-made database
        package.discard(path)
        raise
    return report


def import_package(pkg: Package, dry_run: bool = False, progress=None) -> Report:
    """Merge a loaded package into the open store in one transaction after a backup (or, dry_run,
    compute the report and roll back)."""
    from rural_cadre_desktop.core.setup import is_initialised
    from rural_cadre_desktop.core.sync.merge import merge
    database = dbmod.database
    note = progress or (lambda m: None)
    if not is_initialised():
        raise UserError("本数据库还没有设置乡镇；用同步包新建第二台电脑时请给一个新的数据库文件名",
                        "the database is not set up; import into a new file to set up a PC")
    report = Report(source=pkg.manifest.get("source", {}), dry_run=dry_run)
    _check_before(database)
    if not dry_run:
        note("正在备份")
        report.backup = str(_backup())
    note("正在准备")
    package.unconstrain(pkg.work, [s.name for s in specs()])
    sender_vector = vectors.join(pkg.manifest.get("vector", {}))
    scope = _scope(installation())
    package.attach(database, pkg.work)
    try:
        with database.atomic() as txn:
            _normalise(database)
            note("正在检查范围")
            places = _places(database)
            for t, ids in _out_of_scope(places, scope, report).items():
                _drop_ids(database.execute_sql, t, ids, prefix="pkg.")
            local_vector = vectors.local_vector(database)
            note("正在合并")
            merge(database, sender_vector, local_vector, report, places)
            vectors.remember(sender_vector)
            vectors.remember_peer(pkg.manifest.get("source", {}), sender_vector)
            store.audit("sync-import", f"from {report.source.get('node')} " +
                        " ".join(f"{k}={v}" for k, v in report.as_dict()["totals"].items()))
            if dry_run:
                txn.rollback()
    except Exception as e:
        from peewee import IntegrityError
        if isinstance(e, IntegrityError):
            raise UserError("同步包里的数据与本机数据有无法自动合并的重复记录，已全部撤销、数据没有改动；"
                            "请把本机和对方的数据库交技术支持处理", f"sync merge failed: {e}") from e
        raise
    finally:
        package.detach(database)
    return report


def _check_before(database) -> None:
    try:
        from rural_cadre_desktop.core.check import full_check
    except ImportError:
        return
    problems = full_check(database)
    if problems:
        raise UserError(f"本机数据库检查发现问题（{problems[0]}），不能导入同步包；请先从备份恢复或联系技术支持",
                        "the database check found problems; not importing")


def _backup():
    try:
        from rural_cadre_desktop.core.backup import auto_backup
    except ImportError:
        from rural_cadre_desktop.core.db import auto_backup
    return auto_backup("before-sync")
