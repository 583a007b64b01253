"""Solar <-> lunar conversion for the Vietnamese calendar."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.core.vietnamese.lunar import (
    LunarDate,
    leap_month,
    lunar_month_length,
    lunar_to_solar,
    solar_to_lunar,
)

SUPPORTED = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("year", "first_day"),
    [
        (2020, date(2020, 1, 25)),
        (2021, date(2021, 2, 12)),
        (2022, date(2022, 2, 1)),
        (2023, date(2023, 1, 22)),
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
    ],
)
def test_tet(year: int, first_day: date) -> None:
    assert lunar_to_solar(year, 1, 1) == first_day
    assert solar_to_lunar(first_day) == LunarDate(year, 1, 1, False)
    assert solar_to_lunar(first_day - timedelta(days=1)).year == year - 1


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [
        (1985, date(1985, 1, 21), date(1985, 2, 20)),  # Vietnam skipped China's leap month of 1984
        (2007, date(2007, 2, 17), date(2007, 2, 18)),  # new moon between 23:00 and 24:00 UTC+8
        (2030, date(2030, 2, 2), date(2030, 2, 3)),
    ],
)
def test_tet_differs_from_china_on_utc7(year: int, vietnam: date, china: date) -> None:
    assert lunar_to_solar(year, 1, 1) == vietnam
    assert solar_to_lunar(china) != LunarDate(year, 1, 1)


def test_tet_mau_than_1968_in_the_north() -> None:
    assert lunar_to_solar(1968, 1, 1) == date(1968, 1, 29)


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2020, date(2020, 4, 2)),
        (2024, date(2024, 4, 18)),
        (2025, date(2025, 4, 7)),
        (2026, date(2026, 4, 26)),
    ],
)
def test_hung_kings_day(year: int, day: date) -> None:
    assert lunar_to_solar(year, 3, 10) == day


def test_leap_month_2023() -> None:
    assert leap_month(2023) == 2
    assert lunar_to_solar(2023, 2, 1) == date(2023, 2, 20)
    assert lunar_to_solar(2023, 2, 1, leap=True) == date(2023, 3, 22)
    assert solar_to_lunar(date(2023, 3, 21)) == LunarDate(2023, 2, 30, False)
    assert solar_to_lunar(date(2023, 3, 22)) == LunarDate(2023, 2, 1, True)
    assert solar_to_lunar(date(2023, 4, 20)) == LunarDate(2023, 3, 1, False)
    assert lunar_month_length(2023, 2, leap=True) == 29


@pytest.mark.parametrize(
    ("year", "month"), [(2020, 4), (2023, 2), (2025, 6), (2028, 5), (2024, None), (2026, None)]
)
def test_leap_months(year: int, month: int | None) -> None:
    assert leap_month(year) == month


def test_other_known_dates() -> None:
    assert solar_to_lunar(date(2024, 9, 17)) == LunarDate(2024, 8, 15)  # Trung thu 2024
    assert solar_to_lunar(date(2025, 7, 25)) == LunarDate(2025, 6, 1, True)
    assert lunar_to_solar(2024, 12, 29) == date(2025, 1, 28)  # last day of Giáp Thìn (a 29-day month 12)


def test_missing_leap_month_and_day_raise() -> None:
    with pytest.raises(ValueError, match="no leap month 3"):
        lunar_to_solar(2023, 3, 1, leap=True)
    with pytest.raises(ValueError, match="29 days"):
        lunar_to_solar(2024, 12, 30)
    with pytest.raises(ValueError):
        lunar_to_solar(2024, 13, 1)
    with pytest.raises(ValueError):
        lunar_to_solar(2024, 1, 0)
    with pytest.raises(ValueError):
        solar_to_lunar(date(1700, 1, 1))


@settings(max_examples=400, deadline=None)
@given(SUPPORTED)
def test_round_trip(d: date) -> None:
    lunar = solar_to_lunar(d)
    assert lunar_to_solar(*lunar) == d
    assert 1 <= lunar.day <= lunar_month_length(lunar.year, lunar.month, lunar.leap)


def test_day_by_day_structure_1900_2100() -> None:
    """Walking every day: the lunar day counts up 1..29/30, months follow in order, one leap at most a year."""
    day = date(1900, 1, 1)
    previous = solar_to_lunar(day)
    leaps: dict[int, int] = {}
    while day < date(2100, 12, 31):
        day += timedelta(days=1)
        current = solar_to_lunar(day)
        if current.day != 1:
            assert current == previous._replace(day=previous.day + 1)
        else:
            assert previous.day in (29, 30)
            if current.leap:
                assert (current.year, current.month) == (previous.year, previous.month)
                leaps[current.year] = leaps.get(current.year, 0) + 1
            elif current.month == 1:
                assert (current.year, previous.month) == (previous.year + 1, 12)
            else:
                assert (current.year, current.month) == (previous.year, previous.month + 1)
        previous = current
    assert set(leaps.values()) == {1}
    assert 70 <= len(leaps) <= 78  # 7 leap months every 19 years
