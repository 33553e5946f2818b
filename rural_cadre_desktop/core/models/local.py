"""Installation-local tables: settings, edit history, audit log. They never travel by USB except
History, which sync uses to keep the losing value of a conflict."""
from peewee import AutoField, TextField

from rural_cadre_desktop.core.models.base import LocalModel


class Setting(LocalModel):
    key = TextField(primary_key=True)
    value = TextField(null=True)


class History(LocalModel):
    """Every edit keeps the old value: undo, conflicts, and "who changed this"."""
    seq = AutoField()
    table = TextField()
    row_id = TextField(index=True)
    field = TextField()
    old_value = TextField(null=True)
    new_value = TextField(null=True)
    stamp = TextField()
    source = TextField(default="edit")   # edit / delete / merge / import / sync-conflict


class AuditLog(LocalModel):
    seq = AutoField()
    at = TextField()
    action = TextField()
    detail = TextField(null=True)
