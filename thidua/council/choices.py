from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    STANDING = "standing", _("Standing member")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Scheduled")
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Voting closed")
    COUNTED = "counted", _("Counted")


class Attendance(models.TextChoices):
    PRESENT = "present", _("Present")
    WRITTEN = "written", _("Absent, votes in writing")
    ABSENT = "absent", _("Absent")


class Choice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")


class Channel(models.TextChoices):
    PHONE = "phone", _("On the phone")
    WRITTEN = "written", _("In writing (absent member)")
