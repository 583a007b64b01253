"""Settings of the campaigns app, each with its default; a deployment overrides them in Django settings."""

from django.conf import settings

#: Largest plan document accepted for upload (checked before the file is read).
DEFAULT_PLAN_UPLOAD_MAX_BYTES = 20 * 1024 * 1024

#: How many working days earlier a commune's deadline falls than the city's when a plan is cascaded.
DEFAULT_CASCADE_WORKING_DAYS = 3


def plan_upload_max_bytes() -> int:
    return int(getattr(settings, "THIDUA_PLAN_UPLOAD_MAX_BYTES", DEFAULT_PLAN_UPLOAD_MAX_BYTES))


def cascade_working_days() -> int:
    return int(getattr(settings, "THIDUA_PLAN_CASCADE_WORKING_DAYS", DEFAULT_CASCADE_WORKING_DAYS))
