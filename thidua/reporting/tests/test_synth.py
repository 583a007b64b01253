from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from thidua.orgs.choices import UnitKind
from thidua.orgs.models import OrgUnit, path_segment
from thidua.reporting import selectors, synth
from thidua.reporting.choices import Aggregation, ReportStatus
from thidua.reporting.models import Indicator, Report, ReportValue
from thidua.reporting.periods import Period

pytestmark = pytest.mark.django_db
SIZE = {"communes": 3, "units_per_commune": 4, "indicators": 9, "periods": 4}


def fingerprint(seed: int) -> list[tuple]:
    prefix = synth.city_code(seed)
    return sorted(
        ReportValue.objects.filter(report__form__code=f"{prefix}-M").values_list(
            "report__unit__code", "report__period", "report__status", "indicator__code", "value", "number"
        )
    )


def test_counts():
    result = synth.build(**SIZE, seed=3)
    city = result.city
    assert (city.kind, city.depth, city.parent_id) == (UnitKind.PROVINCE, 0, None)
    assert OrgUnit.objects.filter(parent=city, kind=UnitKind.COMMUNE).count() == 3
    units = OrgUnit.objects.filter(parent__parent=city)
    assert units.count() == 12 == result.units
    assert result.form.units.count() == 12
    assert result.form.indicators.count() == 9
    assert Indicator.objects.filter(code__startswith="SYN3-").values("aggregation").distinct().count() == 6
    reports = Report.objects.filter(form=result.form)
    assert reports.count() == result.reports
    assert result.reports + result.by_status["missing"] == 12 * 4
    assert {r.period for r in reports} == {"2025-01", "2025-02", "2025-03", "2025-04"}
    assert ReportValue.objects.filter(report__form=result.form).count() == result.values > 0
    statuses = set(reports.values_list("status", flat=True))
    assert {ReportStatus.SUBMITTED, ReportStatus.APPROVED} <= statuses
    late = [r for r in reports if r.first_submitted_at and not r.on_time]
    assert late and len(late) < result.reports / 2


def test_paths_are_materialised_so_subtree_queries_work():
    result = synth.build(**SIZE, seed=4)
    city = result.city
    assert city.path == path_segment(city.pk)
    for commune in OrgUnit.objects.filter(parent=city):
        assert (commune.path, commune.depth) == (city.path + path_segment(commune.pk), 1)
        children = OrgUnit.objects.filter(parent=commune)
        assert [u.path for u in children] == [commune.path + path_segment(u.pk) for u in children]
        assert set(OrgUnit.objects.filter(path__startswith=commune.path).exclude(pk=commune.pk)) == set(
            children
        )
        assert {u.depth for u in children} == {2}
        assert all(u.ancestor_ids == [city.pk, commune.pk] for u in children)
    assert OrgUnit.objects.filter(path__startswith=city.path).count() == 1 + 3 + 12


def test_same_seed_same_data_and_refused_without_replace():
    synth.build(**SIZE, seed=5)
    first = fingerprint(5)
    with pytest.raises(synth.SynthExists):
        synth.build(**SIZE, seed=5)
    synth.build(**SIZE, seed=5, replace=True)
    assert fingerprint(5) == first
    assert OrgUnit.objects.filter(code="SYN5").count() == 1
    synth.build(**SIZE, seed=6)
    assert fingerprint(6) != first


def test_command_prints_what_it_made_and_refuses_a_second_run():
    out = StringIO()
    call_command("synth", communes=2, units_per_commune=2, indicators=3, periods=2, seed=8, stdout=out)
    assert "SYN8" in out.getvalue() and "4 units" in out.getvalue()
    with pytest.raises(CommandError, match="--replace"):
        call_command("synth", communes=2, units_per_commune=2, indicators=3, periods=2, seed=8, stdout=out)
    call_command(
        "synth", communes=2, units_per_commune=2, indicators=3, periods=2, seed=8, replace=True, stdout=out
    )
    assert OrgUnit.objects.filter(code__startswith="SYN8").count() == 1 + 2 + 4


def test_consolidation_on_synthetic_data_equals_a_hand_computation():
    result = synth.build(**SIZE, seed=9)
    city, form = result.city, result.form
    start, end = Period.parse("2025-01"), Period.parse("2025-04")
    data = selectors.consolidation(form, root=city, start=start, end=end)
    total = Indicator.objects.get(code="SYN9-I000")  # number, sum
    average = Indicator.objects.get(code="SYN9-I001")  # percentage, average
    assert (total.aggregation, average.aggregation) == (Aggregation.SUM, Aggregation.AVERAGE)
    by_commune: dict[int, list[Decimal]] = defaultdict(list)
    all_numbers: dict[int, list[Decimal]] = defaultdict(list)
    for value in ReportValue.objects.filter(
        report__form=form, report__status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]
    ).select_related("report__unit"):
        all_numbers[value.indicator_id].append(value.number)
        if value.indicator_id == total.pk:
            by_commune[value.report.unit.parent_id].append(value.number)
    assert data.value(city.pk, total) == sum(all_numbers[total.pk])
    assert data.value(city.pk, average) == sum(all_numbers[average.pk]) / len(all_numbers[average.pk])
    assert [child.pk for child in data.children] == sorted(by_commune)
    for child in data.children:
        assert data.value(child.pk, total) == sum(by_commune[child.pk])
