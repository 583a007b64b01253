"""The city completeness page reads pre-aggregated counts (``CompletenessCount``): the same grid as counting
the reports, and as a plain count over the model objects, after synth, tree dates, form edits and services."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.orgs.models import OrgUnit
from thidua.reporting import selectors, services, synth
from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import CompletenessCount, Report
from thidua.reporting.periods import periods_of_year

pytestmark = pytest.mark.django_db
SIZE = {"communes": 3, "units_per_commune": 4, "indicators": 3, "periods": 6}
TODAY = date(2025, 11, 3)


@pytest.fixture
def city():
    result = synth.build(**SIZE, seed=21)
    officer = User.objects.create_user("city-officer", password="x-secret-123")
    RoleGrant.objects.create(user=officer, role=Role.CITY_OFFICER, unit=result.city, include_subtree=True)
    return result, officer


def grid(level) -> dict:
    return {
        (child.pk, cell.period.code): (cell.expected, cell.submitted, cell.on_time)
        for child, cells in level.rows
        for cell in cells
    }


def straight(form, root) -> dict:
    """Counted one unit-period at a time from the model objects, without the selectors' queries."""
    form.refresh_from_db()
    assigned = set(form.units.values_list("pk", flat=True))
    result = {}
    for child in OrgUnit.objects.filter(parent=root).order_by("path"):
        units = [u for u in OrgUnit.objects.filter(path__startswith=child.path) if u.pk in assigned]
        if not units:
            continue
        for period in periods_of_year(form.period_type, 2025):
            expected = submitted = on_time = 0
            if form.due_date(period) < TODAY:
                for unit in units:
                    if (unit.valid_from and unit.valid_from > period.end) or (
                        unit.valid_to and unit.valid_to < period.start
                    ):
                        continue
                    expected += 1
                    report = Report.objects.filter(form=form, unit=unit, period=period.code).first()
                    if report and report.first_submitted_at and report.status in selectors.COUNTED:
                        submitted += 1
                        on_time += bool(report.on_time)
            result[(child.pk, period.code)] = (expected, submitted, on_time)
    return result


def three_ways(form, officer, root) -> tuple[dict, dict, dict]:
    kwargs = {"user": officer, "root": root, "year": 2025, "today": TODAY}
    table = selectors.completeness_by_child(form, use_table=True, **kwargs)
    reports = selectors.completeness_by_child(form, use_table=False, **kwargs)
    return grid(table), grid(reports), straight(form, root)


def test_synth_fills_the_counts_and_the_three_ways_agree(city):
    result, officer = city
    form = result.form
    assert CompletenessCount.objects.filter(form=form).count() == SIZE["communes"] * SIZE["periods"]
    # the page would take the table for a city officer
    assert selectors._sees_subtree(officer, result.city)
    assert selectors._consolidated_covers(form, result.city)
    table, reports, plain = three_ways(form, officer, result.city)
    assert table == reports == plain
    assert any(submitted for _expected, submitted, _on_time in plain.values())
    assert any(submitted > on_time for _expected, submitted, on_time in plain.values())


def test_units_opening_closing_and_leaving_the_form_need_no_rebuild(city):
    result, officer = city
    form = result.form
    units = list(OrgUnit.objects.filter(parent__parent=result.city).order_by("path"))
    units[0].valid_from = date(2025, 4, 1)  # opened in April
    units[0].save()
    units[5].valid_to = date(2025, 2, 28)  # closed after February (merged into another unit)
    units[5].save()
    form.units.remove(units[9])  # no longer reports on this form
    table, reports, plain = three_ways(form, officer, result.city)
    assert table == reports == plain
    commune = units[0].parent
    assert plain[(commune.pk, "2025-03")][0] == SIZE["units_per_commune"] - 1


def test_a_later_due_date_recounts_on_time(city):
    result, officer = city
    form = result.form
    before = three_ways(form, officer, result.city)[0]
    form.due_days = 25
    form.save()
    table, reports, plain = three_ways(form, officer, result.city)
    assert table == reports == plain
    assert sum(v[2] for v in table.values()) > sum(v[2] for v in before.values())


