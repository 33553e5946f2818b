"""What the table documents (archive sheet, village book, ledgers) share: paragraph styles in the
main font, markup with per-character fallback, and the page-number furniture."""
from __future__ import annotations

import os
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from rural_cadre_desktop.reports.fonts import FontSet

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


@lru_cache(maxsize=64)
def style(font: str, size: float, align: str = "left", leading: float | None = None,
          indent: float = 0.0) -> ParagraphStyle:
    return ParagraphStyle(f"{font}-{size}-{align}-{indent}", fontName=font, fontSize=size,
                          leading=leading or size * 1.3, alignment=ALIGN[align], wordWrap="CJK",
                          firstLineIndent=indent)


def para(fonts: FontSet, text, size: float = 11, align: str = "left", leading: float | None = None,
         indent: float = 0.0) -> Paragraph:
    """A Paragraph of plain text (escaped; characters the main font lacks drawn from a fallback);
    newlines become line breaks."""
    markup = "<br/>".join(fonts.markup(t) for t in str(text or "").split("\n"))
    return Paragraph(markup, style(fonts.name, size, align, leading, indent))


def folio_footer(fonts: FontSet, size: float = 10.5, text_fn=None):
    """onPage callback drawing "— N —" (or text_fn(page)) centred 10 mm above the bottom edge."""
    def draw(canvas, doc):
        text = text_fn(doc.page) if text_fn else f"— {doc.page} —"
        w, _ = doc.pagesize
        canvas.saveState()
        canvas.setFont(fonts.name, size)
        canvas.drawCentredString(w / 2, 10 * mm, text)
        canvas.restoreState()
    return draw


def pdf_target(target):
    """reportlab takes a str path or a file object, not a pathlib.Path."""
    return os.fspath(target) if isinstance(target, os.PathLike) else target
