"""Cash amounts: every coefficient of DOMAIN §7, both base salaries, every rounding mode."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from thidua.commendations.engine import (
    EngineInputError,
    amount_total,
    award_amount,
    award_amount_detail,
    load_ruleset,
    round_amount,
)
from thidua.commendations.tests.fixtures.engine import check, request

BEFORE = date(2026, 6, 30)  # base salary 2,340,000
AFTER = date(2026, 7, 1)  # base salary 2,530,000

# (code, kind, coefficient, exact before, exact after) — DOMAIN §7 table.
COEFFICIENTS = [
    ("lao_dong_tien_tien", "individual", "0.3", 702_000, 759_000),
    ("chien_si_thi_dua_co_so", "individual", "1.0", 2_340_000, 2_530_000),
    ("tap_the_lao_dong_tien_tien", "collective", "0.8", 1_872_000, 2_024_000),
    ("tap_the_lao_dong_xuat_sac", "collective", "1.5", 3_510_000, 3_795_000),
    ("thon_van_hoa", "collective", "1.5", 3_510_000, 3_795_000),
    ("xa_tieu_bieu", "collective", "2.0", 4_680_000, 5_060_000),
    ("chien_si_thi_dua_tinh", "individual", "3.0", 7_020_000, 7_590_000),
    ("co_thi_dua_tinh", "collective", "8.0", 18_720_000, 20_240_000),
    ("giay_khen_chu_tich_xa", "collective", "0.6", 1_404_000, 1_518_000),
    ("giay_khen_chu_tich_xa", "individual", "0.3", 702_000, 759_000),
    ("giay_khen_chu_tich_xa", "household", "0.45", 1_053_000, 1_138_500),
    ("bang_khen_chu_tich_tinh", "collective", "3.0", 7_020_000, 7_590_000),
    ("bang_khen_chu_tich_tinh", "individual", "1.5", 3_510_000, 3_795_000),
    ("bang_khen_thu_tuong", "collective", "7.0", 16_380_000, 17_710_000),
    ("bang_khen_thu_tuong", "individual", "3.5", 8_190_000, 8_855_000),
]


def ceil_10k(value: int) -> int:
    return -(-value // 10_000) * 10_000


def nearest_10k(value: int) -> int:
    return (value + 5_000) // 10_000 * 10_000


@pytest.mark.parametrize(("code", "kind", "coefficient", "before", "after"), COEFFICIENTS)
@pytest.mark.parametrize("mode", ["CEIL_10K", "NEAREST_10K", "NONE"])
def test_amount_for_every_coefficient(code, kind, coefficient, before, after, mode):
    expected = {"CEIL_10K": ceil_10k, "NEAREST_10K": nearest_10k, "NONE": lambda value: value}[mode]
    for day, exact in ((BEFORE, before), (AFTER, after)):
        rules = load_ruleset(day)
        detail = award_amount_detail(code, kind, day, rules, rounding_mode=mode)
        assert detail is not None
        assert detail.coefficient == Decimal(coefficient)
        assert detail.unrounded == exact
        assert award_amount(code, kind, day, rules, rounding_mode=mode) == expected(exact)


def test_ceiling_is_the_default_and_matches_the_domain_examples():
    assert award_amount("lao_dong_tien_tien", "individual", BEFORE) == 710_000
    assert award_amount("tap_the_lao_dong_tien_tien", "collective", BEFORE) == 1_880_000
    assert award_amount("giay_khen_chu_tich_xa", "collective", BEFORE) == 1_410_000
    assert award_amount("giay_khen_chu_tich_xa", "household", AFTER) == 1_140_000


@pytest.mark.parametrize(
    ("value", "mode", "expected"),
    [
        (702_000, "CEIL_10K", 710_000),
        (700_000, "CEIL_10K", 700_000),
        (700_001, "CEIL_10K", 710_000),
        (1_138_500, "NEAREST_10K", 1_140_000),
        (1_134_999, "NEAREST_10K", 1_130_000),
        (1_135_000, "NEAREST_10K", 1_140_000),
        (702_000, "NEAREST_10K", 700_000),
        (702_000, "NONE", 702_000),
        (Decimal("1138500.5"), "NONE", 1_138_501),
    ],
)
def test_round_amount(value, mode, expected):
    assert round_amount(value, mode) == expected


def test_unknown_rounding_mode():
    with pytest.raises(ValueError):
        round_amount(1, "FLOOR")


def test_base_salary_on_either_side_of_2026_07_01():
    assert load_ruleset(BEFORE).salary_on(BEFORE).amount == 2_340_000
    assert load_ruleset(AFTER).salary_on(AFTER).amount == 2_530_000
    assert load_ruleset(date(2024, 6, 30)).salary_on(date(2024, 6, 30)).amount == 1_800_000
    assert load_ruleset(date(2024, 7, 1)).salary_on(date(2024, 7, 1)).amount == 2_340_000


@pytest.mark.parametrize(("decision_date", "amount"), [("2026-06-30", 710_000), ("2026-07-01", 760_000)])
def test_cli_amount_follows_the_decision_date(decision_date, amount):
    payload = request("lao_dong_tien_tien", [{"year": 2025, "rating": "httnv"}], decision_date=decision_date)
    assert check(payload)["amount_vnd"] == amount


def test_no_amount_where_the_rules_set_none():
    assert award_amount("gia_dinh_van_hoa", "household", BEFORE) is None
    assert award_amount("lao_dong_tien_tien", "collective", BEFORE) is None


def test_unknown_code():
    with pytest.raises(EngineInputError) as error:
        award_amount("huan_chuong", "individual", BEFORE)
    assert error.value.code == "unknown_title_code"


def test_totals_round_each_line_first():
    items = [("lao_dong_tien_tien", "individual")] * 3 + [("gia_dinh_van_hoa", "household")]
    assert amount_total(items, BEFORE) == 3 * 710_000
    assert amount_total(items, BEFORE, rounding_mode="NONE") == 3 * 702_000
    assert amount_total([], BEFORE) == 0
