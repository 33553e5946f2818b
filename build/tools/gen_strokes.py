"""Generate resources/strokes.txt from Unihan's kTotalStrokes (Unicode licence), the data behind
姓氏笔画 ordering. Usage: python build/tools/gen_strokes.py [/usr/share/unicode/Unihan_IRGSources.txt.bz2]

Output: one line per stroke count, "N<TAB>characters…", so the file stays small (≈ 400 KB) and
loads in one pass. Debian's package unicode-data ships the Unihan files.
"""
import bz2
import sys
from collections import defaultdict
from pathlib import Path

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_IRGSources.txt.bz2"
by_count = defaultdict(list)
with bz2.open(src, "rt", encoding="utf-8") as f:
    for line in f:
        if "\tkTotalStrokes\t" not in line:
            continue
        cp, _, value = line.rstrip("\n").split("\t")
        # The first value is the G-source (mainland) count when the sources disagree.
        by_count[int(value.split()[0])].append(chr(int(cp[2:], 16)))
out = Path(__file__).resolve().parents[2] / "resources" / "strokes.txt"
with open(out, "w", encoding="utf-8") as f:
    f.write("# Total strokes per character, from Unicode's Unihan database (kTotalStrokes).\n"
            "# Unicode License v3: https://www.unicode.org/license.txt\n")
    for n in sorted(by_count):
        f.write(f"{n}\t{''.join(by_count[n])}\n")
print(out, sum(map(len, by_count.values())), "characters")
