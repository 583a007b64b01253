from django.utils.translation import gettext_lazy as _

from thidua.campaigns.choices import IntendedTitle

_TITLES = dict(IntendedTitle.choices)

PLAN_COLUMNS = [
    (_("Number"), "number_symbol"),
    (_("Date"), "date"),
    (_("Summary title"), "title"),
    (_("Issuing unit"), "issuing_unit.name"),
    (_("Period start"), "period_start"),
    (_("Period end"), "period_end"),
    (_("Status"), "get_status_display"),
]

REGISTRATION_COLUMNS = [
    (_("Plan"), "plan.number_symbol"),
    (_("Unit"), "unit.name"),
    (_("Person"), "person.full_name"),
    (_("Contents"), "contents"),
    (_("Targets"), "targets"),
    (_("Intended titles"), lambda r: "; ".join(_TITLES.get(code, code) for code in r.intended_titles or [])),
    (_("Status"), "get_status_display"),
    (_("Reason for returning"), "return_reason"),
]
