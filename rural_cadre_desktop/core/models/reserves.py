"""村级后备干部: the reserve pool (一乡一库), its vetting steps (资格联审), yearly reviews
(年度考察评议), and the sitting/past village committee posts (村两委, 一肩挑)."""
from peewee import BooleanField, ForeignKeyField, IntegerField, TextField

from rural_cadre_desktop.core.models.base import BaseModel
from rural_cadre_desktop.core.models.people import Person
from rural_cadre_desktop.core.models.regions import Village


class ReserveCadre(BaseModel):
    """One membership of the pool; entering again makes a new one, leaving closes one."""
    person = ForeignKeyField(Person, backref="reserve_memberships", on_delete="CASCADE")
    village = ForeignKeyField(Village, backref="reserves", on_delete="RESTRICT")
    track = TextField(default="two_committees")     # secretary / two_committees
    status = TextField(default="active")            # active / left
    entered_date = TextField(null=True)
    left_date = TextField(null=True)
    left_reason = TextField(null=True)
    recommended_by = TextField(null=True)           # 五荐
    cultivation = TextField(null=True)              # 培养措施
    mentor = TextField(null=True)                   # 帮带人
    remarks = TextField(null=True)


class Vetting(BaseModel):
    reserve = ForeignKeyField(ReserveCadre, backref="vettings", on_delete="CASCADE")
    step = TextField()                              # village / township / county
    date = TextField(null=True)
    result = TextField(default="pending")           # pass / fail / pending
    reviewer = TextField(null=True)
    remarks = TextField(null=True)


class AnnualReview(BaseModel):
    reserve = ForeignKeyField(ReserveCadre, backref="reviews", on_delete="CASCADE")
    year = IntegerField()
    rating = TextField()                            # excellent … incompetent
    reviewer = TextField(null=True)
    negative_list = TextField(null=True)            # 负面清单 items found, one per line
    remarks = TextField(null=True)


class VillageCadre(BaseModel):
    """A post in a village's 两委; term_end empty means sitting (现任)."""
    person = ForeignKeyField(Person, backref="village_posts", on_delete="CASCADE")
    village = ForeignKeyField(Village, backref="cadres", on_delete="RESTRICT")
    post = TextField()                              # secretary, director, deputy_secretary, …
    holds_both_posts = BooleanField(default=False)  # 一肩挑
    term_start = TextField(null=True)
    term_end = TextField(null=True)
