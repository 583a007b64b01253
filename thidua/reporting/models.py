"""Periodic reporting (DHIS2-style aggregate reporting in our users' terms).

Indicator (chỉ tiêu, a DHIS2 data element) -> ReportForm (a data set: indicators, narrative sections,
assigned units, due and lock days) -> Report (one unit, one period) with ReportValue rows, Evidence files
and a ReportVersion snapshot per submission. Targets are per indicator, unit and period.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import DomainModel
from thidua.reporting.choices import (
    Aggregation,
    Comparison,
    ConsolidatedReportStatus,
    Direction,
    LockExceptionStatus,
    PeriodType,
    ReportStatus,
    ValueType,
)
from thidua.reporting.periods import Period

# campaigns.Movement does not exist yet (issue #3); Indicator.movement_code keeps the link as text until it does.


class Indicator(DomainModel):
    """A measured quantity (chỉ tiêu) defined by a unit (``owner``) for its subtree."""

    owner = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("defined by"), on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50, blank=True)
    value_type = models.CharField(_("value type"), max_length=20, choices=ValueType.choices)
    aggregation = models.CharField(_("aggregation"), max_length=20, choices=Aggregation.choices)
    direction = models.CharField(
        _("better direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    min_value = models.DecimalField(
        _("usual minimum"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("A value below it needs a comment."),
    )
    max_value = models.DecimalField(
        _("usual maximum"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("A value above it needs a comment."),
    )
    allow_negative = models.BooleanField(_("negative values allowed"), default=False)
    movement_code = models.CharField(_("movement"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "owner__path"

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def clean(self) -> None:
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError({"max_value": _("The maximum must not be below the minimum.")})

    @property
    def is_numeric(self) -> bool:
        return self.value_type in (ValueType.NUMBER, ValueType.PERCENTAGE, ValueType.YES_NO)


class Target(DomainModel):
    """What ``unit`` should reach on ``indicator`` in ``period`` (a period code, usually a year)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reporting_targets"
    )
    period = models.CharField(_("period"), max_length=10)
    value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "period"], name="target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.unit} {self.period}: {self.value}"

    def clean(self) -> None:
        try:
            Period.parse(self.period)
        except ValueError:
            raise ValidationError(
                {"period": _("Not a period code (2025, 2025S2, 2025Q3, 2025-09).")}
            ) from None


class ReportForm(DomainModel):
    """A report form (DHIS2 data set): which indicators, which units, how often, until when."""

    owner = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("managed by"), on_delete=models.PROTECT, related_name="report_forms"
    )
    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    period_type = models.CharField(_("period type"), max_length=20, choices=PeriodType.choices)
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators"), through="FormIndicator", related_name="forms"
    )
    units = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("assigned units"), related_name="assigned_report_forms", blank=True
    )
    has_results = models.BooleanField(_("section: results"), default=True)
    has_shortcomings = models.BooleanField(_("section: shortcomings"), default=True)
    has_proposals = models.BooleanField(_("section: proposals"), default=True)
    due_days = models.PositiveSmallIntegerField(_("due (days after the period ends)"), default=5)
    lock_days = models.PositiveSmallIntegerField(_("locked (days after the period ends)"), default=25)
    evidence_allowed = models.BooleanField(_("evidence files allowed"), default=True)
    evidence_max_mb = models.PositiveSmallIntegerField(_("largest evidence file (MB)"), default=5)
    active = models.BooleanField(_("active"), default=True)
    approval_up_tree = models.BooleanField(
        _("approval up the tree"),
        default=False,
        help_text=_("A unit's report is approved only after the reports of the units below it."),
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "owner__path"

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.lock_days < self.due_days:
            raise ValidationError({"lock_days": _("The form cannot lock before the report is due.")})

    def due_date(self, period: Period) -> date:
        return period.end + timedelta(days=self.due_days)

    def lock_date(self, period: Period) -> date:
        return period.end + timedelta(days=self.lock_days)

    def get_absolute_url(self) -> str:
        return reverse("reporting:heatmap", args=[self.pk])


class FormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, verbose_name=_("report form"), on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("indicator of a form")
        verbose_name_plural = _("indicators of a form")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "indicator"], name="formindicator_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.form} · {self.indicator}"


