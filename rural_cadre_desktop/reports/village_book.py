"""一村一册: a cover (village, township, year), the roster of the village's reserve cadres, then
each one's archive sheet on its own pages."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Spacer, Table,
                                TableStyle)

from rural_cadre_desktop.core.documents import VillageBook
from rural_cadre_desktop.reports.archive import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, sheet_story
from rural_cadre_desktop.reports.common import folio_footer, para, pdf_target
from rural_cadre_desktop.reports.fonts import FontSet, font_set

ROSTER = [("序号", 10), ("姓名", 22), ("性别", 11), ("出生年月", 19), ("政治面貌", 26), ("学历", 20),
          ("类别", 30), ("推荐方式", 18), ("入库时间", 17)]         # mm, 173 in all


def cover_story(book: VillageBook, fonts: FontSet) -> list:
    return [Spacer(1, 55 * mm), para(fonts, "一村一册", 36, "center", leading=48), Spacer(1, 8 * mm),
            para(fonts, "村级后备干部人才档案", 22, "center", leading=30), Spacer(1, 40 * mm),
            para(fonts, book.village, 26, "center", leading=34), Spacer(1, 60 * mm),
            para(fonts, book.township, 16, "center", leading=24),
            para(fonts, f"{book.year}年", 16, "center", leading=24)]


def roster_story(book: VillageBook, fonts: FontSet) -> list:
    head = [para(fonts, h, 10.5, "center") for h, _ in ROSTER]
    rows = [[para(fonts, v, 10.5, "center") for v in r] for r in book.roster] or \
        [[para(fonts, "（本村暂无在库后备干部）", 10.5, "center")] + [""] * (len(ROSTER) - 1)]
    t = Table([head] + rows, colWidths=[w * mm for _, w in ROSTER], repeatRows=1)
    cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92))]
    if not book.roster:
        cmds.append(("SPAN", (0, 1), (-1, 1)))
    t.setStyle(TableStyle(cmds))
    return [para(fonts, f"{book.village}村级后备干部名册", 18, "center", leading=24), Spacer(1, 5 * mm), t]


def build_village_book(target, book: VillageBook, fonts: FontSet | None = None) -> None:
    fonts = fonts or font_set()
    w, h = A4
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0)
    target = pdf_target(target)
    doc = BaseDocTemplate(target, pagesize=A4, title=f"一村一册 {book.village}")
    doc.addPageTemplates([PageTemplate("cover", [frame]),
                          PageTemplate("body", [frame], onPage=folio_footer(fonts))])
    story = cover_story(book, fonts) + [NextPageTemplate("body"), PageBreak()] + roster_story(book, fonts)
    for a in book.archives:
        story += [PageBreak()] + sheet_story(a, fonts)
    doc.build(story)
