"""Fonts for every printed document: the PC's own 仿宋/宋体 when present, else the bundled LXGW
WenKai, plus fallback fonts for the characters the main font lacks (per-character switching).

Only TrueType outlines can be embedded by reportlab (STACK-NOTES), so the candidates are .ttf/.ttc
files known to be glyf-based. Registration parses a 15 MB font (~0.2 s): it happens once per
process and the coverage sets are cached with it.

reportlab writes a wrong ToUnicode entry for characters beyond U+FFFF ("<%04X>" of 0x20854 is
five hex digits, which readers take as garbage): `_fix_tounicode` replaces its CMap builder with one
that writes UTF-16BE surrogate pairs, so 𠇔 copies and searches as itself.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from rural_cadre_desktop.core.paths import bundled_font

# (registered name, file names to look for, subfont index) in order of preference.
MAIN_CANDIDATES = [
    ("SimFang", ("simfang.ttf", "SIMFANG.TTF", "FangSong.ttf"), 0),      # 仿宋 (Windows)
    ("FangSongGB2312", ("FS_GB2312.ttf", "仿宋_GB2312.ttf", "SIMFANG_GB2312.TTF"), 0),
    ("SimSun", ("simsun.ttc", "SIMSUN.TTC"), 0),                          # 宋体
]
FALLBACK_CANDIDATES = [
    ("SimSun", ("simsun.ttc", "SIMSUN.TTC"), 0),
    ("SimSunExtB", ("simsunb.ttf", "SIMSUNB.TTF"), 0),                    # Ext-B: 𠇔 …
    ("ARPLUMing", ("uming.ttc",), 0),
]
BUNDLED = "LXGWWenKai"


def font_dirs() -> list[Path]:
    """The usual font folders of Windows, UOS/Kylin/Debian and the user's own."""
    dirs = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs += [Path(windir) / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    else:
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
                 Path.home() / ".local" / "share" / "fonts"]
    extra = os.environ.get("RCD_FONT_DIRS")        # e.g. fonts copied from a Windows PC
    if extra:
        dirs = [Path(p) for p in extra.split(os.pathsep)] + dirs
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=1)
def _font_files() -> dict[str, Path]:
    """lower-case file name -> path, one walk over the font folders per process."""
    found: dict[str, Path] = {}
    for d in font_dirs():
        for root, _dirs, files in os.walk(d):
            for f in files:
                if f.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(f.lower(), Path(root) / f)
    return found


def find_font(names) -> Path | None:
    files = _font_files()
    for n in names:
        p = files.get(n.lower())
        if p:
            return p
    return None


def _utf16_hex(cp: int) -> str:
    if cp < 0x10000:
        return "%04X" % cp
    cp -= 0x10000
    return "%04X%04X" % (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF))


