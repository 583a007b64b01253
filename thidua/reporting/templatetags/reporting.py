from django import template

from thidua.core.vietnamese.numbers import format_number

register = template.Library()


@register.filter
def vn_number(value, decimals=2):
    """1234.5 -> "1.234,5" (trailing zeros dropped); "—" for no value."""
    if value is None or value == "":
        return "—"
    return format_number(round(value, int(decimals)), trim=True)