def test_services_keep_the_counts(city, admin_user):
    result, officer = city
    form = result.form
    submitted = Report.objects.filter(form=form, status=ReportStatus.SUBMITTED).order_by("pk")
    initial = three_ways(form, officer, result.city)[0]
    returned = services.report_return(actor=admin_user, report=submitted[0], reason="Sai số liệu")
    table, reports, plain = three_ways(form, officer, result.city)
    assert table == reports == plain != initial
    services.report_approve(actor=admin_user, report=submitted[1])
    table, reports, plain = three_ways(form, officer, result.city)
    assert table == reports == plain
    returned.refresh_from_db()
    form.lock_days = 10_000  # resubmission is checked against the lock date
    form.save()
    services.report_submit(actor=admin_user, report=returned)
    table, reports, plain = three_ways(form, officer, result.city)
    assert table == reports == plain == initial
    # a draft submitted now (after its due date) counts, late
    draft = Report.objects.filter(form=form, status=ReportStatus.DRAFT).order_by("pk").first()
    services.report_submit(actor=admin_user, report=draft)
    draft.refresh_from_db()
    assert timezone.localtime(draft.first_submitted_at).date() == timezone.localdate()
    table, reports, plain = three_ways(form, officer, result.city)
    assert table == reports == plain
    key = (draft.unit.parent.pk, draft.period)
    assert table[key][1] == initial[key][1] + 1 and table[key][2] == initial[key][2]


def test_rebuild_command_recomputes_the_same_counts(city):
    result, _officer = city

    def rows():
        return sorted(
            CompletenessCount.objects.filter(form=result.form).values_list(
                "parent_id", "period", "period_start", "submitted", "on_time"
            )
        )

    before = rows()
    CompletenessCount.objects.filter(form=result.form).delete()
    call_command("rebuild_consolidated", "--form", str(result.form.pk), stdout=StringIO())
    assert rows() == before and before


def test_a_user_seeing_part_of_the_city_is_counted_from_the_reports(city):
    result, _officer = city
    commune = OrgUnit.objects.filter(parent=result.city).order_by("path").first()
    user = User.objects.create_user("commune-officer", password="x-secret-123")
    RoleGrant.objects.create(user=user, role=Role.COMMUNE_OFFICER, unit=commune, include_subtree=True)
    RoleGrant.objects.create(user=user, role=Role.COMMUNE_OFFICER, unit=result.city, include_subtree=False)
    assert not selectors._sees_subtree(user, result.city)
    level = selectors.completeness_by_child(result.form, user=user, root=result.city, year=2025, today=TODAY)
    assert [child for child, _cells in level.rows] == [commune]
    plain = straight(result.form, result.city)
    assert grid(level) == {key: value for key, value in plain.items() if key[0] == commune.pk}


def test_moving_a_unit_to_another_commune_moves_its_rows(city, admin_user):
    """orgs' tree move (``orgunit_update`` with a new parent): both tables follow the unit's own reports."""
    from thidua.orgs import services as orgs_services
    from thidua.reporting.tests.test_consolidated_table import both

    result, officer = city
    form = result.form
    communes = list(OrgUnit.objects.filter(parent=result.city).order_by("path"))
    unit = OrgUnit.objects.filter(parent=communes[0]).order_by("path").first()
    assert Report.objects.filter(unit=unit, status__in=selectors.COUNTED).exists()
    before = three_ways(form, officer, result.city)[2]
    orgs_services.orgunit_update(actor=admin_user, unit=unit, data={"parent": communes[1]}, reason="Sáp nhập")
    unit.refresh_from_db()
    assert unit.path.startswith(communes[1].path)
    table, reports, plain = three_ways(form, officer, result.city)
    assert table == reports == plain != before
    table_values, raw_values = both(form, result.city, "2025-01", "2025-06")
    assert table_values == raw_values
