"""core.people.name_keys, put together from per-character parts, gives exactly what the three
keys say one by one (name_initials, strokes.stroke_key, name_pinyin) for every name: surnames
read their own way (单 shàn, 曾 zēng) only in first place, the stroke key stops after eight
characters, and what is not a Han character keeps its place; the import's memo of it too."""
from __future__ import annotations

import random

from rural_cadre_desktop.core.ledgers.fast import name_keys_memo
from rural_cadre_desktop.core.people import _SURNAME_INITIAL, name_initials, name_keys, name_pinyin
from rural_cadre_desktop.core.strokes import stroke_key

COMMON = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭秀英华明国建平军伟芳娟敏静丽强磊洋艳勇杰娜涛超"
ODD = ["单单", "曾曾", "解放", "乐乐", "长长久久", "欧阳修", "阿依古丽·买买提", "买买提·艾力", "司马相如相如相如相如",
       "John", "王2", "李 四", "𠀀𠀁", "张", "〇", "a·b"]


def test_same_keys_as_name_keys():
    rng = random.Random(4)
    chars = COMMON + "".join(_SURNAME_INITIAL)
    names = ODD + ["".join(rng.choice(chars) for _ in range(rng.randint(1, 10))) for _ in range(3000)]
    memo = name_keys_memo()
    for name in names + names:          # the second time from the per-name cache
        assert name_keys(name) == memo(name) == (name_initials(name), stroke_key(name), name_pinyin(name)), name
