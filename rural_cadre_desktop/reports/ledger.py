"""台账 as printed ledgers: A4 landscape, title and 填报单位/date line on the first page, a bordered
grid with the header row repeated on every page, "第 N 页，共 M 页" at the foot. Nothing is cut: a
cell's text wraps inside its column (CJK breaks anywhere, an ASCII word — a number — stays whole when
it fits a line, no line starts with closing punctuation) and a row is as tall as its tallest cell;
a row taller than a page continues on the next.

Drawn on the canvas directly rather than as a platypus Table of Paragraphs: Paragraph wrapping
per cell made a 5,000-row ledger take 4× a plain canvas grid. Here each character's advance is
measured once, wrapped lines and their encoded text are cached per distinct string, and the page is
written as PDF operators (as reports/letters.py does). Characters the main font lacks are drawn
from a fallback font (FontSet.runs), so 䶮 and 𠇔 print and copy as themselves."""
from __future__ import annotations

import os
from typing import Callable

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from rural_cadre_desktop.core.ledgers.standard import Ledger
from rural_cadre_desktop.reports.fonts import Advances, FontSet, font_set

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 15 * mm
TOP = PAGE_H - 12 * mm               # top of the title (page 1) or of the table (later pages)
BOTTOM = 16 * mm                     # the table ends above this; the folio sits below
WIDTH = PAGE_W - 2 * MARGIN
CELL, LEAD = 8.0, 10.0               # a ledger has many columns: 8 pt on 10 pt lines
HEAD, HEAD_LEAD = 8.5, 10.5
TITLE, LINE, FOLIO = 16.0, 10.0, 9.0
PAD_X, PAD_Y = 1.6, 2.2
ASCENT = 0.8                         # baseline below the top of a line, in em
RULE = 0.5
CACHE_LIMIT = 50_000                 # distinct strings kept; beyond that the caches start afresh

NO_START = set("，。、；：？！）》」』”’〕】…—·%,.;:?!)]}")
NO_END = set("（《「『“‘〔【([{")


def _word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class TextSetter:
    """Wrapping and PDF text operators for one document, cached per distinct string."""

    def __init__(self, fonts: FontSet, canvas: Canvas):
        self.fonts = fonts
        self.doc = canvas._doc
        self.esc = canvas._escape
        self.adv = Advances(fonts).__getitem__
        self._wraps: dict = {}
        self._pieces: dict = {}
        self.font = None                 # the Tf in force in the page being written

    def width(self, text: str) -> float:
        """In em."""
        return sum(map(self.adv, text))

    def wrap(self, text: str, em: float) -> tuple:
        """((line, width in em), ...) for a column `em` wide."""
        key = (text, em)
        hit = self._wraps.get(key)
        if hit is None:
            if len(self._wraps) > CACHE_LIMIT:
                self._wraps.clear()
            hit = self._wraps[key] = self._wrap(text, em)
        return hit

    def _wrap(self, text: str, em: float) -> tuple:
        if "\n" in text:
            return tuple(x for part in text.split("\n") for x in self._wrap(part, em))
        adv = self.adv
        w = self.width(text)
        if w <= em:
            return ((text, w),)
        out, start, w, i, n = [], 0, 0.0, 0, len(text)
        while i < n:
            a = adv(text[i])
            if w + a > em and i > start:
                b = i
                if _word(text[b]) and _word(text[b - 1]):       # keep a word (a number) whole if it can be
                    j = b
                    while j > start and _word(text[j - 1]):
                        j -= 1
                    if j > start:
                        b = j
                if text[b] in NO_START and b - 1 > start:       # 禁则: closing marks never start a line
                    b -= 1
                while b - 1 > start and text[b - 1] in NO_END:  # nor opening marks end one
                    b -= 1
                line = text[start:b]
                out.append((line, self.width(line)))
                start = b
                w = self.width(text[start:i])
            w += a
            i += 1
        line = text[start:]
        out.append((line, self.width(line)))
        return tuple(out)

    def pieces(self, text: str) -> list:
        """[(PDF font name, escaped bytes, x offset in em)] drawing `text` (font runs × subsets)."""
        hit = self._pieces.get(text)
        if hit is None:
            if len(self._pieces) > CACHE_LIMIT:
                self._pieces.clear()
            hit, dx = [], 0.0
            for fname, run in self.fonts.runs(text):
                font = getFont(fname)
                k = 0
                for subset, chunk in font.splitString(run, self.doc):
                    hit.append((font.getSubsetInternalName(subset, self.doc), self.esc(chunk), dx))
                    part = run[k:k + len(chunk)]
                    dx += self.width(part)
                    k += len(chunk)
            self._pieces[text] = hit
        return hit

    def draw(self, out: list, text: str, x: float, y: float, size: float) -> None:
        """Operators for `text` with its baseline starting at (x, y), appended to `out` (inside BT/ET)."""
        for ref, chunk, dx in self.pieces(text):
            out.append("1 0 0 1 %.2f %.2f Tm" % (x + dx * size, y))
            if (ref, size) != self.font:
                out.append("%s %g Tf" % (ref, size))
                self.font = (ref, size)
            out.append("(%s) Tj" % chunk)


