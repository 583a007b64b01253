from django.utils.translation import gettext_lazy as _

MODEL_COLUMNS = [
    (_("Name of the model"), "title"),
    (_("Kind"), "get_kind_display"),
    (_("Unit"), "unit.name"),
    (_("Movement"), "movement.name"),
    (_("Status"), "get_status_display"),
    (_("Replicated in (units)"), "adoption_count"),
    (_("Summary"), "summary"),
]
