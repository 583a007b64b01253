"""Rule overrides: effective-dated, merged over the published rules, never acting on the past."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.commendations import engine
from thidua.commendations.models import RuleOverride
from thidua.commendations.rules import province_slug, review_year, ruleset_for, validate_override

pytestmark = pytest.mark.django_db


def amount(day, province=None):
    return engine.award_amount("lao_dong_tien_tien", "individual", day, ruleset_for(day, province))


def test_override_applies_from_its_date_only():
    start = date.today() + timedelta(days=10)
    before = amount(start - timedelta(days=1))
    RuleOverride.objects.create(
        key="titles.lao_dong_tien_tien.coefficients.individual.value",
        value="0.5",
        valid_from=start,
        basis="Nghị quyết HĐND tỉnh (thử nghiệm)",
    )
    assert amount(start - timedelta(days=1)) == before
    assert amount(start) == engine.round_amount(
        engine.load_ruleset(start).salary_on(start).amount * 0.5, "CEIL_10K"
    )
    rules = ruleset_for(start)
    coefficient = rules.titles["lao_dong_tien_tien"].coefficients["individual"]
    assert coefficient.basis.basis == "Nghị quyết HĐND tỉnh (thử nghiệm)"
    assert rules.version.endswith(f"+{start:%Y-%m-%d}")


def test_a_past_decision_keeps_its_outcome():
    """Adding an override (even one in force today) never changes the result for an earlier date."""
    past = date(2025, 12, 20)
    before_amount = amount(past)
    subject = engine.Subject.build(
        "individual", [engine.YearRecord(2025, engine.Rating.HTTNV)], group="cbccvc", id="x"
    )
    before = engine.evaluate(subject, "lao_dong_tien_tien", 2025, ruleset_for(past))
    RuleOverride.objects.create(
        key="parameters.rounding_mode.value", value="NONE", valid_from=date.today(), basis="Thử"
    )
    RuleOverride.objects.create(
        key="titles.lao_dong_tien_tien.criteria.employment_at_least_6_months.params.min_months",
        value=12,
        valid_from=date.today(),
        basis="Thử",
    )
    after = engine.evaluate(subject, "lao_dong_tien_tien", 2025, ruleset_for(past))
    assert amount(past) == before_amount == 710_000
    assert (after.status, after.conditions, after.ruleset_version) == (
        before.status,
        before.conditions,
        before.ruleset_version,
    )
    assert ruleset_for(date.today()).rounding_mode == "NONE"


def test_province_override_only_for_that_province():
    RuleOverride.objects.create(
        province="bac_ninh",
        key="parameters.rounding_mode.value",
        value="NEAREST_10K",
        valid_from=date.today(),
        basis="QĐ tỉnh",
    )
    assert ruleset_for(date.today(), "bac_ninh").rounding_mode == "NEAREST_10K"
    assert ruleset_for(date.today(), "hai_phong").rounding_mode == "CEIL_10K"
    assert ruleset_for(date.today()).rounding_mode == "CEIL_10K"


@pytest.mark.parametrize(
    ("key", "value", "valid_from", "field"),
    [
        ("parameters.rounding_mode.value", "NONE", date(2025, 1, 1), "valid_from"),
        ("parameters.no_such_thing.value", 1, None, "key"),
        ("parameters.rounding_mode.value", "UP_A_LOT", None, "value"),
        ("bases.money.basis", "x", None, "key"),
    ],
)
def test_invalid_overrides_are_refused(key, value, valid_from, field):
    override = RuleOverride(key=key, value=value, valid_from=valid_from or date.today(), basis="x")
    with pytest.raises(ValidationError) as error:
        override.full_clean()
    assert field in error.value.message_dict


def test_a_new_base_salary_step_is_accepted():
    start = date.today() + timedelta(days=30)
    override = RuleOverride(
        key=f"parameters.base_salary.{start:%Y-%m-%d}",
        value={"amount": 3_000_000, "basis": "x"},
        valid_from=start,
        basis="NĐ mới",
    )
    validate_override(override)
    override.save()
    assert ruleset_for(start).salary_on(start).amount == 3_000_000
    assert ruleset_for(start - timedelta(days=1)).salary_on(start - timedelta(days=1)).amount != 3_000_000


def test_review_year_and_province_slug(tree):
    assert review_year(date(2026, 6, 30)) == 2025
    assert review_year(date(2026, 7, 1)) == 2026
    assert province_slug(tree["village_a"]) == "thu"  # "Thành phố Thử"
    assert province_slug(None) is None


def test_rules_page(client, users):
    client.force_login(users["council_member"])
    response = client.get(reverse("commendations:rules"), {"date": "20/12/2025", "province": "bac_ninh"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Chiến sĩ thi đua cơ sở" in content and "Điều 23 Luật TĐKT 2022" in content
    assert "2.340.000" in content
    assert response.context["rules"].province_version == "2025-12-15"
    early = client.get(reverse("commendations:rules"), {"date": "01/01/2020"})
    assert early.status_code == 200 and early.context["error"]
