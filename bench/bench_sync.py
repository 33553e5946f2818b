"""Sync speed: a full `sync export` + `sync import` into a new PC of an N-returnee township, as two
processes, vs the floor measured in the same run (SQLite backup + AES-GCM encrypt, then decrypt
into a new file, as two processes — the acceptance check's tools/floor_sync.py), plus a merge
import into an existing PC after edits on the sender.

Usage: python bench/bench_sync.py [N]   (default 20000)
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
work = tempfile.mkdtemp()
a, b, pkg, pp = (os.path.join(work, x) for x in ("a.db", "b.db", "pkg", "pp"))
with open(pp, "w", encoding="utf-8") as f:
    f.write("口令口令\n")


def rcd(*args):
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rural_cadre_desktop", *args], check=True, capture_output=True)
    return time.perf_counter() - t


rcd("--db", a, "demo", "--returnees", str(n), "--seed", "10")
con = sqlite3.connect(a)
rows = sum(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for (t,) in con.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall())
ids = [r[0] for r in con.execute("SELECT id FROM returnee LIMIT 2000")]
con.close()
exp = rcd("--db", a, "sync", "export", "-o", pkg, "--passphrase-file", pp, "--full")
imp = rcd("--db", b, "sync", "import", pkg, "--passphrase-file", pp)

EXPORT = r'''
import os, sqlite3, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
src, work = sys.argv[1:3]
s = sqlite3.connect(src); d = sqlite3.connect(work + "/tmp.db"); s.backup(d); d.close()
nonce = os.urandom(12)
open(work + "/floor.pkg", "wb").write(nonce + AESGCM(bytes(32)).encrypt(nonce, open(work + "/tmp.db", "rb").read(), None))
'''
IMPORT = r'''
import sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
work = sys.argv[1]
b = open(work + "/floor.pkg", "rb").read()
open(work + "/new.db", "wb").write(AESGCM(bytes(32)).decrypt(b[:12], b[12:], None))
'''
t = time.perf_counter()
subprocess.run([sys.executable, "-c", EXPORT, a, work], check=True)
subprocess.run([sys.executable, "-c", IMPORT, work], check=True)
floor = time.perf_counter() - t

# a merge: 2,000 returnees edited on A, then A's full package into B (which holds everything else)
EDIT = r'''
import sys
from rural_cadre_desktop.core import db, models, store
store.open_store(sys.argv[1])
with db.database.atomic():
    for rid in sys.argv[2:]:
        store.update(models.Returnee.get_by_id(rid), {"work_place": "广东深圳"})
'''
subprocess.run([sys.executable, "-c", EDIT, a, *ids], check=True)
exp2 = rcd("--db", a, "sync", "export", "-o", pkg, "--passphrase-file", pp)
merge = rcd("--db", b, "sync", "import", pkg, "--passphrase-file", pp)

print(f"township of {n} returnees ({rows} rows), package {os.path.getsize(pkg) / 1e6:.1f} MB")
print(f"full export {exp:.2f} s + import into a new PC {imp:.2f} s = {exp + imp:.2f} s")
print(f"floor (backup + AES-GCM, decrypt into a new file; two processes): {floor:.2f} s  "
      f"ratio {(exp + imp) / floor:.2f}x (goal <= 5x)")
print(f"merge: 2000 returnees edited on A, export {exp2:.2f} s + import into B {merge:.2f} s")
