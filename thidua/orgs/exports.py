"""Column sets for downloads; the importers read the same headers back."""

from django.utils.translation import gettext_lazy as _

ORGUNIT_COLUMNS = [
    (_("Code"), "code"),
    (_("Official name"), "name"),
    (_("Short name"), "short_name"),
    (_("Kind"), "get_kind_display"),
    (_("Parent code"), "parent.code"),
    (_("Valid from"), "valid_from"),
    (_("Valid to"), "valid_to"),
    (_("Address"), "address"),
]

PERSON_COLUMNS = [
    (_("Full name"), "full_name"),
    (_("Sex"), "get_sex_display"),
    (_("Date of birth"), "date_of_birth"),
    (_("Position"), "position"),
    (_("Employment group"), "get_employment_group_display"),
    (_("Unit code"), "unit.code"),
    (_("Household code"), "household.code"),
    (_("Relation to head"), "get_relation_to_head_display"),
    (_("Phone"), "phone"),
]

HOUSEHOLD_COLUMNS = [
    (_("Household code"), "code"),
    (_("Village code"), "village.code"),
    (_("Head of household"), "head.full_name"),
    (_("Address"), "address"),
]