class _Grid:
    """Column geometry and the cell layout of rows."""

    def __init__(self, ledger: Ledger, ts: TextSetter):
        total = sum(c[1] for c in ledger.columns) or 1
        self.widths = [WIDTH * c[1] / total for c in ledger.columns]
        self.xs = [MARGIN]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self.ems = [max(w - 2 * PAD_X, 1.0) / CELL for w in self.widths]
        self.head_ems = [max(w - 2 * PAD_X, 1.0) / HEAD for w in self.widths]
        self.ts = ts

    def cells(self, row, ems) -> list:
        wrap = self.ts.wrap
        return [wrap(v if isinstance(v, str) else ("" if v is None else str(v)), em) for v, em in zip(row, ems)]


def _paginate(rows_cells, first: float, avail: float) -> list:
    """Pages of (cells, lines, starts a row) for the room `first` on page 1 and `avail` on the
    others; rows taller than a page are split between their lines."""
    pages: list = []
    cur: list = []
    room = first
    per_page = max(int((avail - 2 * PAD_Y) // LEAD), 1)
    for cells in rows_cells:
        n = max(len(c) for c in cells) if cells else 1
        h = n * LEAD + 2 * PAD_Y
        if h <= room + 1e-6:
            cur.append((cells, n, True))
            room -= h
            continue
        if n <= per_page:
            pages.append(cur)
            cur, room = [(cells, n, True)], avail - h
            continue
        starts = True
        while n:
            fit = int((room - 2 * PAD_Y) // LEAD)
            if fit < 1 or (cur and fit < 3):
                pages.append(cur)
                cur, room = [], avail
                continue
            k = min(fit, n)
            cur.append(([c[:k] for c in cells], k, starts))
            starts = False
            room -= k * LEAD + 2 * PAD_Y
            cells, n = [c[k:] for c in cells], n - k
    pages.append(cur)
    return pages


def build_ledger(target, ledger: Ledger, fonts: FontSet | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """The ledger as a PDF (a path or a file object). `progress(done, total)` is called after each
    page (rows done so far) and may raise to cancel."""
    fonts = fonts or font_set()
    # (reports.common.pdf_target does this too, but importing it brings platypus' Paragraph: 0.1 s)
    target = os.fspath(target) if isinstance(target, os.PathLike) else target
    c = Canvas(target, pagesize=(PAGE_W, PAGE_H))
    c.setTitle(ledger.title)
    ts = TextSetter(fonts, c)
    grid = _Grid(ledger, ts)
    head_cells = [ts.wrap(h[0], em) for h, em in zip(ledger.columns, grid.head_ems)]
    head_n = max((len(x) for x in head_cells), default=1)
    head_h = head_n * HEAD_LEAD + 2 * PAD_Y
    if ledger.rows:
        rows_cells = [grid.cells(r, grid.ems) for r in ledger.rows]
        centred = None
    else:
        rows_cells = [[((("（无记录）", ts.width("（无记录）")),))]]
        centred = True
    intro = TITLE * 1.6 + LINE * 1.8                 # title and the 填报单位 line above the table
    first = TOP - intro - head_h - BOTTOM
    avail = TOP - head_h - BOTTOM
    pages = _paginate(rows_cells, first, avail)
    total = len(ledger.rows)
    done = 0
    for number, page in enumerate(pages, 1):
        out = ["BT"]
        lines = ["%.2f w 0 G" % RULE]
        ts.font = None
        y = TOP
        if number == 1:
            ts.draw(out, ledger.title, (PAGE_W - ts.width(ledger.title) * TITLE) / 2, y - TITLE, TITLE)
            y -= TITLE * 1.6
            left = "　　".join(x for x in (f"填报单位：{ledger.filing_unit}", ledger.scope, ledger.count_text) if x)
            ts.draw(out, left, MARGIN, y - LINE, LINE)
            date = f"填报日期：{ledger.date}"
            ts.draw(out, date, MARGIN + WIDTH - ts.width(date) * LINE, y - LINE, LINE)
            y -= LINE * 1.8
        top = y
        lines.append("0.92 g %.2f %.2f %.2f %.2f re f 0 g" % (MARGIN, y - head_h, WIDTH, head_h))
        _row(out, ts, grid, head_cells, head_n, y, HEAD, HEAD_LEAD, True)
        y -= head_h
        lines.append("%.2f %.2f m %.2f %.2f l" % (MARGIN, top, MARGIN + WIDTH, top))
        lines.append("%.2f %.2f m %.2f %.2f l" % (MARGIN, y, MARGIN + WIDTH, y))
        for cells, n, _ in page:
            if centred:
                text, w = cells[0][0]
                ts.draw(out, text, (PAGE_W - w * CELL) / 2, y - PAD_Y - ASCENT * CELL, CELL)
            else:
                _row(out, ts, grid, cells, n, y, CELL, LEAD, False)
            y -= n * LEAD + 2 * PAD_Y
            lines.append("%.2f %.2f m %.2f %.2f l" % (MARGIN, y, MARGIN + WIDTH, y))
        xs = [MARGIN, MARGIN + WIDTH] if centred else grid.xs
        lines += ["%.2f %.2f m %.2f %.2f l" % (x, top, x, y) for x in xs]
        lines.append("S")
        folio = f"第 {number} 页，共 {len(pages)} 页"
        ts.draw(out, folio, (PAGE_W - ts.width(folio) * FOLIO) / 2, 8 * mm, FOLIO)
        out.append("ET")
        c._code.append("\n".join(lines))
        c._code.append("\n".join(out))        # what canvas.drawText does with a text object's code
        c.showPage()
        done += sum(1 for _, _, starts in page if starts)
        if progress:
            progress(min(done, total), total)
    c.save()


def _row(out, ts, grid, cells, n, y, size, lead, centre_all) -> None:
    """One row's text: every cell from the top of the row (so a row's first lines share one
    baseline, and the PDF's text reads row by row), short texts centred across; the header row
    (centre_all) centred both ways."""
    draw = ts.draw
    first = y - PAD_Y - ASCENT * size - (lead - size) / 2
    for x, w, lines in zip(grid.xs, grid.widths, cells):
        if not lines:
            continue
        top = first - (n - len(lines)) * lead / 2 if centre_all else first
        centre = centre_all or (len(lines) == 1 and len(lines[0][0]) <= 4)
        for i, (text, tw) in enumerate(lines):
            if not text:
                continue
            tx = x + (w - tw * size) / 2 if centre else x + PAD_X
            draw(out, text, tx, top - i * lead, size)
