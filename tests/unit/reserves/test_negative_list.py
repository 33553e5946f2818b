"""负面清单: the township's checklist (standard unless adjusted), the text stored per review, the
review batch carrying it, and the archive's latest finding."""
from __future__ import annotations

import datetime as dt

import pytest

from rural_cadre_desktop.core import settings
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import AnnualReview, AuditLog, ReserveCadre
from rural_cadre_desktop.core.reserves import negative_list as nl
from rural_cadre_desktop.core.reserves import services


def test_items_standard_then_adjusted(store):
    assert nl.items() == list(nl.STANDARD) and len(nl.STANDARD) == 6
    saved = nl.save_items(["受过刑事处罚", "", "  本乡镇补充：长期拖欠集体资金  ", "受过刑事处罚"])
    assert saved == nl.items() == ["受过刑事处罚", "本乡镇补充：长期拖欠集体资金"]
    assert AuditLog.select().where((AuditLog.action == "settings") & (AuditLog.detail == nl.SETTING_KEY)).exists()
    nl.save_items(nl.STANDARD)                                     # back to the standard: no own list kept
    assert settings.get(nl.SETTING_KEY) is None and nl.items() == list(nl.STANDARD)


@pytest.mark.parametrize("lines, message", [
    (["", "  "], "至少要有一条"),
    (["长" * 61], "超过60个字"),
    ([f"第{i}条" for i in range(31)], "最多30条"),
])
def test_bad_lists_refused_and_nothing_saved(store, lines, message):
    nl.save_items(["受过刑事处罚", "其他"])
    with pytest.raises(UserError, match=message):
        nl.save_items(lines)
    assert nl.items() == ["受过刑事处罚", "其他"]


def test_join_and_split():
    text = nl.join(["受过刑事处罚", "涉嫌违纪违法正在接受调查"], "欠缴集体资金；长期外出")
    assert text == "受过刑事处罚\n涉嫌违纪违法正在接受调查\n欠缴集体资金\n长期外出"
    assert nl.split(text, nl.STANDARD) == (["受过刑事处罚", "涉嫌违纪违法正在接受调查"], "欠缴集体资金；长期外出")
    assert nl.join([], "  ") is None and nl.split(None, nl.STANDARD) == ([], "")
    assert nl.short(text).count("；") == 3


def test_review_batch_records_the_finding_and_archive_shows_the_latest(demo_store):
    year = dt.date.today().year
    pool = [r for r in services.review_pool(year) if not r["rating"]][:2]
    a, b = pool
    finding = nl.join(["长期不在村居住、无法正常履职"])
    out = services.review_batch(year, [(a["id"], "competent", None, finding), (b["id"], "excellent", "好", None)])
    assert [o.record.negative_list for o in out] == [finding, None]
    assert any("负面清单" in w for w in out[0].warnings)
    pid = ReserveCadre.get_by_id(a["id"]).person_id
    assert nl.latest_finding(pid) == (year, finding)
    assert nl.latest_finding(ReserveCadre.get_by_id(b["id"]).person_id) is None
    rows = {r["id"]: r for r in services.review_pool(year)}
    assert rows[a["id"]]["negative_list"] == finding and rows[a["id"]]["rating"] == "competent"
    # and the next entry of this person into the pool is warned about it
    assert any("负面清单" in w for w in services.entry_warnings(
        ReserveCadre.get_by_id(a["id"]).person, "two_committees", dt.date.today().isoformat()))
    assert AnnualReview.select().where(AnnualReview.negative_list.is_null(False)).count() >= 1
