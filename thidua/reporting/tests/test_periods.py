from datetime import date

import pytest

from thidua.reporting.periods import Period, periods_between, periods_of_year


@pytest.mark.parametrize(
    ("code", "start", "end", "label"),
    [
        ("2025-09", date(2025, 9, 1), date(2025, 9, 30), "09/2025"),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28), "02/2025"),
        ("2025Q3", date(2025, 7, 1), date(2025, 9, 30), "QIII/2025"),
        ("2025S2", date(2025, 7, 1), date(2025, 12, 31), "6T cuối/2025"),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "2025"),
    ],
)
def test_parse(code, start, end, label):
    period = Period.parse(code)
    assert (period.start, period.end, period.code, period.short_label()) == (start, end, code, label)


@pytest.mark.parametrize("code", ["2025-13", "2025Q5", "25", "", "2025-9x"])
def test_bad_codes(code):
    with pytest.raises(ValueError):
        Period.parse(code)


def test_ranges():
    assert [p.code for p in periods_between("quarterly", date(2024, 11, 5), date(2025, 4, 1))] == [
        "2024Q4",
        "2025Q1",
        "2025Q2",
    ]
    assert len(periods_of_year("monthly", 2025)) == 12
    assert Period.parse("2025-12").next().code == "2026-01"
    assert Period.parse("2025Q1").previous().code == "2024Q4"
