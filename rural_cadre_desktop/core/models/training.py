"""培训班 and 参训: every training and who attended it."""
from peewee import FloatField, ForeignKeyField, TextField

from rural_cadre_desktop.core.models.base import BaseModel
from rural_cadre_desktop.core.models.people import Person


class TrainingSession(BaseModel):
    name = TextField()
    kind = TextField()                              # rotation, lecture, site_visit, …
    level = TextField()                             # province / city / county / township
    target = TextField(null=True)                   # secretary / reserve / returnee / …
    start_date = TextField(null=True)
    end_date = TextField(null=True)
    days = FloatField(null=True)
    hours = FloatField(null=True)
    place = TextField(null=True)
    organizer = TextField(null=True)
    outside_county = TextField(null=True)           # '1' when held outside the county (rule: every 2 years)
    content = TextField(null=True)                  # 培训内容
    remarks = TextField(null=True)


class Attendance(BaseModel):
    training = ForeignKeyField(TrainingSession, backref="attendances", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="attendances", on_delete="CASCADE")
    attended_days = FloatField(null=True)           # empty: the whole class; fewer when someone missed part
    exam_result = TextField(null=True)              # 结业考试
    certificate_no = TextField(null=True)           # 结业证书编号
    remarks = TextField(null=True)
