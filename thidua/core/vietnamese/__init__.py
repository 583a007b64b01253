"""Vietnamese text, numbers, dates and calendar: pure Python, no Django."""

from thidua.core.vietnamese.calendar import WorkCalendar, public_holidays
from thidua.core.vietnamese.collation import name_sort_key, split_name, text_sort_key
from thidua.core.vietnamese.dates import decree30_date, format_date, parse_date, place_date_line
from thidua.core.vietnamese.legacy import legacy_to_unicode
from thidua.core.vietnamese.lunar import (
    LunarDate,
    leap_month,
    lunar_month_length,
    lunar_to_solar,
    solar_to_lunar,
)
from thidua.core.vietnamese.numbers import format_money, format_number, format_percent
from thidua.core.vietnamese.text import detect_legacy_encoding, fold, nfc, normalize_input
from thidua.core.vietnamese.words import amount_in_words, number_to_words

__all__ = [
    "LunarDate",
    "WorkCalendar",
    "amount_in_words",
    "decree30_date",
    "detect_legacy_encoding",
    "fold",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "leap_month",
    "legacy_to_unicode",
    "lunar_month_length",
    "lunar_to_solar",
    "name_sort_key",
    "nfc",
    "normalize_input",
    "number_to_words",
    "parse_date",
    "place_date_line",
    "public_holidays",
    "solar_to_lunar",
    "split_name",
    "text_sort_key",
]
