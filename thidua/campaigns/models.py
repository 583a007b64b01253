"""Plans (Kế hoạch) and what hangs off them: legal bases, movements, deadlines, assignments, registrations.

Scoping: a plan and its plan-level rows (legal bases, movements, deadlines, assignments) are scoped by the
issuing unit's path; a registration by its unit's path. The selectors add what a unit must see beyond its own
path: plans that assign it tasks and the issued plans of the levels above it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.choices import (
    KIND_LINES,
    AssignmentRole,
    ImportStatus,
    IntendedTitle,
    PlanKind,
    PlanStatus,
    RegistrationStatus,
    SignerCapacity,
)
from thidua.core.models import DomainModel
from thidua.core.vietnamese.text import fold

PLAN_PATH = "plan__issuing_unit__path"


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a text area, trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Plan(DomainModel):
    doc_kind = models.CharField(
        _("document kind"), max_length=5, choices=PlanKind.choices, default=PlanKind.PLAN
    )
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("Given by the register when the plan is issued.")
    )
    symbol = models.CharField(_("symbol"), max_length=50, default="KH-UBND")
    document_number = models.ForeignKey(
        "documents.DocumentNumber",
        verbose_name=_("register entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    issuing_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="plans"
    )
    issuer_name = models.CharField(
        _("issuer as printed"), max_length=255, blank=True, help_text=_("e.g. ỦY BAN NHÂN DÂN XÃ CẨM GIANG")
    )
    issuer_parent = models.CharField(_("parent body as printed"), max_length=255, blank=True)
    signer_capacity = models.CharField(
        _("signing capacity"), max_length=5, choices=SignerCapacity.choices, blank=True, default=""
    )
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True, default="CHỦ TỊCH")
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    title = models.TextField(_("summary title"))
    purposes = models.TextField(_("purposes"), blank=True, help_text=_("One paragraph per line."))
    requirements = models.TextField(_("requirements"), blank=True, help_text=_("One paragraph per line."))
    sections = models.JSONField(
        _("sections"), default=list, blank=True, help_text=_("The body as headings and paragraphs.")
    )
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One recipient per line."))
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, editable=False
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("higher plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    owner_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit of the action programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_programmes",
    )
    source_file = models.FileField(_("original file"), upload_to="campaigns/plans/%Y/", blank=True)
    reading = models.JSONField(_("reading of the original"), default=dict, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text", "reading", "created_at", "updated_at"])

    org_path_field = "issuing_unit__path"

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} – {self.short_title}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:plan_detail", args=[self.pk])

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end of the period must not be before its start.")})
        symbol = (self.symbol or "").strip()
        if not symbol or " " in symbol:
            raise ValidationError({"symbol": _("The symbol must not be empty or contain spaces.")})

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.number or ''} {self.symbol} {self.title} {self.issuer_name}")
        super().save(*args, **kwargs)

    @property
    def number_symbol(self) -> str:
        shown = "…" if self.number is None else f"{self.number:02d}"
        return f"{shown}/{self.symbol}"

    @property
    def short_title(self) -> str:
        return self.title if len(self.title) <= 90 else self.title[:88].rstrip() + "…"

    @property
    def kind_line(self) -> str:
        return KIND_LINES.get(self.doc_kind, "KẾ HOẠCH")

    @property
    def purpose_list(self) -> list[str]:
        return lines_of(self.purposes)

    @property
    def requirement_list(self) -> list[str]:
        return lines_of(self.requirements)

    @property
    def recipient_list(self) -> list[str]:
        return lines_of(self.recipients)

    @property
    def is_action_programme(self) -> bool:
        return self.owner_unit_id is not None

    def registration_deadline(self):
        """The deadline marked as the registration deadline, if any (``prefetch`` friendly)."""
        marked = [d for d in self.deadlines.all() if d.is_registration]
        return min(marked, key=lambda d: d.due_date) if marked else None


class LegalBasis(DomainModel):
    """A "Căn cứ" of the plan: a document it is based on, as cited and as understood."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="legal_bases"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("as cited"))
    kind = models.CharField(_("document kind"), max_length=50, blank=True)
    number = models.CharField(_("number"), max_length=30, blank=True)
    symbol = models.CharField(_("symbol"), max_length=50, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    linked_plan = models.ForeignKey(
        Plan,
        verbose_name=_("linked plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = PLAN_PATH

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Movement(DomainModel):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="movements")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.TextField(_("name"))
    carries = models.ForeignKey(
        "self",
        verbose_name=_("carries the higher plan's movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_by",
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = PLAN_PATH

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Deadline(DomainModel):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="deadlines")
    what = models.TextField(_("what"))
    due_date = models.DateField(_("due date"))
    to_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("to unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_text = models.CharField(_("to"), max_length=255, blank=True)
    is_registration = models.BooleanField(
        _("registration deadline"),
        default=False,
        help_text=_("Registrations are refused after this date."),
    )
    carries = models.ForeignKey(
        "self",
        verbose_name=_("from the higher plan's deadline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = PLAN_PATH

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["plan", "due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.due_date:%d/%m/%Y} – {self.what}"

    @property
    def to_label(self) -> str:
        return self.to_unit.name if self.to_unit_id else self.to_text


class Assignment(DomainModel):
    """A body named in "Tổ chức thực hiện": its role and tasks; linked to an org unit when matched."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="assignments"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    body = models.CharField(_("body as named"), max_length=255)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_assignments",
    )
    role = models.CharField(
        _("role"), max_length=12, choices=AssignmentRole.choices, default=AssignmentRole.COORDINATE
    )
    lead_for = models.TextField(_("leads"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True, help_text=_("One task per line."))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    movements = models.ManyToManyField(
        Movement, verbose_name=_("movements"), blank=True, related_name="assignments"
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = PLAN_PATH

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.unit.name if self.unit_id else self.body

    @property
    def task_list(self) -> list[str]:
        return lines_of(self.tasks)


class Registration(DomainModel):
    """A unit's (or one person's) emulation registration against a plan. No registration, no title."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="plan_registrations"
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_registrations",
        help_text=_("Leave empty when the unit registers as a collective."),
    )
    contents = models.TextField(_("contents"))
    targets = models.TextField(_("targets"), blank=True, help_text=_("One target per line."))
    intended_titles = models.JSONField(_("intended titles"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
        editable=False,
    )
    return_reason = models.TextField(_("reason for returning"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["plan", "unit__path", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit"],
                condition=models.Q(person__isnull=True),
                name="registration_one_per_unit",
            ),
            models.UniqueConstraint(
                fields=["plan", "person"],
                condition=models.Q(person__isnull=False),
                name="registration_one_per_person",
            ),
        ]

    def __str__(self) -> str:
        who = self.person.full_name if self.person_id else self.unit.name
        return f"{who} – {self.plan.number_symbol}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:registration_detail", args=[self.pk])

    @property
    def target_list(self) -> list[str]:
        return lines_of(self.targets)

    @property
    def title_labels(self) -> list[str]:
        labels = dict(IntendedTitle.choices)
        return [labels.get(code, code) for code in self.intended_titles or []]

    def clean(self) -> None:
        unknown = set(self.intended_titles or []) - set(IntendedTitle.values)
        if unknown:
            raise ValidationError({"intended_titles": _("Unknown title code.")})
        if self.person_id and self.unit_id and self.person.unit_id != self.unit_id:
            raise ValidationError({"person": _("The person must belong to the registering unit.")})


class PlanImport(DomainModel):
    """An uploaded plan document under review: the file, the reader's output and the user's corrections."""

    issuing_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        Plan,
        verbose_name=_("higher plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_file = models.FileField(_("original file"), upload_to="campaigns/imports/%Y/")
    file_name = models.CharField(_("file name"), max_length=255)
    text = models.TextField(_("extracted text"), blank=True)
    reading = models.JSONField(_("reading"), default=dict)
    draft = models.JSONField(_("corrections"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.REVIEW, editable=False
    )
    plan = models.OneToOneField(
        Plan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_import",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["text", "reading", "draft", "created_at", "updated_at"])

    org_path_field = "issuing_unit__path"

    class Meta:
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:plan_import_review", args=[self.pk])
