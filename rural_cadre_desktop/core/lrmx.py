"""The 干部任免审批表 file (.lrmx) of the organisation departments' tool: export and import.

Written in the tool's element order (docs: ../shared/LRMX.md), every element present, empty when
unknown; the ID number in full (the departments' interchange file; the export is audited by the
caller). Read by element name, as the tool's readers do, accepting the variants seen in real files:
other element orders, missing optional elements, GBK/GB2312/GB18030 or UTF-8 (with or without BOM),
dates as YYYYMM, YYYYMMDD, YYYY.MM or YYYY-MM, the 4.0 variant's extra elements (ignored).

Refused, with a reason and nothing changed: a file that is not complete XML (cut off), a root other
than <Person>, any DOCTYPE/ENTITY declaration (entity expansion), no name, no or an invalid ID number,
a birth month contradicting the ID number, an undecodable photo.

Import matches the person by 身份证号 (core.people) and writes through core.store in one
transaction. An empty element means "unknown": it never erases what the ledger holds. A non-empty
list part (education per kind, résumé, rewards, assessments, family) that differs from ours
replaces ours (old rows tombstoned, so history keeps them).
"""
from __future__ import annotations

import base64
import binascii
import codecs
import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from rural_cadre_desktop.core import codes, store
from rural_cadre_desktop.core.errors import UserError, ValidationError

ORDER = (
    "XingMing", "XingBie", "ChuShengNianYue", "MinZu", "JiGuan", "ChuShengDi", "RuDangShiJian",
    "CanJiaGongZuoShiJian", "JianKangZhuangKuang", "ZhuanYeJiShuZhiWu", "ShuXiZhuanYeYouHeZhuanChang",
    "QuanRiZhiJiaoYu_XueLi", "QuanRiZhiJiaoYu_XueWei", "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "ZaiZhiJiaoYu_XueLi", "ZaiZhiJiaoYu_XueWei",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "XianRenZhiWu", "NiRenZhiWu", "NiMianZhiWu", "JianLi", "JiangChengQingKuang", "NianDuKaoHeJieGuo",
    "RenMianLiYou", "JiaTingChengYuan", "ChengBaoDanWei", "JiSuanNianLingShiJian", "TianBiaoShiJian",
    "TianBiaoRen", "ShenFenZheng", "ZhaoPian", "Version",
)
FAMILY_ORDER = ("ChengWei", "XingMing", "ChuShengRiQi", "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu")
VERSION = "3.2.1.6"
MAX_BYTES = 20 * 1024 * 1024           # a 5 MB photo in base64 plus text is far below this

# 政治面貌 as a 任免审批表 writes it (the short forms) back to the code.
_POLITICAL_BY_SHORT = {short: code for code, short in codes.POLITICAL_SHORT.items()}
_PUNISHMENT_WORDS = ("处分", "警告", "记过", "降级", "撤职", "开除", "处罚", "诫勉", "通报批评")
_OPEN = " " * 7                         # an open end date: spaces as wide as "YYYY.MM"


# ---- dates ----------------------------------------------------------------------------------

def yyyymm(date: str | None) -> str:
    """A stored date (YYYY-MM-DD / YYYY-MM) as the tool writes it: 197204; "" when unknown."""
    if not date or len(date) < 7 or not date[:4].isdigit() or not date[5:7].isdigit():
        return ""
    return date[:4] + date[5:7]


def _dot(date: str | None) -> str:
    return f"{date[:4]}.{date[5:7]}" if date and len(date) >= 7 else ""


def _month(date: str | None) -> str | None:
    return date[:7] if date else None


def _file_date(text: str, label: str, field_name: str) -> str | None:
    """A date element: YYYYMM, YYYYMMDD, YYYY.MM, YYYY-MM(-DD), YYYY年MM月 → stored form."""
    from rural_cadre_desktop.core.validation import parse_date
    return parse_date(text, field_name, label) if text.strip() else None


def _leading_date(text: str) -> str | None:
    """入党时间 is free text in practice ("200108；民建"): the month it starts with, if any."""
    m = re.match(r"^\s*(\d{4})[.．\-/年]?(\d{2})(?!\d)", text) or re.match(r"^\s*(\d{4})[.．\-/年](\d{1,2})", text)
    if not m:
        return None
    y, mth = int(m.group(1)), int(m.group(2))
    return f"{y:04d}-{mth:02d}" if 1 <= mth <= 12 and 1900 <= y <= 2100 else None


