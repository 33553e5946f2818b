"""The invitation letter template the township edits: sections under 【标题】【称呼】【正文】【附注】
【落款】【日期】, fields in braces ({姓名} {村} …; FIELD_HELP says what each holds). Parsing checks every field name once, so a typo
is refused before any letter is drawn, and rendering is a plain str.format per letter.
"""
from __future__ import annotations

import string
from dataclasses import dataclass

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.paths import resources_dir

SECTIONS = {"标题": "title", "称呼": "salutation", "正文": "body", "附注": "note", "落款": "signer",
            "日期": "date"}
FIELDS = ("姓名", "村", "乡镇", "县", "年份", "春节日期", "联系人", "电话", "落款", "日期")
# What each field holds (core.documents.letter_fields fills them): for the template's own notes and
# the template editor's help.
FIELD_HELP = {
    "姓名": "收信人姓名", "村": "收信人所在村(社区)", "乡镇": "本乡镇名称", "县": "本县名称",
    "年份": "邀请回乡过的春节的年份：落款日期当天或之后的第一个春节（如落款 2026年12月1日 → 2027）",
    "春节日期": "那个春节（正月初一）的公历日期，如 2027年2月6日",
    "联系人": "设置中的联系人", "电话": "设置中的联系电话", "落款": "落款单位（设置中的印章文字）",
    "日期": "成文日期，即生成时选定的落款日期（默认当天）",
}
SETTING_KEY = "invitation_template"


def default_text() -> str:
    return (resources_dir() / "templates" / "invitation.txt").read_text(encoding="utf-8")


@dataclass(frozen=True)
class LetterText:
    """One letter's words, ready to lay out: every field already filled in."""
    title: str
    salutation: str
    body: tuple[str, ...]          # paragraphs
    note: str
    signer: str
    date: str


@dataclass(frozen=True)
class Template:
    sections: dict

    @classmethod
    def parse(cls, text: str) -> "Template":
        parts: dict[str, list[str]] = {}
        current = None
        for raw in text.splitlines():
            line = raw.strip()
            if line.startswith("#"):
                continue
            if line.startswith("【") and line.endswith("】"):
                key = SECTIONS.get(line[1:-1].strip())
                if key is None:
                    raise UserError(f"模板里的小标题“{line}”不认识，只能用：{'、'.join('【%s】' % s for s in SECTIONS)}",
                                    f"unknown template section {line}")
                current = parts.setdefault(key, [])
                continue
            if current is None:
                if line:
                    raise UserError("模板第一行应是【标题】，请不要在小标题之前写正文",
                                    "template text before the first section")
                continue
            current.append(line)
        for key in ("title", "salutation", "body"):
            if not any(parts.get(key, [])):
                zh = next(k for k, v in SECTIONS.items() if v == key)
                raise UserError(f"模板缺少【{zh}】或其内容为空", f"template section {key} missing")
        secs = {k: tuple(x for x in v if x) for k, v in parts.items()}
        for lines in secs.values():
            for line in lines:
                _check_fields(line)
        return cls(secs)

    def render(self, values: dict[str, str]) -> LetterText:
        def fill(key):
            return tuple(line.format_map(values) for line in self.sections.get(key, ()))
        return LetterText(title="".join(fill("title")), salutation="".join(fill("salutation")),
                          body=fill("body"), note="".join(fill("note")), signer="".join(fill("signer")),
                          date="".join(fill("date")))


def _check_fields(line: str) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(line) if f is not None]
    except ValueError as e:
        raise UserError(f"模板这一行的大括号不成对：{line}", f"unbalanced braces: {e}") from e
    for n in names:
        if n not in FIELDS:
            raise UserError(f"模板里的字段{{{n}}}不认识，可用的字段：{' '.join('{%s}' % f for f in FIELDS)}",
                            f"unknown template field {n!r}")
