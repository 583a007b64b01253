"""Completeness on a small fixture and consolidation on a hand-computed 3-level tree."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from thidua.orgs import services as org_services
from thidua.orgs.choices import UnitKind
from thidua.reporting import consolidated, selectors, services
from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import Report, ReportValue
from thidua.reporting.periods import Period


def put(form, unit, period, values, status=ReportStatus.APPROVED, submitted=None):
    period_obj = Period.parse(period)
    report = Report.objects.create(
        form=form,
        unit=unit,
        period=period,
        status=status,
        first_submitted_at=submitted,
        submitted_at=submitted,
    )
    codes = {ind.code: ind for ind, _r in services.form_indicators(form)}
    ReportValue.objects.bulk_create(
        [
            ReportValue(report=report, indicator=codes[code], value=str(v), number=Decimal(str(v)))
            for code, v in values.items()
        ]
    )
    assert report.period_start == period_obj.start
    consolidated.refresh(report)
    return report


def at(day):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9))


@pytest.fixture
def hamlet(tree, admin_user, monthly_form):
    """A third level: a hamlet under village A."""
    unit = org_services.orgunit_create(
        actor=admin_user,
        data={"code": "A-V-1", "name": "Xóm Một", "kind": UnitKind.VILLAGE, "parent": tree["village_a"]},
    )
    monthly_form.units.add(unit)
    return unit


def test_consolidation_three_levels(tree, monthly_form, hamlet, indicators, admin_user):
    put(monthly_form, tree["village_a"], "2025-09", {"HH": 100, "POOR": 2, "GDVH": 80, "NTM": 1})
    put(monthly_form, hamlet, "2025-09", {"HH": 50, "POOR": 1, "GDVH": 90, "NTM": 0})
    put(monthly_form, tree["department_a"], "2025-09", {"HH": 10, "POOR": 0, "GDVH": 100, "NTM": 1})
    put(monthly_form, tree["village_a"], "2025-10", {"HH": 101, "POOR": 3, "GDVH": 82, "NTM": 1})
    put(monthly_form, tree["department_a"], "2025-10", {"HH": 5}, status=ReportStatus.DRAFT)  # not counted
    put(
        monthly_form, tree["village_b"], "2025-09", {"HH": 999, "POOR": 9, "GDVH": 1, "NTM": 1}
    )  # other commune
    services.target_set(
        actor=admin_user,
        indicator=indicators["poor"],
        unit=tree["commune_a"],
        period="2025",
        value=5,
    )
    services.target_set(
        actor=admin_user, indicator=indicators["gdvh"], unit=tree["commune_a"], period="2025", value=90
    )
    data = selectors.consolidation(
        monthly_form, root=tree["commune_a"], start=Period.parse("2025-09"), end=Period.parse("2025-10")
    )
    hh, poor, gdvh, ntm = (indicators[k] for k in ("households", "poor", "gdvh", "ntm"))
    village, department = tree["village_a"].pk, tree["department_a"].pk
    assert data.value(village, hh) == 251  # 100 + 50 + 101
    assert data.value(department, hh) == 10
    assert data.value(tree["commune_a"].pk, hh) == 261
    assert data.value(village, gdvh) == Decimal(252) / 3  # average of 80, 90, 82
    assert data.value(tree["commune_a"].pk, ntm) == 1  # count of yes in the latest period (October)
    september = selectors.consolidation(
        monthly_form, root=tree["commune_a"], start=Period.parse("2025-09"), end=Period.parse("2025-09")
    )
    assert september.value(tree["commune_a"].pk, ntm) == 2
    assert data.total(poor).verdict == "vượt" and data.total(poor).percent == 120  # 6 of 5
    assert data.total(gdvh).verdict == "chưa đạt"  # 88 < 90
    city = selectors.consolidation(
        monthly_form, root=tree["city"], start=Period.parse("2025-09"), end=Period.parse("2025-09")
    )
    assert city.value(tree["commune_a"].pk, hh) == 160 and city.value(tree["commune_b"].pk, hh) == 999
    assert city.value(tree["city"].pk, hh) == 1159


def test_compare_lower_is_better():
    assert selectors.compare(Decimal(3), Decimal(5), "lower").verdict == "vượt"
    assert selectors.compare(Decimal(5), Decimal(5), "lower").verdict == "đạt"
    assert selectors.compare(Decimal(6), Decimal(5), "lower").verdict == "chưa đạt"


def test_completeness(tree, users, department, monthly_form, hamlet, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2025, 11, 3))
    put(monthly_form, tree["village_a"], "2025-09", {"HH": 1}, ReportStatus.APPROVED, at(date(2025, 10, 4)))
    put(monthly_form, tree["village_a"], "2025-08", {"HH": 1}, ReportStatus.SUBMITTED, at(date(2025, 9, 20)))
    put(
        monthly_form, tree["department_a"], "2025-09", {"HH": 1}, ReportStatus.RETURNED, at(date(2025, 10, 1))
    )
    put(monthly_form, tree["department_a"], "2025-10", {"HH": 1}, ReportStatus.DRAFT)
    # the hamlet exists from 1/9/2025 only
    hamlet.valid_from = date(2025, 9, 1)
    hamlet.save()
    grid = selectors.completeness(monthly_form, user=department, year=2025)
    assert [u.code for u in grid.units] == ["A-D", "A-V", "A-V-1"]  # village B is another commune
    # months due before 3/11 (Jan–Sep) × 2 units + September for the hamlet
    assert grid.expected == 19
    assert (grid.submitted, grid.on_time) == (2, 1)
    states = {(u.code, c.period.code): c.state for u, cells in grid.rows for c in cells}
    assert states[("A-V", "2025-09")] == "approved"
    assert states[("A-V", "2025-08")] == "late"
    assert states[("A-D", "2025-09")] == "returned"
    assert states[("A-D", "2025-10")] == "draft"
    assert states[("A-V", "2025-10")] == "not-due"  # due 05/11
    assert states[("A-V-1", "2025-08")] == "not-expected"
    assert states[("A-V-1", "2025-07")] == "not-expected"
    assert states[("A-D", "2025-01")] == "missing"
    missing = grid.missing()
    assert ("A-V-1", "2025-09") in {(c.unit.code, c.period.code) for c in missing}
    assert ("A-V", "2025-10") not in {(c.unit.code, c.period.code) for c in missing}
