"""Number, percentage and money formatting."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.core.vietnamese.numbers import format_money, format_number, format_percent


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (-1234567, "-1.234.567"),
        (10**15, "1.000.000.000.000.000"),
        (1234.5, "1.234,5"),
        (-1234.5, "-1.234,5"),
        (0.25, "0,25"),
        (1234.0, "1.234"),
        (-0.0, "0"),
        (Decimal("1.50"), "1,50"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("-0.001"), "-0,001"),
    ],
)
def test_format_number(value: int | float | Decimal, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.5678, 2, "1.234,57"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (0.125, 2, "0,13"),
        (1.005, 2, "1,01"),  # the float's shortest form, 1.005, rounds half up
        (-0.004, 2, "0,00"),
        (70, 1, "70,0"),
        (Decimal("12345678901234567890.5"), 0, "12.345.678.901.234.567.891"),
    ],
)
def test_format_number_rounds_half_up(value: int | float | Decimal, decimals: int, text: str) -> None:
    assert format_number(value, decimals) == text


def test_trim() -> None:
    assert format_number(70.0, 1, trim=True) == "70"
    assert format_number(Decimal("1.50"), trim=True) == "1,5"


@pytest.mark.parametrize(
    ("ratio", "text"),
    [
        (0.705, "70,5%"),
        (0.7, "70%"),
        (1, "100%"),
        (1 / 3, "33,3%"),
        (0.0005, "0,1%"),
        (0, "0%"),
        (-0.25, "-25%"),
    ],
)
def test_format_percent(ratio: float, text: str) -> None:
    assert format_percent(ratio) == text


def test_format_percent_options() -> None:
    assert format_percent(0.7, trim=False) == "70,0%"
    assert format_percent(2 / 3, 2) == "66,67%"
    assert format_percent(Decimal("0.705"), 0) == "71%"


def test_format_money() -> None:
    assert format_money(1234567) == "1.234.567 đồng"
    assert format_money(Decimal("702000.5")) == "702.001 đồng"
    assert format_money(0) == "0 đồng"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_non_finite_numbers_raise(bad: float | Decimal) -> None:
    with pytest.raises(ValueError):
        format_number(bad)


def test_bool_is_not_a_number() -> None:
    with pytest.raises(TypeError):
        format_number(True)


@settings(max_examples=300, deadline=None)
@given(st.integers(-(10**20), 10**20))
def test_integers_group_by_three(n: int) -> None:
    text = format_number(n)
    assert text.replace(".", "") == str(n)
    groups = text.lstrip("-").split(".")
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_read_back(value: Decimal) -> None:
    text = format_number(value, 3)
    assert Decimal(text.replace(".", "").replace(",", ".")) == value
