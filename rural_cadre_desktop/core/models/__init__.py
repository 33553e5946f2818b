"""All stored models, in creation order (parents before children)."""
from rural_cadre_desktop.core.models.attachments import Attachment
from rural_cadre_desktop.core.models.base import SYNC_FIELDS, BaseModel, new_id
from rural_cadre_desktop.core.models.local import AuditLog, History, Setting
from rural_cadre_desktop.core.models.people import (Assessment, Education, FamilyMember, Person,
                                                    ResumeEntry, RewardPunishment)
from rural_cadre_desktop.core.models.regions import County, Township, Village
from rural_cadre_desktop.core.models.reserves import AnnualReview, ReserveCadre, Vetting, VillageCadre
from rural_cadre_desktop.core.models.returnees import Activity, ActivityParticipant, OutlookNote, Returnee
from rural_cadre_desktop.core.models.training import Attendance, TrainingSession

SYNCED_MODELS = [
    County, Township, Village, Person, Education, ResumeEntry, FamilyMember, RewardPunishment,
    Assessment, Returnee, OutlookNote, Activity, ActivityParticipant, ReserveCadre, Vetting,
    AnnualReview, VillageCadre, TrainingSession, Attendance, Attachment,
]
LOCAL_MODELS = [Setting, History, AuditLog]
ALL_MODELS = SYNCED_MODELS + LOCAL_MODELS

__all__ = [m.__name__ for m in ALL_MODELS] + ["BaseModel", "SYNC_FIELDS", "new_id", "SYNCED_MODELS",
                                              "LOCAL_MODELS", "ALL_MODELS"]
