"""Importing org units, people and households from CSV or Excel, with the same columns as the exports.

Decisions (also shown on each import page):

- Units and households have a code. By default a code that already exists is an error; with
  "update existing" ticked the row updates that record instead (only the columns present in the
  file), so an exported list can be edited and imported back.
- People have no natural key: every row creates a new person.
- A household's head must be one of its members. A new household has no members yet, so its head
  cell must be empty; the people import then marks the head (relation "Head of household").
  For an existing household (update) the head name must match exactly one of its members.
"""

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
)
from thidua.core.vietnamese.dates import parse_date
from thidua.core.vietnamese.text import normalize_input
from thidua.core.views_import import ImportView
from thidua.orgs import services
from thidua.orgs.choices import EmploymentGroup, HouseholdRelation, Sex, UnitKind
from thidua.orgs.exports import HOUSEHOLD_COLUMNS, ORGUNIT_COLUMNS, PERSON_COLUMNS
from thidua.orgs.models import Household, OrgUnit, Person

REASON = gettext_lazy("Imported from a file")


def _label(columns, accessor: str):
    return next(label for label, source in columns if source == accessor)


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


DATE_HINT = gettext_lazy("dd/mm/yyyy")


ORGUNIT_SPEC = ImportSpec(
    columns=(
        Column(_label(ORGUNIT_COLUMNS, "code"), "code", required=True, max_length=_max(OrgUnit, "code")),
        Column(_label(ORGUNIT_COLUMNS, "name"), "name", required=True, max_length=_max(OrgUnit, "name")),
        Column(_label(ORGUNIT_COLUMNS, "short_name"), "short_name", max_length=_max(OrgUnit, "short_name")),
        Column(
            _label(ORGUNIT_COLUMNS, "get_kind_display"), "kind", required=True, parse=ChoiceParser(UnitKind)
        ),
        Column(
            _label(ORGUNIT_COLUMNS, "parent.code"),
            "parent",
            max_length=_max(OrgUnit, "code"),
            hint=gettext_lazy("a unit already in the system or on an earlier row of the file"),
        ),
        Column(
            _label(ORGUNIT_COLUMNS, "valid_from"), "valid_from", parse=parse_date, empty=None, hint=DATE_HINT
        ),
        Column(_label(ORGUNIT_COLUMNS, "valid_to"), "valid_to", parse=parse_date, empty=None, hint=DATE_HINT),
        Column(_label(ORGUNIT_COLUMNS, "address"), "address", max_length=_max(OrgUnit, "address")),
    )
)

PERSON_SPEC = ImportSpec(
    columns=(
        Column(
            _label(PERSON_COLUMNS, "full_name"),
            "full_name",
            required=True,
            max_length=_max(Person, "full_name"),
        ),
        Column(_label(PERSON_COLUMNS, "get_sex_display"), "sex", required=True, parse=ChoiceParser(Sex)),
        Column(
            _label(PERSON_COLUMNS, "date_of_birth"),
            "date_of_birth",
            parse=parse_date,
            empty=None,
            hint=DATE_HINT,
        ),
        Column(_label(PERSON_COLUMNS, "position"), "position", max_length=_max(Person, "position")),
        Column(
            _label(PERSON_COLUMNS, "get_employment_group_display"),
            "employment_group",
            parse=ChoiceParser(EmploymentGroup),
            empty=EmploymentGroup.RESIDENT,
        ),
        Column(_label(PERSON_COLUMNS, "unit.code"), "unit", required=True, max_length=_max(OrgUnit, "code")),
        Column(_label(PERSON_COLUMNS, "household.code"), "household", max_length=_max(Household, "code")),
        Column(
            _label(PERSON_COLUMNS, "get_relation_to_head_display"),
            "relation_to_head",
            parse=ChoiceParser(HouseholdRelation),
        ),
        Column(_label(PERSON_COLUMNS, "phone"), "phone", max_length=_max(Person, "phone")),
    )
)