# ---- export ---------------------------------------------------------------------------------

def _rows(query: str, params=()) -> list[tuple]:
    from rural_cadre_desktop.core.models import Person
    return list(Person._meta.database.execute_sql(query, params).fetchall())


def resume_line(start: str | None, end: str | None, text: str) -> str:
    """1998.09--2001.07  text; an open end is spaces of the same width (the tool's own form)."""
    if not start:
        return text
    return f"{_dot(start)}--{_dot(end) if end else _OPEN}  {text}"


def _education(pid: str, kind: str, fallback_level: str | None) -> tuple[str, str, str, str]:
    """(学历, 学位, 学历的毕业院校系及专业, 学位的毕业院校系及专业) of one kind, the row the archive shows."""
    rows = _rows("SELECT level, degree, school, major FROM education WHERE person_id = ? AND kind = ? "
                 "AND deleted = 0 ORDER BY end_date DESC", (pid, kind))
    if not rows:
        level = codes.EDUCATION.name(fallback_level) or "" if fallback_level else ""
        return level, "", "", ""
    level, degree, school, major = rows[0]
    where = (school or "") + (major or "")
    return (codes.EDUCATION.name(level) or level or ""), degree or "", where, (where if degree else "")


def _values(pid: str, today: dt.date | None = None) -> tuple[dict[str, str], list[tuple], object]:
    from rural_cadre_desktop.core import documents, settings
    from rural_cadre_desktop.core.people import resolve
    p = resolve(pid)
    resume = _rows("SELECT start_date, end_date, text FROM resume_entry WHERE person_id = ? AND deleted = 0 "
                   "ORDER BY seq, start_date", (p.id,))
    ft = _education(p.id, "full_time", p.education)
    oj = _education(p.id, "on_the_job", None)
    today = today or dt.date.today()
    v = {
        "XingMing": p.name, "XingBie": codes.SEX.name(p.sex) or "", "ChuShengNianYue": yyyymm(p.birth_date),
        "MinZu": codes.ETHNICITY.name(p.ethnicity) or "", "JiGuan": p.native_place or "",
        "ChuShengDi": p.birthplace or "", "RuDangShiJian": yyyymm(p.party_join_date) or (p.party_join_date or ""),
        "CanJiaGongZuoShiJian": yyyymm(p.work_start_date) or (p.work_start_date or ""),
        "JianKangZhuangKuang": p.health or "", "ZhuanYeJiShuZhiWu": p.tech_title or "",
        "ShuXiZhuanYeYouHeZhuanChang": p.specialty or "",
        "QuanRiZhiJiaoYu_XueLi": ft[0], "QuanRiZhiJiaoYu_XueWei": ft[1],
        "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": ft[2], "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": ft[3],
        "ZaiZhiJiaoYu_XueLi": oj[0], "ZaiZhiJiaoYu_XueWei": oj[1],
        "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": oj[2], "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": oj[3],
        "XianRenZhiWu": documents.current_post(p.id, p.current_post, resume),
        "NiRenZhiWu": "", "NiMianZhiWu": "",
        "JianLi": "\n".join(resume_line(s, e, t or "") for s, e, t in resume),
        "JiangChengQingKuang": "；".join(f"{_dot(d)} {t}".strip() for d, t in _rows(
            "SELECT date, text FROM reward_punishment WHERE person_id = ? AND deleted = 0 ORDER BY date, id", (p.id,))),
        "NianDuKaoHeJieGuo": "；".join(f"{y}年度{r}" for y, r in _rows(
            "SELECT year, result FROM assessment WHERE person_id = ? AND deleted = 0 ORDER BY year, id", (p.id,))),
        "RenMianLiYou": "",
        # 呈报单位 is filled when an appointment is proposed, which this ledger does not do.
        "ChengBaoDanWei": "",
        "JiSuanNianLingShiJian": today.strftime("%Y%m"), "TianBiaoShiJian": today.strftime("%Y%m"),
        "TianBiaoRen": settings.get("contact_person") or "",
        "ShenFenZheng": p.id_number or "",
        "ZhaoPian": base64.b64encode(bytes(p.photo)).decode("ascii") if p.photo else "",
        "Version": VERSION,
    }
    family = [(rel or "", nm or "", yyyymm(b) or (b or ""), codes.political_short(ps), w or "")
              for rel, nm, b, ps, w in _rows(
                  "SELECT relation, name, birth_date, political_status, work_unit FROM family_member "
                  "WHERE person_id = ? AND deleted = 0 ORDER BY seq, id", (p.id,))]
    return v, family, p


