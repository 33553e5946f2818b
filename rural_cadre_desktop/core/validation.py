"""Validators and cleaners with Chinese messages. Each returns the normalised value or raises
ValidationError; none of them touches the database.

身份证号 GB 11643-1999: 17 digits + check character, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
sum mod 11 indexes "10X98765432". Old 15-digit numbers (YYMMDD, no check) become 18 digits by
inserting "19" and computing the check character.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from rural_cadre_desktop.core.codes import CodeList
from rural_cadre_desktop.core.errors import ValidationError

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (１２３ＡＢ → 123AB)."""
    return text.translate(_FULLWIDTH)


def clean_text(value) -> str:
    """A cell or field as text: half-width, no stray or zero-width spaces at the ends."""
    if value is None:
        return ""
    s = str(value).replace("\u200b", "").replace("\ufeff", "").replace("\xa0", " ")
    return s.strip()


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id15_to_18(id15: str) -> str:
    body = id15[:6] + "19" + id15[6:]
    return body + id_check_char(body)


def looks_cut_by_excel(raw) -> bool:
    """An ID number Excel stored as a number: scientific notation, or 15 significant digits then zeros."""
    s = clean_text(to_halfwidth(str(raw))) if raw is not None else ""
    if isinstance(raw, float) or re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", s):
        return True
    return bool(re.fullmatch(r"\d{15}0{3}", s)) and id_check_char(s[:17]) != s[17]


def normalise_id_number(raw) -> str | None:
    """Validate a 身份证号 and return it as 18 characters (upper-case X); None when empty."""
    if raw is None:
        return None
    if looks_cut_by_excel(raw):
        raise ValidationError(
            "身份证号被表格软件存成了数字，后几位已丢失；请把该列设为文本格式后重新填写",
            "ID number was stored as a number by the spreadsheet and lost its last digits",
            "id_number")
    s = re.sub(r"[\s\-]", "", to_halfwidth(clean_text(raw))).upper()
    if not s:
        return None
    if re.fullmatch(r"\d{15}", s):
        _birth_from_digits("19" + s[6:12])
        return id15_to_18(s)
    if not re.fullmatch(r"\d{17}[\dX]", s):
        raise ValidationError(
            f"身份证号“{s}”应为18位（最后一位可为X）或15位旧号码，请核对",
            "ID number must have 18 characters (last may be X) or be an old 15-digit number",
            "id_number")
    if id_check_char(s[:17]) != s[17]:
        raise ValidationError(
            f"身份证号“{s}”校验位不对，可能有数字录错，请对照身份证核对",
            "ID number check digit is wrong", "id_number")
    _birth_from_digits(s[6:14])
    return s


def _birth_from_digits(yyyymmdd: str) -> dt.date:
    try:
        d = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        raise ValidationError("身份证号中的出生日期不存在，请核对", "ID number holds an impossible birth date",
                              "id_number") from None
    if not 1900 <= d.year <= dt.date.today().year or d > dt.date.today():
        raise ValidationError("身份证号中的出生日期不合理（早于1900年或在今天之后），请核对",
                              "ID number holds an implausible birth date", "id_number")
    return d


def id_birth_date(id18: str) -> str:
    return _birth_from_digits(id18[6:14]).isoformat()


def id_sex(id18: str) -> str:
    """GB/T 2261.1 code: odd 17th digit 男 '1', even 女 '2'."""
    return "1" if int(id18[16]) % 2 else "2"


def check_id_agrees(id18: str | None, sex: str | None, birth_date: str | None) -> None:
    """Typed sex and birth date must agree with the ID number (birth month only when only the month is known)."""
    if not id18:
        return
    if sex and sex != id_sex(id18):
        raise ValidationError("性别与身份证号不符（身份证号第17位单数为男、双数为女），请核对",
                              "sex contradicts the ID number", "sex")
    if birth_date and not id_birth_date(id18).startswith(birth_date):
        raise ValidationError(f"出生日期{birth_date}与身份证号中的{id_birth_date(id18)}不符，请核对",
                              "birth date contradicts the ID number", "birth_date")


