"""Periodic reporting at city scale (issue #4, "Numbers"): see bench/reporting.md.

One synthetic city (``thidua synth``, ``thidua/reporting/synth.py``): N communes × 40 units × 30 indicators ×
12 monthly periods. The full case (114 communes, ≈ 1.5 M values) runs with ``THIDUA_BENCH_FULL=1``;
otherwise 10 communes (≈ 130,000 values) so ``make bench`` stays short.

Cases, each against a floor measured in the same run:
- generating the dataset (target ≤ 2 min); floor: the database copying the same value rows into a table;
- the city consolidation page and the completeness heat-map, server time through the test Client as a
  city officer (targets ≤ 300 ms and ≤ 2× the floor); floor: the raw SQL aggregate / rows behind the page;
- saving one unit's monthly form (POST of the entry page, 30 values changed; target ≤ 100 ms); floor: a
  bare UPDATE of the same value rows and of the report row.
"""

import os

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from timing import best_of

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.orgs.models import OrgUnit
from thidua.reporting import synth
from thidua.reporting.choices import LockExceptionStatus, ReportStatus
from thidua.reporting.models import LockException, Report, ReportValue

pytestmark = pytest.mark.django_db
FULL = bool(os.environ.get("THIDUA_BENCH_FULL"))
COMMUNES = 114 if FULL else 10
SIZE = {"communes": COMMUNES, "units_per_commune": 40, "indicators": 30, "periods": 12}
SEED = 4242
PAGE_LIMIT, SAVE_LIMIT, BUILD_LIMIT, RATIO_LIMIT = 0.300, 0.100, 120.0, 2.0


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """Built once for the module, committed (the tests' own transactions roll back around it)."""
    with django_db_blocker.unblock():
        result = synth.build(**SIZE, seed=SEED, replace=True)
        officer = User.objects.create_user("bench-city", password="x-bench-123")
        RoleGrant.objects.create(user=officer, role=Role.CITY_OFFICER, unit=result.city, include_subtree=True)
        yield result, officer
        officer.delete()
        synth.delete(SEED)


def report(benchmark, name: str, base: float, limit: float, ratio_limit: float | None = RATIO_LIMIT, **extra):
    best = benchmark.stats.stats.min
    ratio = best / base
    benchmark.extra_info.update(
        seconds=round(best, 4),
        floor_seconds=round(base, 4),
        ratio_to_floor=round(ratio, 2),
        vendor=connection.vendor,
        communes=COMMUNES,
        **extra,
    )
    print(
        f"\n{name} on {connection.vendor} ({COMMUNES} communes): {best:.4f} s, floor {base:.4f} s, ratio {ratio:.2f}"
    )
    missed = []
    if best > limit:
        missed.append(f"{best:.3f} s > {limit} s")
    if ratio_limit is not None and ratio > ratio_limit:
        missed.append(f"{ratio:.2f}× the floor > {ratio_limit}×")
    benchmark.extra_info["target_met"] = not missed
    if missed:
        # Known misses are reported (bench/reporting.md), not hidden: the case shows as XFAIL with its figures.
        pytest.xfail(f"{name}: target missed: {'; '.join(missed)}")


def _raw(sql: str, params) -> float:
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    run()  # warm-up
    return best_of(run)


def test_generate(benchmark):
    result = benchmark.pedantic(
        lambda: synth.build(**SIZE, seed=SEED + 1, replace=True), rounds=1, iterations=1
    )
    values = ReportValue.objects.filter(report__form=result.form).count()
    assert values == result.values

    def floor():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_values_copy")
            cursor.execute(
                "CREATE TABLE bench_values_copy AS SELECT v.report_id, v.indicator_id, v.value, v.number, "
                "v.comment FROM reporting_reportvalue v JOIN reporting_report r ON r.id = v.report_id "
                "WHERE r.form_id = %s",
                [result.form.pk],
            )
            cursor.execute("DROP TABLE bench_values_copy")

    base = best_of(floor, rounds=1)
    report(
        benchmark,
        "generate",
        base,
        BUILD_LIMIT,
        ratio_limit=None,
        units=result.units,
        reports=result.reports,
        values=result.values,
    )