def _text(value: str) -> str:
    return escape(value.replace("\r\n", "\n")).replace("\n", "\r\n")


def export_person(pid: str, today: dt.date | None = None) -> bytes:
    """The person's .lrmx: UTF-8, CRLF, every element of the tool's order (empty when unknown)."""
    values, family, _ = _values(pid, today)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<Person>"]
    for tag in ORDER:
        if tag == "JiaTingChengYuan":
            if not family:
                out.append("  <JiaTingChengYuan />")
                continue
            out.append("  <JiaTingChengYuan>")
            for item in family:
                out.append("    <Item>")
                out += [f"      <{t}>{_text(val)}</{t}>" for t, val in zip(FAMILY_ORDER, item)]
                out.append("    </Item>")
            out.append("  </JiaTingChengYuan>")
        else:
            out.append(f"  <{tag}>{_text(values[tag])}</{tag}>")
    out.append("</Person>")
    return ("\r\n".join(out) + "\r\n").encode("utf-8")


def export_person_info(pid: str) -> tuple[str, str]:
    """(id, name) of the person an export names: for the caller's audit line and messages."""
    from rural_cadre_desktop.core.people import resolve
    p = resolve(pid)
    return p.id, p.name


def village_people(name: str) -> list[tuple[str, str]]:
    """(id, name) of one village's live people, in 姓氏笔画 order: the batch export's list."""
    from rural_cadre_desktop.core.regions import find_village
    from rural_cadre_desktop.core.strokes import stroke_key
    v = find_village(name)
    if v is None:
        raise UserError(f"找不到村(社区)“{name}”，请检查名称是否与“村(社区)”列表一致", f"no village {name!r}")
    rows = _rows("SELECT id, name, name_strokes FROM person WHERE village_id = ? AND deleted = 0 "
                 "AND alias_of_id IS NULL", (v.id,))
    rows.sort(key=lambda r: (r[2] or stroke_key(r[1] or ""), r[0]))
    return [(r[0], r[1]) for r in rows]


def batch_filename(seq: int, name: str) -> str:
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "未命名"
    return f"{seq:04d}_{safe}.lrmx"


# ---- parse ----------------------------------------------------------------------------------

@dataclass
class LrmxPerson:
    """What a .lrmx file says, parsed and checked; nothing looked up in the database yet."""
    elements: dict[str, str]                       # every leaf element by name, text stripped
    name: str
    id_number: str
    person: dict                                   # Person column values (parsed)
    current_post: str = ""
    full_time: tuple | None = None                 # (level code, degree, school) or None when empty
    on_the_job: tuple | None = None
    resume: list[tuple] = field(default_factory=list)        # (start, end, text)
    rewards: list[tuple] = field(default_factory=list)       # (kind, date, text)
    assessments: list[tuple] = field(default_factory=list)   # (year, result)
    family: list[tuple] = field(default_factory=list)        # (relation, name, birth, political, unit)
    photo: bytes | None = None
    warnings: list[str] = field(default_factory=list)


