from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province / city")
    DISTRICT = "district", _("District (before 2025)")
    COMMUNE = "commune", _("Commune / ward")
    DEPARTMENT = "department", _("Department")
    VILLAGE = "village", _("Village / residential group")
    SCHOOL = "school", _("School")
    CLINIC = "clinic", _("Health station / clinic")
    ENTERPRISE = "enterprise", _("Enterprise / cooperative")
    MASS_ORGANISATION = "mass_org", _("Mass organisation")
    OTHER = "other", _("Other")


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Merged into")
    RENAME = "rename", _("Renamed to")
    SPLIT = "split", _("Split into")
    TRANSFER = "transfer", _("Transferred to")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class EmploymentGroup(models.TextChoices):
    CBCCVC = "cbccvc", _("Cadre, civil servant or public employee")
    WORKER = "worker", _("Worker / employee")
    RESIDENT = "resident", _("Resident (farmer, other)")


class HouseholdRelation(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    GRANDCHILD = "grandchild", _("Grandchild")
    OTHER = "other", _("Other")
