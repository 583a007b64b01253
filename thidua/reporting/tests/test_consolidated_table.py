"""The pre-aggregated consolidation table gives the same numbers as aggregating the raw values."""

from io import StringIO

import pytest
from django.core.management import call_command

from thidua.orgs.models import OrgUnit
from thidua.reporting import selectors, synth
from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import ConsolidatedValue, Report
from thidua.reporting.periods import Period

pytestmark = pytest.mark.django_db
SIZE = {"communes": 3, "units_per_commune": 4, "indicators": 9, "periods": 4}


def numbers(data) -> dict:
    result = {}
    for unit_id in [data.root.pk, *[child.pk for child in data.children]]:
        for indicator in data.indicators:
            result[(unit_id, indicator.code)] = data.value(unit_id, indicator)
    for indicator in data.indicators:
        for code, partial in data.series.get(indicator.pk, {}).items():
            result[("series", indicator.code, code)] = partial.value(indicator.aggregation)
    return result


def both(form, root, start="2025-01", end="2025-04"):
    kwargs = {"root": root, "start": Period.parse(start), "end": Period.parse(end)}
    table = selectors.consolidation(form, use_table=True, **kwargs)
    raw = selectors.consolidation(form, use_table=False, **kwargs)
    return numbers(table), numbers(raw)


def test_synth_fills_the_table_and_both_paths_agree():
    result = synth.build(**SIZE, seed=11)
    assert ConsolidatedValue.objects.filter(form=result.form).exists()
    assert selectors._consolidated_covers(result.form, result.city)
    table, raw = both(result.form, result.city)
    assert table == raw
    assert any(value is not None for value in table.values())
    table, raw = both(result.form, result.city, "2025-02", "2025-03")
    assert table == raw
    # a commune: its children are the reporting units themselves, the raw path answers
    commune = OrgUnit.objects.filter(parent=result.city).first()
    assert not selectors._consolidated_covers(result.form, commune)


def test_services_keep_the_table(users, admin_user):
    result = synth.build(**SIZE, seed=12)
    form = result.form
    submitted = Report.objects.filter(form=form, status=ReportStatus.SUBMITTED).order_by("pk")
    from thidua.reporting import services

    # return one submitted report, approve another, then submit the returned one again
    _table, initial = both(form, result.city)
    returned = services.report_return(actor=admin_user, report=submitted[0], reason="Sai số liệu")
    table, raw = both(form, result.city)
    assert table == raw != initial
    services.report_approve(actor=admin_user, report=submitted[1])
    table, raw = both(form, result.city)
    assert table == raw
    returned.refresh_from_db()
    # resubmission is checked against the lock date; grant it by moving the lock far away
    form.lock_days = 10_000
    form.save()
    services.report_submit(actor=admin_user, report=returned)
    table, raw = both(form, result.city)
    assert table == raw == initial


def test_rebuild_command_recomputes_the_same_rows():
    result = synth.build(**SIZE, seed=13)
    before = sorted(
        ConsolidatedValue.objects.filter(form=result.form).values_list(
            "parent_id", "indicator_id", "period", "total", "count", "low", "high"
        )
    )
    ConsolidatedValue.objects.filter(form=result.form).delete()
    out = StringIO()
    call_command("rebuild_consolidated", "--form", str(result.form.pk), stdout=out)
    after = sorted(
        ConsolidatedValue.objects.filter(form=result.form).values_list(
            "parent_id", "indicator_id", "period", "total", "count", "low", "high"
        )
    )
    assert after == before and len(after) == int(out.getvalue().split()[0])
