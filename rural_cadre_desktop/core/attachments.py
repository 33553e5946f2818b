"""附件: scanned papers (推荐表, 考察材料, certificates, a training's notice and sign-in sheet) kept
with the record they belong to, for any owner (`owner_table`, `owner_id`): a person's archive
(owner_table "person"), a training ("training_session").

The file's bytes live in the database (table `attachment`, one synced row each, written through
core.store so they carry clocks and tombstones like every other row and travel with sync and
backups). Only PDF and images are taken, recognised by their first bytes (a renamed .exe stays
out), at most 20 MB each. Every refusal is a UserError and writes nothing.

    aid = add_file("person", pid, "推荐表.pdf", kind="recommendation")
    list_for("person", pid) -> [AttachmentInfo, ...]          (without the bytes)
    read_bytes(aid) -> (file_name, data)
    rename(aid, title); delete(aid)                            (tombstone; history keeps it)
    save_copy(aid, folder_or_path) -> Path                     (atomic, core.outputs)
    open_copy_path(aid) -> Path     a private copy (mode 0600) under the data folder, for the viewer

Audit rows: attachment-add <id> <owner_table> <owner_id> <kind>, attachment-rename <id>,
attachment-delete <id>.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.errors import UserError, ValidationError
from rural_cadre_desktop.core.validation import clean_text

# kind → label (the codes.py style): the first four for an archive, the next two for a training.
KINDS = {
    "recommendation": "推荐表",
    "inspection": "考察材料",
    "certificate": "证书",
    "notice": "通知",
    "sign_in": "签到表",
    "other": "其他",
}
ARCHIVE_KINDS = {k: KINDS[k] for k in ("recommendation", "inspection", "certificate", "other")}
TRAINING_KINDS = {k: KINDS[k] for k in ("notice", "sign_in", "other")}

MAX_BYTES = 20 * 1024 * 1024
TITLE_MAX = 100
# What a file is, from its first bytes (never from its name).
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)
EXTENSION = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif",
             "image/bmp": ".bmp"}
_SAME_TYPE = {".jpg": (".jpg", ".jpeg"), ".tif": (".tif", ".tiff")}
# Which owner tables an attachment may point at (table name → model name in core.models).
OWNERS = {"person": "Person", "reserve_cadre": "ReserveCadre", "training_session": "TrainingSession"}


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    kind: str
    title: str
    file_name: str
    size: int
    mime: str
    created_at: str            # local time, "YYYY-MM-DD HH:MM"

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


def sniff(head: bytes) -> str | None:
    """The MIME type of a PDF/JPEG/PNG/TIFF/BMP from its first bytes; None for anything else."""
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    return None


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _model():
    from rural_cadre_desktop.core.models import Attachment
    return Attachment


def _check_owner(owner_table: str, owner_id: str) -> None:
    from rural_cadre_desktop.core import models
    if owner_table not in OWNERS:
        raise UserError(f"附件不能挂在“{owner_table}”上（只能是人员档案或培训），请检查调用",
                        f"unknown owner table {owner_table!r}")
    model = getattr(models, OWNERS[owner_table])
    row = model.get_or_none(model.id == owner_id)
    if row is None or row.deleted:
        raise UserError("找不到附件所属的记录（可能已被删除），请刷新后重试", f"no {owner_table} {owner_id!r}")


def _read_file(path) -> tuple[Path, bytes]:
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件 {path}，请检查文件名和位置", f"no such file: {path}")
    if not path.is_file():
        raise UserError(f"{path} 不是文件，请选择一个 PDF 或图片文件", f"{path} is not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"文件 {path.name} 有 {human_size(size)}，超过 20 MB 的上限，请压缩或分成几份后再添加",
                            f"{path.name} is larger than 20 MB")
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"无法读取文件 {path.name}：{e.strerror}，请检查文件是否被占用或有无读取权限",
                        f"cannot read {path}: {e.strerror}") from e
    if len(data) > MAX_BYTES:         # grew between stat and read
        raise UserError(f"文件 {path.name} 超过 20 MB 的上限，请压缩或分成几份后再添加", f"{path.name} > 20 MB")
    if not data:
        raise UserError(f"文件 {path.name} 是空的，请选择扫描好的 PDF 或图片", f"{path.name} is empty")
    return path, data


def _title(title: str | None, fallback: str) -> str:
    t = clean_text(title or "") or fallback
    if len(t) > TITLE_MAX:
        raise ValidationError(f"附件名称不能超过{TITLE_MAX}个字，请缩短", f"title longer than {TITLE_MAX}", "title")
    return t


def add_file(owner_table: str, owner_id: str, path, kind: str = "other", title: str | None = None) -> str:
    """Store the file at `path` as an attachment of the owner; returns its id. Refused (nothing
    written): an unknown kind or owner, a missing/unreadable/empty file, over 20 MB, not PDF/image."""
    if kind not in KINDS:
        raise ValidationError(f"附件类型“{kind}”不可用，请选择：{'、'.join(KINDS.values())}",
                              f"unknown attachment kind {kind!r}", "kind")
    path, data = _read_file(path)
    mime = sniff(data[:16])
    if mime is None:
        raise UserError(f"文件 {path.name} 不是 PDF、JPEG、PNG、TIFF 或 BMP，不能作为附件；请先扫描或另存为 PDF/图片",
                        f"{path.name} is not a PDF or an image")
    title = _title(title, path.stem)
    _check_owner(owner_table, owner_id)
    model = _model()
    with model._meta.database.atomic():
        row = store.insert(model, owner_table=owner_table, owner_id=owner_id, kind=kind, title=title,
                           file_name=path.name, mime=mime, size=len(data),
                           sha256=hashlib.sha256(data).hexdigest(), data=data)
        store.audit("attachment-add", f"{row.id} {owner_table} {owner_id} {kind}")
    return row.id


def _local_time(stamp: str | None) -> str:
    if not stamp:
        return ""
    from rural_cadre_desktop.core.clock import parse_stamp
    t = dt.datetime.fromtimestamp(parse_stamp(stamp)[0] / 1000)
    return t.strftime("%Y-%m-%d %H:%M")


def list_for(owner_table: str, owner_id: str) -> list[AttachmentInfo]:
    """The owner's live attachments, oldest first, without their bytes."""
    m = _model()
    rows = (m.select(m.id, m.kind, m.title, m.file_name, m.size, m.mime, m.created_at)
            .where((m.owner_table == owner_table) & (m.owner_id == owner_id) & (m.deleted == False))
            .order_by(m.created_at).tuples())
    return [AttachmentInfo(i, k, t or f, f, s or 0, mime or "", _local_time(c)) for i, k, t, f, s, mime, c in rows]


