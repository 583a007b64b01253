"""Dates written the Vietnamese ways: "15 tháng 12 năm 2025", "15/12/2025", "15-12-2025", "15/12"."""

import calendar
import datetime
import re

from thidua.campaigns.reader.text import fold

# All patterns run on folded text (no diacritics, same offsets as the original).
_FULL = re.compile(
    r"(?:ngay\s+)?(?P<d>\d{1,2})\s*(?:thang\s*(?P<m1>\d{1,2})\s*(?:nam|/)\s*|[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*)"
    r"(?P<y>\d{4})\b",
    re.I,
)
_NO_YEAR = re.compile(
    r"(?:ngay\s+)?(?P<d>\d{1,2})\s*(?:thang\s*(?P<m1>\d{1,2})|/\s*(?P<m2>\d{1,2}))(?![\d/]|\s*nam)", re.I
)
_YEAR = re.compile(r"\s*nam\s+(?P<y>\d{4})\b", re.I)
_MONTH_END = re.compile(r"thang\s*(?P<m>\d{1,2})\s*(?:nam|/)\s*(?P<y>\d{4})", re.I)


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return iso(year, month, calendar.monthrange(year, month)[1])


def date_at(text: str, start: int = 0, *, default_year: int | None = None) -> tuple[str, int] | None:
    """The date that begins at ``start`` (after spaces), as (ISO date, end offset)."""
    folded = fold(text)
    match = _FULL.match(folded, start)
    if match is None:
        skipped = len(folded[start:]) - len(folded[start:].lstrip())
        match = _FULL.match(folded, start + skipped)
    if match:
        month = int(match["m1"] or match["m2"])
        found = iso(int(match["y"]), month, int(match["d"]))
        return (found, match.end()) if found else None
    if default_year is None:
        return None
    stripped = start + len(folded[start:]) - len(folded[start:].lstrip())
    match = _NO_YEAR.match(folded, stripped)
    if match:
        found = iso(default_year, int(match["m1"] or match["m2"]), int(match["d"]))
        return (found, match.end()) if found else None
    return None


def year_end_at(text: str, start: int) -> tuple[str, int] | None:
    """ "năm 2025" at ``start`` → 31 December of that year."""
    match = _YEAR.match(fold(text), start)
    return (f"{match['y']}-12-31", match.end()) if match else None


def month_start_at(text: str, start: int) -> tuple[str, int] | None:
    """ "tháng 3 năm 2025" / "tháng 3/2025" at ``start`` → first day of that month."""
    folded = fold(text)
    stripped = start + len(folded[start:]) - len(folded[start:].lstrip())
    match = _MONTH_END.match(folded, stripped)
    if match:
        found = iso(int(match["y"]), int(match["m"]), 1) if 1 <= int(match["m"]) <= 12 else None
        return (found, match.end()) if found else None
    return None


def month_end_at(text: str, start: int) -> tuple[str, int] | None:
    """ "tháng 12 năm 2025" / "tháng 12/2025" at ``start`` → last day of that month."""
    folded = fold(text)
    stripped = start + len(folded[start:]) - len(folded[start:].lstrip())
    match = _MONTH_END.match(folded, stripped)
    if match:
        found = month_end(int(match["y"]), int(match["m"]))
        return (found, match.end()) if found else None
    return None
