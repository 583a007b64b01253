"""The Vietnamese lunisolar calendar (âm lịch), computed astronomically.

Method (as described by Hồ Ngọc Đức for the Vietnamese calendar, with our own formulas):

- a lunar month starts on the local day (UTC+7, Hà Nội) holding the new moon; new moons come from
  Meeus, *Astronomical Algorithms* 2nd ed., ch. 49 (all periodic and planetary terms) with ΔT from the
  Espenak-Meeus polynomials, accurate to well under a minute over 1800-2200;
- the month holding the winter solstice is month 11;
- a year between two months 11 with 13 months has a leap month: the first month after month 11 in
  which the sun enters no new 30° sector of longitude (no major solar term, "trung khí"); it takes
  the number of the month before it. Sun longitude: Meeus ch. 25 (about 0.01°).

Using UTC+7 is what makes Vietnamese Tết differ from the Chinese one in some years (1985: 21/01 in
Vietnam, 20/02 in China). Days before 1 January 1968, when North Vietnam moved its calendar to UTC+7,
are computed on UTC+8 as the calendar of the time was. Checked against Hồ Ngọc Đức's published
tables: every month start from 1968 to 2099 agrees except month 4 of 2054, whose new moon these
formulas put 22 s after midnight (08/05/2054; Meeus gives 17 s as the formula's largest error).
Supported: solar years 1800-2199 (tested 1900-2100).
"""

import math
from bisect import bisect_right
from datetime import date
from functools import lru_cache
from typing import NamedTuple

__all__ = ["LunarDate", "leap_month", "lunar_month_length", "lunar_to_solar", "solar_to_lunar"]

TIMEZONE_HOURS = 7.0  # Hà Nội, from 1968
OLD_TIMEZONE_HOURS = 8.0  # before 1968 (the Chinese calendar's meridian)
MIN_YEAR, MAX_YEAR = 1800, 2199

_JDN_OF_ORDINAL_0 = 1_721_425  # Julian day number of date.fromordinal(1) minus one
_TIMEZONE_SWITCH_JDN = date(1968, 1, 1).toordinal() + _JDN_OF_ORDINAL_0
_SYNODIC_MONTH = 29.530588861
_K0_JDE = 2451550.09766  # new moon k = 0 (6 January 2000)


class LunarDate(NamedTuple):
    """A lunar date; ``leap`` marks a day in the leap (nhuận) month."""

    year: int
    month: int
    day: int
    leap: bool = False


def _jdn(d: date) -> int:
    """Julian day number of a Gregorian date."""
    return d.toordinal() + _JDN_OF_ORDINAL_0


def _date_of_jdn(jdn: int) -> date:
    return date.fromordinal(jdn - _JDN_OF_ORDINAL_0)


def _timezone_days(jdn: int) -> float:
    """The calendar's UTC offset, in days, on day ``jdn``."""
    return (TIMEZONE_HOURS if jdn >= _TIMEZONE_SWITCH_JDN else OLD_TIMEZONE_HOURS) / 24


def _delta_t_days(year: float) -> float:
    """TT - UT in days (Espenak & Meeus polynomial fits)."""
    if year < 1860:
        t = year - 1800
        seconds = (
            13.72 - 0.332447 * t + 0.0068612 * t**2 + 0.0041116 * t**3 - 0.00037436 * t**4
            + 0.0000121272 * t**5 - 0.0000001699 * t**6 + 0.000000000875 * t**7
        )  # fmt: skip
    elif year < 1900:
        t = year - 1860
        seconds = (
            7.62 + 0.5737 * t - 0.251754 * t**2 + 0.01680668 * t**3 - 0.0004473624 * t**4 + t**5 / 233174
        )
    elif year < 1920:
        t = year - 1900
        seconds = -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    elif year < 1941:
        t = year - 1920
        seconds = 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    elif year < 1961:
        t = year - 1950
        seconds = 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    elif year < 1986:
        t = year - 1975
        seconds = 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    elif year < 2005:
        t = year - 2000
        seconds = (
            63.86 + 0.3345 * t - 0.060374 * t**2 + 0.0017275 * t**3 + 0.000651814 * t**4
            + 0.00002373599 * t**5
        )  # fmt: skip
    elif year < 2050:
        t = year - 2000
        seconds = 62.92 + 0.32217 * t + 0.005589 * t**2
    elif year < 2150:
        seconds = -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)
    else:
        seconds = -20 + 32 * ((year - 1820) / 100) ** 2
    return seconds / 86400


