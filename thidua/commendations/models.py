"""Yearly commendation records of a person, a collective (an org unit) or a household, and rule overrides.

Every record belongs to exactly one subject (a database check) and is scoped by the path of the
subject's unit: the person's unit, the collective itself, or the household's village.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.commendations.choices import (
    AwardType,
    DisciplineMeasure,
    InitiativeScope,
    Rating,
    ReviewKind,
    SubjectKind,
)
from thidua.core.models import DomainModel
from thidua.core.scoping import VIEW, ScopedQuerySet, scope_for

SUBJECT_FIELDS = {
    SubjectKind.PERSON: "person",
    SubjectKind.COLLECTIVE: "unit",
    SubjectKind.HOUSEHOLD: "household",
}
SUBJECT_PATHS = ("person__unit__path", "unit__path", "household__village__path")
EXCLUDED = ["created_at", "updated_at"]


class SubjectScopedQuerySet(ScopedQuerySet):
    """Scoped by whichever subject the record has: the person's unit, the unit, or the village."""

    def visible_to(self, user, action: str = VIEW):
        scope = scope_for(user, action)
        if scope.everything:
            return self
        condition = None
        for path in SUBJECT_PATHS:
            part = scope.q(path)
            if part is not None:
                condition = part if condition is None else condition | part
        return self.filter(condition) if condition is not None else self.none()

    def of(self, kind: str, pk: int):
        return self.filter(**{f"{SUBJECT_FIELDS[SubjectKind(kind)]}_id": pk})


def _one_subject(name: str) -> models.CheckConstraint:
    person, unit, household = Q(person__isnull=False), Q(unit__isnull=False), Q(household__isnull=False)
    return models.CheckConstraint(
        condition=(person & ~unit & ~household)
        | (~person & unit & ~household)
        | (~person & ~unit & household),
        name=name,
        violation_error_message=_("A record belongs to exactly one person, collective or household."),
    )


