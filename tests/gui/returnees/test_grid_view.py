"""The "八个一"年度落实 page driven as a clerk would: open it by clicking its tab, change the year
with the keyboard, read what the tables show. The letter and the 思想动态 report are owed by every
returnee (red per person); the 恳谈会, the batches and the items are counted per village (red per
village where none was done) and the 合计 counts villages covered, not people."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from rural_cadre_desktop.core.models import Activity, ActivityParticipant, Person
from rural_cadre_desktop.core.returnees.eight_ones import COUNTING, KINDS, PER_PERSON, PER_VILLAGE

from .test_returnees_tab import click_and_wait, ok_button, pick, select_rows

YEAR = dt.date.today().year
BG = Qt.ItemDataRole.BackgroundRole
SUMMARY_COL = {k: 2 + i for i, k in enumerate(PER_PERSON + PER_VILLAGE)}       # after 村(社区), 人数


def click_page(qtbot, tab, i: int):
    bar = tab.pages.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
    assert tab.pages.currentIndex() == i


def open_grid_page(qtbot, tab):
    click_page(qtbot, tab, 1)
    assert tab.pages.currentWidget() is tab.grid and tab.pages.tabText(1) == "“八个一”年度落实"
    return tab.grid


def red(model, index) -> bool:
    bg = model.data(index, BG)
    return bg is not None and bg.color().name() == "#fde2e1"


def set_year_by_typing(qtbot, view, year: int):
    view.year.setFocus()
    view.year.lineEdit().selectAll()
    qtbot.keyClicks(view.year, str(year))
    qtbot.keyClick(view.year, Qt.Key.Key_Return)
    assert view.year.value() == year


def summary(view) -> dict[str, list[tuple[str, bool]]]:
    """{village or 合计: [(text, red) per column]} as the summary table shows it."""
    m = view.summary_model
    out = {}
    for r in range(m.rowCount()):
        cells = [(m.data(m.index(r, c)), red(m, m.index(r, c))) for c in range(m.columnCount())]
        out[cells[0][0]] = cells
    return out


def done_per_village(year: int) -> dict[str, set[str]]:
    """Independently of the grid's SQL: which per-village kinds each village had this year (its own
    activities and those its people took part in)."""
    names = {p.id: p.village.name for p in Person.select() if p.village_id}
    done: dict[str, set[str]] = {}
    for a in Activity.select().where((Activity.year == year) & (Activity.deleted == False)):  # noqa: E712
        if COUNTING[a.kind] == "person":
            continue
        villages = {a.village.name} if a.village_id else set()
        villages |= {names[ap.person_id] for ap in ActivityParticipant.select().where(
            (ActivityParticipant.activity == a) & (ActivityParticipant.deleted == False))}  # noqa: E712
        for v in villages:
            done.setdefault(v, set()).add(a.kind)
    return done


def test_batches_and_meetings_are_counted_per_village(qtbot, tab):
    view = open_grid_page(qtbot, tab)
    assert view.year.value() == YEAR
    shown = summary(view)
    done = done_per_village(YEAR)
    villages = [v for v in shown if v != "合计"]
    assert len(villages) == 4
    for v in villages:
        for k in PER_VILLAGE:
            text, is_red = shown[v][SUMMARY_COL[k]]
            assert is_red == (k not in done.get(v, set())), (v, k, text)
            assert (text == "未开展") == (is_red and COUNTING[k] in ("meeting", "batch"))
    # the 合计 counts villages covered, not people
    for k in PER_VILLAGE:
        n_done = sum(1 for v in villages if k in done.get(v, set()))
        assert shown["合计"][SUMMARY_COL[k]] == (f"{n_done}/4村", n_done < 4)
    assert shown["合计"][1][0] == str(view.model.total())

    # people × kinds: red only for the letter and the report, never for a batch or a meeting
    m = view.model
    heads = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    col = {k: next(i for i, h in enumerate(heads) if h.replace("\n(每人)", "").replace("参加", "")
                   == {"invitation": "邀请函", "outlook_report": "思想动态", "symposium": "恳谈会", "visit": "慰问",
                       "party_activist": "入党积极分子", "reserve_cultivation": "后备力量",
                       "problem_solved": "实际问题", "suggestion": "意见建议"}[k]) for k in KINDS}
    lacking_letter = 0
    for r in range(m.rowCount()):
        for k in PER_VILLAGE:
            assert not red(m, m.index(r, col[k]))
        for k in PER_PERSON:
            empty = m.data(m.index(r, col[k])) == ""
            assert red(m, m.index(r, col[k])) == empty
            lacking_letter += empty and k == "invitation"
    assert lacking_letter > 0


def test_change_the_year_with_the_keyboard(qtbot, tab):
    view = open_grid_page(qtbot, tab)
    view.year.setFocus()
    qtbot.keyClick(view.year, Qt.Key.Key_Down)                  # last year: the demo did everything
    assert view.year.value() == YEAR - 1
    shown = summary(view)
    assert all(shown["合计"][SUMMARY_COL[k]] == ("4/4村", False) for k in PER_VILLAGE)
    assert all(not is_red for v, cells in shown.items() if v != "合计" for _t, is_red in cells[2 + len(PER_PERSON):])
    assert "年" in view.status.text() and str(YEAR - 1) in view.status.text()

    set_year_by_typing(qtbot, view, 2031)                       # nothing recorded yet
    shown = summary(view)
    for v, cells in shown.items():
        if v == "合计":
            assert all(cells[SUMMARY_COL[k]] == ("0/4村", True) for k in PER_VILLAGE)
            assert cells[-1] == ("4个村有缺项", True)
        else:
            assert all(cells[SUMMARY_COL[k]] == ("未开展", True) for k in ("symposium", "visit"))
            assert cells[SUMMARY_COL["invitation"]] == (f"缺{cells[1][0]}人", True)

    # only those who lack a per-person item, chosen with the keyboard in 显示
    view.missing.setFocus()
    qtbot.keyClick(view.missing, Qt.Key.Key_Down)
    assert view.missing.currentText() == "只看本人有缺项的"
    assert view.model.total() == int(shown["合计"][1][0])      # in an empty year that is everyone


def test_a_logged_visit_covers_that_village_only(qtbot, tab):
    view = open_grid_page(qtbot, tab)
    set_year_by_typing(qtbot, view, 2031)
    click_page(qtbot, tab, 0)
    select_rows(tab, [0])
    pid = tab.model.person_id(0)
    village = Person.get_by_id(pid).village.name
    qtbot.mouseClick(tab.buttons["activity"], Qt.MouseButton.LeftButton)
    dlg = tab.dialog
    assert dlg.year.value() == 2031
    pick(dlg.editors["kind"].widget, "慰问一批优秀代表")
    click_and_wait(qtbot, ok_button(dlg), dlg.saved)
    open_grid_page(qtbot, tab)
    shown = summary(view)
    for v, cells in shown.items():
        if v == "合计":
            assert cells[SUMMARY_COL["visit"]] == ("1/4村", True)
        elif v == village:
            assert cells[SUMMARY_COL["visit"]] == ("1批", False) and "慰问" not in cells[-1][0]
        else:
            assert cells[SUMMARY_COL["visit"]] == ("未开展", True) and "慰问" in cells[-1][0]
    m = view.model
    rows = {m._all[r][0]: r for r in range(m.rowCount())}
    c = m.HEADERS.index("慰问")
    assert m.data(m.index(rows[pid], c)) == "1" and not red(m, m.index(rows[pid], c))
