"""一人一档 archive sheet in the shape of the 干部任免审批表: one bordered 7-column table with merged
cells and a photo box, the résumé as one row per entry (so a long résumé flows onto the next page
between rows instead of being cut), family table, then the reserve parts (推荐方式, 培养措施,
帮带人, 考察评议). `sheet_story` is reused by the village book.

The head rows are three label/value pairs each beside the photo, as in the newer 任免审批表 that
has 政治面貌 beside 入党时间: 姓名 性别 出生年月(岁) / 民族 籍贯 出生地 / 政治面貌 入党时间 参加工作时间 /
健康状况 专业技术职务 熟悉专业有何专长. Values that must not split (dates, "1992.02（34岁）", ID
numbers, phones) are `one_line` cells: reportlab's CJK wrapping breaks between any two characters,
digits included, so such a cell is shrunk to fit its column instead of wrapped.
"""
from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageTemplate, Spacer, Table, TableStyle

from rural_cadre_desktop.core.documents import Archive
from rural_cadre_desktop.reports.common import folio_footer, para, pdf_target
from rural_cadre_desktop.reports.fonts import FontSet, font_set

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 18 * mm, 20 * mm
FRAME_H = A4[1] - MARGIN_TOP - MARGIN_BOTTOM
COLS = [20 * mm, 25 * mm, 21 * mm, 25 * mm, 22 * mm, 33 * mm, 24 * mm]     # 170 mm
SIZE = 11            # values; labels in 五号 like the paper form
LABEL = 10.5
PAD = 3              # left/right cell padding, pt
MIN_SIZE = 7.5       # a one-line value is never shrunk below this (then it breaks, see one_line)
LINE, THICK = 0.6, 1.2
PHOTO_W, PHOTO_H = 22 * mm, 32 * mm
MIN_FAMILY_ROWS = 4
MIN_RESUME_ROWS = 5           # the form's résumé box has room to write by hand


def _photo(a: Archive, fonts: FontSet):
    if a.photo:
        try:
            img = Image(io.BytesIO(a.photo))
            scale = min(PHOTO_W / img.imageWidth, PHOTO_H / img.imageHeight)
            img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
            return img
        except Exception:          # an unreadable picture must not stop the sheet from printing
            pass
    return para(fonts, "照\n片", SIZE, "center", leading=SIZE * 2)


def text_width(fonts: FontSet, text: str, size: float) -> float:
    """Advance of `text` as drawn (characters the main font lacks measured in their fallback)."""
    return sum(stringWidth(t, f, size) for f, t in fonts.runs(text))


def one_line(fonts: FontSet, text: str, size: float, width: float, align: str = "center",
             break_before: str = "（"):
    """A cell value kept on one line within `width` points: at `size` when it fits, else shrunk to
    fit (not below MIN_SIZE); a value too long even then breaks only before `break_before`
    ("1992.02" / "（34岁）"), else wraps as a last resort."""
    text = str(text or "")
    w = text_width(fonts, text, size)
    if w <= width:
        return para(fonts, text, size, align, leading=size * 1.35)
    fit = int(size * width / w * 10) / 10           # rounded down: reportlab must not wrap it
    if fit >= MIN_SIZE:
        return para(fonts, text, fit, align, leading=size * 1.35)
    k = text.find(break_before)
    if k > 0:
        head, tail = text[:k], text[k:]
        fit = min(size, int(size * width / max(text_width(fonts, head, size), text_width(fonts, tail, size)) * 10) / 10)
        return para(fonts, head + "\n" + tail, max(fit, MIN_SIZE), align, leading=size * 1.2)
    return para(fonts, text, MIN_SIZE, align, leading=MIN_SIZE * 1.3)


