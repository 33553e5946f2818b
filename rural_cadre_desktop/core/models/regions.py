"""Region tree: 县 County → 乡镇 Township → 村(社区) Village.

A region is identified by its 12-digit 统计用区划代码 when known, else by its parent and its
normalised name (core/regions.py: 石门, 石门村 and 石门村委会 are one village).
"""
from peewee import ForeignKeyField, IntegerField, TextField

from rural_cadre_desktop.core.models.base import BaseModel


class County(BaseModel):
    name = TextField()
    norm_name = TextField(index=True)
    code = TextField(null=True, index=True)


class Township(BaseModel):
    county = ForeignKeyField(County, backref="townships", on_delete="RESTRICT")
    name = TextField()
    norm_name = TextField(index=True)
    code = TextField(null=True, index=True)


class Village(BaseModel):
    township = ForeignKeyField(Township, backref="villages", on_delete="RESTRICT")
    name = TextField()
    norm_name = TextField(index=True)
    code = TextField(null=True, index=True)
    # 合村并居: a merged village points to the one it became part of; its records are re-pointed.
    merged_into = ForeignKeyField("self", null=True, backref="merged", on_delete="SET NULL")
    sort_order = IntegerField(default=0)