# Meeus table 49.A for the new moon: (coefficient, E power, multiples of M, M', F, Ω).
_NEW_MOON_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0), (0.17241, 1, 1, 0, 0, 0), (0.01608, 0, 0, 2, 0, 0),
    (0.01039, 0, 0, 0, 2, 0), (0.00739, 1, -1, 1, 0, 0), (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0), (-0.00111, 0, 0, 1, -2, 0), (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0), (-0.00042, 0, 0, 3, 0, 0), (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0), (-0.00024, 1, -1, 2, 0, 0), (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0), (0.00004, 0, 0, 2, -2, 0), (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0), (0.00003, 0, 0, 2, 2, 0), (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0), (-0.00002, 0, -1, 1, -2, 0), (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)  # fmt: skip
# Meeus planetary arguments A2..A14: (constant, rate per lunation, coefficient); A1 is in the code.
_PLANETARY_TERMS = (
    (251.88, 0.016321, 0.000165), (251.83, 26.651886, 0.000164),
    (349.42, 36.412478, 0.000126), (84.66, 18.206239, 0.000110), (141.74, 53.303771, 0.000062),
    (207.14, 2.453732, 0.000060), (154.84, 7.306860, 0.000056), (34.52, 27.261239, 0.000047),
    (207.19, 0.121824, 0.000042), (291.34, 1.844379, 0.000040), (161.72, 24.198154, 0.000037),
    (239.56, 25.513099, 0.000035), (331.55, 3.592518, 0.000023),
)  # fmt: skip


def _new_moon_jde(k: int) -> float:
    """Julian ephemeris day (TT) of the k-th new moon after 6 January 2000 (Meeus ch. 49)."""
    t = k / 1236.85
    jde = _K0_JDE + _SYNODIC_MONTH * k + 0.00015437 * t**2 - 0.000000150 * t**3 + 0.00000000073 * t**4
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    sun = math.radians(2.5534 + 29.10535670 * k - 0.0000014 * t**2 - 0.00000011 * t**3)
    moon = math.radians(
        201.5643 + 385.81693528 * k + 0.0107582 * t**2 + 0.00001238 * t**3 - 0.000000058 * t**4
    )
    latitude = math.radians(
        160.7108 + 390.67050284 * k - 0.0016118 * t**2 - 0.00000227 * t**3 + 0.000000011 * t**4
    )
    node = math.radians(124.7746 - 1.56375588 * k + 0.0020672 * t**2 + 0.00000215 * t**3)
    for coefficient, e_power, m, m_moon, f, omega in _NEW_MOON_TERMS:
        jde += coefficient * e**e_power * math.sin(m * sun + m_moon * moon + f * latitude + omega * node)
    jde += 0.000325 * math.sin(math.radians(299.77 + 0.107408 * k - 0.009173 * t**2))
    for constant, rate, coefficient in _PLANETARY_TERMS:
        jde += coefficient * math.sin(math.radians(constant + rate * k))
    return jde


def _new_moon_day(k: int) -> int:
    """Julian day number of the local (UTC+7) day holding the k-th new moon."""
    jde = _new_moon_jde(k)
    jd_ut = jde - _delta_t_days(2000 + k / 12.3685)
    day = math.floor(jd_ut + 0.5 + TIMEZONE_HOURS / 24)
    return day if day >= _TIMEZONE_SWITCH_JDN else math.floor(jd_ut + 0.5 + OLD_TIMEZONE_HOURS / 24)


def _sun_longitude(jd_ut: float) -> float:
    """Apparent geocentric longitude of the sun in degrees (Meeus ch. 25, low accuracy)."""
    t = (jd_ut + _delta_t_days(2000 + (jd_ut - 2451545.0) / 365.25) - 2451545.0) / 36525
    mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t**2
    anomaly = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t**2)
    center = (
        (1.914602 - 0.004817 * t - 0.000014 * t**2) * math.sin(anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly)
        + 0.000289 * math.sin(3 * anomaly)
    )
    node = math.radians(125.04 - 1934.136 * t)
    return (mean_longitude + center - 0.00569 - 0.00478 * math.sin(node)) % 360


