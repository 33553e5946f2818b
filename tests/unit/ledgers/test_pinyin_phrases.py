"""core.people loads pypinyin without its phrase table (PYPINYIN_NO_PHRASES unless set: 0.3 s less
CPU, e.g. beside an import's read). core.people keys names one character at a time, where the phrase
table changes nothing: the name keys of every character are the same either way."""
from __future__ import annotations

import json
import os
import subprocess
import sys

CODE = """
import json, sys
from pypinyin.constants import PINYIN_DICT
from rural_cadre_desktop.core.people import name_keys
chars = [chr(cp) for cp in sorted(PINYIN_DICT)]
names = ["".join(chars[i:i + 3]) for i in range(0, len(chars), 3)] + ["单于", "长孙", "曾参", "重庆", "解放"]
print(json.dumps([name_keys(n) for n in names]))
"""


def keys(no_phrases: bool) -> list:
    env = dict(os.environ)
    # set either way: "" keeps the phrase table (core.people only fills the variable when absent)
    env["PYPINYIN_NO_PHRASES"] = "1" if no_phrases else ""
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_core_people_loads_pypinyin_without_phrases_unless_told():
    code = "import rural_cadre_desktop.core.people as p; p.name_keys('张三'); from pypinyin import constants; print(len(constants.PHRASES_DICT))"
    env = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True)
    assert out.stdout.strip() == "0"


def test_name_keys_do_not_depend_on_the_phrase_table():
    with_phrases, without = keys(False), keys(True)
    assert len(with_phrases) > 13_000
    assert with_phrases == without
