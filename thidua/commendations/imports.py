"""Excel/CSV import of yearly ratings and of titles and forms received (all or nothing).

A row names its subject by kind and code: a person by their unit's code and full name (exactly one
match), a collective by its unit code, a household by its household code. A rating for a subject and
year that already exists is an error, unless "update existing" is ticked; two rows for the same
subject and year in one file are always an error.
"""

from collections import defaultdict
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.commendations import services
from thidua.commendations.choices import AwardType, Rating, SubjectKind
from thidua.commendations.models import SUBJECT_FIELDS, AwardRecord, TaskRating
from thidua.commendations.rules import catalogue_choices
from thidua.core.imports import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ChoiceParser,
    Column,
    Importer,
    ImportReport,
    ImportSpec,
    Row,
    fetch_in,
    header_key,
)
from thidua.core.vietnamese.dates import parse_date
from thidua.core.vietnamese.text import normalize_input
from thidua.core.views_import import ImportView
from thidua.orgs.models import Household, OrgUnit, Person

REASON = gettext_lazy("Imported from a file")


def parse_year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a year.") % {"value": text}) from None
    if year < 2000:
        raise ValueError(_("“%(value)s” is not a year.") % {"value": text})
    if year > date.today().year:
        raise ValueError(
            _("%(year)s is in the future; records are kept up to the current year.") % {"year": year}
        )
    return year


class TitleParser:
    """A title or form by its code or its name (accents and case ignored)."""

    def __call__(self, text: str) -> str:
        lookup = {}
        for code, name in catalogue_choices():
            lookup[header_key(code)] = code
            lookup[header_key(name)] = code
        found = lookup.get(header_key(text))
        if found is None:
            raise ValueError(_("“%(value)s” is not in the catalogue of titles and forms.") % {"value": text})
        return found


SUBJECT_COLUMNS = (
    Column(gettext_lazy("Kind"), "kind", required=True, parse=ChoiceParser(SubjectKind)),
    Column(
        gettext_lazy("Code"),
        "code",
        required=True,
        max_length=50,
        hint=gettext_lazy("unit code for a person or a collective, household code for a household"),
    ),
    Column(gettext_lazy("Full name"), "full_name", max_length=150, hint=gettext_lazy("for a person")),
    Column(gettext_lazy("Year"), "year", required=True, parse=parse_year),
)

RATING_SPEC = ImportSpec(
    columns=(
        *SUBJECT_COLUMNS,
        Column(gettext_lazy("Rating"), "rating", required=True, parse=ChoiceParser(Rating)),
        Column(gettext_lazy("Note"), "note", max_length=255),
    )
)

AWARD_SPEC = ImportSpec(
    columns=(
        *SUBJECT_COLUMNS,
        Column(gettext_lazy("Title or form"), "award", required=True, parse=TitleParser()),
        Column(
            gettext_lazy("Award type"),
            "award_type",
            parse=ChoiceParser(AwardType),
            empty=AwardType.CONG_TRANG,
        ),
        Column(gettext_lazy("Decision number"), "decision_number", max_length=50),
        Column(gettext_lazy("Decision date"), "decision_date", parse=parse_date, empty=None),
        Column(gettext_lazy("Issued by"), "issuer", max_length=255),
    )
)


def _name_key(name: str) -> str:
    return normalize_input(name).casefold()


class SubjectImporter(Importer):
    """Resolves the subject of every row in three bulk queries."""

    def prepare(self, rows: list[Row]) -> None:
        codes = {row.values.get("code") for row in rows if row.values.get("code")}
        self.units = {unit.code: unit for unit in fetch_in(OrgUnit.objects.all(), "code", codes)}
        self.households = {
            household.code: household
            for household in fetch_in(Household.objects.select_related("village"), "code", codes)
        }
        self.people: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for person in fetch_in(Person.objects.select_related("unit"), "unit__code", codes):
            self.people[(person.unit.code, _name_key(person.full_name))].append(person)

    def subject(self, row: Row, report: ImportReport):
        kind, code = row.values.get("kind"), row.values.get("code")
        if not kind or not code:
            return None
        if kind == SubjectKind.PERSON:
            if not row.values.get("full_name"):
                self.problem(
                    report, row, "full_name", _("A person is named by the unit code and the full name.")
                )
                return None
            found = self.people.get((code, _name_key(row.values["full_name"])), [])
            if len(found) != 1:
                message = (
                    _("No person with this name in unit “%(code)s”.")
                    if not found
                    else _(
                        "Several people with this name in unit “%(code)s”; enter the record on the person's page."
                    )
                )
                self.problem(report, row, "full_name", message % {"code": code})
                return None
            subject, path = found[0], found[0].unit.path
        elif kind == SubjectKind.COLLECTIVE:
            subject = self.units.get(code)
            path = subject.path if subject else ""
        else:
            subject = self.households.get(code)
            path = subject.village.path if subject else ""
        if subject is None or not self.view_scope.covers(path):
            self.problem(
                report, row, "code", _("No unit or household with code “%(code)s”.") % {"code": code}
            )
            return None
        if not self.change_scope.covers(path):
            self.problem(
                report, row, "code", _("You may not change the records of “%(code)s”.") % {"code": code}
            )
            return None
        row.extra["subject"] = (SUBJECT_FIELDS[kind], subject)
        return subject


