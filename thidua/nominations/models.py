"""Review rounds and nominations: who a unit proposes for which title or form, with the dossier behind it.

A nomination's status changes only in ``services`` (its transition table). The council app records the
vote through ``services.nomination_record_votes``; the decisions app closes it with
``services.nomination_decide`` or ``services.nomination_propose``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.commendations.models import SubjectRecord
from thidua.core.models import DomainModel
from thidua.nominations.choices import (
    Category,
    CommentStatus,
    DossierPartKind,
    NominationStatus,
    RoundKind,
    RoundStatus,
)

EXCLUDED = ["created_at", "updated_at"]


class ReviewRound(DomainModel):
    """A commune's year-end review (or a plan's close): its deadlines and its disclosure window."""

    commune = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="review_rounds"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=RoundKind.choices, default=RoundKind.YEAR_END)
    year = models.PositiveSmallIntegerField(_("year of the achievements"))
    name = models.CharField(_("name"), max_length=255)
    plan = models.ForeignKey(
        "campaigns.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_rounds",
        help_text=_("Titles need a registration under this plan."),
    )
    nominations_due = models.DateField(_("nominations due"))
    disclosure_days = models.PositiveSmallIntegerField(_("disclosure window (working days)"), default=10)
    disclosed_from = models.DateField(_("disclosed from"), null=True, blank=True, editable=False)
    disclosure_ends_on = models.DateField(
        _("disclosure ends on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The last day of the window; the council votes after it."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.OPEN, editable=False
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "commune__path"

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-year", "commune__path", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("nominations:round", args=[self.pk])


class Nomination(SubjectRecord):
    """One proposal: a person, a collective or a household for one title or form in a round."""

    review_round = models.ForeignKey(
        ReviewRound, verbose_name=_("review round"), on_delete=models.PROTECT, related_name="nominations"
    )
    proposing_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("title or form"), max_length=60)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OFFICER
    )
    field_of_work = models.CharField(_("field of work"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    summary = models.TextField(_("summary of achievements"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
        editable=False,
    )
    return_reason = models.TextField(_("reason for returning"), blank=True, editable=False)
    registration_override = models.TextField(
        _("chairman's justification for a title without registration"), blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    votes_for = models.PositiveSmallIntegerField(_("votes in favour"), null=True, blank=True, editable=False)
    vote_percent = models.DecimalField(
        # xgettext:no-python-format
        _("votes in favour, % of all members"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["review_round", "code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, unit__isnull=True, household__isnull=True)
                    | models.Q(person__isnull=True, unit__isnull=False, household__isnull=True)
                    | models.Q(person__isnull=True, unit__isnull=True, household__isnull=False)
                ),
                name="nomination_one_subject",
                violation_error_message=_("A nomination is for exactly one person, collective or household."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} – {self.code}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("nominations:nomination", args=[self.pk])


class DossierPart(DomainModel):
    """One part of a nomination's dossier: a generated draft (text the user can edit) or an uploaded file."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="parts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DossierPartKind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to="dossiers/%Y/", blank=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "nomination__proposing_unit__path"

    class Meta:
        verbose_name = _("dossier part")
        verbose_name_plural = _("dossier parts")
        ordering = ["nomination", "kind", "pk"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class DisclosureComment(DomainModel):
    """A citizen's comment on the published nominee list, moderated by the commune officer."""

    review_round = models.ForeignKey(
        ReviewRound, verbose_name=_("review round"), on_delete=models.CASCADE, related_name="comments"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author_name = models.CharField(_("your name"), max_length=150)
    contact = models.CharField(_("phone or email"), max_length=150, blank=True)
    text = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    moderator_note = models.TextField(_("moderator's note"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "review_round__commune__path"

    class Meta:
        verbose_name = _("disclosure comment")
        verbose_name_plural = _("disclosure comments")
        ordering = ["review_round", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"
