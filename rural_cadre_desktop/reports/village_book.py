"""一村一册: a cover (village, township, year), the roster of the village's reserve cadres, then
each one's archive sheet on its own pages.

Roster columns are sized for their longest usual value in 五号 (dates "2023.08", 中共党员,
村两委后备干部, 个人自荐); dates are `one_line` cells, shrunk rather than wrapped, so "2023.08"
never splits whatever the font."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Spacer, Table,
                                TableStyle)

from rural_cadre_desktop.core.documents import VillageBook
from rural_cadre_desktop.reports.archive import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, one_line, sheet_story
from rural_cadre_desktop.reports.common import folio_footer, para, pdf_target
from rural_cadre_desktop.reports.fonts import FontSet, font_set

ROSTER = [("序号", 10), ("姓名", 19), ("性别", 10), ("出生年月", 19), ("政治面貌", 21), ("学历", 24),
          ("类别", 29), ("推荐方式", 19), ("入库时间", 19)]         # mm, 170 in all (the frame's width)
ONE_LINE = {"序号", "出生年月", "入库时间"}
SIZE, PAD = 10.5, 3


def cover_story(book: VillageBook, fonts: FontSet) -> list:
    return [Spacer(1, 55 * mm), para(fonts, "一村一册", 36, "center", leading=48), Spacer(1, 8 * mm),
            para(fonts, "村级后备干部人才档案", 22, "center", leading=30), Spacer(1, 40 * mm),
            para(fonts, book.village, 26, "center", leading=34), Spacer(1, 60 * mm),
            para(fonts, book.township, 16, "center", leading=24),
            para(fonts, f"{book.year}年", 16, "center", leading=24)]


def roster_story(book: VillageBook, fonts: FontSet) -> list:
    head = [para(fonts, h, SIZE, "center") for h, _ in ROSTER]

    def cell(v, h, w):
        return one_line(fonts, v, SIZE, w * mm - 2 * PAD) if h in ONE_LINE else para(fonts, v, SIZE, "center")
    rows = [[cell(v, h, w) for v, (h, w) in zip(r, ROSTER)] for r in book.roster] or \
        [[para(fonts, "（本村暂无在库后备干部）", SIZE, "center")] + [""] * (len(ROSTER) - 1)]
    t = Table([head] + rows, colWidths=[w * mm for _, w in ROSTER], repeatRows=1)
    cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
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