HOUSEHOLD_SPEC = ImportSpec(
    columns=(
        Column(_label(HOUSEHOLD_COLUMNS, "code"), "code", required=True, max_length=_max(Household, "code")),
        Column(
            _label(HOUSEHOLD_COLUMNS, "village.code"),
            "village",
            required=True,
            max_length=_max(OrgUnit, "code"),
        ),
        Column(
            _label(HOUSEHOLD_COLUMNS, "head.full_name"),
            "head",
            max_length=_max(Person, "full_name"),
            hint=gettext_lazy("only for existing households: the name of one of its members"),
        ),
        Column(_label(HOUSEHOLD_COLUMNS, "address"), "address", max_length=_max(Household, "address")),
    )
)


def _name_key(name: str) -> str:
    return normalize_input(name).casefold()


class CodedImporter(Importer):
    """Rows keyed by a unique code: repeats in the file are errors; existing codes update or fail."""

    code_taken_message = ""

    def prepare_existing(self, rows: list[Row], queryset) -> None:
        codes = {row.values["code"] for row in rows if row.values.get("code")}
        self.existing = {obj.code: obj for obj in fetch_in(queryset, "code", codes)}
        self.first_rows: dict[str, int] = {}
        for row in rows:
            self.first_rows.setdefault(row.values.get("code", ""), row.number)

    def check_code(self, row: Row, report: ImportReport) -> None:
        code = row.values.get("code")
        if not code:
            return
        first = self.first_rows[code]
        if first != row.number:
            self.problem(
                report,
                row,
                "code",
                _("The code %(code)s is repeated: it is already on row %(row)s of this file.")
                % {"code": code, "row": first},
            )
            return
        existing = self.existing.get(code)
        if existing is None:
            return
        if not self.update_existing or not self.view_scope.covers(existing.org_path()):
            self.problem(report, row, "code", self.code_taken_message % {"code": code})
        elif not self.change_scope.covers(existing.org_path()):
            self.problem(
                report, row, "code", _("You may not change the record with code %(code)s.") % {"code": code}
            )
        else:
            row.target = existing

    def changes(self, target, data: dict[str, Any]) -> dict[str, Any]:
        """The part of ``data`` that differs from ``target`` (relations compared by primary key)."""
        changed = {}
        for name, value in data.items():
            model_field = target._meta.get_field(name)
            new = value.pk if model_field.is_relation and value is not None else value
            if getattr(target, model_field.attname) != new:
                changed[name] = value
        return changed


# --- Units ---------------------------------------------------------------------------------------