def _sun_sector(jdn: int) -> int:
    """Which 30° sector (0-11) of longitude the sun is in at the local midnight starting day ``jdn``."""
    return int(_sun_longitude(jdn - 0.5 - _timezone_days(jdn)) // 30)


def _lunation_on_or_before(jdn: int) -> int:
    """Index k of the new moon that starts the lunar month holding day ``jdn``."""
    k = math.floor((jdn - _K0_JDE) / _SYNODIC_MONTH)
    while _new_moon_day(k + 1) <= jdn:
        k += 1
    while _new_moon_day(k) > jdn:
        k -= 1
    return k


@lru_cache(maxsize=512)
def _month11_lunation(year: int) -> int:
    """Index k of the new moon starting month 11, the month holding the winter solstice of ``year``."""
    k = _lunation_on_or_before(_jdn(date(year, 12, 31)))
    # Sector 9 starts at 270°: if the sun is already past it, the solstice fell in the month before.
    return k - 1 if _sun_sector(_new_moon_day(k)) >= 9 else k


class _Month(NamedTuple):
    start: int  # Julian day number of day 1
    year: int
    month: int
    leap: bool


@lru_cache(maxsize=512)
def _months_to_solstice(year: int) -> tuple[tuple[_Month, ...], int]:
    """The lunar months from month 11 of ``year - 1`` up to (excluding) month 11 of ``year``,
    and the first day of that next month 11."""
    first, last = _month11_lunation(year - 1), _month11_lunation(year)
    starts = [_new_moon_day(k) for k in range(first, last + 1)]
    leap_index = -1
    if last - first == 13:
        sectors = [_sun_sector(day) for day in starts]
        leap_index = next(i for i in range(1, 13) if sectors[i] == sectors[i + 1])
    months = []
    for i, start in enumerate(starts[:-1]):
        number = 11 + i - (1 if 0 <= leap_index <= i else 0)
        lunar_year = year - 1 if number <= 12 else year
        months.append(_Month(start, lunar_year, (number - 1) % 12 + 1, i == leap_index))
    return tuple(months), starts[-1]


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is outside the supported range {MIN_YEAR}-{MAX_YEAR}")


def solar_to_lunar(d: date) -> LunarDate:
    """The lunar date of a solar (Gregorian) date: ``solar_to_lunar(date(2025, 1, 29)) == (2025, 1, 1, False)``."""
    _check_year(d.year)
    jdn = _jdn(d)
    months, next_start = _months_to_solstice(d.year)
    if jdn >= next_start:
        months, next_start = _months_to_solstice(d.year + 1)
    month = months[bisect_right([m.start for m in months], jdn) - 1]
    return LunarDate(month.year, month.month, jdn - month.start + 1, month.leap)


def _find_month(year: int, month: int, leap: bool) -> tuple[int, int]:
    """(first day JDN, length in days) of a lunar month; ``ValueError`` if it does not exist."""
    _check_year(year)
    if not 1 <= month <= 12:
        raise ValueError(f"lunar month {month} does not exist")
    for solar_year in (year, year + 1):
        months, next_start = _months_to_solstice(solar_year)
        for i, m in enumerate(months):
            if (m.year, m.month, m.leap) == (year, month, leap):
                end = months[i + 1].start if i + 1 < len(months) else next_start
                return m.start, end - m.start
    raise ValueError(f"lunar year {year} has no leap month {month}")


def lunar_month_length(year: int, month: int, leap: bool = False) -> int:
    """Number of days (29 or 30) of a lunar month."""
    return _find_month(year, month, leap)[1]


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> date:
    """The solar date of a lunar date: ``lunar_to_solar(2026, 1, 1) == date(2026, 2, 17)``.

    Raises ``ValueError`` for a leap month the year does not have or a day past the month's end.
    """
    start, length = _find_month(year, month, leap)
    if not 1 <= day <= length:
        raise ValueError(
            f"lunar month {month}{' (leap)' if leap else ''} of {year} has {length} days, not {day}"
        )
    return _date_of_jdn(start + day - 1)


def leap_month(year: int) -> int | None:
    """The number of the leap month of lunar year ``year``, or ``None`` in a common year."""
    for solar_year in (year, year + 1):
        for m in _months_to_solstice(solar_year)[0]:
            if m.leap and m.year == year:
                return m.month
    return None