def sheet_rows(a: Archive, fonts: FontSet):
    """(rows, style commands) of the sheet's one table."""
    def L(text):      # a label cell
        return para(fonts, text, LABEL, "center", leading=LABEL * 1.2)

    def V(text, align="center"):
        return para(fonts, text, SIZE, align, leading=SIZE * 1.35)

    def V1(text, c0, c1=None):    # a value that must stay on one line, in columns c0..c1
        return one_line(fonts, text, SIZE, sum(COLS[c0:(c1 if c1 is not None else c0) + 1]) - 2 * PAD)

    rows, cmds, grid = [], [], []          # grid: (first, last) row ranges ruled as a full grid

    def add(cells, spans=(), ruled=True):
        r = len(rows)
        rows.append(cells + [""] * (7 - len(cells)))
        for c0, c1 in spans:
            cmds.append(("SPAN", (c0, r), (c1, r)))
        if ruled:
            grid.append(r)
        return r

    add([L("姓名"), V(a.name), L("性别"), V(a.sex), L("出生年月\n（岁）"), V1(a.birth, 5), _photo(a, fonts)])
    add([L("民族"), V(a.ethnicity), L("籍贯"), V(a.native_place), L("出生地"), V(a.birthplace)])
    add([L("政治面貌"), V(a.political), L("入党时间"), V1(a.party_join, 3), L("参加工\n作时间"),
         V1(a.work_start, 5)])
    last = add([L("健康状况"), V(a.health), L("专业技\n术职务"), V(a.tech_title), L("熟悉专业\n有何专长"),
                V(a.specialty)])
    cmds.append(("SPAN", (6, 0), (6, last)))
    e1 = add([L("学历\n学位"), L("全日制\n教育"), V(a.full_time_edu), "", L("毕业院校\n系及专业"),
              V(a.full_time_school)], [(2, 3), (5, 6)])
    e2 = add(["", L("在职\n教育"), V(a.on_job_edu), "", L("毕业院校\n系及专业"), V(a.on_job_school)],
             [(2, 3), (5, 6)])
    cmds.append(("SPAN", (0, e1), (0, e2)))
    add([L("现任\n职务"), V(a.current_post, "left")], [(1, 6)])
    add([L("所在村\n(社区)"), V(a.village), L("联系\n电话"), V1(a.phone, 3), L("身份证号"), V1(a.id_number, 5, 6)],
        [(5, 6)])
    # 简历: one row per entry, no rules between them, the label only in the first row.
    resume = list(a.resume) + [("", "")] * max(0, MIN_RESUME_ROWS - len(a.resume))
    first = len(rows)
    for i, (when, text) in enumerate(resume):
        add([L("简　历") if i == 0 else "", one_line(fonts, when, SIZE, COLS[1] + COLS[2] - 2 * PAD, "left"), "",
             V(text, "left")], [(1, 2), (3, 6)], ruled=False)
    end = len(rows) - 1
    cmds += [("BOX", (0, first), (0, end), LINE, colors.black), ("BOX", (1, first), (6, end), LINE, colors.black),
             ("VALIGN", (0, first), (-1, end), "TOP"),
             ("TOPPADDING", (1, first + 1), (-1, end), 1), ("BOTTOMPADDING", (1, first), (-1, end - 1), 1)]
    after = end + 1
    add([L("奖惩\n情况"), V(a.rewards or "无", "left")], [(1, 6)])
    add([L("年度考\n核结果"), V(a.assessments, "left")], [(1, 6)])
    if a.track or a.recommended_by or a.cultivation or a.mentor or a.reviews:
        add([L("后备\n类别"), V(a.track), "", L("推荐方式"), V(a.recommended_by), L("帮带人"), V(a.mentor)],
            [(1, 2)])
        add([L("培养\n措施"), V(a.cultivation, "left")], [(1, 6)])
        if getattr(a, "vettings", ""):
            add([L("资格\n联审"), V(a.vettings, "left")], [(1, 6)])
        add([L("考察\n评议"), V(a.reviews, "left")], [(1, 6)])

    def block(label_lines, header, body, spans):
        """A ruled sub-table (header row + body rows) whose label in column 0 is written one line
        per row, without rules between: a label in one tall cell (or a spanned one) made a row
        that reportlab split across pages in slivers. The header stays with the first body row."""
        head = len(rows)
        for i, cells in enumerate([header] + body):
            label = label_lines[i] if i < len(label_lines) else ""
            if i == len(body) and i < len(label_lines) - 1:       # more label lines than rows
                label = "\n".join(label_lines[i:])
            add([L(label) if label else ""] + cells, spans, ruled=False)
        end = len(rows) - 1
        # ruled row by row: a rule spanning rows that a page break splits was left open at the break
        for r in range(head, end + 1):
            cmds.extend([("GRID", (1, r), (6, r), LINE, colors.black),
                         ("LINEBEFORE", (0, r), (0, r), LINE, colors.black)])
        cmds.extend([("LINEABOVE", (0, head), (0, head), LINE, colors.black),
                     ("LINEBELOW", (0, end), (0, end), LINE, colors.black), ("NOSPLIT", (0, head), (-1, head + 1)),
                     ("TOPPADDING", (0, head), (0, end), 1), ("BOTTOMPADDING", (0, head), (0, end), 1)])
        return end

    if hasattr(a, "trainings"):                 # the book's sheets (core.reserves.book.SheetArchive)
        block(["培训", "情况"], [L("培训班次"), "", "", "", L("起止时间"), L("参训天数")],
              [[V(name, "left"), "", "", "", V1(when, 5), V1(days, 6)]
               for name, when, days in a.trainings or [("（无参训记录）", "", "")]], [(1, 4)])
    family = list(a.family) + [("", "", "", "", "")] * max(0, MIN_FAMILY_ROWS - len(a.family))
    end = block(["家庭主要", "成员及重", "要社会", "关系"],
                [L("称谓"), L("姓名"), L("出生年月"), L("政治面貌"), L("工作单位及职务")],
                [[V(rel), V(name), V1(birth, 3), V(pol), V(work, "left")] for rel, name, birth, pol, work in family],
                [(5, 6)])
    for r in grid:
        cmds.append(("GRID", (0, r), (6, r), LINE, colors.black))
    cmds += [("VALIGN", (0, 0), (-1, first - 1), "MIDDLE"), ("VALIGN", (0, after), (-1, end), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
             ("BOX", (0, 0), (-1, -1), THICK, colors.black)]
    return rows, cmds


def sheet_story(a: Archive, fonts: FontSet) -> list:
    title = "村级后备干部人才档案表" if a.track else "人才档案表"
    rows, cmds = sheet_rows(a, fonts)
    table = Table(rows, colWidths=COLS, style=TableStyle(cmds), hAlign="CENTER")
    # A row taller than a page (a very long 奖惩情况) must split inside itself or the sheet cannot be
    # laid out; only then splitInRow: with it, reportlab leaves a sliver of the next row and open
    # rules at every page break, even between ordinary rows.
    table.wrap(sum(COLS), 10 ** 6)
    if max(table._rowHeights) > FRAME_H - 60:
        table = Table(rows, colWidths=COLS, style=TableStyle(cmds), splitInRow=1, hAlign="CENTER")
    return [para(fonts, title, 20, "center", leading=24), para(fonts, "（一人一档）", 11, "center"),
            Spacer(1, 3 * mm), table]


class ArchiveDoc(BaseDocTemplate):
    def __init__(self, target, fonts: FontSet, title: str = "一人一档", **kw):
        super().__init__(target, pagesize=A4, title=title, **kw)
        w, h = A4
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0)
        self.fonts = fonts
        self.addPageTemplates([PageTemplate("sheet", [frame], onPage=folio_footer(fonts))])


def build_archive(target, archives: list[Archive], fonts: FontSet | None = None) -> None:
    """One or more people's sheets, each starting on a new page."""
    from reportlab.platypus import PageBreak
    fonts = fonts or font_set()
    story = []
    for i, a in enumerate(archives):
        if i:
            story.append(PageBreak())
        story += sheet_story(a, fonts)
    target = pdf_target(target)
    ArchiveDoc(target, fonts, title=f"一人一档 {archives[0].name}" if archives else "一人一档").build(story)
