"""台账 as printed ledgers: A4 landscape, title, 填报单位 and date line, 序号 column, the header row
repeated on every page (Table repeatRows), "第 N 页" at the foot."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table, TableStyle

from rural_cadre_desktop.core.ledgers.standard import Ledger
from rural_cadre_desktop.reports.common import folio_footer, para, pdf_target
from rural_cadre_desktop.reports.fonts import FontSet, font_set

MARGIN = 15 * mm
CELL = 9            # 小五 — a ledger has many columns
HEAD = 9.5


def ledger_story(ledger: Ledger, fonts: FontSet, width: float) -> list:
    total = sum(w for _, w in ledger.columns)
    widths = [width * w / total for _, w in ledger.columns]
    head = [para(fonts, h, HEAD, "center") for h, _ in ledger.columns]
    body = [[para(fonts, v, CELL, "center" if len(v) <= 4 else "left") for v in row] for row in ledger.rows]
    if not body:
        body = [[para(fonts, "（无记录）", CELL, "center")] + [""] * (len(widths) - 1)]
    table = Table([head] + body, colWidths=widths, repeatRows=1, hAlign="CENTER", splitInRow=1)
    cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if not ledger.rows:
        cmds.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(cmds))
    line = Table([[para(fonts, f"填报单位：{ledger.filing_unit}", 11),
                   para(fonts, f"填报日期：{ledger.date}", 11, "right")]], colWidths=[width / 2] * 2)
    line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [para(fonts, ledger.title, 18, "center", leading=24), Spacer(1, 3 * mm), line, Spacer(1, 2 * mm), table]


class LedgerDoc(BaseDocTemplate):
    def __init__(self, target, fonts: FontSet, title: str, **kw):
        super().__init__(target, pagesize=landscape(A4), title=title, **kw)
        w, h = landscape(A4)
        self.frame_width = w - 2 * MARGIN
        frame = Frame(MARGIN, MARGIN + 5 * mm, self.frame_width, h - 2 * MARGIN - 5 * mm, 0, 0, 0, 0)
        footer = folio_footer(fonts, 10, lambda n: f"第 {n} 页")
        self.addPageTemplates([PageTemplate("ledger", [frame], onPage=footer)])


def build_ledger(target, ledger: Ledger, fonts: FontSet | None = None) -> None:
    fonts = fonts or font_set()
    target = pdf_target(target)
    doc = LedgerDoc(target, fonts, ledger.title)
    doc.build(ledger_story(ledger, fonts, doc.frame_width))
