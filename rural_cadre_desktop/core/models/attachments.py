"""附件: scanned 推荐表, 考察材料, certificates, a training's notice or sign-in sheet.

One table for every owner (an archive's person, a reserve membership, a training): the owner is named
by its table and id, so a new owner kind needs no schema change. The file's bytes live in the row,
so attachments travel in backups and sync packages like any other field.
"""
from peewee import BlobField, IntegerField, TextField

from rural_cadre_desktop.core.models.base import BaseModel


class Attachment(BaseModel):
    owner_table = TextField()                   # person / reserve_cadre / training_session
    owner_id = TextField()
    kind = TextField(default="other")           # recommendation / inspection / certificate / notice / sign_in / other
    title = TextField(null=True)                # what the clerk calls it (defaults to the file name)
    file_name = TextField()                     # the original name, for the extension and for saving a copy
    mime = TextField(null=True)
    size = IntegerField(default=0)
    sha256 = TextField(null=True)
    data = BlobField(null=True)
    remarks = TextField(null=True)

    class Meta:
        indexes = ((("owner_table", "owner_id"), False),)
