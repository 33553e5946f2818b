"""Choosing the open database itself as the ledger to import is refused before a byte is read:
reading it outside SQLite would drop this process's SQLite locks."""
import shutil

import pytest

from rural_cadre_desktop.core import db
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.ledgers.reader import read_workbook


def test_the_open_database_is_not_read_as_a_ledger(store, tmp_path, monkeypatch):
    live = db.db_path()
    alias = tmp_path / "ledger"                # no extension: would go to calamine
    alias.hardlink_to(live)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: opened.append(str(f)) or real_open(f, *a, **k))
    with pytest.raises(UserError, match="正在使用的数据库"):
        read_workbook(alias)
    assert not [f for f in opened if f in (str(alias), str(live))]


def test_a_copy_of_the_database_is_still_a_file_like_any_other(store, tmp_path):
    copy = tmp_path / "copy"
    shutil.copy(db.db_path(), copy)
    with pytest.raises(UserError) as e:
        read_workbook(copy)
    assert "正在使用" not in e.value.zh
