"""Generate resources/stroke_order.txt from the MIT-licensed stroke-order data of cnchar
(theajack/cnchar, src/cnchar/plugin/order/dict/stroke-order-jian.json and stroke-table.json), the
data behind 姓氏笔画 ordering's second rule (same stroke count: by the order of the strokes).

Usage: python build/tools/gen_stroke_order.py stroke-order-jian.json stroke-table.json

cnchar writes each stroke as a letter for one of 26 detailed stroke shapes; the national rule sorts
by the five basic strokes 横竖撇点折 (1–5): 提 counts as 横, 捺 as 点, and every stroke with a turn
or a hook (cnchar's 折笔) as 折. Output: one line per character, "字<TAB>digits".
"""
import json
import sys
from pathlib import Path

BASIC = {"横": "1", "提": "1", "竖": "2", "撇": "3", "点": "4", "点2": "4", "捺": "4"}


def basic_of(entry: dict) -> str:
    if entry["type"] == "折笔":
        return "5"
    return BASIC[entry["name"]]


order_path, table_path = sys.argv[1], sys.argv[2]
table = json.load(open(table_path, encoding="utf-8"))
letters = {k: basic_of(v) for k, v in table.items()}
orders = json.load(open(order_path, encoding="utf-8"))
out = Path(__file__).resolve().parents[2] / "resources" / "stroke_order.txt"
with open(out, "w", encoding="utf-8") as f:
    f.write("# 笔顺 (stroke order) per character as the five basic strokes 横1 竖2 撇3 点4 折5.\n"
            "# Converted from cnchar's stroke-order-jian.json (MIT licence, resources/licenses/cnchar-MIT.txt)\n"
            "# by build/tools/gen_stroke_order.py.\n")
    for ch, seq in orders.items():
        if len(ch) == 1 and seq:
            f.write(f"{ch}\t{''.join(letters[c] for c in seq)}\n")
print(out, len(orders), "characters")
