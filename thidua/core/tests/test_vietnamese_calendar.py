"""Working days: weekends, public holidays, compensation days and yearly decisions."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from thidua.core.vietnamese.calendar import WorkCalendar, public_holidays

CALENDAR = WorkCalendar()
RECENT = st.dates(min_value=date(2021, 1, 1), max_value=date(2035, 12, 31))


def test_public_holidays_2025() -> None:
    assert public_holidays(2025) == {
        date(2025, 1, 1): "Tết Dương lịch",
        date(2025, 1, 28): "Tết Âm lịch",  # 29 tháng Chạp, the last day of Giáp Thìn
        date(2025, 1, 29): "Tết Âm lịch",
        date(2025, 1, 30): "Tết Âm lịch",
        date(2025, 1, 31): "Tết Âm lịch",
        date(2025, 2, 1): "Tết Âm lịch",
        date(2025, 4, 7): "Giỗ Tổ Hùng Vương",
        date(2025, 4, 30): "Ngày Chiến thắng",
        date(2025, 5, 1): "Ngày Quốc tế Lao động",
        date(2025, 9, 1): "Quốc khánh",
        date(2025, 9, 2): "Quốc khánh",
    }


def test_options_move_tet_and_national_day() -> None:
    holidays = public_holidays(2025, tet_days_before=2, national_day_extra="after")
    tet = [d for d, name in holidays.items() if name == "Tết Âm lịch"]
    assert tet == [date(2025, 1, 27) + timedelta(days=i) for i in range(5)]
    assert date(2025, 9, 3) in holidays
    assert date(2025, 9, 1) not in holidays


def test_one_national_day_before_2021() -> None:
    assert [d for d, name in public_holidays(2020).items() if name == "Quốc khánh"] == [date(2020, 9, 2)]


def test_bad_options_raise() -> None:
    with pytest.raises(ValueError):
        WorkCalendar(tet_days_before=6)
    with pytest.raises(ValueError):
        WorkCalendar(national_day_extra="3/9")  # type: ignore[arg-type]


def test_weekend_holidays_are_compensated() -> None:
    days_off = CALENDAR.days_off(2026)
    assert date(2026, 4, 26).weekday() == 6  # Giỗ Tổ 2026 is a Sunday
    assert days_off[date(2026, 4, 27)] == "Nghỉ bù Giỗ Tổ Hùng Vương"
    days_off = CALENDAR.days_off(2023)  # Giỗ Tổ on Saturday 29/4, 30/4 on Sunday, 1/5 on Monday
    assert [d for d in days_off if date(2023, 4, 28) <= d <= date(2023, 5, 5)] == [
        date(2023, 4, 29),
        date(2023, 4, 30),
        date(2023, 5, 1),
        date(2023, 5, 2),
        date(2023, 5, 3),
    ]
    assert not WorkCalendar(compensate_weekend_holidays=False).days_off(2023).get(date(2023, 5, 2))


def test_tet_always_takes_five_working_days() -> None:
    for year in range(2021, 2041):
        tet = lunar_new_year_window(year)
        off = sum(not CALENDAR.is_working_day(d) and d.weekday() < 5 for d in tet)
        assert off == 5, year


def lunar_new_year_window(year: int) -> list[date]:
    tet_days = [d for d, name in CALENDAR.days_off(year).items() if "Tết Âm lịch" in name]
    return [tet_days[0] + timedelta(days=i) for i in range((tet_days[-1] - tet_days[0]).days + 1)]


def test_is_working_day() -> None:
    assert CALENDAR.is_working_day(date(2025, 9, 5))  # Friday
    assert not CALENDAR.is_working_day(date(2025, 9, 6))  # Saturday
    assert not CALENDAR.is_working_day(date(2025, 9, 7))  # Sunday
    assert not CALENDAR.is_working_day(date(2025, 9, 1))
    assert not CALENDAR.is_working_day(date(2025, 9, 2))
    assert CALENDAR.is_working_day(date(2025, 9, 3))


def test_add_working_days_over_a_weekend() -> None:
    friday = date(2025, 3, 7)
    assert CALENDAR.add_working_days(friday, 1) == date(2025, 3, 10)
    assert CALENDAR.add_working_days(date(2025, 3, 10), -1) == friday
    assert CALENDAR.add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)  # from a Saturday
    assert CALENDAR.add_working_days(friday, 0) == friday
    assert CALENDAR.add_working_days(friday, 5) == date(2025, 3, 14)


def test_add_working_days_over_tet() -> None:
    # Tết Bính Ngọ: 16-20/02/2026 off, then the weekend
    assert CALENDAR.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert CALENDAR.add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    # Tết Ất Tỵ: 28/01-01/02/2025 (a Saturday, compensated on Monday 03/02)
    assert CALENDAR.add_working_days(date(2025, 1, 27), 1) == date(2025, 2, 4)
    assert CALENDAR.working_days_between(date(2025, 1, 24), date(2025, 2, 7)) == 5


def test_twenty_working_days_deadline() -> None:
    # file complete on Friday 05/09/2025 (after the 1-2/9 holidays): 20 working days later
    assert CALENDAR.add_working_days(date(2025, 9, 5), 20) == date(2025, 10, 3)
    assert CALENDAR.add_working_days(date(2025, 8, 29), 20) == date(2025, 9, 30)  # 1-2/9 skipped


def test_makeup_saturday_counts_as_working() -> None:
    # 2023 (Decision for civil servants): bridge day off, made up on Saturday 06/05/2023
    calendar = WorkCalendar(extra_days_off={date(2023, 5, 4)}, makeup_working_days={date(2023, 5, 6)})
    assert not calendar.is_working_day(date(2023, 5, 4))
    assert calendar.is_working_day(date(2023, 5, 6))
    assert not calendar.is_working_day(date(2023, 5, 7))
    assert calendar.add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 6)
    assert calendar.days_off(2023)[date(2023, 5, 4)] == "Nghỉ theo quyết định"
    assert calendar.working_days_between(date(2023, 5, 1), date(2023, 5, 8)) == 3  # 5, 6 and 8 May


def test_actual_tet_2025_schedule() -> None:
    """The civil service really had 25/01-02/02/2025 off: 2 days before Tết, 3 after, no compensation day."""
    calendar = WorkCalendar(tet_days_before=2, makeup_working_days={date(2025, 2, 3)})
    assert [d.day for d in daterange(date(2025, 1, 24), date(2025, 2, 4)) if calendar.is_working_day(d)] == [
        24,
        3,
        4,
    ]


def daterange(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def test_working_days_between() -> None:
    monday, friday = date(2025, 3, 3), date(2025, 3, 7)
    assert CALENDAR.working_days_between(monday, friday) == 4
    assert CALENDAR.working_days_between(friday, monday) == -4
    assert CALENDAR.working_days_between(monday, monday) == 0
    assert (
        CALENDAR.working_days_between(date(2025, 1, 1), date(2025, 12, 31)) == 261 - 11
    )  # 261 weekdays, 11 of them off


@settings(max_examples=200, deadline=None)
@given(RECENT, st.integers(-60, 60))
def test_add_and_count_are_inverse(start: date, n: int) -> None:
    end = CALENDAR.add_working_days(start, n)
    assert CALENDAR.is_working_day(end) or n == 0
    assert CALENDAR.working_days_between(start, end) == n
    assert (end > start) == (n > 0) and (end < start) == (n < 0)


@settings(max_examples=200, deadline=None)
@given(RECENT, RECENT)
def test_count_back_lands_on_working_day(a: date, b: date) -> None:
    assume(CALENDAR.is_working_day(b))
    assert CALENDAR.add_working_days(a, CALENDAR.working_days_between(a, b)) == b
