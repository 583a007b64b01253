"""The number registry (sổ đăng ký văn bản đi): one number per issued document, per issuer, series and year."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import DomainModel
from thidua.core.vietnamese.text import fold

#: The series a body's numbers run in when nothing else is said: the People's Committee's own register.
DEFAULT_SERIES = "UBND"


class DocumentKind(models.TextChoices):
    """Abbreviations of document kinds (Decree 30/2020/NĐ-CP, Phụ lục III)."""

    PLAN = "KH", _("Plan")
    DECISION = "QĐ", _("Decision")
    REPORT = "BC", _("Report")
    SUBMISSION = "TTr", _("Submission")
    MINUTES = "BB", _("Minutes")
    NOTICE = "TB", _("Notice")
    PROGRAMME = "CTr", _("Programme")
    OFFICIAL_LETTER = "CV", _("Official letter")


def format_number_symbol(number: int | None, symbol: str) -> str:
    """``05/KH-UBND``: numbers below 10 take a leading zero; no number leaves blanks to fill in at signing."""
    shown = " " * 6 if number is None else f"{number:02d}"
    return f"{shown}/{symbol.strip()}"


class DocumentNumber(DomainModel):
    """A number taken from an issuer's register. Numbers run 1, 2, 3… per (issuer, series, year)."""

    issuer = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="document_numbers",
    )
    series = models.CharField(
        _("series"),
        max_length=20,
        default=DEFAULT_SERIES,
        help_text=_("Numbers run in sequence within a series; a council with its own seal keeps its own."),
    )
    kind = models.CharField(_("document kind"), max_length=5, choices=DocumentKind.choices)
    symbol = models.CharField(_("symbol"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("document subject"), max_length=500, blank=True)
    issued_at = models.DateTimeField(_("number taken at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("number taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("numbered record type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("numbered record id"), null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text", "created_at", "updated_at"])

    org_path_field = "issuer__path"

    class Meta:
        verbose_name = _("document number")
        verbose_name_plural = _("document numbers")
        ordering = ["-year", "issuer", "series", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "series", "year", "number"], name="documentnumber_unique_number"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="documentnumber_positive"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="documentnumber_target")]

    def __str__(self) -> str:
        return format_number_symbol(self.number, self.symbol)

    def get_absolute_url(self) -> str:
        return f"{reverse('documents:registry')}?year={self.year}&issuer={self.issuer_id}"

    @property
    def number_symbol(self) -> str:
        return format_number_symbol(self.number, self.symbol)

    def clean(self) -> None:
        symbol = (self.symbol or "").strip()
        if not symbol or " " in symbol:
            raise ValidationError({"symbol": _("The symbol must not be empty or contain spaces.")})

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.number_symbol} {self.title} {self.symbol}")
        super().save(*args, **kwargs)
