"""Letter speed: `pdf invitation --all` for N returnees through the program (whole process) vs the
floor — plain reportlab drawing N one-page letters of the same shape (22 pt title, ~400 characters
of 16 pt body, GB/T 9704 margins) with the same font into one PDF, as a separate process too.

Usage: python bench/bench_letters.py [N] [ROUNDS]   (default 1000, best of 3)
"""
import os
import subprocess
import sys
import tempfile
import time

FLOOR = r'''
import sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, PageBreak
font, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pdfmetrics.registerFont(TTFont("F", font))
title = ParagraphStyle("t", fontName="F", fontSize=22, leading=30, alignment=1)
body = ParagraphStyle("b", fontName="F", fontSize=16, leading=28, firstLineIndent=32, wordWrap="CJK")
text = ("为持续动员鼓励外出创业经商人员返乡任职和创业，加强村级干部队伍、农村党员队伍和人才队伍建设，"
        "我镇定于本年度召开在外创业经商人员恳谈会，诚邀您拨冗出席，共商家乡发展大计。") * 4
story = []
for i in range(n):
    story += [Paragraph("邀请函", title), Paragraph(f"尊敬的张{i}同志：", body), Paragraph(text, body),
              Paragraph("石门镇党委<br/>二〇二六年一月十日", body), PageBreak()]
frame = Frame(28 * mm, 35 * mm, 156 * mm, 225 * mm, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
BaseDocTemplate(out, pagesize=A4, pageTemplates=[PageTemplate(frames=[frame])]).build(story)
'''


def timed(cmd) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    from rural_cadre_desktop.core.paths import bundled_font
    work = tempfile.mkdtemp()
    db = os.path.join(work, "b.db")
    rcd = [sys.executable, "-m", "rural_cadre_desktop", "--db", db]
    subprocess.run(rcd + ["demo", "--returnees", str(n), "--seed", "7"], check=True, capture_output=True)
    floor_py = os.path.join(work, "floor.py")
    with open(floor_py, "w", encoding="utf-8") as f:
        f.write(FLOOR)
    app = floor = float("inf")
    for _ in range(rounds):
        app = min(app, timed(rcd + ["pdf", "invitation", "--all", "-o", os.path.join(work, "l.pdf")]))
        floor = min(floor, timed([sys.executable, floor_py, str(bundled_font()), str(n), os.path.join(work, "f.pdf")]))
    print(f"{n} letters: app {app:.2f} s, plain reportlab floor {floor:.2f} s, ratio {app / floor:.2f}x "
          f"(goal <= 1.3x), best of {rounds}")


if __name__ == "__main__":
    main()