def _row(att_id: str):
    m = _model()
    row = m.get_or_none(m.id == att_id)
    if row is None or row.deleted:
        raise UserError("找不到这个附件（可能已被删除），请刷新后重试", f"no attachment {att_id!r}")
    return row


def read_bytes(att_id: str) -> tuple[str, bytes]:
    """(original file name, the file's bytes)."""
    row = _row(att_id)
    return row.file_name, bytes(row.data or b"")


def rename(att_id: str, title: str) -> None:
    title = clean_text(title or "")
    if not title:
        raise ValidationError("附件名称不能为空，请输入名称", "title is empty", "title")
    title = _title(title, "")
    row = _row(att_id)
    model = _model()
    with model._meta.database.atomic():
        if store.update(row, {"title": title}, source="attachment"):
            store.audit("attachment-rename", att_id)


def delete(att_id: str) -> None:
    row = _row(att_id)
    model = _model()
    with model._meta.database.atomic():
        store.soft_delete(row, source="attachment")
        store.audit("attachment-delete", att_id)


def safe_name(file_name: str, mime: str | None = None) -> str:
    """A file name any file system takes, with an extension that matches the content."""
    stem, ext = os.path.splitext(file_name or "")
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", stem).strip(" ._") or "附件"
    want = EXTENSION.get(mime or "")
    if want and ext.lower() not in _SAME_TYPE.get(want, (want,)):
        ext = want
    return stem[:120] + ext


def save_copy(att_id: str, folder_or_path) -> Path:
    """Write the file to `folder_or_path` (a folder: under its original name); atomic."""
    from rural_cadre_desktop.core.outputs import write_bytes_atomic
    row = _row(att_id)
    target = Path(folder_or_path)
    if target.is_dir():
        target = target / safe_name(row.file_name, row.mime)
    return write_bytes_atomic(bytes(row.data or b""), target)


def work_folder() -> Path:
    """Where copies for the system viewer go: the app's own data folder, not the shared temp."""
    from rural_cadre_desktop.core.paths import data_dir
    return data_dir() / "work" / "attachments"


def open_copy_path(att_id: str) -> Path:
    """A copy of the file in the private work folder (folder 0700, file 0600), for opening with
    the system viewer; the same content is written once."""
    row = _row(att_id)
    data = bytes(row.data or b"")
    folder = work_folder()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass
    path = folder / f"{row.id[-12:]}_{safe_name(row.file_name, row.mime)}"
    if path.exists() and path.stat().st_size == len(data) and \
            hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256:
        return path
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(path, 0o600)
    except OSError as e:
        raise UserError(f"无法在 {folder} 写出附件副本：{e.strerror}，请检查磁盘空间",
                        f"cannot write {path}: {e.strerror}") from e
    return path
