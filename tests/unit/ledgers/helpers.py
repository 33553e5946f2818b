"""Building ledgers as offices make them, for the ledger tests (openpyxl, written in the test)."""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_char(s17: str) -> str:
    return "10X98765432"[sum(int(a) * w for a, w in zip(s17, W)) % 11]


def make_id(birth: str, seq: int, male: bool = True, area: str = "611021") -> str:
    """A valid 18-digit number; birth 'YYYYMMDD'; the 17th digit odd for men."""
    s3 = seq * 10 % 1000 + (1 if male else 0)
    s17 = f"{area}{birth}{s3:03d}"
    return s17 + check_char(s17)


def wrong_check(idn: str) -> str:
    bad = "0" if idn[-1] != "0" else "1"
    return idn[:17] + bad


def write_xlsx(path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


# The messy returnee ledger: a notes sheet first; title and 填报单位 rows; a two-row header with
# merged cells; a column-number row; blank rows; 合计 and 填表人 rows. Row numbers are the sheet's.
ZHANG = make_id("19850312", 1)
WANG = make_id("19900506", 2, male=False)
LI = make_id("19850315", 3)
ZHAO15 = "611021700115003"                 # old 15-digit number: born 1970-01-15, 3 odd = man
CHEN = make_id("19850101", 4)
MALE_FOR_WOMAN = make_id("19880808", 5)
BORN_1985 = make_id("19850601", 6)


def _lower_x(idn: str) -> str:
    return idn.lower()


def messy_rows():
    # 王䶮's number must end in X to test lower-case x: search a sequence that gives one
    wang = next(make_id("19900506", k, male=False) for k in range(1, 999)
                if make_id("19900506", k, male=False).endswith("X"))
    fw = str.maketrans("0123456789", "０１２３４５６７８９")
    cut_text = "61102119850312" + "1000"
    while check_char(cut_text[:17]) == cut_text[17]:
        cut_text = cut_text[:13] + str(int(cut_text[13]) + 1) + "1000"
    rows = [
        ["石门镇外出务工返乡人员摸底表"] + [""] * 12,                                     # 1
        ["填报单位：石门镇党委组织办"] + [""] * 9 + ["2025年3月", "", ""],                    # 2
        ["序号", "所在村", "姓  名", "性别", "出生年月", "身份证号码", "政治面貌", "文化程度",  # 3
         "联系电话", "务工地点", "是否有意愿", "", "备注"],
        ["", "", "", "", "", "", "", "", "", "", "返乡", "创业", ""],                       # 4
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],                                     # 5
        [1, "石门村", "张三", "男", 1985.03, ZHANG, "党员", "大专", "138 0000 1111", "浙江杭州",
         "是", "否", ""],                                                                 # 6
        [2, "石门村委会", "王䶮", "女", dt.date(1990, 5, 6), _lower_x(wang), "团员", "本科",
         "139-0000-2222", "西安", "√", "无", ""],                                          # 7
        [""] * 13,                                                                       # 8
        [3, " 杨河 ", "李𠇔", "男", "85.3", " " + LI.translate(fw) + " ", "群众", "高中",
         "13900003333", "广东东莞", "有", "", ""],                                          # 9
        [4, "杨河村", " 赵 四 ", "", "1970年1月", ZHAO15, "中共党员", "初中", "", "", "", "", ""],  # 10
        [5, "石门", "钱五", "男", "1979.11", "", "群众", "初中", "13900005555", "", "", "", "无证"],  # 11
        [6, "石门村", "孙六", "男", "", wrong_check(make_id("19800101", 7)), "", "", "", "", "", "", ""],  # 12
        [7, "石门村", "周七", "男", "", float(make_id("19850312", 8)), "", "", "", "", "", "", ""],  # 13
        [8, "石门村", "吴八", "男", "", cut_text, "", "", "", "", "", "", ""],               # 14
        [9, "石门村", "郑九", "女", "", MALE_FOR_WOMAN, "", "", "", "", "", "", ""],          # 15
        [10, "石门村", "冯十", "男", "1980.01", BORN_1985, "", "", "", "", "", "", ""],       # 16
        [11, "东坡村", "褚十一", "男", "", make_id("19750101", 9), "", "", "", "", "", "", ""],  # 17
        [12, "石门村", "", "男", "", make_id("19760101", 10), "", "", "", "", "", "", ""],    # 18
        [13, "石门村", "张三", "男", "", ZHANG, "", "", "13800009999", "", "", "", "又填了一次"],  # 19
        [14, "杨河村", "陈一", "男", excel_serial(dt.date(1985, 1, 1)), CHEN, "群众", "大专", "", "", "", "", ""],  # 20
        ["合计", "", "14人"] + [""] * 10,                                                  # 21
        [""] * 13,                                                                       # 22
        ["填表人：李四      审核人：王五"] + [""] * 12,                                       # 23
    ]
    merges = ["A1:M1", "K3:L3"] + [f"{c}3:{c}4" for c in "ABCDEFGHIJM"]
    return rows, merges, wang


