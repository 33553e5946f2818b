"""core/attachments: files kept with an archive (or a training) in the database; refusals change
nothing. Real SQLite (the `demo_store` fixture), real files in tmp_path."""
from __future__ import annotations

import hashlib
import stat

import pytest

from rural_cadre_desktop.core import attachments, db
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.models import Attachment, AuditLog

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def person(demo_store):
    return db.database.execute_sql("SELECT id FROM person WHERE deleted = 0 ORDER BY id LIMIT 1").fetchone()[0]


def _count() -> int:
    return Attachment.select().count()


def test_add_list_read_rename_delete(person, tmp_path):
    f = tmp_path / "推荐表.pdf"
    f.write_bytes(PDF)
    aid = attachments.add_file("person", person, f, kind="recommendation")
    g = tmp_path / "scan.png"
    g.write_bytes(PNG)
    bid = attachments.add_file("person", person, g, title="党员推荐证明")
    infos = attachments.list_for("person", person)
    assert [(i.id, i.kind, i.title, i.file_name, i.size, i.mime) for i in infos] == [
        (aid, "recommendation", "推荐表", "推荐表.pdf", len(PDF), "application/pdf"),
        (bid, "other", "党员推荐证明", "scan.png", len(PNG), "image/png")]
    assert infos[0].kind_label == "推荐表" and len(infos[0].created_at) == 16
    assert attachments.read_bytes(aid) == ("推荐表.pdf", PDF)
    row = Attachment.get_by_id(aid)
    assert row.sha256 == hashlib.sha256(PDF).hexdigest() and row.modified_by and row.created_at
    assert attachments.list_for("person", "someone-else") == []

    attachments.rename(aid, "  村级推荐表 ")
    assert attachments.list_for("person", person)[0].title == "村级推荐表"
    attachments.delete(bid)
    assert [i.id for i in attachments.list_for("person", person)] == [aid]
    assert Attachment.get_by_id(bid).deleted                       # a tombstone, not gone
    actions = [a.action for a in AuditLog.select().order_by(AuditLog.seq)]
    assert actions[-4:] == ["attachment-add", "attachment-add", "attachment-rename", "attachment-delete"]
    with pytest.raises(UserError, match="找不到这个附件"):
        attachments.read_bytes(bid)


@pytest.mark.parametrize("content, name, message", [
    (b"MZ\x90\x00 this is a program", "推荐表.pdf", "不是 PDF、JPEG、PNG、TIFF 或 BMP"),
    (b"PK\x03\x04 a word file", "考察材料.docx", "不是 PDF、JPEG、PNG、TIFF 或 BMP"),
    (b"", "empty.pdf", "是空的"),
])
def test_refused_file_changes_nothing(person, tmp_path, content, name, message):
    f = tmp_path / name
    f.write_bytes(content)
    before, audits = _count(), AuditLog.select().count()
    with pytest.raises(UserError, match=message):
        attachments.add_file("person", person, f, kind="inspection")
    assert (_count(), AuditLog.select().count()) == (before, audits)


def test_too_big_missing_and_bad_kind_refused(person, tmp_path, monkeypatch):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as fh:                    # sparse: 20 MB + 1 byte without writing them
        fh.write(PDF)
        fh.truncate(attachments.MAX_BYTES + 1)
    before = _count()
    with pytest.raises(UserError, match="超过 20 MB"):
        attachments.add_file("person", person, big)
    with pytest.raises(UserError, match="找不到文件"):
        attachments.add_file("person", person, tmp_path / "nowhere.pdf")
    with pytest.raises(UserError, match="不是文件"):
        attachments.add_file("person", person, tmp_path)
    ok = tmp_path / "a.pdf"
    ok.write_bytes(PDF)
    with pytest.raises(UserError, match="附件类型"):
        attachments.add_file("person", person, ok, kind="photo")
    with pytest.raises(UserError, match="找不到附件所属的记录"):
        attachments.add_file("person", "no-such-person", ok)
    with pytest.raises(UserError, match="不能挂在"):
        attachments.add_file("returnee", person, ok)
    assert _count() == before
    aid = attachments.add_file("person", person, ok)
    with pytest.raises(UserError, match="不能为空"):
        attachments.rename(aid, "   ")
    assert attachments.list_for("person", person)[-1].title == "a"


def test_save_copy_and_private_open_copy(person, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "data"))
    f = tmp_path / "证书"                          # no extension: the copy gets one from the content
    f.write_bytes(PNG)
    aid = attachments.add_file("person", person, f, kind="certificate")
    out = tmp_path / "out"
    out.mkdir()
    saved = attachments.save_copy(aid, out)
    assert saved == out / "证书.png" and saved.read_bytes() == PNG
    named = attachments.save_copy(aid, out / "另存.png")
    assert named.read_bytes() == PNG
    with pytest.raises(UserError, match="不存在"):
        attachments.save_copy(aid, tmp_path / "missing" / "x.png")

    copy = attachments.open_copy_path(aid)
    assert copy.read_bytes() == PNG and copy.suffix == ".png"
    assert copy.parent == attachments.work_folder()
    assert str(copy).startswith(str(tmp_path / "data"))            # not the shared temp folder
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert attachments.open_copy_path(aid) == copy                 # same content: the same copy


def test_sniff_and_names():
    assert attachments.sniff(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert attachments.sniff(b"II*\x00") == attachments.sniff(b"MM\x00*") == "image/tiff"
    assert attachments.sniff(b"BM6") == "image/bmp"
    assert attachments.sniff(b"GIF89a") is None
    assert attachments.safe_name('a/b:c?.JPEG', "image/jpeg") == "a_b_c.JPEG"
    assert attachments.safe_name("x.pdf", "image/png") == "x.png"
