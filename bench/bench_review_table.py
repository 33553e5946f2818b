"""年度考察评议 page for a county-sized pool: building the page for N reserves (default 3,000)
with the delegate (gui/reserves/review_model.py, one editor for the cell being edited) against the
way it was built before (a combo and a line editor per row as index widgets, reproduced here), next
to the floor: the plain query of the pool (core.reserves.services.review_pool).

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_review_table.py [N]
"""
import datetime as dt
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from rural_cadre_desktop.core import codes, store
from rural_cadre_desktop.core.demo import generate
from rural_cadre_desktop.core.models import Person, ReserveCadre, Village, new_id
from rural_cadre_desktop.core.reserves import services

n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
app = QApplication.instance() or QApplication([])
work = tempfile.mkdtemp()
store.open_store(os.path.join(work, "ledger.db"))
generate(villages=12, returnees=200, seed=5)
db = Person._meta.database
have = ReserveCadre.select().where(ReserveCadre.status == "active").count()
people = [p for (p,) in Person.select(Person.id).where(Person.deleted == False).tuples()]
villages = [v for (v,) in Village.select(Village.id).tuples()]
with db.atomic():                       # memberships up to N (people reused: the page does not care)
    store.bulk_insert(ReserveCadre, ["person_id", "village_id", "track", "status", "entered_date"],
                      ((new_id(), people[i % len(people)], villages[i % len(villages)], "two_committees",
                        "active", "2024-03-15") for i in range(max(0, n - have))))
year = dt.date.today().year


def best(fn, times=3):
    out = []
    for _ in range(times):
        t = time.perf_counter()
        fn()
        app.processEvents()
        out.append(time.perf_counter() - t)
    return min(out)


floor = best(lambda: services.review_pool(year))
rows = len(services.review_pool(year))

from rural_cadre_desktop.gui.reserves.review_table import ReviewPage


def new_page():
    page = ReviewPage()
    page.resize(1000, 700)
    page.show()
    page.load()
    app.processEvents()                  # painted
    page.close()
    page.deleteLater()


def old_page():
    """The page as built before: RowsModel + a QComboBox and a QLineEdit per unrated row."""
    from rural_cadre_desktop.gui.rows_model import RowsModel
    from rural_cadre_desktop.gui.table_views import table_view
    pool = services.review_pool(year)
    model = RowsModel(["姓名", "村(社区)", "类别", "评议等次", "备注"],
                      [(r["name"], r["village"], r["track"], "", "") for r in pool])
    view = table_view(model, "old")
    view.resize(1000, 700)
    view.show()
    view.setTabKeyNavigation(False)
    prev = view
    for i, r in enumerate(pool):
        if r["rating"]:
            continue
        combo = QComboBox()
        combo.addItem("（未评）", None)
        for key, label in codes.REVIEW_RATINGS.items():
            combo.addItem(label, key)
        note = QLineEdit()
        view.setIndexWidget(model.index(i, 3), combo)
        view.setIndexWidget(model.index(i, 4), note)
        QWidget.setTabOrder(prev, combo)
        QWidget.setTabOrder(combo, note)
        prev = note
    view.resizeColumnsToContents()
    app.processEvents()
    view.close()
    view.deleteLater()


new = best(new_page)
old = best(old_page, times=1)
print(f"年度考察评议 of {rows} reserves (best of runs, page built and painted offscreen):")
print(f"  delegate (now):              {new * 1000:8.0f} ms")
print(f"  index widgets (before):      {old * 1000:8.0f} ms   {old / new:.0f}x the delegate")
print(f"  floor, review_pool() query:  {floor * 1000:8.0f} ms   delegate = {new / floor:.1f}x the floor")