def _client(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response


def test_city_consolidation_page(benchmark, dataset):
    result, officer = dataset
    client = _client(officer)
    city, form = result.city, result.form
    url = f"{reverse('reporting:consolidation', args=[form.pk])}?unit={city.pk}&year=2025"
    response = _get(client, url)
    assert len(response.context["rows"]) == COMMUNES
    benchmark.pedantic(_get, args=(client, url), rounds=5, iterations=1, warmup_rounds=1)
    sql = (
        "SELECT SUBSTR(u.path, 1, %s), v.indicator_id, r.period_start, r.period, SUM(v.number), "
        "COUNT(v.number), MIN(v.number), MAX(v.number) FROM reporting_reportvalue v "
        "JOIN reporting_report r ON r.id = v.report_id JOIN orgs_orgunit u ON u.id = r.unit_id "
        "WHERE r.form_id = %s AND u.path LIKE %s AND r.period_start >= %s AND r.period_end <= %s "
        "AND r.status IN (%s, %s) AND v.number IS NOT NULL GROUP BY 1, 2, 3, 4"
    )
    params = [len(city.path) + 10, form.pk, city.path + "%", "2025-01-01", "2025-12-31"]
    base = _raw(sql, [*params, ReportStatus.SUBMITTED, ReportStatus.APPROVED])
    report(benchmark, "city consolidation page", base, PAGE_LIMIT, values=result.values)


def test_completeness_heatmap(benchmark, dataset):
    result, officer = dataset
    client = _client(officer)
    city, form = result.city, result.form
    # city level: communes × months, counted in SQL by the commune's path prefix
    url = f"{reverse('reporting:heatmap', args=[form.pk])}?year=2025&unit={city.pk}"
    response = _get(client, url)
    assert response.context["by_child"]
    assert len(response.context["grid"].rows) == COMMUNES
    benchmark.pedantic(_get, args=(client, url), rounds=5, iterations=1, warmup_rounds=1)
    sql = (
        "SELECT SUBSTR(u.path, 1, %s), r.period, COUNT(*) FROM reporting_report r "
        "JOIN orgs_orgunit u ON u.id = r.unit_id WHERE r.form_id = %s AND u.path LIKE %s "
        "AND r.period_start >= %s AND r.period_start <= %s AND r.status IN (%s, %s) "
        "AND r.first_submitted_at IS NOT NULL GROUP BY 1, 2"
    )
    params = [len(city.path) + 10, form.pk, city.path + "%", "2025-01-01", "2025-12-31"]
    base = _raw(sql, [*params, ReportStatus.SUBMITTED, ReportStatus.APPROVED])
    report(
        benchmark, "completeness heat-map (city: communes × months)", base, PAGE_LIMIT, cells=COMMUNES * 12
    )


def test_completeness_heatmap_one_commune(benchmark, dataset):
    result, officer = dataset
    client = _client(officer)
    form = result.form
    commune = OrgUnit.objects.filter(parent=result.city).order_by("path").first()
    url = f"{reverse('reporting:heatmap', args=[form.pk])}?year=2025&unit={commune.pk}"
    response = _get(client, url)
    units = len(response.context["grid"].rows)
    assert not response.context["by_child"] and units > 0
    benchmark.pedantic(_get, args=(client, url), rounds=5, iterations=1, warmup_rounds=1)
    sql = (
        "SELECT r.unit_id, r.period, r.status, r.first_submitted_at FROM reporting_report r "
        "JOIN orgs_orgunit u ON u.id = r.unit_id WHERE r.form_id = %s AND u.path LIKE %s "
        "AND r.period_start >= %s AND r.period_start <= %s"
    )
    base = _raw(sql, [form.pk, commune.path + "%", "2025-01-01", "2025-12-31"])
    report(benchmark, "completeness heat-map (one commune's units)", base, PAGE_LIMIT, cells=units * 12)


def test_save_one_units_monthly_form(benchmark, dataset):
    result, _officer = dataset
    form = result.form
    draft = Report.objects.filter(form=form, status=ReportStatus.DRAFT).order_by("pk").first()
    unit, period = draft.unit, draft.period
    LockException.objects.create(
        form=form, unit=unit, period=period, status=LockExceptionStatus.GRANTED, until="2099-12-31"
    )
    reporter = User.objects.create_user("bench-unit", password="x-bench-123")
    RoleGrant.objects.create(user=reporter, role=Role.UNIT_REPORTER, unit=unit, include_subtree=False)
    client = _client(reporter)
    url = reverse("reporting:entry", args=[form.pk, unit.pk, period])
    indicators = list(form.indicators.order_by("formindicator__order"))
    counter = iter(range(1, 10_000))

    def post_data():
        n = next(counter)
        data = {"action": "save", "version": str(Report.objects.get(pk=draft.pk).version)}
        for indicator in indicators:
            value = {"yes_no": "có" if n % 2 else "không", "percentage": str(50 + n % 40), "text": f"Tốt {n}"}
            data[f"v-{indicator.code}"] = value.get(indicator.value_type, str(10 + n % 30))
        return (client, url, data), {}

    def save(client, url, data):
        response = client.post(url, data)
        assert response.status_code == 302, response.content[:2000]

    benchmark.pedantic(save, setup=post_data, rounds=10, iterations=1, warmup_rounds=1)
    assert ReportValue.objects.filter(report=draft).count() == len(indicators)

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE reporting_reportvalue SET value = value, number = number, comment = comment "
                "WHERE report_id = %s",
                [draft.pk],
            )
            cursor.execute("UPDATE reporting_report SET version = version + 1 WHERE id = %s", [draft.pk])

    floor()
    base = best_of(floor, rounds=10)
    report(
        benchmark,
        "save one unit's monthly form",
        base,
        SAVE_LIMIT,
        ratio_limit=None,
        indicators=len(indicators),
    )


def test_entry_list_city_officer(benchmark, dataset):
    """The reports-to-fill page (/reports/) of a city officer over every unit ("all my units"): the periods
    open for entry now, 50 rows a page, under the 20 oldest reports waiting for review. Floor: what the page
    must read, as raw SQL: the form–unit links of the city in tree order, and the oldest submitted reports."""
    result, officer = dataset
    client = _client(officer)
    url = reverse("reporting:entry_list")
    response = _get(client, url)
    rows = response.context["page_obj"].paginator.count
    assert response.context["scope"].wide and len(response.context["rows"]) == 50
    benchmark.pedantic(_get, args=(client, url), rounds=5, iterations=1, warmup_rounds=1)
    links = (
        "SELECT l.reportform_id, l.orgunit_id FROM reporting_reportform_units l "
        "JOIN orgs_orgunit u ON u.id = l.orgunit_id WHERE u.path LIKE %s ORDER BY u.path"
    )
    queue = (
        "SELECT r.* FROM reporting_report r JOIN orgs_orgunit u ON u.id = r.unit_id "
        "WHERE r.status = %s AND u.path LIKE %s ORDER BY r.submitted_at LIMIT 21"
    )
    prefix = result.city.path + "%"
    base = _raw(links, [prefix]) + _raw(queue, [ReportStatus.SUBMITTED, prefix])
    report(benchmark, "reports to fill (city officer, all units)", base, PAGE_LIMIT, rows=rows)
