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


VIEW, CHANGE, DELETE, REVIEW, DECIDE = "view", "change", "delete", "review", "decide"

# What each role may do on domain data inside the units its grant covers ("review": return or approve
# what units submit, decide lock exceptions; "decide": what only the chairman signs, e.g. an award decision or
# a title for an unregistered nominee).
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({VIEW, CHANGE, DELETE, REVIEW, DECIDE}),
    Role.CITY_OFFICER: frozenset({VIEW, CHANGE, DELETE, REVIEW}),
    Role.COMMUNE_OFFICER: frozenset({VIEW, CHANGE, DELETE, REVIEW}),
    Role.AGGREGATING_DEPARTMENT: frozenset({VIEW, REVIEW}),
    Role.UNIT_REPORTER: frozenset({VIEW, CHANGE}),
    Role.COUNCIL_MEMBER: frozenset({VIEW}),
    Role.CHAIRMAN: frozenset({VIEW, DECIDE}),
}
