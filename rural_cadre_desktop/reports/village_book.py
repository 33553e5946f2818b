"""一村一册: a cover (village, township, year); then the village's page: its coverage line (书记后备
人选 yes/no, “待补充” in red), the sitting 两委, the roster of its reserve cadres and the structure of
its pool; then each reserve's archive sheet on its own pages (with the photo in its box, the
资格联审 steps and the training history). The content is core.reserves.book.Book; a plain
core.documents.VillageBook (no cadres, coverage or structure) prints its cover, roster and sheets.

Roster columns are sized for their longest usual value in 五号 (dates "2023.08", 中共党员,
村两委后备干部, 个人自荐); dates are `one_line` cells, shrunk rather than wrapped, so "2023.08"
never splits whatever the font."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

from rural_cadre_desktop.core.documents import VillageBook
from rural_cadre_desktop.reports.archive import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, one_line, sheet_story
from rural_cadre_desktop.reports.common import folio_footer, para, pdf_target
from rural_cadre_desktop.reports.fonts import FontSet, font_set

ROSTER = [("序号", 10), ("姓名", 19), ("性别", 10), ("出生年月", 19), ("政治面貌", 21), ("学历", 24),
          ("类别", 29), ("推荐方式", 19), ("入库时间", 19)]         # mm, 170 in all (the frame's width)
ONE_LINE = {"序号", "出生年月", "入库时间", "任职时间"}
SIZE, PAD = 10.5, 3
CADRES = [("职务", 32), ("姓名", 20), ("性别", 11), ("出生年月", 20), ("学历", 30), ("政治面貌", 30),
          ("任职时间", 27)]                                         # mm, 170
STRUCTURE_FIRST, STRUCTURE_GROUPS = 20, 6                           # 20 mm + 6 × 25 mm = 170
RED = HexColor("#c00000")
LACKING = "待补充"


def cover_story(book: VillageBook, fonts: FontSet) -> list:
    return [Spacer(1, 55 * mm), para(fonts, "一村一册", 36, "center", leading=48), Spacer(1, 8 * mm),
            para(fonts, "村级后备干部人才档案", 22, "center", leading=30), Spacer(1, 40 * mm),
            para(fonts, book.village, 26, "center", leading=34), Spacer(1, 60 * mm),
            para(fonts, book.township, 16, "center", leading=24),
            para(fonts, f"{book.year}年", 16, "center", leading=24)]


def red(p: Paragraph) -> Paragraph:
    """The same paragraph in red (a Paragraph takes its colour when it is made)."""
    return Paragraph(p.text, p.style.clone(p.style.name + "-red", textColor=RED))


def grid_table(fonts: FontSet, columns, data: list[list[str]], empty: str) -> Table:
    """A ruled table with a grey header row; `columns` (header, mm); an empty one says `empty`;
    “待补充” in red."""
    head = [para(fonts, h, SIZE, "center") for h, _ in columns]

    def cell(v, h, w):
        if v == LACKING:
            return red(para(fonts, v, SIZE, "center"))
        return one_line(fonts, v, SIZE, w * mm - 2 * PAD) if h in ONE_LINE else para(fonts, v, SIZE, "center")
    rows = [[cell(v, h, w) for v, (h, w) in zip(r, columns)] for r in data] or \
        [[para(fonts, empty, SIZE, "center")] + [""] * (len(columns) - 1)]
    t = Table([head] + rows, colWidths=[w * mm for _, w in columns], repeatRows=1)
    cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92))]
    if not data:
        cmds.append(("SPAN", (0, 1), (-1, 1)))
    t.setStyle(TableStyle(cmds))
    return t


def heading(fonts: FontSet, text: str) -> list:
    return [Spacer(1, 5 * mm), para(fonts, text, 14, "left", leading=20), Spacer(1, 2 * mm)]


def roster_story(book: VillageBook, fonts: FontSet) -> list:
    return [para(fonts, f"{book.village}村级后备干部名册", 18, "center", leading=24), Spacer(1, 5 * mm),
            grid_table(fonts, ROSTER, book.roster, "（本村暂无在库后备干部）")]


def structure_table(fonts: FontSet, structure) -> Table:
    """One row per dimension: its name, then "label n人 x%" per group (two lines in a cell)."""
    from rural_cadre_desktop.core.reserves.structure import DIMENSIONS, percent
    rows = []
    for d, groups in structure.groups.items():
        cells = [para(fonts, f"{label}\n{n}人 {percent(structure.share(n))}", 9, "center", leading=12)
                 for label, n in groups]
        rows.append([para(fonts, DIMENSIONS[d], SIZE, "center")] + cells + [""] * (STRUCTURE_GROUPS - len(cells)))
    t = Table(rows, colWidths=[STRUCTURE_FIRST * mm] + [(170 - STRUCTURE_FIRST) / STRUCTURE_GROUPS * mm]
              * STRUCTURE_GROUPS)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                           ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.92, 0.92, 0.92))]))
    return t


def village_story(book: VillageBook, fonts: FontSet) -> list:
    """The village's page: coverage, sitting 两委, the roster and the structure of its pool."""
    if not hasattr(book, "cadres"):                 # a plain VillageBook: the roster alone
        return roster_story(book, fonts)
    story = [para(fonts, f"{book.village}村级后备干部队伍情况", 18, "center", leading=24),
             *heading(fonts, "一、后备人选覆盖情况"), para(fonts, book.coverage, SIZE + 0.5, "left", leading=17)]
    if book.lacks_secretary_candidate:
        story.append(red(para(fonts, f"{book.village}目前没有村党组织书记后备人选，待补充。", SIZE + 0.5, "left",
                              leading=17)))
    story += [*heading(fonts, "二、现任村“两委”成员"),
              grid_table(fonts, CADRES, book.cadres, "（未登记现任村两委成员）"),
              *heading(fonts, "三、村级后备干部名册"),
              grid_table(fonts, ROSTER, book.roster, "（本村暂无在库后备干部）")]
    if book.structure is not None:
        story += [*heading(fonts, "四、后备干部结构"), para(fonts, book.structure.summary() + "。", SIZE, "left",
                                                         leading=16), Spacer(1, 2 * mm)]
        if book.structure.total:
            story.append(structure_table(fonts, book.structure))
    return story


