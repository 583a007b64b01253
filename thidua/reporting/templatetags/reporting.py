from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from thidua.core.vietnamese.numbers import format_number

register = template.Library()


@register.filter
def vn_number(value, decimals=2):
    """1234.5 -> "1.234,5" (trailing zeros dropped); "—" for no value."""
    if value is None or value == "":
        return "—"
    return format_number(round(value, int(decimals)), trim=True)


@register.simple_tag
def level_cells(cells, base: str, pk):
    """The cells of one row of the level heat-map (a city: one commune × its periods), built in Python:
    a city page has ≈ 1,400 of them and the template engine costs ≈ 30 µs a cell."""
    parts = []
    link = escape(f"{base}{pk}")
    for cell in cells:
        expected, submitted = cell.expected, cell.submitted
        # the percentage rounded half up (as floatformat:0 does), in integers
        figure = f'<a href="{link}">{(200 * submitted + expected) // (2 * expected)}%</a>' if expected else ""
        parts.append(
            f'<td class="num hl hl-{cell.state}" title="{submitted}/{expected} · {cell.on_time}">{figure}</td>'
        )
    return mark_safe("".join(parts))  # numbers, a fixed class set, an escaped link


@register.simple_tag
def unit_cells(cells, report_base: str, entry_base: str, unit_pk):
    """The cells of one unit's row of the heat-map: a link to the report, or to its entry page."""
    parts = []
    reports, entries = escape(report_base), escape(f"{entry_base}{unit_pk}/")
    for cell in cells:
        state = cell.state
        href = f"{reports}{cell.report.pk}/" if cell.report else f"{entries}{escape(cell.period.code)}/"
        parts.append(
            f'<td class="hm hm-{state}"><a href="{href}" title="{state}">'
            f'<span class="visually-hidden">{state}</span></a></td>'
        )
    return mark_safe("".join(parts))  # keys, escaped codes, a fixed set of states