class OrgUnitImporter(CodedImporter):
    spec = ORGUNIT_SPEC
    code_taken_message = gettext_lazy("The code %(code)s is already used by an existing unit.")

    def prepare(self, rows: list[Row]) -> None:
        self.prepare_existing(rows, OrgUnit.objects.all())
        parents = {row.values["parent"] for row in rows if row.values.get("parent")}
        self.known = {
            unit.code: unit for unit in fetch_in(OrgUnit.objects.all(), "code", parents - set(self.existing))
        }
        self.known.update(self.existing)
        by_id = {unit.pk: unit for unit in self.known.values()}
        ancestors = {pk for unit in self.known.values() for pk in unit.ancestor_ids} - set(by_id)
        by_id.update((unit.pk, unit) for unit in fetch_in(OrgUnit.objects.all(), "pk", ancestors))
        self.by_id = by_id
        self.tree = {unit.code: unit for unit in by_id.values()}  # the file's units and their ancestors
        self.rows_by_code: dict[str, Row] = {}
        for row in rows:
            if row.values.get("code"):
                self.rows_by_code.setdefault(row.values["code"], row)
        self.planned_paths: dict[str, str] = {}
        self.created: dict[str, OrgUnit] = {}

    def check(self, row: Row, report: ImportReport) -> None:
        self.check_code(row, report)
        code = row.values.get("code")
        target = row.target
        if target is None and code in self.existing:
            return  # already reported
        path = self._check_parent(row, report)
        if code and path is not None and self.first_rows.get(code) == row.number:
            self.planned_paths[code] = path
        valid_from = row.values.get("valid_from", target.valid_from if target else None)
        valid_to = row.values.get("valid_to", target.valid_to if target else None)
        if valid_from and valid_to and valid_to < valid_from:
            self.problem(report, row, "valid_to", _("The end date must not be before the start date."))

    def _check_parent(self, row: Row, report: ImportReport) -> str | None:
        """Check the parent; return the unit's planned path (for the rows below it) or None."""
        code, target = row.values.get("code", ""), row.target
        if "parent" in row.failed:
            return None
        moving = "parent" in self.present and (
            target is None or self._parent_code(target) != (row.values["parent"] or None)
        )
        if target is not None and not moving:
            return target.path
        parent_code = row.values.get("parent") or ""
        if not parent_code:
            if not self.change_scope.everything:
                self.problem(
                    report,
                    row,
                    "parent",
                    _("Only administrators may add top-level units; fill in the parent code."),
                )
            return f"~{row.number}/"
        if parent_code == code:
            self.problem(report, row, "parent", _("A unit cannot be its own parent."))
            return None
        parent_path = self._parent_path(row, parent_code, report)
        if parent_path is None:
            return None
        if not self.change_scope.covers(parent_path):
            self.problem(
                report,
                row,
                "parent",
                _("You may not add or move units under %(code)s.") % {"code": parent_code},
            )
            return None
        if target is not None and self._is_below(parent_code, target.code):
            self.problem(report, row, "parent", _("A unit cannot be moved under itself or its own sub-unit."))
            return None
        return parent_path + (target.path.split("/")[-2] + "/" if target else f"~{row.number}/")

    def _parent_path(self, row: Row, parent_code: str, report: ImportReport) -> str | None:
        first = self.first_rows.get(parent_code)
        if parent_code in self.planned_paths:  # an earlier row of the file
            return self.planned_paths[parent_code]
        parent = self.known.get(parent_code)
        if parent is not None and self.view_scope.covers(parent.path):
            return parent.path
        if first and first > row.number:
            reason = _(
                "The parent %(code)s comes later in the file (row %(row)s); put parents before their sub-units."
            )
            self.problem(report, row, "parent", reason % {"code": parent_code, "row": first})
        elif first is None:
            self.problem(
                report, row, "parent", _("There is no unit with the code %(code)s.") % {"code": parent_code}
            )
        return None

    def _parent_code(self, unit: OrgUnit) -> str | None:
        parent = self.by_id.get(unit.parent_id) if unit.parent_id else None
        return parent.code if parent else None

    def _planned_parent_code(self, code: str) -> str | None:
        row = self.rows_by_code.get(code)
        if row is not None and "parent" in row.values:
            return row.values["parent"] or None
        unit = self.tree.get(code)
        return self._parent_code(unit) if unit is not None else None

    def _is_below(self, code: str, ancestor_code: str) -> bool:
        """True if ``code`` would be ``ancestor_code`` or lie under it once the file is applied."""
        seen: set[str] = set()
        current: str | None = code
        while current and current not in seen:
            if current == ancestor_code:
                return True
            seen.add(current)
            current = self._planned_parent_code(current)
        return False

    def write(self, row: Row) -> str:
        data = {name: row.values[name] for name in self.present}
        if "parent" in data:
            parent_code = data["parent"]
            data["parent"] = (
                (self.created.get(parent_code) or self.known[parent_code]) if parent_code else None
            )
        if row.target is None:
            self.created[data["code"]] = services.orgunit_create(actor=self.user, data=data)
            return CREATED
        unit = OrgUnit.objects.get(pk=row.target.pk)  # earlier rows may have moved its ancestors
        changes = self.changes(unit, data)
        if not changes:
            return UNCHANGED
        services.orgunit_update(actor=self.user, unit=unit, data=changes, reason=str(REASON))
        return UPDATED


