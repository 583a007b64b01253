from django import template

from thidua.core.vietnamese import format_number

register = template.Library()


@register.filter
def vnd(value) -> str:
    """7100000 -> "7.100.000" (Vietnamese thousands separator); blank for None."""
    if value in (None, ""):
        return ""
    return format_number(int(value))
