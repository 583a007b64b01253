"""Exemplary models (điển hình tiên tiến, mô hình mới, cách làm hay): proposed by a unit, verified by the
commune, published on the portal with photos and before/after figures, and replicated by other units.

Statuses change only in ``services`` (its transition table). The source report is a string reference:
this app sits below ``reporting`` and never imports it.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import DomainModel
from thidua.core.vietnamese import format_number
from thidua.core.vietnamese.text import fold
from thidua.exemplary.choices import ModelKind, ModelStatus

EXCLUDED = ["created_at", "updated_at"]


def photo_path(instance, filename: str) -> str:
    """A random name: the uploaded name is kept only as text."""
    extension = {"jpeg": "jpg", "png": "png", "webp": "webp"}.get(instance.kind, "bin")
    return f"models/{uuid.uuid4().hex}.{extension}"


class ExemplaryModel(DomainModel):
    title = models.CharField(_("name of the model"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ModelKind.choices, default=ModelKind.NEW_MODEL)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit carrying it out"),
        on_delete=models.PROTECT,
        related_name="exemplary_models",
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("person (for an individual example)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplary_models",
    )
    movement = models.ForeignKey(
        "campaigns.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplary_models",
    )
    source_report = models.ForeignKey(
        "reporting.Report",
        verbose_name=_("proposed from the report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    summary = models.CharField(
        _("summary"), max_length=500, help_text=_("One or two sentences shown in lists and on the portal.")
    )
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ModelStatus.choices, default=ModelStatus.DRAFT, editable=False
    )
    return_reason = models.TextField(_("reason for returning"), blank=True, editable=False)
    withdraw_reason = models.TextField(_("reason for withdrawing"), blank=True, editable=False)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    public_id = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=[*EXCLUDED, "search_text"])

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        ordering = ["-updated_at", "pk"]
        indexes = [models.Index(fields=["status", "published_at"], name="exemplary_status_published")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.summary}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("exemplary:detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("portal:model_detail", args=[self.public_id])


class ModelPhoto(DomainModel):
    model = models.ForeignKey(
        ExemplaryModel, verbose_name=_("exemplary model"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to=photo_path, max_length=255)
    kind = models.CharField(_("image format"), max_length=5, editable=False)
    width = models.PositiveIntegerField(_("width (px)"), editable=False)
    height = models.PositiveIntegerField(_("height (px)"), editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "model__unit__path"

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["model", "order", "pk"]

    def __str__(self) -> str:
        return self.caption or f"#{self.pk}"

    @property
    def content_type(self) -> str:
        return f"image/{self.kind}"


class ModelIndicator(DomainModel):
    """A figure before and after the model was applied (e.g. households escaping poverty: 12 -> 3)."""

    model = models.ForeignKey(
        ExemplaryModel, verbose_name=_("exemplary model"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50, blank=True)
    before_value = models.DecimalField(
        _("before"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty if unknown."),
    )
    after_value = models.DecimalField(_("after"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "model__unit__path"

    class Meta:
        verbose_name = _("before/after indicator")
        verbose_name_plural = _("before/after indicators")
        ordering = ["model", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def before_text(self) -> str:
        return "" if self.before_value is None else format_number(self.before_value, 2, trim=True)

    @property
    def after_text(self) -> str:
        return "" if self.after_value is None else format_number(self.after_value, 2, trim=True)

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        return ("+" if change > 0 else "") + format_number(change, 2, trim=True)

    @property
    def percent_text(self) -> str:
        percent = self.percent
        if percent is None:
            return ""
        return ("+" if percent > 0 else "") + format_number(percent, 1, trim=True) + "%"

    @property
    def change(self) -> Decimal | None:
        if self.before_value is None or self.after_value is None:
            return None
        return self.after_value - self.before_value

    @property
    def percent(self) -> Decimal | None:
        """Change as a percentage of the value before; None when there was nothing (or zero) before."""
        change = self.change
        if change is None or not self.before_value:
            return None
        return (change * 100 / abs(self.before_value)).quantize(Decimal("0.1"))


class ModelAdoption(DomainModel):
    """A unit applying a published model: the replication count is the number of these rows."""

    model = models.ForeignKey(
        ExemplaryModel, verbose_name=_("exemplary model"), on_delete=models.PROTECT, related_name="adoptions"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("adopting unit"),
        on_delete=models.PROTECT,
        related_name="model_adoptions",
    )
    adopted_on = models.DateField(_("adopted on"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["model", "adopted_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "unit"],
                name="exemplary_adoption_once_per_unit",
                violation_error_message=_("This unit has already adopted this model."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.model}"
