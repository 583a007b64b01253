"""The Vietnamese working-day calendar, for deadlines such as "within 20 working days".

Public holidays (Labour Code 2019, Art. 112(1); in force from 2021):

- Tết Dương lịch: 1/1;
- Tết Âm lịch: 5 days. The Prime Minister picks them each year; by default we take the last day of
  the lunar year and mùng 1-4 Tết (``tet_days_before=1``; 2 gives the 2 days before + 3 after pattern);
- Giỗ Tổ Hùng Vương: 10/3 lunar;
- Ngày Chiến thắng 30/4 and Ngày Quốc tế Lao động 1/5;
- Quốc khánh: 2/9 plus one adjacent day, also picked yearly. Default: 1/9 (``national_day_extra=
  "before"``; ``"after"`` gives 3/9). Years before 2021 have 2/9 only (Labour Code 2012); older
  rules (a 4-day Tết before 2013) are not modelled.

Weekly rest days are Saturday and Sunday (the civil service's week). A holiday falling on one of them
moves to the next working day (Art. 111(3), "nghỉ bù"). On top of the rules, each calendar takes the
year's decisions as data: ``extra_days_off`` (bridge days) and ``makeup_working_days`` (the Saturdays
worked in exchange), the latter winning over everything else.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from thidua.core.vietnamese.lunar import lunar_to_solar

__all__ = ["WorkCalendar", "public_holidays"]

TET_DAYS = 5
NATIONAL_DAY_TWO_DAYS_FROM = 2021
WEEKEND = frozenset({5, 6})  # date.weekday(): Saturday, Sunday

type NationalDayExtra = Literal["before", "after"]


def _check_options(tet_days_before: int, national_day_extra: str) -> None:
    if not 0 <= tet_days_before <= TET_DAYS:
        raise ValueError(f"tet_days_before must be between 0 and {TET_DAYS}, got {tet_days_before}")
    if national_day_extra not in ("before", "after"):
        raise ValueError(f"national_day_extra must be 'before' or 'after', got {national_day_extra!r}")


def public_holidays(
    year: int, *, tet_days_before: int = 1, national_day_extra: NationalDayExtra = "before"
) -> dict[date, str]:
    """The statutory holidays of a solar year (no weekend compensation), with their names."""
    _check_options(tet_days_before, national_day_extra)
    holidays = {date(year, 1, 1): "Tết Dương lịch"}
    first_day_of_tet = lunar_to_solar(year, 1, 1)
    for offset in range(-tet_days_before, TET_DAYS - tet_days_before):
        holidays[first_day_of_tet + timedelta(days=offset)] = "Tết Âm lịch"
    holidays[lunar_to_solar(year, 3, 10)] = "Giỗ Tổ Hùng Vương"
    holidays[date(year, 4, 30)] = "Ngày Chiến thắng"
    holidays[date(year, 5, 1)] = "Ngày Quốc tế Lao động"
    holidays[date(year, 9, 2)] = "Quốc khánh"
    if year >= NATIONAL_DAY_TWO_DAYS_FROM:
        holidays[date(year, 9, 1 if national_day_extra == "before" else 3)] = "Quốc khánh"
    return dict(sorted(holidays.items()))


def _with_compensation(holidays: dict[date, str]) -> dict[date, str]:
    """Add, for every holiday on a weekend, a day off on the next weekday that is not a holiday."""
    days_off = dict(holidays)
    for day in holidays:
        if day.weekday() in WEEKEND:
            substitute = day + timedelta(days=1)
            while substitute.weekday() in WEEKEND or substitute in days_off:
                substitute += timedelta(days=1)
            days_off[substitute] = f"Nghỉ bù {holidays[day]}"
    return dict(sorted(days_off.items()))


class WorkCalendar:
    """Working days: Monday to Friday except holidays, compensation days and decided days off."""

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        makeup_working_days: Iterable[date] = (),
        *,
        tet_days_before: int = 1,
        national_day_extra: NationalDayExtra = "before",
        compensate_weekend_holidays: bool = True,
    ) -> None:
        _check_options(tet_days_before, national_day_extra)
        self.extra_days_off = frozenset(extra_days_off)
        self.makeup_working_days = frozenset(makeup_working_days)
        self.tet_days_before = tet_days_before
        self.national_day_extra: NationalDayExtra = national_day_extra
        self.compensate_weekend_holidays = compensate_weekend_holidays
        self._days_off_by_year: dict[int, dict[date, str]] = {}

    def days_off(self, year: int) -> dict[date, str]:
        """Holidays, compensation days and extra days off of a solar year, with their names."""
        if year not in self._days_off_by_year:
            holidays = public_holidays(
                year, tet_days_before=self.tet_days_before, national_day_extra=self.national_day_extra
            )
            if self.compensate_weekend_holidays:
                holidays = _with_compensation(holidays)
            for day in self.extra_days_off:
                if day.year == year:
                    holidays.setdefault(day, "Nghỉ theo quyết định")
            self._days_off_by_year[year] = dict(sorted(holidays.items()))
        return self._days_off_by_year[year]

    def is_working_day(self, d: date) -> bool:
        """True for a makeup working day, otherwise for a weekday that is not a day off."""
        if d in self.makeup_working_days:
            return True
        return d.weekday() not in WEEKEND and d not in self.days_off(d.year)

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (before it if ``n`` is negative); ``d`` itself never counts.

        ``add_working_days(received, 20)`` is the last day of "within 20 working days of receipt";
        ``n == 0`` returns ``d`` unchanged.
        """
        step = timedelta(days=1 if n > 0 else -1)
        remaining = abs(n)
        while remaining:
            d += step
            remaining -= self.is_working_day(d)
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """Working days from ``a`` to ``b``, counting ``b`` but not ``a``: those with ``a < d <= b``, or
        minus those with ``b <= d < a`` when ``b`` is earlier.

        The inverse of :meth:`add_working_days`: for a working day ``b``,
        ``add_working_days(a, working_days_between(a, b)) == b``.
        """
        if b < a:
            return -sum(self.is_working_day(b + timedelta(days=i)) for i in range((a - b).days))
        return sum(self.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))
