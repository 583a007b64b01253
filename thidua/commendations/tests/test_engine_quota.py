"""Quotas (HTXS ≤ 20% of those rated HTTNV) and council thresholds."""

from __future__ import annotations

from datetime import date

import pytest

from thidua.commendations.engine import (
    EngineInputError,
    Rating,
    YearRecord,
    check_quota,
    council_vote_passes,
    load_ruleset,
)

RULES_2025 = load_ruleset(date(2025, 12, 1))
RULES_2026 = load_ruleset(date(2026, 12, 1))


def ratings(htxs: int, httnv: int, ht: int = 0):
    return ["htxs"] * htxs + ["httnv"] * httnv + ["ht"] * ht


@pytest.mark.parametrize(
    ("htxs", "httnv", "allowed", "exceeded"),
    [
        (2, 10, 2, False),
        (3, 10, 2, True),
        (1, 5, 1, False),
        (1, 4, 0, True),  # 20% of 4 is 0.8: no HTXS allowed
        (0, 0, 0, False),
        (20, 100, 20, False),
        (21, 100, 20, True),
    ],
)
def test_htxs_cap_base_is_those_rated_httnv(htxs, httnv, allowed, exceeded):
    (result,) = check_quota(ratings(htxs, httnv, ht=7), RULES_2025)
    assert result.code == "htxs_share_of_httnv"
    assert (result.count, result.base, result.allowed, result.exceeded) == (htxs, httnv, allowed, exceeded)
    assert "20%" in result.message
    assert result.basis


def test_quota_accepts_year_records():
    records = [YearRecord(2025, Rating.HTXS)] * 3 + [YearRecord(2025, Rating.HTTNV)] * 10
    (result,) = check_quota(records, RULES_2025, caps=["htxs_share_of_httnv"])
    assert result.exceeded is True


def test_exceptional_units_are_exempt_from_2026_only():
    (strict,) = check_quota(ratings(5, 10), RULES_2025, exceptional_unit=True)
    assert strict.exceeded is True
    (exempt,) = check_quota(ratings(5, 10), RULES_2026, exceptional_unit=True)
    assert exempt.exceeded is False and exempt.allowed is None


def test_unknown_cap():
    with pytest.raises(EngineInputError):
        check_quota([], RULES_2025, caps=["cstdcs_15_percent"])


@pytest.mark.parametrize(
    ("target", "votes", "members", "passes"),
    [
        ("chien_si_thi_dua_co_so", 8, 10, True),
        ("chien_si_thi_dua_co_so", 7, 10, False),
        ("chien_si_thi_dua_co_so", 4, 5, True),
        ("chien_si_thi_dua_co_so", 7, 9, False),  # 77.8% of ALL members
        ("chien_si_thi_dua_tinh", 9, 10, True),
        ("chien_si_thi_dua_tinh", 8, 10, False),
        ("lao_dong_tien_tien", 1, 10, None),
    ],
)
def test_council_thresholds(target, votes, members, passes):
    assert council_vote_passes(target, votes, members, RULES_2025) is passes


def test_council_votes_must_be_possible():
    with pytest.raises(EngineInputError):
        council_vote_passes("chien_si_thi_dua_co_so", 11, 10, RULES_2025)
