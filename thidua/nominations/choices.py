from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    YEAR_END = "year_end", _("Year-end review")
    PLAN_CLOSE = "plan_close", _("Close of a plan")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Taking nominations")
    REVIEWING = "reviewing", _("Reviewing")
    DISCLOSED = "disclosed", _("Disclosed to the public")
    VOTED = "voted", _("Voted by the council")
    CLOSED = "closed", _("Closed")


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")
    DISCLOSED = "disclosed", _("Disclosed")
    VOTED = "voted", _("Passed by the council")
    NOT_PASSED = "not_passed", _("Not passed by the council")
    DECIDED = "decided", _("Decided")
    PROPOSED = "proposed", _("Proposed to the higher level")


class Category(models.TextChoices):
    """The "đối tượng" breakdown the TĐKT statistics count awards by (TT 02/2023/TT-BNV)."""

    LEADER = "leader", _("Leader or manager")
    DIRECT_WORKER = "direct_worker", _("Works directly (worker, farmer, teacher…)")
    OFFICER = "officer", _("Officer or civil servant")
    CITIZEN = "citizen", _("Citizen")
    COLLECTIVE = "collective", _("Collective")
    OTHER = "other", _("Other")


class DossierPartKind(models.TextChoices):
    PROPOSAL = "proposal", _("Submission (tờ trình, Mẫu 01)")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    MEETING_MINUTES = "meeting_minutes", _("Unit meeting minutes")
    EVIDENCE = "evidence", _("Evidence (initiative, project, other proof)")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Accepted")
    REJECTED = "rejected", _("Rejected")