_DATE_PATTERNS = [
    (re.compile(r"(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?"), "ymd"),
    (re.compile(r"(\d{4})[.\-/年](\d{1,2})月?"), "ym"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),
    (re.compile(r"(\d{4})(\d{2})"), "ym"),
    (re.compile(r"(\d{2})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?"), "yymd"),
    (re.compile(r"(\d{2})[.\-/年](\d{1,2})月?"), "yym"),
]
EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value, field: str = "date", label: str = "日期") -> str | None:
    """Spreadsheet dates → 'YYYY-MM-DD', or 'YYYY-MM' when only the month is given.

    Takes date/datetime objects, Excel serial numbers, "1985.03", "1985年3月", "1985-3-5", "85.3",
    "19850305". Two-digit years are 19xx (the people in these ledgers were born last century) unless
    that would lie more than 100 years back.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1900 <= value < 2101:
            if value == int(value):
                raise ValidationError(f"{label}只有年份“{int(value)}”，请写到月份，如 {int(value)}.03",
                                      f"{field}: a year alone is not a date", field)
            return parse_date(repr(float(value)), field, label)   # a typed 1985.03 that became a number
        if 1 <= value < 2958466:    # Excel's serial range (1900-01-01 .. 9999-12-31)
            return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
        raise ValidationError(f"{label}“{value}”不是有效日期", f"{field}: not a valid date", field)
    s = re.sub(r"\s", "", to_halfwidth(clean_text(value)))
    if not s:
        return None
    if re.fullmatch(r"\d{5}(\.0)?", s):             # an Excel serial that arrived as text
        return parse_date(int(float(s)), field, label)
    for rx, shape in _DATE_PATTERNS:
        m = rx.fullmatch(s)
        if not m:
            continue
        parts = [int(p) for p in m.groups()]
        if shape.startswith("yy"):      # "85.3": 1985; "05.3": 2005 (not in the future)
            parts[0] += 2000 if parts[0] <= dt.date.today().year % 100 else 1900
        y, mth = parts[0], parts[1]
        try:
            if shape.endswith("md"):
                return dt.date(y, mth, parts[2]).isoformat()
            dt.date(y, mth, 1)
            return f"{y:04d}-{mth:02d}"
        except ValueError:
            break
    raise ValidationError(f"{label}“{s}”看不懂，请写成 1985-03-05、1985.03 或 1985年3月",
                          f"{field}: cannot read date {s!r}", field)


def date_year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


MOBILE_RE = re.compile(r"1[3-9]\d{9}")
LANDLINE_RE = re.compile(r"0\d{2,3}\d{7,8}(\d{1,6})?")


def normalise_phone(raw, field: str = "phone") -> str | None:
    """Mobile (11 digits from 13–19) or landline with area code (0xx-xxxxxxxx, optional extension)."""
    s = to_halfwidth(clean_text(raw))
    if not s:
        return None
    digits = re.sub(r"[\s\-()（）转]", "", s)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if MOBILE_RE.fullmatch(digits):
        return digits
    if LANDLINE_RE.fullmatch(digits):
        area = 3 if digits[1] in "12" else 4      # 010, 02x are 3-digit area codes
        return digits[:area] + "-" + digits[area:]
    raise ValidationError(f"电话号码“{s}”不对：手机号应为11位，座机请带区号（如 0914-1234567）",
                          "phone must be an 11-digit mobile or a landline with area code", field)


_NAME_BAD = re.compile(r"[\d\x00-\x1f<>/\\|@#$%^&*=+\[\]{}]")


def normalise_name(raw, field: str = "name", label: str = "姓名") -> str:
    s = re.sub(r"\s+", "", to_halfwidth(clean_text(raw)))
    s = s.replace(".", "·").replace("•", "·").replace("‧", "·")
    if not s:
        raise ValidationError(f"{label}不能为空", f"{field} is required", field)
    if len(s) > 40:
        raise ValidationError(f"{label}太长（{len(s)}个字），请核对", f"{field} is too long", field)
    if _NAME_BAD.search(s):
        raise ValidationError(f"{label}“{s}”含有数字或符号，请核对", f"{field} holds digits or symbols", field)
    _refuse_unprintable(s, field, label)
    return unicodedata.normalize("NFC", s)


# Characters no name holds: direction overrides and marks (text that reads backwards on paper
# and in searches), zero-width joiners, controls, emoji and other pictographs. Characters Python's
# Unicode tables do not know yet are let through in the CJK planes (rare name characters).
_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}


def _refuse_unprintable(s: str, field: str, label: str) -> None:
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in _INVISIBLE or (cat == "Cn" and not 0x20000 <= ord(ch) <= 0x3FFFF):
            raise ValidationError(f"{label}中有看不见的控制字符（U+{ord(ch):04X}，多为从网页或聊天软件复制带入），"
                                  "请删除后重新输入",
                                  f"{field} holds an invisible control character U+{ord(ch):04X}", field)
        if cat.startswith("S") or 0xFE00 <= ord(ch) <= 0xFE0F:
            raise ValidationError(f"{label}“{s}”中有表情或特殊符号“{ch}”，请只填写姓名的文字",
                                  f"{field} holds an emoji or symbol U+{ord(ch):04X}", field)


def not_future(value: str | None, field: str, label: str, today: dt.date | None = None) -> str | None:
    """A date that cannot lie ahead (birth, return home): 'YYYY-MM-DD', or 'YYYY-MM' after this month, is refused."""
    if not value:
        return value
    today = today or dt.date.today()
    limit = today.isoformat() if len(value) > 7 else today.isoformat()[:7]
    if value > limit:
        raise ValidationError(f"{label}{value}在今天（{today.isoformat()}）之后，请核对",
                              f"{field} {value} lies in the future", field)
    return value


def parse_code(code_list: CodeList, raw, field: str | None = None) -> str | None:
    s = clean_text(raw)
    if not s:
        return None
    code = code_list.lookup(to_halfwidth(s))
    if code is None:
        raise ValidationError(f"{code_list.title}“{s}”不在国家标准代码表中，请从列表中选择",
                              f"{field or code_list.key}: {s!r} is not in the code list", field or code_list.key)
    return code


def parse_enum(choices: dict[str, str], raw, field: str, label: str) -> str | None:
    """An enumeration value by its identifier or its Chinese label."""
    s = clean_text(raw)
    if not s:
        return None
    if s in choices:
        return s
    for key, text in choices.items():
        if s == text:
            return key
    raise ValidationError(f"{label}“{s}”不是可选值（可选：{'、'.join(choices.values())}）",
                          f"{field}: {s!r} is not one of {', '.join(choices)}", field)


_TRUE = {"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "对", "愿意", "有意愿", "t"}
_FALSE = {"否", "无", "×", "✗", "n", "no", "false", "0", "不", "没有", "不愿意", "无意愿", "f", "-", "/"}


def parse_bool(raw, field: str = "flag", label: str = "是否") -> bool | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    s = to_halfwidth(clean_text(raw)).lower()
    if not s:
        return None
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValidationError(f"{label}“{raw}”请填“是”或“否”", f"{field}: expected yes/no", field)


def parse_int(raw, field: str, label: str, lo: int | None = None, hi: int | None = None) -> int | None:
    s = to_halfwidth(clean_text(raw))
    if not s:
        return None
    try:
        v = int(float(s))
    except ValueError:
        raise ValidationError(f"{label}“{s}”应为整数", f"{field}: expected an integer", field) from None
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ValidationError(f"{label}“{v}”超出范围（{lo}–{hi}）", f"{field}: out of range", field)
    return v


def parse_decimal(raw, field: str, label: str) -> float | None:
    s = to_halfwidth(clean_text(raw)).replace(",", "").replace("元", "")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        raise ValidationError(f"{label}“{s}”应为数字", f"{field}: expected a number", field) from None


def parse_region_code(raw, field: str = "code") -> str | None:
    """统计用区划代码: 12 digits (6-digit county codes and 9-digit township codes are padded)."""
    s = re.sub(r"\s", "", to_halfwidth(clean_text(raw)))
    if not s:
        return None
    if not s.isdigit() or len(s) not in (6, 9, 12):
        raise ValidationError(f"区划代码“{s}”应为12位数字（统计用区划代码）",
                              "region code must be 12 digits", field)
    return s.ljust(12, "0")


MASKS = ("id", "phone")       # the masking rules a column may carry (core.kinds columns)


def mask(value, rule: str | None, reveal: bool = False) -> str:
    """The one masking function: a value as a human-facing output shows it under its column's
    rule — "id" (身份证号: 6110**********1234), "phone" (138****1111), None (as it is). `reveal`
    is --full-id or the clerk's 显示完整号码, which the callers audit."""
    if rule == "id":
        return _mask_id(value, reveal)
    if rule == "phone":
        return _mask_phone(value, reveal)
    return "" if value is None else str(value)