class ComparisonRule(DomainModel):
    """A validation rule between two indicators of a form, e.g. "A ≤ B"."""

    form = models.ForeignKey(
        ReportForm, verbose_name=_("report form"), on_delete=models.CASCADE, related_name="rules"
    )
    left = models.ForeignKey(
        Indicator, verbose_name=_("left side"), on_delete=models.CASCADE, related_name="+"
    )
    operator = models.CharField(_("operator"), max_length=2, choices=Comparison.choices)
    right = models.ForeignKey(
        Indicator, verbose_name=_("right side"), on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("message"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "form__owner__path"

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return f"{self.left.code} {self.get_operator_display()} {self.right.code}"


class LockException(DomainModel):
    """Lets one unit enter a locked period until a date (asked by the unit, granted by the commune)."""

    form = models.ForeignKey(
        ReportForm, verbose_name=_("report form"), on_delete=models.CASCADE, related_name="lock_exceptions"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="lock_exceptions"
    )
    period = models.CharField(_("period"), max_length=10)
    until = models.DateField(_("open until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LockExceptionStatus.choices, default=LockExceptionStatus.REQUESTED
    )
    reason = models.TextField(_("reason"), blank=True)
    requested_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("lock exception")
        verbose_name_plural = _("lock exceptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.form} · {self.unit} · {self.period}"


class Report(DomainModel):
    """One unit's report for one period of a form."""

    form = models.ForeignKey(
        ReportForm, verbose_name=_("report form"), on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"), editable=False)
    period_end = models.DateField(_("period end"), editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "period_start", "period_end"])

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_start", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["form", "unit", "period"], name="report_unique_per_period"),
        ]
        indexes = [models.Index(fields=["form", "period_start"], name="report_form_period")]

    def __str__(self) -> str:
        return f"{self.form} · {self.unit} · {self.period_obj.label()}"

    def save(self, *args, **kwargs):
        period = Period.parse(self.period)
        self.period, self.period_start, self.period_end = period.code, period.start, period.end
        super().save(*args, **kwargs)

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)

    def get_absolute_url(self) -> str:
        return reverse("reporting:report_detail", args=[self.pk])

    def entry_url(self) -> str:
        return reverse("reporting:entry", args=[self.form_id, self.unit_id, self.period])

    @property
    def due_date(self) -> date:
        return self.form.due_date(self.period_obj)

    @property
    def on_time(self) -> bool | None:
        if self.first_submitted_at is None:
            return None
        from django.utils import timezone

        return timezone.localtime(self.first_submitted_at).date() <= self.due_date


class ReportValue(models.Model):
    """One indicator's value in a report: the text as entered and its number (for aggregation).

    No history rows here: the report's own history and its submitted versions (snapshots) record values.
    """

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.CharField(_("value"), max_length=1000, blank=True)
    number = models.DecimalField(_("number"), max_digits=18, decimal_places=4, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="reportvalue_unique"),
        ]
        indexes = [models.Index(fields=["indicator", "report"], name="reportvalue_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


class ReportVersion(models.Model):
    """A snapshot of a report as it was submitted (kept for every submission)."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("submission number"))
    snapshot = models.JSONField(_("snapshot"))
    submitted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.number}"


def evidence_path(instance, filename: str) -> str:
    return f"reporting/{instance.report.unit_id}/{instance.report.period}/{filename}"


class Evidence(DomainModel):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "report__unit__path"

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.original_name


# --- Reminders and the consolidated report (Báo cáo kết quả) ------------------------------------------


class ReminderDigest(models.Model):
    """One reminder email sent to a user on a day: a second run the same day sends nothing."""

    user = models.ForeignKey(
        "accounts.User", verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    key = models.CharField(_("kind of reminder"), max_length=50, default="daily")
    items = models.JSONField(_("reports reminded"), default=list)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day", "key"], name="reminderdigest_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.day} · {self.key}"


class ConsolidatedReport(DomainModel):
    """The commune's report of results (Báo cáo kết quả) drafted from the data, edited, then issued."""

    form = models.ForeignKey(
        ReportForm, verbose_name=_("report form"), on_delete=models.PROTECT, related_name="consolidated"
    )
    plan = models.ForeignKey(
        "campaigns.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="result_reports",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    addressee = models.CharField(_("addressed to"), max_length=255, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    sections = models.JSONField(_("sections"), default=list)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsolidatedReportStatus.choices,
        default=ConsolidatedReportStatus.DRAFT,
    )
    document_number = models.ForeignKey(
        "documents.DocumentNumber",
        verbose_name=_("number in the register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("report of results")
        verbose_name_plural = _("reports of results")
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reporting:result_report_detail", args=[self.pk])


class ConsolidatedValue(models.Model):
    """Derived data, not a record: a form's counted values (submitted or approved) pre-aggregated per
    parent unit (for leaf units, their commune), indicator and period, so a city's consolidation reads
    ≈ communes × indicators × periods rows instead of every value. Kept by the submit/approve/return
    services and ``synth``; ``manage.py rebuild_consolidated`` recomputes it from the reports."""

    form = models.ForeignKey(ReportForm, verbose_name=_("report form"), on_delete=models.CASCADE)
    parent = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("parent unit"), on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE)
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    total = models.DecimalField(_("total"), max_digits=28, decimal_places=4)
    count = models.PositiveIntegerField(_("count"))
    low = models.DecimalField(_("minimum"), max_digits=18, decimal_places=4)
    high = models.DecimalField(_("maximum"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("consolidated value")
        verbose_name_plural = _("consolidated values")
        constraints = [
            models.UniqueConstraint(
                fields=["form", "parent", "indicator", "period"], name="consolidatedvalue_unique"
            ),
        ]
        indexes = [models.Index(fields=["form", "period_start"], name="consolidatedvalue_form")]

    def __str__(self) -> str:
        return f"{self.form_id}/{self.parent_id}/{self.indicator_id}/{self.period}"


class CompletenessCount(models.Model):
    """Derived data, not a record: per form, parent unit (for leaf units, their commune) and period, how many
    of the child units' reports count as submitted (submitted or approved, with a first submission) and how
    many of those were first submitted by the due date — so a city's completeness page reads ≈ communes ×
    periods rows instead of every report. Units' validity dates are applied when the page is read (not
    here), so opening or closing a unit needs no rebuild. Kept by the submit/approve/return services,
    ``synth`` and ``demo``; ``manage.py rebuild_consolidated`` recomputes it from the reports."""

    form = models.ForeignKey(ReportForm, verbose_name=_("report form"), on_delete=models.CASCADE)
    parent = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("parent unit"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"))
    submitted = models.PositiveIntegerField(_("submitted"))
    on_time = models.PositiveIntegerField(_("on time"))

    class Meta:
        verbose_name = _("completeness count")
        verbose_name_plural = _("completeness counts")
        constraints = [
            models.UniqueConstraint(fields=["form", "parent", "period"], name="completenesscount_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.form_id}/{self.parent_id}/{self.period}"
