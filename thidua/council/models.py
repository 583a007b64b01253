"""The commune's emulation and commendation council, its sessions and the secret ballot.

Secrecy by design (tested in ``tests/test_secrecy.py``):

* ``VoteMark`` records only *that* a member voted in a session (no choice, no time, no history);
* ``BallotSlip`` records one choice for one agenda item with a random UUID key, the hash of the ballot's
  receipt code and the channel (phone or written), and nothing that joins it to a member, a user or a mark:
  no foreign key to them, no timestamp, no sequential id, no history table. ``session_close`` rewrites the
  slips in random order so that even the physical row order does not follow the order members voted in.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import DomainModel
from thidua.council.choices import Attendance, Channel, Choice, MemberRole, SessionStatus

EXCLUDED = ["created_at", "updated_at"]


class Council(DomainModel):
    """Hội đồng Thi đua - Khen thưởng of one commune."""

    commune = models.OneToOneField(
        "orgs.OrgUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="council"
    )
    name = models.CharField(_("name"), max_length=255)
    quorum_percent = models.DecimalField(
        # xgettext:no-python-format
        _("quorum, % of all members"),
        max_digits=5,
        decimal_places=2,
        default=80,
        help_text=_("Members taking part (present or voting in writing) out of all members."),
    )
    series_symbol = models.CharField(
        _("symbol of the council's documents"),
        max_length=30,
        default="HĐTĐKT",
        help_text=_("The council numbers its minutes in its own series, e.g. 03/BB-HĐTĐKT."),
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "commune__path"

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["commune__path"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("council:council_detail", args=[self.pk])


class CouncilMember(DomainModel):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "orgs.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="council_seats"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login (to vote on the phone)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER)
    position = models.CharField(_("position"), max_length=150, blank=True)
    active_from = models.DateField(_("member from"))
    active_to = models.DateField(_("member until"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "council__commune__path"

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True) | models.Q(active_to__gte=models.F("active_from")),
                name="councilmember_dates",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.person.full_name

    def active_on(self, day) -> bool:
        return self.active_from <= day and (self.active_to is None or self.active_to >= day)


class VoteThreshold(DomainModel):
    """What share of ALL members a candidate for a title needs (data, editable per council)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="thresholds"
    )
    code = models.CharField(_("title or form"), max_length=60)
    # xgettext:no-python-format
    percent = models.DecimalField(_("% of all members"), max_digits=5, decimal_places=2)
    inclusive = models.BooleanField(
        _("at least (≥)"), default=True, help_text=_("Unticked: strictly more than (>), e.g. a majority.")
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "council__commune__path"

    class Meta:
        verbose_name = _("vote threshold")
        verbose_name_plural = _("vote thresholds")
        ordering = ["council", "code"]
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], name="votethreshold_unique_code"),
            models.CheckConstraint(
                condition=models.Q(percent__gt=0, percent__lte=100),
                name="votethreshold_percent_range",
                violation_error_message=_("The share must be between 0 and 100%."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {'≥' if self.inclusive else '>'} {self.percent}%"


class CouncilSession(DomainModel):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="sessions"
    )
    review_round = models.OneToOneField(
        "nominations.ReviewRound",
        verbose_name=_("review round"),
        on_delete=models.PROTECT,
        related_name="council_session",
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True, editable=False)
    place = models.CharField(_("place"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.DRAFT, editable=False
    )
    minutes_number = models.ForeignKey(
        "documents.DocumentNumber",
        verbose_name=_("number of the minutes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "council__commune__path"

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.council} – {self.review_round}"

    def get_absolute_url(self) -> str:
        return reverse("council:session_detail", args=[self.pk])


class SessionAttendance(DomainModel):
    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendance"
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.PRESENT
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "session__council__commune__path"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="sessionattendance_unique_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()}"


class AgendaItem(DomainModel):
    """One candidate on the session's agenda (frozen when voting opens) and, once counted, the result."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="agenda"
    )
    nomination = models.ForeignKey(
        "nominations.Nomination", verbose_name=_("nomination"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    votes_for = models.PositiveSmallIntegerField(_("votes in favour"), null=True, blank=True, editable=False)
    votes_against = models.PositiveSmallIntegerField(
        _("votes against"), null=True, blank=True, editable=False
    )
    percent = models.DecimalField(
        # xgettext:no-python-format
        _("% of all members"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    votes_needed = models.PositiveSmallIntegerField(_("votes needed"), null=True, blank=True, editable=False)
    passed = models.BooleanField(_("passed"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "session__council__commune__path"

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="agendaitem_unique_nomination"),
        ]

    def __str__(self) -> str:
        return str(self.nomination)


class VoteMark(models.Model):
    """That a member voted in a session: nothing about what, nor when. No history on purpose."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="marks"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="marks"
    )

    class Meta:
        verbose_name = _("voted mark")
        verbose_name_plural = _("voted marks")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="votemark_one_per_member"),
        ]

    def __str__(self) -> str:
        return str(self.member)


class BallotSlip(models.Model):
    """One choice for one candidate. Deliberately unlinkable to a voter: see the module docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="slips"
    )
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.PHONE)
    receipt_hash = models.CharField(_("hash of the receipt code"), max_length=64, db_index=True)

    class Meta:
        verbose_name = _("ballot slip")
        verbose_name_plural = _("ballot slips")

    def __str__(self) -> str:
        return self.get_choice_display()
