"""Dates as Vietnamese documents write them.

``dd/mm/yyyy`` in tables and forms; in the place-date line of an administrative document
(Decree 30/2020/NĐ-CP, Appendix I) ``ngày 05 tháng 9 năm 2025``: days 1-9 and months 1-2 take a
leading zero, other months do not.
"""

import re
from datetime import date

from thidua.core.vietnamese.text import normalize_input

__all__ = ["BLANK_FIELD", "decree30_date", "format_date", "parse_date", "place_date_line"]

# What stands in for a day or month left blank for the signer to write by hand.
BLANK_FIELD = "   "

_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def format_date(d: date) -> str:
    """``date(2025, 9, 5)`` → ``"05/09/2025"``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date(s: str) -> date:
    """Read a date typed as ``5/9/2025``, ``05/09/2025``, ``05-09-2025``, ``05.09.2025`` or ISO ``2025-09-05``.

    Raises ``ValueError`` with a Vietnamese message: ``"Ngày 31/02/2025 không tồn tại"`` for an
    impossible date, a format hint for text that is not a date at all.
    """
    text = normalize_input(s)
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        raise ValueError(
            f"“{text}” không phải là ngày hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2025"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"Ngày {day:02d}/{month:02d}/{year:04d} không tồn tại") from None


def decree30_date(d: date, *, blank_day: bool = False, blank_month: bool = False) -> str:
    """``"ngày 05 tháng 9 năm 2025"``; with ``blank_day``/``blank_month`` those fields are left blank
    (:data:`BLANK_FIELD`) for the signer to fill in: ``"ngày     tháng 9 năm 2025"``.
    """
    day = BLANK_FIELD if blank_day else f"{d.day:02d}"
    month = BLANK_FIELD if blank_month else (f"{d.month:02d}" if d.month <= 2 else str(d.month))
    return f"ngày {day} tháng {month} năm {d.year:04d}"


def place_date_line(place: str, d: date, *, blank_day: bool = False, blank_month: bool = False) -> str:
    """``"Cẩm Giang, ngày 05 tháng 9 năm 2025"``: the place (the commune's name), a comma, the date."""
    when = decree30_date(d, blank_day=blank_day, blank_month=blank_month)
    return f"{normalize_input(place)}, {when}"
