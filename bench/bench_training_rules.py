"""Training rules at county size: `rules.evaluate(year)` over S sitting secretaries (one per village,
plus as many past ones), R returnees and A attendance rows, against the floor — the plain SELECT of
every live attendance row joined with its training, fetched (what any evaluation must at least read).

Usage: python bench/bench_training_rules.py [S] [A] [R]   (default 3000 secretaries, 20000 rows, 5000 returnees)
"""
import os
import random
import sys
import tempfile
import time

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.models import (
    Attendance,
    Person,
    Returnee,
    TrainingSession,
    Village,
    VillageCadre,
    new_id,
)
from rural_cadre_desktop.core.regions import home_township
from rural_cadre_desktop.core.setup import init_installation

S = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
A = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
R = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
rnd = random.Random(12)

database = store.open_store(os.path.join(tempfile.mkdtemp(), "bench.db"))
init_installation("洛南县", "石门镇", role="county")
tid = home_township().id
villages = [(new_id(), tid, f"村{i}", f"村{i}", i) for i in range(S)]
people = [(new_id(), "张三", "zs", "0", "zhang san", villages[i % S][0]) for i in range(2 * S + R)]
cadres = []
for i, v in enumerate(villages):
    cadres.append((new_id(), people[i][0], v[0], "secretary", 0, "2015-01-01", "2020-12-31"))     # past term
    cadres.append((new_id(), people[S + i][0], v[0], "secretary", 0, "2021-01-01", None))          # sitting
levels = ("county", "county", "city", "province", "township")
trainings = [(new_id(), f"培训{i}", "rotation", levels[i % 5], rnd.choice(["secretary", "returnee", "mixed"]),
              f"{y}-{m:02d}-01", f"{y}-{m:02d}-0{d}", float(d), "1" if i % 7 == 0 else None)
             for i, (y, m, d) in enumerate((rnd.choice((2024, 2025, 2026)), rnd.randint(1, 12), rnd.randint(1, 7))
                                           for _ in range(300))]
pairs = set()
while len(pairs) < A:
    pairs.add((rnd.choice(trainings)[0], rnd.choice(people)[0]))
attendance = [(new_id(), t, p, rnd.choice([None, None, 2.0, 3.0])) for t, p in pairs]
with database.atomic():
    store.bulk_insert(Village, ["township_id", "name", "norm_name", "sort_order"], [v[:1] + v[1:] for v in villages])
    store.bulk_insert(Person, ["name", "name_initials", "name_strokes", "name_pinyin", "village_id"], people)
    store.bulk_insert(VillageCadre, ["person_id", "village_id", "post", "holds_both_posts", "term_start", "term_end"],
                      cadres)
    store.bulk_insert(Returnee, ["person_id", "status"], [(new_id(), p[0], "away") for p in people[2 * S:]])
    store.bulk_insert(TrainingSession, ["name", "kind", "level", "target", "start_date", "end_date", "days",
                                        "outside_county"], trainings)
    store.bulk_insert(Attendance, ["training_id", "person_id", "attended_days"], attendance)

from rural_cadre_desktop.core.trainings import rules


def best(fn, n=5):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


app, rows = best(lambda: rules.evaluate(2026))
floor, fetched = best(lambda: database.execute_sql(
    "SELECT a.person_id, a.attended_days, t.days, t.level, t.end_date, t.outside_county FROM attendance a "
    "JOIN training_session t ON t.id = a.training_id WHERE a.deleted = 0 AND t.deleted = 0").fetchall())
summary, _ = best(lambda: rules.village_summary(rows))
dh, _ = best(lambda: rules.double_hundred_progress(2026))
print(f"evaluate(2026): {app * 1000:.0f} ms for {len(rows)} rows "
      f"({S} sitting secretaries × 2 rules + {R} returnees + 1; {A} attendance rows, {len(trainings)} trainings)")
print(f"village_summary: {summary * 1000:.0f} ms; double_hundred_progress: {dh * 1000:.0f} ms")
print(f"floor, plain SELECT of the {len(fetched)} attendance rows with their training: {floor * 1000:.0f} ms  "
      f"ratio {app / floor:.1f}x")