def _to_unicode_cmap(fontname, subset):
    """reportlab's makeToUnicodeCMap with the destination written as UTF-16BE (PDF 32000 9.10.3)."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
             "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname, "/Supplement 0", ">> def",
             "/CMapName /%s def" % fontname, "/CMapType 2 def", "1 begincodespacerange",
             "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset)]
    lines += ["<%02X> <%s>" % (i, _utf16_hex(v)) for i, v in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _fix_tounicode() -> None:
    # TTFont.addObjects looks the builder up in its module at call time, so replacing the module
    # attribute reaches every TrueType subset this process writes.
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    # ASCII85 around compressed streams only makes the file 25 % larger, and this reportlab build
    # has no C accelerator for it: 1.2 s of pure Python per 1,000 letter pages.
    rl_config.useA85 = 0


@dataclass
class Face:
    name: str
    path: Path
    chars: frozenset = field(repr=False, default=frozenset())


_faces: dict[tuple[str, str, int], Face | None] = {}


def _register(name: str, path: Path, index: int = 0) -> Face | None:
    key = (name, str(path), index)
    if key not in _faces:
        _faces[key] = _load(name, path, index)
    return _faces[key]


def _load(name: str, path: Path, index: int) -> Face | None:
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except Exception:           # CFF outlines, damaged file, unreadable: skip this candidate
        return None
    pdfmetrics.registerFont(font)
    return Face(name, path, frozenset(map(chr, font.face.charToGlyph)))


class FontSet:
    """The main font and lazily loaded fallbacks; knows which font draws each character."""

    def __init__(self, main: Face, fallback_specs: list[tuple[str, Path, int]]):
        self.main = main
        self._specs = list(fallback_specs)
        self._fallbacks: list[Face] = []
        self._cache: dict[str, str] = {}

    @property
    def name(self) -> str:
        return self.main.name

    def _load_next(self) -> bool:
        while self._specs:
            face = _register(*self._specs.pop(0))
            if face:
                self._fallbacks.append(face)
                return True
        return False

    def font_for(self, ch: str) -> str:
        """The first font that has `ch`; the main font when none has it (it shows .notdef)."""
        if ch in self.main.chars:
            return self.main.name
        hit = self._cache.get(ch)
        if hit:
            return hit
        i = 0
        while True:
            while i < len(self._fallbacks):
                if ch in self._fallbacks[i].chars:
                    self._cache[ch] = self._fallbacks[i].name
                    return self._fallbacks[i].name
                i += 1
            if not self._load_next():
                self._cache[ch] = self.main.name
                return self.main.name

    def covers(self, text: str) -> bool:
        return self.main.chars.issuperset(text)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """[(font name, text)] — one run when the main font has every character (the fast path)."""
        if self.covers(text):
            return [(self.main.name, text)]
        out: list[tuple[str, str]] = []
        for ch in text:
            f = self.font_for(ch) if not ch.isspace() else self.main.name
            if out and out[-1][0] == f:
                out[-1] = (f, out[-1][1] + ch)
            else:
                out.append((f, ch))
        return out

    def markup(self, text) -> str:
        """Paragraph markup of plain text: escaped, with <font> around characters from a fallback."""
        text = "" if text is None else str(text)
        if self.covers(text):
            return escape(text)
        return "".join(escape(t) if f == self.main.name else f'<font name="{f}">{escape(t)}</font>'
                       for f, t in self.runs(text))


def _spec(candidates) -> list[tuple[str, Path, int]]:
    out = []
    for name, files, index in candidates:
        p = find_font(files)
        if p:
            out.append((name, p, index))
    return out


_sets: dict[tuple, FontSet] = {}


def font_set(prefer_system: bool = True, main_path: str | os.PathLike | None = None) -> FontSet:
    """The process-wide FontSet (registered once). `main_path` forces a main font (tests, settings)."""
    key = (prefer_system, str(main_path) if main_path else None)
    if key in _sets:
        return _sets[key]
    _fix_tounicode()
    main = None
    if main_path:
        main = _register(f"Main{len(_sets)}", Path(main_path))
    if main is None and prefer_system and not main_path:
        for name, p, index in _spec(MAIN_CANDIDATES):
            main = _register(name, p, index)
            if main:
                break
    fallbacks = [(BUNDLED, bundled_font(), 0)] + _spec(FALLBACK_CANDIDATES)
    if main is None:
        main = _register(BUNDLED, bundled_font())
        fallbacks = fallbacks[1:]
    if main is None:
        raise RuntimeError(f"bundled font missing: {bundled_font()}")
    fallbacks = [s for s in fallbacks if s[0] != main.name]
    _sets[key] = fs = FontSet(main, fallbacks)
    return fs


class Advances(dict):
    """Advance of each character in em, in the font of the set that draws it: measured once per
    character (the fallback fonts have other widths), shared by the letter grid and the ledger grid."""

    def __init__(self, fonts: FontSet):
        super().__init__()
        self.fonts = fonts

    def __missing__(self, ch):
        a = self[ch] = pdfmetrics.stringWidth(ch, self.fonts.font_for(ch), 1.0)
        return a
