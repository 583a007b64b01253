"""Reporting periods as values: a type, a start and an end, and a code ("2025-09", "2025Q3", "2025S2", "2025").

Like DHIS2's ISO period identifiers. Periods are never stored as rows: a report keeps the code with its
start and end dates so ranges are queried on dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from thidua.reporting.choices import PeriodType

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHLY = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTERLY = re.compile(r"^(\d{4})Q([1-4])$")
_SIX_MONTHLY = re.compile(r"^(\d{4})S([12])$")
_YEARLY = re.compile(r"^(\d{4})$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    type: str
    code: str

    @classmethod
    def parse(cls, code: str) -> Period:
        """The period named by ``code``; ValueError when it is not a period code."""
        code = (code or "").strip().upper()
        if match := _MONTHLY.match(code):
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise ValueError(code)
            return cls(
                date(year, month, 1), _month_end(year, month), PeriodType.MONTHLY, f"{year}-{month:02d}"
            )
        if match := _QUARTERLY.match(code):
            year, quarter = int(match[1]), int(match[2])
            first = 3 * quarter - 2
            return cls(date(year, first, 1), _month_end(year, first + 2), PeriodType.QUARTERLY, code)
        if match := _SIX_MONTHLY.match(code):
            year, half = int(match[1]), int(match[2])
            first = 1 if half == 1 else 7
            return cls(date(year, first, 1), _month_end(year, first + 5), PeriodType.SIX_MONTHLY, code)
        if match := _YEARLY.match(code):
            year = int(match[1])
            return cls(date(year, 1, 1), date(year, 12, 31), PeriodType.YEARLY, code)
        raise ValueError(code)

    @classmethod
    def containing(cls, period_type: str, day: date) -> Period:
        if period_type == PeriodType.MONTHLY:
            return cls.parse(f"{day.year}-{day.month:02d}")
        if period_type == PeriodType.QUARTERLY:
            return cls.parse(f"{day.year}Q{(day.month - 1) // 3 + 1}")
        if period_type == PeriodType.SIX_MONTHLY:
            return cls.parse(f"{day.year}S{1 if day.month <= 6 else 2}")
        return cls.parse(str(day.year))

    @property
    def year(self) -> int:
        return self.start.year

    def next(self) -> Period:
        return Period.containing(self.type, date.fromordinal(self.end.toordinal() + 1))

    def previous(self) -> Period:
        return Period.containing(self.type, date.fromordinal(self.start.toordinal() - 1))

    def label(self) -> str:
        """Vietnamese-style label: "tháng 9/2025", "quý III/2025", "6 tháng cuối năm 2025", "năm 2025"."""
        if self.type == PeriodType.MONTHLY:
            return _("month %(month)s/%(year)s") % {"month": self.start.month, "year": self.year}
        if self.type == PeriodType.QUARTERLY:
            quarter = ROMAN[(self.start.month - 1) // 3 + 1]
            return _("quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": self.year}
        if self.type == PeriodType.SIX_MONTHLY:
            if self.start.month == 1:
                return _("first six months of %(year)s") % {"year": self.year}
            return _("last six months of %(year)s") % {"year": self.year}
        return _("year %(year)s") % {"year": self.year}

    def short_label(self) -> str:
        if self.type == PeriodType.MONTHLY:
            return f"{self.start.month:02d}/{self.year}"
        if self.type == PeriodType.QUARTERLY:
            return f"Q{ROMAN[(self.start.month - 1) // 3 + 1]}/{self.year}"
        if self.type == PeriodType.SIX_MONTHLY:
            return f"{'6T đầu' if self.start.month == 1 else '6T cuối'}/{self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.label()


def periods_between(period_type: str, start: date, end: date) -> list[Period]:
    """Every period of ``period_type`` that overlaps [start, end], in order."""
    periods: list[Period] = []
    if end < start:
        return periods
    period = Period.containing(period_type, start)
    while period.start <= end:
        periods.append(period)
        period = period.next()
    return periods


def periods_of_year(period_type: str, year: int) -> list[Period]:
    return periods_between(period_type, date(year, 1, 1), date(year, 12, 31))