def _mask_id(id_number: str | None, reveal: bool = False) -> str:
    """6110**********1234: the first four and the last four stay visible (all of it with `reveal`,
    i.e. --full-id or the clerk's 显示完整号码, which the callers audit)."""
    if not id_number:
        return ""
    if reveal:
        return id_number
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:] if len(id_number) > 8 else id_number


def _mask_phone(phone: str | None, reveal: bool = False) -> str:
    if not phone:
        return ""
    if reveal:
        return phone
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[-4:]
    return phone[:-4] + "****" if len(phone) > 4 else phone


# Dates as outputs print them. Stored dates are 'YYYY-MM-DD' or 'YYYY-MM' (month only); each style
# is (example, formatter of (year, month, day or None)). "dot" is how 干部任免审批表 and every
# ledger write a date (1988.03); a superior's form may ask for another (core.templates.values).
DATE_STYLES = {
    "dot": ("1985.03", lambda y, m, d: f"{y}.{m:02d}"),
    "dot_short": ("1985.3", lambda y, m, d: f"{y}.{m}"),
    "dot_day": ("1985.03.05", lambda y, m, d: f"{y}.{m:02d}.{d:02d}" if d else f"{y}.{m:02d}"),
    "cn_month": ("1985年3月", lambda y, m, d: f"{y}年{m}月"),
    "cn_day": ("1985年3月5日", lambda y, m, d: f"{y}年{m}月{d}日" if d else f"{y}年{m}月"),
    "iso": ("1985-03-05", lambda y, m, d: f"{y}-{m:02d}-{d:02d}" if d else f"{y}-{m:02d}"),
    "iso_month": ("1985-03", lambda y, m, d: f"{y}-{m:02d}"),
    "slash": ("1985/03/05", lambda y, m, d: f"{y}/{m:02d}/{d:02d}" if d else f"{y}/{m:02d}"),
    "compact": ("19850305", lambda y, m, d: f"{y}{m:02d}{d:02d}" if d else f"{y}{m:02d}"),
    "compact_month": ("198503", lambda y, m, d: f"{y}{m:02d}"),
    "excel": ("（日期格式单元格）", None),       # a real date; the cell's number format shows it
}
_STORED_DATE = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def render_date(value, style: str = "dot"):
    """The one date rendering: a stored date in `style` (DATE_STYLES; unknown styles print "dot").
    "" for no date; "excel" gives a datetime for a date-formatted cell; a value that is no stored
    date (free text typed long ago) is printed as it is."""
    if not value:
        return ""
    value = str(value)
    if style == "dot" and value[4:5] == "-" and value[5:7].isdigit():   # the common case, per row of a ledger
        return value[:7].replace("-", ".")
    m = _STORED_DATE.match(value)
    if m is None:
        return value
    y, mth = int(m.group(1)), int(m.group(2))
    d = int(m.group(3)) if m.group(3) else None
    if style == "excel":
        return dt.datetime(y, mth, d or 1)
    return DATE_STYLES.get(style, DATE_STYLES["dot"])[1](y, mth, d)
