"""One Person per human being; everything else (returnee record, reserve memberships, village
posts, attendances, activities) hangs off the person — 一人一档.

The archive parts the 干部任免审批表-shaped sheet prints are models of their own: education
(全日制/在职), résumé lines, family members and social relations, rewards and punishments,
yearly assessment results; the photo is a blob on the person.
"""
from peewee import SQL, BlobField, ForeignKeyField, IntegerField, TextField

from rural_cadre_desktop.core.models.base import BaseModel
from rural_cadre_desktop.core.models.regions import Village


class Person(BaseModel):
    name = TextField(index=True)
    name_initials = TextField(default="", index=True)   # pinyin initials for search: 张三 → zs
    name_strokes = TextField(null=True)                 # surname stroke-order sort key (姓氏笔画)
    name_pinyin = TextField(default="")                 # dictionary order key: whole syllables, surname read as surname
    id_number = TextField(null=True)                    # 18 characters; unique among live people
    sex = TextField(null=True)                           # GB/T 2261.1 code
    birth_date = TextField(null=True)                    # YYYY-MM-DD or YYYY-MM
    ethnicity = TextField(null=True)                     # GB/T 3304 code
    political_status = TextField(null=True)              # GB/T 4762 code
    party_join_date = TextField(null=True)
    education = TextField(null=True)                     # GB/T 4658 code (highest)
    phone = TextField(null=True)
    village = ForeignKeyField(Village, null=True, backref="people", on_delete="RESTRICT")  # 户籍所在村
    native_place = TextField(null=True)                  # 籍贯
    birthplace = TextField(null=True)                    # 出生地
    work_start_date = TextField(null=True)               # 参加工作时间
    health = TextField(null=True)                        # 健康状况
    tech_title = TextField(null=True)                    # 专业技术职务
    specialty = TextField(null=True)                     # 熟悉专业有何专长
    current_post = TextField(null=True)                  # 现任职务
    address = TextField(null=True)
    photo = BlobField(null=True)
    remarks = TextField(null=True)
    # When two records turn out to be one human being, the larger UUID becomes an alias of the
    # smaller one and every record naming it is re-pointed (DESIGN.md, identity and sync).
    alias_of = ForeignKeyField("self", null=True, backref="aliases", on_delete="SET NULL")


# The returnee list's indexes (core/returnees/query.py; schema v4 builds them on older files).
# Live people in dictionary order carrying the searched columns: a name/number "contains" search
# reads this index (~12 MB at 100k) in list order and stops after a page, reading the 34 MB table
# only for the rows it finds; `id` lets a join to returnee skip the table too. Partial: the list's WHERE must say
# `p.deleted = 0 AND p.alias_of_id IS NULL` verbatim (no unary plus) for SQLite to use it.
PERSON_LIST_INDEX = ("CREATE INDEX IF NOT EXISTS person_name_pinyin ON person(name_pinyin, name, id_number, phone, id) "
                     "WHERE deleted = 0 AND alias_of_id IS NULL")
# Live people without an ID number (few): where 只看疑似重复 starts, instead of reading every person.
# Led by id_number (always NULL in it) so that `id_number IS NULL` searches it: a plain scan of it
# lost to a scan of person_name_pinyin in the planner's eyes.
PERSON_NO_ID_INDEX = ("CREATE INDEX IF NOT EXISTS person_no_id_number ON person(id_number, name, birth_date, village_id, id) "
                      "WHERE id_number IS NULL AND deleted = 0 AND alias_of_id IS NULL")
Person.add_index(SQL(PERSON_LIST_INDEX))
Person.add_index(SQL(PERSON_NO_ID_INDEX))


class Education(BaseModel):
    person = ForeignKeyField(Person, backref="educations", on_delete="CASCADE")
    kind = TextField()                     # full_time / on_the_job
    level = TextField(null=True)           # GB/T 4658 code
    degree = TextField(null=True)          # 学位
    school = TextField(null=True)
    major = TextField(null=True)
    start_date = TextField(null=True)
    end_date = TextField(null=True)


class ResumeEntry(BaseModel):
    person = ForeignKeyField(Person, backref="resume", on_delete="CASCADE")
    start_date = TextField(null=True)
    end_date = TextField(null=True)        # empty = 至今
    text = TextField()                     # 单位及职务
    seq = IntegerField(default=0)


class FamilyMember(BaseModel):
    person = ForeignKeyField(Person, backref="family", on_delete="CASCADE")
    relation = TextField()                 # 称谓
    name = TextField()
    birth_date = TextField(null=True)
    political_status = TextField(null=True)
    work_unit = TextField(null=True)       # 工作单位及职务
    seq = IntegerField(default=0)


class RewardPunishment(BaseModel):
    person = ForeignKeyField(Person, backref="rewards", on_delete="CASCADE")
    kind = TextField()                     # reward / punishment
    date = TextField(null=True)
    text = TextField()


class Assessment(BaseModel):
    """年度考核结果 — the yearly assessment line of the archive sheet."""
    person = ForeignKeyField(Person, backref="assessments", on_delete="CASCADE")
    year = IntegerField()
    result = TextField()