class RatingImporter(SubjectImporter):
    spec = RATING_SPEC

    def prepare(self, rows: list[Row]) -> None:
        super().prepare(rows)
        years = {row.values.get("year") for row in rows if row.values.get("year")}
        self.existing = {
            (rating.person_id, rating.unit_id, rating.household_id, rating.year): rating
            for rating in TaskRating.objects.filter(year__in=years).filter(
                person__in=[p for people in self.people.values() for p in people]
            )
            | TaskRating.objects.filter(year__in=years, unit__in=list(self.units.values()))
            | TaskRating.objects.filter(year__in=years, household__in=list(self.households.values()))
        }
        self.seen: dict[tuple, int] = {}

    def check(self, row: Row, report: ImportReport) -> None:
        subject = self.subject(row, report)
        if subject is None or "year" not in row.values:
            return
        field, _obj = row.extra["subject"]
        ids = tuple(subject.pk if name == field else None for name in ("person", "unit", "household"))
        key = (*ids, row.values["year"])
        if key in self.seen:
            self.problem(
                report,
                row,
                "year",
                _("Row %(row)s already gives a rating for this subject and year.") % {"row": self.seen[key]},
            )
            return
        self.seen[key] = row.number
        existing = self.existing.get(key)
        if existing is not None and not self.update_existing:
            self.problem(
                report,
                row,
                "year",
                _("A rating for %(year)s is already recorded.") % {"year": row.values["year"]},
            )
            return
        row.target = existing

    def write(self, row: Row) -> str:
        field, subject = row.extra["subject"]
        data = {
            "year": row.values["year"],
            "rating": row.values["rating"],
            "note": row.values.get("note", ""),
        }
        if row.target is not None:
            if row.target.rating == data["rating"] and row.target.note == data["note"]:
                return UNCHANGED
            services.record_update(actor=self.user, record=row.target, data=data, reason=str(REASON))
            return UPDATED
        services.record_create(
            actor=self.user, model=TaskRating, data={**data, field: subject}, reason=str(REASON)
        )
        return CREATED


class AwardImporter(SubjectImporter):
    spec = AWARD_SPEC

    def check(self, row: Row, report: ImportReport) -> None:
        self.subject(row, report)

    def write(self, row: Row) -> str:
        field, subject = row.extra["subject"]
        data = {
            "year": row.values["year"],
            "code": row.values["award"],
            "award_type": row.values.get("award_type") or AwardType.CONG_TRANG,
            "decision_number": row.values.get("decision_number", ""),
            "decision_date": row.values.get("decision_date"),
            "issuer": row.values.get("issuer", ""),
            field: subject,
        }
        services.record_create(actor=self.user, model=AwardRecord, data=data, reason=str(REASON))
        return CREATED


class RatingImportView(ImportView):
    importer_class = RatingImporter
    title = gettext_lazy("Import task ratings")
    list_url_name = "commendations:evaluation"
    template_file_name = "xep-loai"
    update_label = gettext_lazy("Replace ratings already recorded for the same year")
    notes = [
        gettext_lazy("A person is named by the code of their unit and their full name."),
        gettext_lazy("One rating per person, collective or household and year."),
    ]


class AwardImportView(ImportView):
    importer_class = AwardImporter
    title = gettext_lazy("Import titles and forms received")
    list_url_name = "commendations:evaluation"
    template_file_name = "khen-thuong"
    notes = [gettext_lazy("A person is named by the code of their unit and their full name.")]
