from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    CITY_OFFICER = "city_officer", _("City officer")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    AGGREGATING_DEPARTMENT = "aggregating_department", _("Aggregating department")
    UNIT_REPORTER = "unit_reporter", _("Unit reporter")
    COUNCIL_MEMBER = "council_member", _("Council member")
    CHAIRMAN = "chairman", _("Chairman")


VIEW, CHANGE, DELETE, REVIEW = "view", "change", "delete", "review"

# What each role may do on domain data inside the units its grant covers ("review": return or approve
# what units submit, decide lock exceptions).
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({VIEW, CHANGE, DELETE, REVIEW}),
    Role.CITY_OFFICER: frozenset({VIEW, CHANGE, DELETE, REVIEW}),
    Role.COMMUNE_OFFICER: frozenset({VIEW, CHANGE, DELETE, REVIEW}),
    Role.AGGREGATING_DEPARTMENT: frozenset({VIEW, REVIEW}),
    Role.UNIT_REPORTER: frozenset({VIEW, CHANGE}),
    Role.COUNCIL_MEMBER: frozenset({VIEW}),
    Role.CHAIRMAN: frozenset({VIEW}),
}
