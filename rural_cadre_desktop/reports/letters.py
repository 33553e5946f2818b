"""邀请函 per GB/T 9704-2012: A4, text block 156 × 225 mm at 28 mm / 37 mm, 22 lines of 28
characters of 3号 (16 pt), title 2号 (22 pt), page number "— 1 —" in 4号 7 mm below the block.

reportlab's Paragraph has no character spacing, and 28 × 16 pt is 158 mm, so a Paragraph can only
fit 27 characters. The letter is therefore laid out on the standard's own grid here: lines are
broken by measured advance with a Tc of about −0.07 mm per character (line-start/-end punctuation
rules, digit runs kept whole), paginated 22 lines a page, and each page is one flowable drawing
text objects directly — which is also far cheaper than Paragraph wrapping for 1,000 letters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from rural_cadre_desktop.core.letter_template import LetterText
from rural_cadre_desktop.reports.common import pdf_target
from rural_cadre_desktop.reports.fonts import Advances, FontSet, font_set

PAGE_W, PAGE_H = A4
LEFT, TOP = 28 * mm, 37 * mm
BLOCK_W, BLOCK_H = 156 * mm, 225 * mm
LINES, CHARS = 22, 28
PITCH = BLOCK_H / LINES                       # ≈ 28.99 pt
BODY, TITLE, FOLIO = 16.0, 22.0, 14.0         # 3号, 2号, 4号
TC = (BLOCK_W - CHARS * BODY) / CHARS         # ≈ −0.207 pt = −0.073 mm per character
ASCENT = 0.88                                 # baseline sits 0.88 em below the em box top
SEAL_LINES = 2                                # room for the seal above the signature

NO_START = set("，。、；：？！）》」』”’〕】…—·%,.;:?!)]}")
NO_END = set("（《「『“‘〔【([{")
_TOKEN = re.compile(r"[A-Za-z0-9@._%+\-/:#]+|.", re.S)


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    x: float            # from the block's left edge
    tc: float


class Metrics:
    """Advances of characters in em, cached per character (fallback fonts have other widths)."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._adv = Advances(fonts)
        self.adv = self._adv.__getitem__

    def width(self, text: str, size: float, tc: float) -> float:
        return sum(map(self.adv, text)) * size + tc * len(text)


def break_lines(m: Metrics, text: str, size: float, tc: float, width: float, indent: float = 0.0) -> list[str]:
    """Break `text` into lines of at most `width` (the first indented), obeying 禁则."""
    lines: list[str] = []
    cur: list[str] = []
    w, avail = 0.0, width - indent
    for tok in _TOKEN.findall(text):
        tw = m.width(tok, size, tc)
        if cur and w + tw > avail + 0.01:
            carry: list[str] = []
            if tok[0] in NO_START and len(cur) > 1:
                carry.append(cur.pop())          # push the previous character down with it
            while len(cur) > 1 and cur[-1][-1] in NO_END:
                carry.insert(0, cur.pop())
            lines.append("".join(cur))
            cur, avail = carry, width
            w = sum(m.width(t, size, tc) for t in cur)
        cur.append(tok)
        w += tw
    if cur or not lines:
        lines.append("".join(cur))
    return lines


class LetterLayout:
    """Turns LetterText into pages of grid lines. Paragraph wrapping is cached: in a mail-merge the
    body paragraphs are mostly the same for every person."""

    def __init__(self, fonts: FontSet | None = None):
        self.fonts = fonts or font_set()
        self.m = Metrics(self.fonts)
        self._wrap = lru_cache(maxsize=4096)(self._wrap_uncached)

    def _wrap_uncached(self, text, size, tc, indent_chars, align, right_chars=0):
        em = size + tc
        lines = break_lines(self.m, text, size, tc, BLOCK_W - right_chars * em, indent_chars * em)
        out = []
        for i, t in enumerate(lines):
            if align == "center":
                x = (BLOCK_W - self.m.width(t, size, tc)) / 2
            elif align == "right":
                x = BLOCK_W - right_chars * em - self.m.width(t, size, tc)
            else:
                x = indent_chars * em if i == 0 else 0.0
            out.append(Line(t, size, x, tc))
        return tuple(out)

    def pages(self, letter: LetterText) -> list[list[Line | None]]:
        """Lines per page (None is an empty grid line); at most 22 each."""
        flow: list[Line | None] = list(self._wrap(letter.title, TITLE, 0.0, 0, "center"))
        flow.append(None)
        flow += self._wrap(letter.salutation, BODY, TC, 0, "left")
        for para in letter.body:
            flow += self._wrap(para, BODY, TC, 2, "left")
        # Signature and date stay together with the seal room above them (右空四字 for the date).
        date = self._wrap(letter.date, BODY, TC, 0, "right", 4) if letter.date else ()
        signer = ()
        if letter.signer:
            d_w = self.m.width(letter.date, BODY, TC) if letter.date else 0
            s_w = self.m.width(letter.signer, BODY, TC)
            right = 4 * (BODY + TC) + max(0.0, (d_w - s_w) / 2)   # centred over the date
            signer = tuple(Line(t.text, t.size, BLOCK_W - right - self.m.width(t.text, BODY, TC), TC)
                           for t in self._wrap(letter.signer, BODY, TC, 0, "left"))
        closing = [None] * SEAL_LINES + list(signer) + list(date)
        note = list(self._wrap(letter.note, BODY, TC, 2, "left")) if letter.note else []
        pages, page = [], []
        for line in flow:
            if len(page) == LINES:
                pages.append(page)
                page = []
            page.append(line)
        if len(page) + len(closing) > LINES:     # never leave a signature alone without its seal room
            pages.append(page)
            page = []
        page += closing
        for line in note:
            if len(page) == LINES:
                pages.append(page)
                page = []
            page.append(line)
        pages.append(page)
        return pages


