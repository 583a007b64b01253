from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import DomainModel
from thidua.core.vietnamese.collation import split_name
from thidua.core.vietnamese.text import fold
from thidua.orgs.choices import EmploymentGroup, HouseholdRelation, Sex, SuccessionKind, UnitKind

PATH_SEGMENT_WIDTH = 9


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}/"


def check_validity(obj) -> None:
    if obj.valid_from and obj.valid_to and obj.valid_to < obj.valid_from:
        raise ValidationError({"valid_to": _("The end date must not be before the start date.")})


class OrgUnit(DomainModel):
    """A node of the effective-dated org tree, located by a materialised path of primary keys."""

    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("official name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=50, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["path", "depth", "search_text", "created_at", "updated_at"])

    org_path_field = "path"

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_range",
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("orgs:unit_detail", args=[self.pk])

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_validity(self)

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.split("/") if part][:-1]

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class OrgSuccession(DomainModel):
    """``predecessor`` continues as ``successor`` from ``effective_date`` (merger, rename, split)."""

    predecessor = models.ForeignKey(
        OrgUnit, verbose_name=_("predecessor"), on_delete=models.PROTECT, related_name="successions_out"
    )
    successor = models.ForeignKey(
        OrgUnit, verbose_name=_("successor"), on_delete=models.PROTECT, related_name="successions_in"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "successor__path"

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Household(DomainModel):
    code = models.CharField(_("household code"), max_length=50, unique=True)
    village = models.ForeignKey(
        OrgUnit, verbose_name=_("village"), on_delete=models.PROTECT, related_name="households"
    )
    head = models.ForeignKey(
        "Person",
        verbose_name=_("head of household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_households",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text", "created_at", "updated_at"])

    org_path_field = "village__path"

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["code"]

    def get_absolute_url(self) -> str:
        return reverse("orgs:household_detail", args=[self.pk])

    def __str__(self) -> str:
        head = self.head.full_name if self.head_id else ""
        return f"{self.code} – {head}" if head else self.code

    def save(self, *args, **kwargs):
        head = self.head.full_name if self.head_id else ""
        self.search_text = fold(f"{self.code} {head} {self.address}")
        super().save(*args, **kwargs)


class Person(DomainModel):
    full_name = models.CharField(_("full name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=50, editable=False, default="")
    middle_name = models.CharField(_("middle name"), max_length=100, editable=False, default="")
    given_name = models.CharField(_("given name"), max_length=50, editable=False, default="")
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    employment_group = models.CharField(
        _("employment group"),
        max_length=20,
        choices=EmploymentGroup.choices,
        default=EmploymentGroup.RESIDENT,
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_("The unit that manages this person's record (department, school, village...)."),
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    relation_to_head = models.CharField(
        _("relation to head"), max_length=20, choices=HouseholdRelation.choices, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(
        excluded_fields=[
            "family_name",
            "middle_name",
            "given_name",
            "search_text",
            "created_at",
            "updated_at",
        ]
    )

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["given_name", "family_name"], name="person_name_idx")]

    def get_absolute_url(self) -> str:
        return reverse("orgs:person_detail", args=[self.pk])

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.family_name, self.middle_name, self.given_name = split_name(self.full_name)
        self.search_text = fold(f"{self.full_name} {self.position} {self.phone}")
        super().save(*args, **kwargs)


class Membership(DomainModel):
    """A person's dated membership of a unit (work history, transfers)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.person} @ {self.unit}"

    def clean(self) -> None:
        check_validity(self)

    def get_absolute_url(self) -> str:
        return reverse("orgs:person_detail", args=[self.person_id])