def build_village_book(target, book: VillageBook, fonts: FontSet | None = None) -> None:
    fonts = fonts or font_set()
    w, h = A4
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0)
    target = pdf_target(target)
    doc = BaseDocTemplate(target, pagesize=A4, title=f"一村一册 {book.village}")
    doc.addPageTemplates([PageTemplate("cover", [frame]),
                          PageTemplate("body", [frame], onPage=folio_footer(fonts))])
    story = cover_story(book, fonts) + [NextPageTemplate("body"), PageBreak()] + village_story(book, fonts)
    for a in book.archives:
        story += [PageBreak()] + sheet_story(a, fonts)
    doc.build(story)


POOL = [("村(社区)", 34), ("书记后备人选", 28), ("两委后备干部", 28), ("现任村党组织书记", 50), ("书记后备", 30)]


def build_pool_summary(target, summary, fonts: FontSet | None = None) -> None:
    """一乡一库: the coverage of every village (“待补充” in red) and the structure of the pool."""
    fonts = fonts or font_set()
    w, h = A4
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0)
    doc = BaseDocTemplate(pdf_target(target), pagesize=A4, title=f"一乡一库 {summary.township}")
    doc.addPageTemplates([PageTemplate("body", [frame], onPage=folio_footer(fonts))])
    table = grid_table(fonts, POOL, summary.rows, "（还没有村(社区)）")
    lacking = (f"{len(summary.lacking)}个村(社区)缺村党组织书记后备人选（待补充）：{'、'.join(summary.lacking)}"
               if summary.lacking else "每个村(社区)都有村党组织书记后备人选")
    story = [para(fonts, f"{summary.township}村级后备干部队伍情况（一乡一库）", 18, "center", leading=24),
             para(fonts, f"{summary.year}年", 12, "center", leading=18),
             *heading(fonts, "一、后备人选覆盖情况"), para(fonts, f"共{len(summary.rows)}个村(社区)，{lacking}。", SIZE,
                                                       "left", leading=16), Spacer(1, 2 * mm), table,
             *heading(fonts, "二、后备干部结构"),
             para(fonts, summary.structure.summary() + "。", SIZE, "left", leading=16),
             Spacer(1, 2 * mm)]
    if summary.structure.total:
        story.append(structure_table(fonts, summary.structure))
    doc.build(story)