def write_messy(path):
    rows, merges, wang = messy_rows()
    notes = [["填表说明"], ["1. 身份证号请设为文本格式"], ["2. 出生年月写成 1985.03"]]
    write_xlsx(path, {"填表说明": notes, "返乡人员": rows}, {"返乡人员": merges})
    return wang


# One sheet per village (each with a title and the same header, no village column), an
# instructions sheet, and a 汇总 sheet that repeats the village sheets' rows with a village column.
# 孙迁 appears in 柳树村 and again in 杨河村 with 迁入 in 备注 (moved); 周电's phone is a number;
# 吴月's 出生年月 is the date 1989-12-01 shown as yyyy.mm (his ID says 1989-12-17).
LIU_A = make_id("19850312", 21)
LIU_B = make_id("19900506", 22, male=False)
MOVED = make_id("19800101", 23)
YANG_A = make_id("19750808", 24)
PHONE_ID = make_id("19881111", 25)
MONTH_ID = make_id("19891217", 26)
VILLAGE_HEADER = ["序号", "姓名", "性别", "出生年月", "身份证号码", "联系电话", "返乡状态", "备注"]


def village_book_rows():
    liu = [["石门镇柳树村在外人员台账"] + [""] * 7, VILLAGE_HEADER,
           [1, "张柳", "男", "1985.03", LIU_A, "13800001111", "在外", ""],
           [2, "王柳", "女", "1990.05", LIU_B, "13800002222", "已返乡", ""],
           [3, "孙迁", "男", "1980.01", MOVED, "13800003333", "在外", ""],
           [4, "", "男", "", make_id("19700101", 27), "", "", ""]]             # no name: refused
    yang = [["石门镇杨河村在外人员台账"] + [""] * 7, VILLAGE_HEADER,
            [1, "赵杨", "男", "1975.08", YANG_A, "13900001111", "已返乡", ""],
            [2, "孙迁", "男", "1980.01", MOVED, "13800003333", "已返乡", "2024年从柳树村迁入"],
            [3, "周电", "男", "1988.11", PHONE_ID, 13878887228.0, "在外", ""],
            [4, "吴月", "男", dt.datetime(1989, 12, 1), MONTH_ID, "13900004444", "在外", ""]]
    summary = [["石门镇在外人员汇总表"] + [""] * 8, ["序号", "村别"] + VILLAGE_HEADER[1:]]
    for village, rows in (("柳树村", liu[2:]), ("杨河村", yang[2:])):
        summary += [[r[0], village] + r[1:] for r in rows]
    notes = [["填表说明"], ["1. 每个村一个工作表"], ["2. 出生年月写成 1985.03"]]
    return {"说明": notes, "柳树村": liu, "杨河村": yang, "汇总": summary}


def write_village_book(path, sheets: dict | None = None):
    sheets = sheets or village_book_rows()
    write_xlsx(path, sheets)
    from openpyxl import load_workbook
    wb = load_workbook(path)
    for name in ("杨河村", "汇总"):        # the month-only date as Excel/WPS keeps 1989.12
        ws = wb[name]
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, dt.datetime):
                    c.number_format = "yyyy.mm"
    wb.save(path)
    return path