# --- People --------------------------------------------------------------------------------------


class PersonImporter(Importer):
    spec = PERSON_SPEC

    def prepare(self, rows: list[Row]) -> None:
        units = {row.values["unit"] for row in rows if row.values.get("unit")}
        households = {row.values["household"] for row in rows if row.values.get("household")}
        self.units = {unit.code: unit for unit in fetch_in(OrgUnit.objects.all(), "code", units)}
        queryset = Household.objects.select_related("village", "head")
        self.households = {household.code: household for household in fetch_in(queryset, "code", households)}
        self.heads: dict[str, int] = {}

    def check(self, row: Row, report: ImportReport) -> None:
        code = row.values.get("unit")
        if code:
            unit = self.units.get(code)
            if unit is None or not self.view_scope.covers(unit.path):
                self.problem(
                    report, row, "unit", _("There is no unit with the code %(code)s.") % {"code": code}
                )
            elif not self.change_scope.covers(unit.path):
                self.problem(report, row, "unit", _("You may not add people to %(code)s.") % {"code": code})
            else:
                row.extra["unit"] = unit
        code = row.values.get("household")
        if code:
            household = self.households.get(code)
            if household is None or not self.view_scope.covers(household.village.path):
                reason = _("There is no household with the code %(code)s.") % {"code": code}
                self.problem(report, row, "household", reason)
            else:
                row.extra["household"] = household
                if row.values.get("relation_to_head") == HouseholdRelation.HEAD:
                    self._check_head(row, household, report)

    def _check_head(self, row: Row, household: Household, report: ImportReport) -> None:
        code = household.code
        if household.head_id:
            reason = _("Household %(code)s already has a head (%(name)s).")
            self.problem(
                report, row, "relation_to_head", reason % {"code": code, "name": household.head.full_name}
            )
        elif code in self.heads:
            reason = _("Row %(row)s of this file is already the head of household %(code)s.")
            self.problem(report, row, "relation_to_head", reason % {"row": self.heads[code], "code": code})
        elif not self.change_scope.covers(household.village.path):
            reason = _(
                "You may not change household %(code)s, so this person cannot be recorded as its head."
            )
            self.problem(report, row, "relation_to_head", reason % {"code": code})
        else:
            self.heads[code] = row.number
            row.extra["heads"] = household

    def write(self, row: Row) -> str:
        data = {name: row.values[name] for name in self.present}
        data["unit"] = row.extra["unit"]
        data["household"] = row.extra.get("household")
        person = services.person_create(actor=self.user, data=data)
        if "heads" in row.extra:
            services.household_update(
                actor=self.user, household=row.extra["heads"], data={"head": person}, reason=str(REASON)
            )
        return CREATED


# --- Households ----------------------------------------------------------------------------------