class LetterPage(Flowable):
    """One page of one letter, filling the text block; tells the page template its folio."""

    def __init__(self, lines, folio: int, of: int, metrics: Metrics):
        super().__init__()
        self.lines, self.folio, self.of, self.m = lines, folio, of, metrics

    def wrap(self, aw, ah):
        return BLOCK_W, BLOCK_H - 0.5

    def draw(self):
        # Text operators are written here rather than through textOut: textOut measures every
        # string again to move its cursor (which we never use, lines are placed on the grid), and
        # a run spanning two 256-glyph subsets must be placed piece by piece anyway, because text
        # extractors (pdfminer) drop the Tc after each Tj string's last glyph.
        c = self.canv
        c._doctemplate_folio = (self.folio, self.of)
        doc, esc, m = c._doc, c._escape, self.m
        code = ["BT"]
        top = BLOCK_H - 0.5
        cur_font, cur_tc = None, None
        for i, line in enumerate(self.lines):
            if line is None or not line.text:
                continue
            size = line.size
            y = top - i * PITCH - (PITCH - size) / 2 - ASCENT * size
            x = line.x
            if line.tc != cur_tc:
                code.append("%.4f Tc" % line.tc)
                cur_tc = line.tc
            for fname, run in m.fonts.runs(line.text):
                font = getFont(fname)
                k = 0
                for subset, chunk in font.splitString(run, doc):
                    part = run[k:k + len(chunk)] if len(chunk) != len(run) else run
                    code.append("1 0 0 1 %.3f %.3f Tm" % (x, y))
                    sub = (font.getSubsetInternalName(subset, doc), size)
                    if sub != cur_font:
                        code.append("%s %.1f Tf" % sub)
                        cur_font = sub
                    code.append("(%s) Tj" % esc(chunk))
                    x += m.width(part, size, line.tc)
                    k += len(chunk)
        code.append("ET")
        c._code.append("\n".join(code))        # what canvas.drawText does with a text object's code


def _folio(canvas, doc):
    folio, of = getattr(canvas, "_doctemplate_folio", (1, 1))
    if of <= 1:
        return
    text = f"— {folio} —"
    w = canvas.stringWidth(text, doc.fonts.name, FOLIO)
    y = PAGE_H - TOP - BLOCK_H - 7 * mm - ASCENT * FOLIO
    # 单页码居右空一字，双页码居左空一字
    x = LEFT + BLOCK_W - FOLIO - w if folio % 2 else LEFT + FOLIO
    canvas.setFont(doc.fonts.name, FOLIO)
    canvas.drawString(x, y, text)


class LetterDoc(BaseDocTemplate):
    def __init__(self, target, fonts: FontSet, **kw):
        super().__init__(target, pagesize=A4, leftMargin=LEFT, rightMargin=PAGE_W - LEFT - BLOCK_W,
                         topMargin=TOP, bottomMargin=PAGE_H - TOP - BLOCK_H, title="邀请函",
                         author=kw.pop("author", ""), **kw)
        self.fonts = fonts
        frame = Frame(LEFT, PAGE_H - TOP - BLOCK_H, BLOCK_W, BLOCK_H, 0, 0, 0, 0, id="text")
        self.addPageTemplates([PageTemplate("letter", [frame], onPageEnd=_folio)])


def letter_story(letters, layout: LetterLayout, progress=None, cancelled=None) -> list:
    story = []
    for n, letter in enumerate(letters):
        if cancelled and cancelled():
            raise InterruptedError
        pages = layout.pages(letter)
        story += [LetterPage(lines, k + 1, len(pages), layout.m) for k, lines in enumerate(pages)]
        if progress:
            progress(n + 1)
    return story


def build_letters(target, letters, fonts: FontSet | None = None, author: str = "",
                  progress=None, cancelled=None) -> None:
    """All letters into one PDF (a path or a file object); each letter starts a new page."""
    layout = LetterLayout(fonts)
    target = pdf_target(target)
    doc = LetterDoc(target, layout.fonts, author=author)
    doc.build(letter_story(letters, layout, progress, cancelled))
