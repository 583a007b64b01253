"""Dates: dd/mm/yyyy and the Decree 30/2020 place-date line."""

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.core.vietnamese.dates import decree30_date, format_date, parse_date, place_date_line


def test_format_date() -> None:
    assert format_date(date(2025, 9, 5)) == "05/09/2025"
    assert format_date(date(2025, 12, 31)) == "31/12/2025"
    assert format_date(datetime(2026, 1, 2, 15, 30)) == "02/01/2026"


@pytest.mark.parametrize(
    "text",
    [
        "5/9/2025",
        "05/09/2025",
        "05-09-2025",
        "5-9-2025",
        "05.09.2025",
        "2025-09-05",
        "  05/09/2025 ",
        "5 / 9 / 2025",
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text) == date(2025, 9, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2025", "Ngày 31/02/2025 không tồn tại"),
        ("29/2/2025", "Ngày 29/02/2025 không tồn tại"),
        ("31/4/2025", "Ngày 31/04/2025 không tồn tại"),
        ("01/13/2025", "Ngày 01/13/2025 không tồn tại"),
        ("0/1/2025", "Ngày 00/01/2025 không tồn tại"),
        ("2025-02-30", "Ngày 30/02/2025 không tồn tại"),
    ],
)
def test_parse_impossible_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}$"):
        parse_date(text)


def test_parse_leap_day() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["", "hôm nay", "5/9/25", "05/09-2025", "2025/09/05", "5/9", None])
def test_parse_garbage(text: str | None) -> None:
    with pytest.raises(ValueError, match="không phải là ngày hợp lệ"):
        parse_date(text)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1)))
def test_format_parse_round_trip(d: date) -> None:
    assert parse_date(format_date(d)) == d
    assert parse_date(d.isoformat()) == d


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2025, 9, 5), "ngày 05 tháng 9 năm 2025"),
        (date(2026, 2, 1), "ngày 01 tháng 02 năm 2026"),
        (date(2026, 1, 10), "ngày 10 tháng 01 năm 2026"),
        (date(2025, 12, 15), "ngày 15 tháng 12 năm 2025"),
        (date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (date(2025, 10, 31), "ngày 31 tháng 10 năm 2025"),
    ],
)
def test_decree30_date(d: date, text: str) -> None:
    assert decree30_date(d) == text


def test_blank_day_and_month() -> None:
    d = date(2025, 9, 5)
    assert decree30_date(d, blank_day=True) == "ngày     tháng 9 năm 2025"
    assert decree30_date(d, blank_day=True, blank_month=True) == "ngày     tháng     năm 2025"


def test_place_date_line() -> None:
    d = date(2025, 9, 5)
    assert place_date_line("Cẩm Giang", d) == "Cẩm Giang, ngày 05 tháng 9 năm 2025"
    assert place_date_line(" Cẩm  Giang ", d, blank_day=True) == "Cẩm Giang, ngày     tháng 9 năm 2025"