class SubjectRecord(DomainModel):
    """Common part: the subject (one of three) and the scoping by its unit."""

    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    household = models.ForeignKey(
        "orgs.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    objects = SubjectScopedQuerySet.as_manager()

    org_path_field = "person__unit__path"

    class Meta:
        abstract = True

    @property
    def subject_kind(self) -> str:
        if self.person_id:
            return SubjectKind.PERSON
        if self.unit_id:
            return SubjectKind.COLLECTIVE
        return SubjectKind.HOUSEHOLD

    @property
    def subject(self):
        return self.person or self.unit or self.household

    def org_path(self) -> str:
        if self.person_id:
            return self.person.unit.path
        if self.unit_id:
            return self.unit.path
        if self.household_id:
            return self.household.village.path
        return ""

    def subject_url(self) -> str:
        from django.urls import reverse

        return reverse(f"commendations:{self.subject_kind}", args=[self.subject.pk])

    def get_absolute_url(self) -> str:
        return self.subject_url() + "?tab=records"

    def check_year(self, year: int | None, field: str = "year") -> None:
        if year is not None and year > timezone.localdate().year:
            raise ValidationError(
                {
                    field: _("%(year)s is in the future; records are kept up to the current year.")
                    % {"year": year}
                }
            )

    def check_dates(self, start_field: str, end_field: str) -> None:
        start, end = getattr(self, start_field), getattr(self, end_field)
        if start and end and end < start:
            raise ValidationError({end_field: _("The end date must not be before the start date.")})


class TaskRating(SubjectRecord):
    """The task-performance rating of a year (xếp loại chất lượng): one per subject and year."""

    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    class Meta:
        verbose_name = _("task rating")
        verbose_name_plural = _("task ratings")
        ordering = ["-year"]
        constraints = [
            _one_subject("taskrating_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year"],
                name="taskrating_person_year",
                violation_error_message=_("This person already has a rating for this year."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="taskrating_unit_year",
                violation_error_message=_("This collective already has a rating for this year."),
            ),
            models.UniqueConstraint(
                fields=["household", "year"],
                name="taskrating_household_year",
                violation_error_message=_("This household already has a rating for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_rating_display()}"

    def clean(self) -> None:
        self.check_year(self.year)


class AwardRecord(SubjectRecord):
    """A title or form received (danh hiệu, hình thức khen thưởng), with its decision."""

    year = models.PositiveSmallIntegerField(_("year of the achievement"))
    code = models.CharField(_("title or form"), max_length=60)
    award_type = models.CharField(
        _("award type"), max_length=20, choices=AwardType.choices, default=AwardType.CONG_TRANG
    )
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    class Meta:
        verbose_name = _("title or form received")
        verbose_name_plural = _("titles and forms received")
        ordering = ["-year", "code"]
        constraints = [_one_subject("awardrecord_one_subject")]
        indexes = [models.Index(fields=["year", "code"], name="awardrecord_year_code")]

    def __str__(self) -> str:
        return f"{self.year}: {self.code_name}"

    @property
    def code_name(self) -> str:
        from thidua.commendations.rules import title_name

        return title_name(self.code)

    def clean(self) -> None:
        from thidua.commendations.rules import catalogue_codes

        self.check_year(self.year)
        if self.code and self.code not in catalogue_codes():
            raise ValidationError(
                {"code": _("“%(code)s” is not in the catalogue of titles and forms.") % {"code": self.code}}
            )
        if self.decision_date and self.decision_date > timezone.localdate():
            raise ValidationError({"decision_date": _("The decision date is in the future.")})


class InitiativeRecord(SubjectRecord):
    """An initiative or science project, the level at which it was recognised, and its use."""

    year = models.PositiveSmallIntegerField(_("year recognised"))
    title = models.CharField(_("title"), max_length=255)
    scope = models.CharField(
        _("recognised at"), max_length=20, choices=InitiativeScope.choices, default=InitiativeScope.CO_SO
    )
    used_for = models.CharField(
        _("already used for"),
        max_length=60,
        blank=True,
        help_text=_("The title or form this initiative already supported (one initiative, one award)."),
    )
    recognition = models.CharField(_("recognition decision"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "title"]
        constraints = [_one_subject("initiative_one_subject")]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    @property
    def used_for_name(self) -> str:
        from thidua.commendations.rules import title_name

        return title_name(self.used_for) if self.used_for else ""

    def clean(self) -> None:
        from thidua.commendations.rules import catalogue_codes

        self.check_year(self.year)
        if self.used_for and self.used_for not in catalogue_codes():
            raise ValidationError(
                {
                    "used_for": _("“%(code)s” is not in the catalogue of titles and forms.")
                    % {"code": self.used_for}
                }
            )


class DisciplineRecord(SubjectRecord):
    """A disciplinary measure and the period it is in force."""

    measure = models.CharField(_("measure"), max_length=20, choices=DisciplineMeasure.choices)
    start = models.DateField(_("in force from"))
    end = models.DateField(_("in force until"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    class Meta:
        verbose_name = _("disciplinary measure")
        verbose_name_plural = _("disciplinary measures")
        ordering = ["-start"]
        constraints = [
            _one_subject("discipline_one_subject"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="discipline_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} ({self.start:%d/%m/%Y})"

    def clean(self) -> None:
        if self.start and self.start > timezone.localdate():
            raise ValidationError({"start": _("The start date is in the future.")})
        self.check_dates("start", "end")

    def in_force_during(self, year: int) -> bool:
        return self.start.year <= year and (self.end is None or self.end.year >= year)


class PendingReview(SubjectRecord):
    """A pending disciplinary review, investigation, inspection or complaint: holds proposals."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    opened = models.DateField(_("opened on"))
    closed = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    class Meta:
        verbose_name = _("pending review")
        verbose_name_plural = _("pending reviews")
        ordering = ["-opened"]
        constraints = [
            _one_subject("review_one_subject"),
            models.CheckConstraint(
                condition=Q(closed__isnull=True) | Q(closed__gte=models.F("opened")), name="review_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.opened:%d/%m/%Y})"

    def clean(self) -> None:
        if self.opened and self.opened > timezone.localdate():
            raise ValidationError({"opened": _("The opening date is in the future.")})
        self.check_dates("opened", "closed")

    def pending_on(self, day: date) -> bool:
        return self.opened <= day and (self.closed is None or self.closed > day)


class RuleOverride(models.Model):
    """A locally configured rule value, effective from a date, merged over the published rules.

    ``key`` is a dotted path into the rules data (e.g. ``parameters.rounding_mode.value`` or
    ``titles.lao_dong_tien_tien.coefficients.individual.value``). An override never takes effect in
    the past, so a decision already made keeps the rules it was made under.
    """

    province = models.CharField(
        _("province"), max_length=50, blank=True, help_text=_("Empty: every province.")
    )
    key = models.CharField(_("rule key"), max_length=200)
    value = models.JSONField(_("value"))
    valid_from = models.DateField(_("valid from"))
    basis = models.CharField(_("legal basis"), max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=EXCLUDED)

    class Meta:
        verbose_name = _("rule override")
        verbose_name_plural = _("rule overrides")
        ordering = ["province", "key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["province", "key", "valid_from"], name="ruleoverride_unique")
        ]

    def __str__(self) -> str:
        return f"{self.province or '*'} {self.key} = {self.value} ({self.valid_from:%d/%m/%Y})"

    def clean(self) -> None:
        from thidua.commendations.rules import validate_override

        validate_override(self)