class HouseholdImporter(CodedImporter):
    spec = HOUSEHOLD_SPEC
    code_taken_message = gettext_lazy("The household code %(code)s is already used.")

    def prepare(self, rows: list[Row]) -> None:
        self.prepare_existing(rows, Household.objects.select_related("village", "head"))
        villages = {row.values["village"] for row in rows if row.values.get("village")}
        self.villages = {unit.code: unit for unit in fetch_in(OrgUnit.objects.all(), "code", villages)}
        named = {row.values["code"] for row in rows if row.values.get("head") and row.values.get("code")}
        self.members: dict[str, list[Person]] = defaultdict(list)
        for person in fetch_in(
            Person.objects.select_related("household"), "household__code", named & set(self.existing)
        ):
            self.members[person.household.code].append(person)

    def check(self, row: Row, report: ImportReport) -> None:
        self.check_code(row, report)
        code = row.values.get("village")
        if code:
            village = self.villages.get(code)
            if village is None or not self.view_scope.covers(village.path):
                self.problem(
                    report, row, "village", _("There is no village with the code %(code)s.") % {"code": code}
                )
            elif village.kind != UnitKind.VILLAGE:
                reason = _("The unit %(code)s is not a village / residential group.")
                self.problem(report, row, "village", reason % {"code": code})
            elif not self.change_scope.covers(village.path):
                self.problem(
                    report, row, "village", _("You may not add households to %(code)s.") % {"code": code}
                )
            else:
                row.extra["village"] = village
        name = row.values.get("head")
        if name:
            self._check_head(row, name, report)

    def _check_head(self, row: Row, name: str, report: ImportReport) -> None:
        code = row.values.get("code", "")
        if row.target is None:
            if code not in self.existing:
                reason = _(
                    "A new household has no members yet: leave the head empty, then import its people "
                    "with the relation “Head of household”."
                )
                self.problem(report, row, "head", reason)
            return
        matches = [person for person in self.members[code] if _name_key(person.full_name) == _name_key(name)]
        if len(matches) == 1:
            row.extra["head"] = matches[0]
            return
        if matches:
            reason = _(
                "Several members of household %(code)s are named “%(name)s”; choose the head on its page."
            )
        else:
            reason = _("No member of household %(code)s is named “%(name)s”.")
        self.problem(report, row, "head", reason % {"code": code, "name": name})

    def write(self, row: Row) -> str:
        data = {name: row.values[name] for name in self.present}
        data["village"] = row.extra["village"]
        if "head" in data:
            data["head"] = row.extra.get("head")
        if row.target is None:
            services.household_create(actor=self.user, data=data)
            return CREATED
        household = Household.objects.select_related("village", "head").get(pk=row.target.pk)
        changes = self.changes(household, data)
        if not changes:
            return UNCHANGED
        services.household_update(actor=self.user, household=household, data=changes, reason=str(REASON))
        return UPDATED


# --- Views ---------------------------------------------------------------------------------------


class OrgUnitImportView(ImportView):
    importer_class = OrgUnitImporter
    title = gettext_lazy("Import org units")
    list_url_name = "orgs:unit_list"
    template_file_name = "mau-nhap-don-vi"
    update_label = gettext_lazy("Update existing units")
    notes = [
        gettext_lazy(
            "A unit code that already exists is an error, unless “Update existing units” is ticked: then "
            "that row updates the unit (only the columns present in the file are changed)."
        ),
        gettext_lazy(
            "The parent must already exist or be on an earlier row of the file, and you must be allowed "
            "to change it."
        ),
    ]


class PersonImportView(ImportView):
    importer_class = PersonImporter
    title = gettext_lazy("Import people")
    list_url_name = "orgs:person_list"
    template_file_name = "mau-nhap-nhan-su"
    notes = [
        gettext_lazy(
            "Every row creates a new person (people have no code): importing the same file twice creates "
            "them twice."
        ),
        gettext_lazy(
            "The unit and the household must already exist. A row whose relation is “Head of household” "
            "becomes the head of a household that has none yet."
        ),
    ]


class HouseholdImportView(ImportView):
    importer_class = HouseholdImporter
    title = gettext_lazy("Import households")
    list_url_name = "orgs:household_list"
    template_file_name = "mau-nhap-ho-gia-dinh"
    update_label = gettext_lazy("Update existing households")
    notes = [
        gettext_lazy(
            "A household code that already exists is an error, unless “Update existing households” is "
            "ticked: then that row updates the household (only the columns present in the file are changed)."
        ),
        gettext_lazy("The village must be a unit of kind “Village / residential group” that you may change."),
        gettext_lazy(
            "Head of household: leave it empty for new households, then import their people with the "
            "relation “Head of household”. For an existing household it must be the name of exactly one "
            "of its members."
        ),
    ]
