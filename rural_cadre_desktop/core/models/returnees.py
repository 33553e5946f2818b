"""归雁计划: the registry of people working or running businesses away from home (status away)
and of those who came back (status returned), and the yearly "八个一" activities with them."""
from peewee import (
    SQL,
    BooleanField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from rural_cadre_desktop.core.models.base import BaseModel
from rural_cadre_desktop.core.models.people import Person
from rural_cadre_desktop.core.models.regions import Village


class Returnee(BaseModel):
    person = ForeignKeyField(Person, backref="returnee_records", on_delete="CASCADE")  # at most one live
    status = TextField(default="away")              # away / returned
    return_date = TextField(null=True)
    work_place = TextField(null=True)               # 流向: province/city
    industry = TextField(null=True)                 # 从业情况
    enterprise = TextField(null=True)
    position = TextField(null=True)
    business_scale = TextField(null=True)
    business_registered_date = TextField(null=True)  # returnee business, for the 5,000 元 subsidy rule
    wants_return = BooleanField(null=True)
    wants_business = BooleanField(null=True)
    wants_party = BooleanField(null=True)
    wants_cadre = BooleanField(null=True)
    # "四有": 有政治觉悟、有经济实力、有良好口碑、有回报家乡意愿
    four_political = BooleanField(null=True)
    four_economic = BooleanField(null=True)
    four_reputation = BooleanField(null=True)
    four_hometown = BooleanField(null=True)
    honorary_role = TextField(null=True)            # 百人团 荣誉职务
    contact_cadre = TextField(null=True)            # 一对一联系干部
    mentor = TextField(null=True)                   # 传帮带 结对
    startup_subsidy = FloatField(null=True)         # 一次性创业补贴 (元)
    loan_guarantee = FloatField(null=True)          # 贷款担保 (元)
    remarks = TextField(null=True)


# 返乡年份 / 创业登记年份 as a range on these (schema v4): a rare year's few rows straight from the
# index instead of reading every returnee. Only dated live rows are in them (a ledger import of
# people still away adds nothing); person_id makes the join to person need no table read.
RETURNEE_YEAR_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS returnee_{col} ON returnee({col}, person_id) WHERE {col} IS NOT NULL AND deleted = 0"
    for col in ("return_date", "business_registered_date")]
# 有入党意向 and the other intentions: the few flagged rows (a filter, its count, a rare mix of
# filters) without reading every returnee; rows without the flag cost an import nothing. Led by the
# flag so that `wants_x = 1` searches it (a plain scan of it ties with returnee_person_live).
RETURNEE_WANTS_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS returnee_{w} ON returnee({w}, person_id) WHERE {w} = 1 AND deleted = 0"
    for w in ("wants_return", "wants_business", "wants_party", "wants_cadre")]
for _sql in RETURNEE_YEAR_INDEXES + RETURNEE_WANTS_INDEXES:
    Returnee.add_index(SQL(_sql))


class OutlookNote(BaseModel):
    """思想动态: dated notes on a person's attitude and ideas."""
    person = ForeignKeyField(Person, backref="outlook_notes", on_delete="CASCADE")
    date = TextField()
    text = TextField()


class Activity(BaseModel):
    """One of the "八个一" kinds in a year; a 恳谈会 has many participants."""
    year = IntegerField(index=True)
    kind = TextField(index=True)                    # invitation, symposium, …
    date = TextField(null=True)
    place = TextField(null=True)
    content = TextField(null=True)
    status = TextField(null=True)                   # open / handled for problem_solved, suggestion
    answer = TextField(null=True)
    village = ForeignKeyField(Village, null=True, backref="activities", on_delete="SET NULL")


class ActivityParticipant(BaseModel):
    activity = ForeignKeyField(Activity, backref="participants", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="activity_links", on_delete="CASCADE")
