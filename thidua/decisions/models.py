"""Award decisions (QĐ of the chairman), proposals to the higher level (TTr), the reward register (sổ vàng)
and certificate batches.

Statuses change only in ``services`` (transition tables there). A register entry is the award itself as the
public sees it: its number in the commune's sổ vàng for the year and the unguessable token of its QR code.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import DomainModel
from thidua.decisions.choices import (
    BatchMode,
    BatchStatus,
    DecisionKind,
    DecisionStatus,
    SignerCapacity,
)

EXCLUDED = ["created_at", "updated_at"]


def new_token() -> str:
    """32 URL-safe characters (192 random bits): the QR code's key, not guessable and not sequential."""
    return secrets.token_urlsafe(24)


class Decision(DomainModel):
    """The chairman's award decision for a round, or the commune's proposal (tờ trình) to the province."""

    review_round = models.ForeignKey(
        "nominations.ReviewRound",
        verbose_name=_("review round"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=DecisionKind.choices, default=DecisionKind.DECISION
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DecisionStatus.choices,
        default=DecisionStatus.DRAFT,
        editable=False,
    )
    title = models.CharField(_("subject of the document"), max_length=500)
    decided_on = models.DateField(_("date"), null=True, blank=True, help_text=_("Set when issued."))
    signer_name = models.CharField(_("signer's name"), max_length=150)
    signer_capacity = models.CharField(
        _("signs as"), max_length=15, choices=SignerCapacity.choices, default=SignerCapacity.CHAIRMAN
    )
    legal_bases = models.TextField(_("legal bases"), blank=True, help_text=_("One per line."))
    addressee = models.CharField(
        _("addressed to"),
        max_length=255,
        blank=True,
        help_text=_("For a proposal: the higher level it goes to."),
    )
    document_number = models.OneToOneField(
        "documents.DocumentNumber",
        verbose_name=_("number in the register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    number_text = models.CharField(_("number"), max_length=50, blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    signed_pdf = models.FileField(
        _("signed PDF"), upload_to="decisions/signed/%Y/", blank=True, editable=False, max_length=255
    )
    bundle = models.FileField(
        _("dossier bundle"), upload_to="decisions/bundles/%Y/", blank=True, editable=False, max_length=255
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "review_round__commune__path"

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.number_text or self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision", args=[self.pk])

    @property
    def commune(self):
        return self.review_round.commune

    @property
    def is_proposal(self) -> bool:
        return self.kind == DecisionKind.PROPOSAL


class DecisionEntry(DomainModel):
    """One nominee of a decision (or proposal): the amount at the decision date, the award it created."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="entries"
    )
    nomination = models.OneToOneField(
        "nominations.Nomination",
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="decision_entry",
    )
    position = models.PositiveIntegerField(_("order in the list"), default=0, editable=False)
    amount = models.PositiveBigIntegerField(_("amount (VND)"), null=True, blank=True, editable=False)
    award = models.OneToOneField(
        "commendations.AwardRecord",
        verbose_name=_("award on record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "decision__review_round__commune__path"

    class Meta:
        verbose_name = _("decision entry")
        verbose_name_plural = _("decision entries")
        ordering = ["decision", "position", "pk"]

    def __str__(self) -> str:
        return str(self.nomination)


class RewardRegisterEntry(DomainModel):
    """Sổ vàng: one number per award, consecutive per commune and year, and the award's public token."""

    commune = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("register number"))
    entry = models.OneToOneField(
        DecisionEntry,
        verbose_name=_("award in the decision"),
        on_delete=models.PROTECT,
        related_name="register",
    )
    token = models.CharField(
        _("verification key"), max_length=64, unique=True, default=new_token, editable=False
    )

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "commune__path"

    class Meta:
        verbose_name = _("reward register entry")
        verbose_name_plural = _("reward register")
        ordering = ["commune", "-year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="reward_register_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year}"

    def get_verify_url(self) -> str:
        return reverse("portal:verify", args=[self.token])


class CertificateBatch(DomainModel):
    """One print run of a decision's certificates, made in the background, with its progress."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="batches"
    )
    mode = models.CharField(_("mode"), max_length=12, choices=BatchMode.choices, default=BatchMode.FULL)
    offset_x_mm = models.DecimalField(
        _("horizontal offset (mm)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        help_text=_("Moves the text right (negative: left) to match the pre-printed paper."),
    )
    offset_y_mm = models.DecimalField(
        _("vertical offset (mm)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        help_text=_("Moves the text down (negative: up)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED, editable=False
    )
    done = models.PositiveIntegerField(_("certificates done"), default=0, editable=False)
    total = models.PositiveIntegerField(_("certificates"), default=0, editable=False)
    base_url = models.CharField(_("address of the portal"), max_length=255, blank=True, editable=False)
    file = models.FileField(
        _("PDF file"), upload_to="decisions/certificates/%Y/", blank=True, editable=False, max_length=255
    )
    error = models.TextField(_("error"), blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=[*EXCLUDED, "done"])

    org_path_field = "decision__review_round__commune__path"

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    offset_x_mm__gte=-50, offset_x_mm__lte=50, offset_y_mm__gte=-50, offset_y_mm__lte=50
                ),
                name="certificate_offsets_in_range",
                violation_error_message=_("Offsets must be between -50 and 50 mm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} – {self.get_mode_display()}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:batch", args=[self.pk])

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0
