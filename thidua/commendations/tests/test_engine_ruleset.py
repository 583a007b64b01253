"""Rules as versioned data: picking the version in force, province overrides, stability of the past."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from thidua.commendations.engine import (
    EngineInputError,
    Rating,
    Subject,
    YearRecord,
    evaluate,
    list_provinces,
    list_versions,
    load_ruleset,
)
from thidua.commendations.engine.ruleset import RULES_DIR, deep_merge
from thidua.commendations.tests.fixtures.engine import BUNDLED_SCHEMA, SHARED_SCHEMA

TODAY = date(2026, 11, 24)


def test_versions_are_ordered_and_chained():
    versions = list_versions()
    assert [version for version, _, _ in versions] == sorted(version for version, _, _ in versions)
    assert versions[0][1] == date(2024, 1, 1)
    for path in (RULES_DIR / "national").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem == data["version"] == data["valid_from"]


@pytest.mark.parametrize(
    ("day", "version"),
    [
        (date(2024, 1, 1), "2024-01-01"),
        (date(2025, 6, 30), "2024-01-01"),
        (date(2025, 7, 1), "2025-07-01"),
        (date(2025, 8, 5), "2025-08-05"),
        (date(2026, 6, 30), "2026-01-01"),
        (date(2026, 7, 1), "2026-07-01"),
    ],
)
def test_version_in_force(day, version):
    assert load_ruleset(day).version == version


def test_no_rules_before_the_2022_law():
    with pytest.raises(EngineInputError) as error:
        load_ruleset(date(2023, 12, 31))
    assert error.value.field == "decision_date"


def test_commune_powers_moved_on_2025_07_01():
    assert (
        load_ruleset(date(2025, 6, 30)).titles["chien_si_thi_dua_co_so"].granted_by == "chu_tich_ubnd_huyen"
    )
    after = load_ruleset(date(2025, 7, 1)).titles["chien_si_thi_dua_co_so"]
    assert after.granted_by == "chu_tich_ubnd_xa"
    assert "129/2025" in after.granted_by_basis.basis


def _subjects():
    records = [
        YearRecord(2023, Rating.HTXS, frozenset({"chien_si_thi_dua_co_so"})),
        YearRecord(2024, Rating.HTTNV, frozenset({"chien_si_thi_dua_co_so"})),
        YearRecord(2025, Rating.HTXS),
    ]
    return [Subject.build("individual", records[:count]) for count in range(4)]


def test_a_new_version_never_changes_an_earlier_date():
    """Every version compiles the same outcome for every day before the next version starts."""
    targets = (
        "lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "chien_si_thi_dua_tinh",
        "bang_khen_chu_tich_tinh",
    )
    versions = [valid_from for _, valid_from, _ in list_versions()]
    for start, end in zip(versions, [*versions[1:], None], strict=True):
        last = (end - timedelta(days=1)) if end else start + timedelta(days=400)
        first_rules, last_rules = load_ruleset(start), load_ruleset(last)
        assert first_rules.version == last_rules.version
        for subject in _subjects():
            for target in targets:
                one = evaluate(subject, target, 2025, first_rules, today=TODAY)
                two = evaluate(subject, target, 2025, last_rules, today=TODAY)
                assert (one.eligible, one.held, one.conditions) == (two.eligible, two.held, two.conditions)


def test_loading_is_cached_and_stable():
    assert load_ruleset(date(2025, 12, 1)).titles is load_ruleset(date(2025, 12, 2)).titles


def test_province_override_applies_from_its_date():
    assert "bac_ninh" in list_provinces()
    before = load_ruleset(date(2025, 12, 14), "bac_ninh")
    after = load_ruleset(date(2025, 12, 15), "bac_ninh")
    assert before.province_version is None
    assert after.province_version == "2025-12-15"
    assert "Bắc Ninh" in after.titles["tap_the_lao_dong_tien_tien"].basis.basis
    assert "Bắc Ninh" not in load_ruleset(date(2025, 12, 15)).titles["tap_the_lao_dong_tien_tien"].basis.basis
    assert after.data["parameters"]["deadlines"]["year_end_dossier_before"]["value"] == "12-10"


def test_unknown_province_uses_national_rules():
    rules = load_ruleset(date(2025, 12, 15), "khong_co")
    assert rules.province_version is None
    assert rules.version == "2025-08-05"


def test_parameters_carry_confidence():
    rules = load_ruleset(date(2026, 1, 1))
    assert rules.rounding_mode == "CEIL_10K"
    assert rules.rounding_basis.confidence == "L"
    assert rules.caps["htxs_share_of_httnv"].basis.confidence == "C"
    assert load_ruleset(date(2025, 12, 31)).caps["htxs_share_of_httnv"].basis.confidence == "L"
    assert rules.vote_thresholds["chien_si_thi_dua_co_so"].basis.confidence == "L"
    giay_khen = rules.titles["giay_khen_chu_tich_xa"].coefficients
    assert giay_khen["individual"].confidence == "L"
    assert giay_khen["collective"].confidence == "C"


def test_deep_merge():
    assert deep_merge({"a": {"b": 1, "c": 2}, "d": 3}, {"a": {"b": 5}, "d": None, "e": [1]}) == {
        "a": {"b": 5, "c": 2},
        "e": [1],
    }


def test_bundled_contract_matches_the_shared_contract():
    if not SHARED_SCHEMA.is_file():
        pytest.skip("shared/contracts not beside the repository")
    assert json.loads(BUNDLED_SCHEMA.read_text(encoding="utf-8")) == json.loads(
        SHARED_SCHEMA.read_text(encoding="utf-8")
    )