def _refuse(zh: str, en: str):
    raise UserError(f"这个文件不能导入：{zh}", en)


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[3:], "utf-8", True)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            _refuse("文件不完整或编码损坏（UTF-16）", "damaged UTF-16 text")
    m = re.match(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", data)
    enc = m.group(1).decode("ascii").lower() if m else "utf-8"
    if enc in ("gbk", "gb2312", "gb18030", "cp936", "x-gbk", "euc-cn"):
        enc = "gb18030"
    return _decode_as(data, enc, m is not None)


def _decode_as(data: bytes, enc: str, declared: bool) -> str:
    try:
        codecs.lookup(enc)
    except LookupError:
        _refuse(f"文件声明的编码“{enc}”无法识别，请用任免审批表软件重新导出",
                f"unknown encoding {enc!r}")
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 4:
            _refuse("文件不完整（在结尾处被截断），请重新复制或重新导出", "the file is cut off")
        if enc == "utf-8":            # real files: GBK text under a UTF-8 (or no) declaration
            try:
                return data.decode("gb18030")
            except UnicodeDecodeError:
                pass
        _refuse(f"文件内容不是所声明的 {enc} 编码，可能已损坏", f"text is not valid {enc}")


def _leaf(el) -> str:
    return (el.text or "").strip() if el is not None else ""


def parse(data: bytes) -> LrmxPerson:
    """Read a .lrmx by element name; UserError (nothing written) when it is no usable 任免审批表."""
    if not data or not data.strip():
        _refuse("文件是空的", "the file is empty")
    if len(data) > MAX_BYTES:
        _refuse("文件超过 20 MB，不像任免审批表文件", "file too large for a .lrmx")
    text = _decode(data)
    if re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        _refuse("文件含有 DOCTYPE/ENTITY 声明，任免审批表文件不会有，出于安全不予读取",
                "DOCTYPE/ENTITY declarations are refused")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        line = getattr(e, "position", (0, 0))[0]
        _refuse(f"文件不完整或不是有效的 XML（第{line}行附近出错），可能在复制时被截断，请重新导出",
                f"not well-formed XML (line {line}): the file may be cut off")
    tag = root.tag.split("}")[-1]
    if tag != "Person":
        _refuse(f"根元素是“{tag}”，不是干部任免审批表（.lrmx 的根元素应为 Person）",
                f"root element is {tag!r}, not Person: not a 任免审批表 file")
    el = {}
    for child in root:
        name = child.tag.split("}")[-1] if isinstance(child.tag, str) else ""
        if name and name not in el and len(child) == 0:
            el[name] = _leaf(child)
    return _read(root, el)


def _read(root, el: dict[str, str]) -> LrmxPerson:
    from rural_cadre_desktop.core.fields import PERSON_FIELDS
    from rural_cadre_desktop.core.validation import (
        check_id_agrees,
        clean_text,
        id_birth_date,
        id_sex,
        normalise_id_number,
    )
    name = el.get("XingMing", "")
    if not name:
        _refuse("没有姓名（XingMing）", "no XingMing (name)")
    raw_id = el.get("ShenFenZheng", "")
    if not raw_id:
        _refuse(f"“{name}”没有身份证号（ShenFenZheng），无法对应到台账中的人员",
                "no ShenFenZheng: the person cannot be matched")
    try:
        id_number = normalise_id_number(raw_id)
    except ValidationError as e:
        _refuse(f"“{name}”的{e.zh}", f"ShenFenZheng: {e.en}")
    warnings: list[str] = []
    person: dict = {}

    def put(key, tag, value=None):
        value = el.get(tag, "") if value is None else value
        if not value:
            return
        spec = PERSON_FIELDS[key]
        if key != "name" and spec.type not in ("date", "code"):
            # The tool allows longer texts than our forms (现任职务 324 characters …): keep them whole.
            person[key] = clean_text(value)
            return
        try:
            person[key] = spec.parse(value)
        except ValidationError as e:
            if key == "name":
                _refuse(f"{tag}：{e.zh}", f"{tag}: {e.en}")
            warnings.append(f"{spec.label}“{value}”看不懂，未导入该项")

    put("name", "XingMing")
    person["id_number"] = id_number
    put("sex", "XingBie")
    put("birth_date", "ChuShengNianYue")
    minzu = el.get("MinZu", "")
    if minzu and not codes.ETHNICITY.lookup(minzu) and codes.ETHNICITY.lookup(minzu + "族"):
        minzu += "族"                       # "汉" → 汉族
    put("ethnicity", "MinZu", minzu)
    put("native_place", "JiGuan")
    put("birthplace", "ChuShengDi")
    party = el.get("RuDangShiJian", "")
    if party:
        d = _leading_date(party)
        if d:
            person["party_join_date"] = d
        else:
            warnings.append(f"入党时间“{party}”不是日期，未导入")
    put("work_start_date", "CanJiaGongZuoShiJian")
    put("health", "JianKangZhuangKuang")
    put("tech_title", "ZhuanYeJiShuZhiWu")
    put("specialty", "ShuXiZhuanYeYouHeZhuanChang")
    try:
        check_id_agrees(id_number, person.get("sex"), _month(person.get("birth_date")))
    except ValidationError as e:
        _refuse(f"“{name}”的{e.zh}", e.en)
    # The ID number is the more precise source of both (as core.people.parse_person does).
    person["sex"], person["birth_date"] = id_sex(id_number), id_birth_date(id_number)
    out = LrmxPerson(el, person["name"], id_number, person, warnings=warnings)
    out.current_post = el.get("XianRenZhiWu", "")
    out.full_time = _edu_of(el, "QuanRiZhiJiaoYu", warnings)
    out.on_the_job = _edu_of(el, "ZaiZhiJiaoYu", warnings)
    out.resume = parse_resume(el.get("JianLi", ""))
    out.rewards = _rewards(el.get("JiangChengQingKuang", ""))
    out.assessments = _assessments(el.get("NianDuKaoHeJieGuo", ""), warnings)
    out.family = _family(root, warnings)
    photo = re.sub(r"\s+", "", el.get("ZhaoPian", ""))
    if photo:
        try:
            out.photo = base64.b64decode(photo, validate=True)
        except (binascii.Error, ValueError):
            _refuse("照片（ZhaoPian）不是有效的 base64 数据，文件可能已损坏", "ZhaoPian is not valid base64")
    return out


def _edu_of(el: dict, prefix: str, warnings: list[str]) -> tuple | None:
    level_text, degree = el.get(f"{prefix}_XueLi", ""), el.get(f"{prefix}_XueWei", "")
    school = el.get(f"{prefix}_XueLi_BiYeYuanXiaoXi", "") or el.get(f"{prefix}_XueWei_BiYeYuanXiaoXi", "")
    if not (level_text or degree or school):
        return None
    level = codes.EDUCATION.lookup(level_text) if level_text else None
    if level_text and level is None:
        warnings.append(f"学历“{level_text}”不在国家标准学历代码中，未导入学历（学位、院校已导入）")
    if level is None and not degree and not school:
        return None
    return level, degree or None, school or None


_RESUME_LINE = re.compile(
    r"^\s*(\d{4})\s*[.．\-/年]?\s*(\d{1,2})\s*月?\s*[-—–─~～]+\s*"
    r"(?:(\d{4})[.．\-/年]?(\d{1,2})月?|(至今|今))?\s*(.*)$")


def parse_resume(text: str) -> list[tuple]:
    """简历 lines → (start, end, text); a line without a leading period continues the one before."""
    out: list[list] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        m = _RESUME_LINE.match(line)
        if m and 1 <= int(m.group(2)) <= 12:
            start = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
            end = f"{int(m.group(3)):04d}-{int(m.group(4)):02d}" if m.group(3) else None
            out.append([start, end, m.group(6).strip()])
        elif out:
            out[-1][2] += line.strip()
        else:
            out.append([None, None, line.strip()])
    return [tuple(r) for r in out]


def _rewards(text: str) -> list[tuple]:
    out = []
    for item in re.split(r"[；;\n]", text):
        item = item.strip()
        if not item or item in ("无", "无。"):
            continue
        m = re.match(r"^(\d{4})[.．\-/](\d{1,2})\s+(.+)$", item) or re.match(r"^(\d{4})(\d{2})\s+(.+)$", item)
        date, body = (f"{m.group(1)}-{int(m.group(2)):02d}", m.group(3).strip()) if m else (None, item)
        kind = "punishment" if any(w in body for w in _PUNISHMENT_WORDS) else "reward"
        out.append((kind, date, body))
    return out


def _assessments(text: str, warnings: list[str]) -> list[tuple]:
    out = []
    for item in re.split(r"[；;，,、\n]", text):
        item = item.strip()
        if not item or item == "无":
            continue
        m = re.match(r"^(\d{4})\s*年?度?\s*[:：]?\s*(.+)$", item)
        if m:
            out.append((int(m.group(1)), m.group(2).strip()))
        else:
            warnings.append(f"年度考核结果“{item}”没有年份，未导入")
    return out


def _family(root, warnings: list[str]) -> list[tuple]:
    box = next((c for c in root if isinstance(c.tag, str) and c.tag.split("}")[-1] == "JiaTingChengYuan"), None)
    out = []
    if box is None:
        return out
    for item in box:
        f = {c.tag.split("}")[-1]: _leaf(c) for c in item if isinstance(c.tag, str)}
        if not f.get("XingMing"):
            if any(f.values()):
                warnings.append(f"家庭成员“{f.get('ChengWei', '')}”没有姓名，未导入")
            continue
        birth = None
        if f.get("ChuShengRiQi"):
            try:
                birth = _file_date(f["ChuShengRiQi"], "出生日期", "birth_date")
            except ValidationError:
                warnings.append(f"家庭成员{f['XingMing']}的出生日期“{f['ChuShengRiQi']}”看不懂，未导入该项")
        pol_text = "".join(f.get("ZhengZhiMianMao", "").split())
        pol = (_POLITICAL_BY_SHORT.get(pol_text) or codes.POLITICAL_STATUS.lookup(pol_text)) if pol_text else None
        if pol_text and pol is None:
            warnings.append(f"家庭成员{f['XingMing']}的政治面貌“{pol_text}”不在国家标准代码中，未导入该项")
        out.append((f.get("ChengWei", ""), f["XingMing"], birth, pol, f.get("GongZuoDanWeiJiZhiWu") or None))
    return out


# ---- plan and apply -------------------------------------------------------------------------

_PERSON_LABELS = {"name": "姓名", "ethnicity": "民族", "native_place": "籍贯", "birthplace": "出生地",
                  "party_join_date": "入党时间", "work_start_date": "参加工作时间", "health": "健康状况",
                  "tech_title": "专业技术职务", "specialty": "熟悉专业有何专长", "current_post": "现任职务"}
_DATE_FIELDS = ("party_join_date", "work_start_date")


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Plan:
    parsed: LrmxPerson
    person_id: str | None                          # None: a new person
    person_values: dict                            # Person columns to write
    replace: dict                                  # part name → new rows (education kinds, resume, …)
    changes: list[Change]
    created: bool = False                          # set by apply_import when it made the person

    @property
    def new(self) -> bool:
        return self.person_id is None


def _stored(pid: str | None):
    """The parts of a stored person as the import compares them."""
    if pid is None:
        return {"full_time": None, "on_the_job": None, "resume": [], "rewards": [], "assessments": [], "family": []}
    def edu(kind):
        r = _rows("SELECT level, degree, school, major FROM education WHERE person_id = ? AND kind = ? "
                  "AND deleted = 0 ORDER BY end_date DESC", (pid, kind))
        return (r[0][0], r[0][1], ((r[0][2] or "") + (r[0][3] or "")) or None) if r else None
    return {
        "full_time": edu("full_time"), "on_the_job": edu("on_the_job"),
        "resume": [(_month(s), _month(e), t or "") for s, e, t in _rows(
            "SELECT start_date, end_date, text FROM resume_entry WHERE person_id = ? AND deleted = 0 "
            "ORDER BY seq, start_date", (pid,))],
        "rewards": [(_month(d), t) for d, t in _rows(
            "SELECT date, text FROM reward_punishment WHERE person_id = ? AND deleted = 0 ORDER BY date, id", (pid,))],
        "assessments": _rows("SELECT year, result FROM assessment WHERE person_id = ? AND deleted = 0 "
                             "ORDER BY year, id", (pid,)),
        "family": [(r, n, _month(b), ps, w) for r, n, b, ps, w in _rows(
            "SELECT relation, name, birth_date, political_status, work_unit FROM family_member "
            "WHERE person_id = ? AND deleted = 0 ORDER BY seq, id", (pid,))],
    }


_PART_LABELS = {"full_time": "全日制教育", "on_the_job": "在职教育", "resume": "简历", "rewards": "奖惩情况",
                "assessments": "年度考核结果", "family": "家庭主要成员"}


def _count(part: str, rows) -> str:
    if rows is None or rows == []:
        return "（无）"
    if part in ("full_time", "on_the_job"):
        level, degree, school = rows
        return " ".join(x for x in (codes.EDUCATION.name(level) or "", degree or "", school or "") if x) or "（无）"
    return f"{len(rows)} 项"


def plan_import(parsed: LrmxPerson) -> Plan:
    """What importing `parsed` would change (for --dry-run and for apply_import). Reads only."""
    from rural_cadre_desktop.core.documents import current_post
    from rural_cadre_desktop.core.people import find_by_id_number
    p = find_by_id_number(parsed.id_number)
    pid = p.id if p else None
    values: dict = {}
    changes: list[Change] = []
    if p is None:
        values = dict(parsed.person)
        changes.append(Change("新建人员", "", f"{parsed.name}（身份证号 {parsed.id_number}）"))
    else:
        for key, new in parsed.person.items():
            if key in ("id_number", "sex", "birth_date"):         # from the ID number, checked in parse
                continue
            old = getattr(p, key)
            if key in _DATE_FIELDS and old and new and _month(old) == _month(new):
                continue
            if old != new:
                values[key] = new
                changes.append(Change(_PERSON_LABELS.get(key, key), _show(key, old), _show(key, new)))
    stored = _stored(pid)
    new_parts = {
        "full_time": parsed.full_time, "on_the_job": parsed.on_the_job,
        "resume": parsed.resume, "rewards": [(d, t) for k, d, t in parsed.rewards],
        "assessments": parsed.assessments,
        "family": parsed.family,
    }
    replace = {}
    for part, new in new_parts.items():
        if not new or _norm(part, new) == _norm(part, stored[part]):
            continue                          # empty in the file: unknown, keeps ours
        replace[part] = parsed.rewards if part == "rewards" else new
        changes.append(Change(_PART_LABELS[part], _count(part, stored[part]), _count(part, new)))
    # 现任职务: the file's wording, unless the export would already show it (derived from posts/résumé).
    if parsed.current_post:
        resume_after = [(s, e, t) for s, e, t in (new_parts["resume"] or stored["resume"])]
        shown = current_post(pid or "", p.current_post if p else None, resume_after)
        if parsed.current_post != shown:
            values["current_post"] = parsed.current_post
            changes.append(Change("现任职务", shown, parsed.current_post))
    if parsed.photo and (p is None or bytes(p.photo or b"") != parsed.photo):
        values["photo"] = parsed.photo
        changes.append(Change("照片", "有" if p is not None and p.photo else "无", f"{len(parsed.photo)} 字节"))
    return Plan(parsed, pid, values, replace, changes)


def _norm(part: str, rows):
    """Compare family birth dates at month precision (the file writes YYYYMM)."""
    if part == "family" and rows:
        return [(r, n, _month(b), ps, w or None) for r, n, b, ps, w in rows]
    return rows


def _show(key: str, value) -> str:
    if key == "ethnicity":
        return codes.ETHNICITY.name(value) or ""
    return "" if value is None else str(value)


def apply_import(parsed: LrmxPerson) -> Plan:
    """Write what plan_import says, in one transaction, through the store; audited."""
    from rural_cadre_desktop.core.models import (
        Assessment,
        Education,
        FamilyMember,
        Person,
        ResumeEntry,
        RewardPunishment,
    )
    from rural_cadre_desktop.core.people import check_unique_id, name_keys
    db = Person._meta.database
    with db.atomic():
        plan = plan_import(parsed)
        is_new = plan.new
        values = dict(plan.person_values)
        if "name" in values:
            values["name_initials"], values["name_strokes"], values["name_pinyin"] = name_keys(values["name"])
        if is_new:
            check_unique_id(parsed.id_number)
            person = store.insert(Person, village=None, **values)
        else:
            person = Person.get_by_id(plan.person_id)
            if values:
                store.update(person, values, source="lrmx")
        pid = person.id
        models = {"resume": ResumeEntry, "rewards": RewardPunishment, "assessments": Assessment,
                  "family": FamilyMember}
        for part, rows in plan.replace.items():
            if part in ("full_time", "on_the_job"):
                level, degree, school = rows
                old = (Education.alive().where((Education.person == pid) & (Education.kind == part))
                       .order_by(Education.end_date.desc()).first())
                if old is None:
                    store.insert(Education, person=pid, kind=part, level=level, degree=degree, school=school)
                else:
                    store.update(old, {"level": level, "degree": degree, "school": school, "major": None},
                                 source="lrmx")
                continue
            model = models[part]
            for row in model.alive().where(model.person == pid):
                store.soft_delete(row, source="lrmx")
            for i, r in enumerate(rows):
                if part == "resume":
                    store.insert(ResumeEntry, person=pid, start_date=r[0], end_date=r[1], text=r[2], seq=i)
                elif part == "rewards":
                    store.insert(RewardPunishment, person=pid, kind=r[0], date=r[1], text=r[2])
                elif part == "assessments":
                    store.insert(Assessment, person=pid, year=r[0], result=r[1])
                else:
                    store.insert(FamilyMember, person=pid, relation=r[0], name=r[1], birth_date=r[2],
                                 political_status=r[3], work_unit=r[4], seq=i)
        plan.person_id, plan.created = pid, is_new
        store.audit("lrmx-import", f"{pid} {'new' if is_new else 'update'} {len(plan.changes)} changes")
    return plan
