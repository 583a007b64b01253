from django import template

from thidua.core.vietnamese.numbers import format_number

register = template.Library()


@register.filter
def vnd(value) -> str:
    """1234567 -> "1.234.567"."""
    if value is None or value == "":
        return ""
    return format_number(value)
