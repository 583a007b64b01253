"""The completeness page by level: a city shows its communes × periods, counted in SQL by path prefix."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.orgs.models import OrgUnit
from thidua.reporting import selectors, synth

pytestmark = pytest.mark.django_db
SIZE = {"communes": 3, "units_per_commune": 4, "indicators": 3, "periods": 6}
TODAY = date(2025, 11, 3)


@pytest.fixture
def city_data():
    result = synth.build(**SIZE, seed=7)
    officer = User.objects.create_user("city-officer", password="x-secret-123")
    RoleGrant.objects.create(user=officer, role=Role.CITY_OFFICER, unit=result.city, include_subtree=True)
    # one unit opened in May: not expected before
    late_unit = OrgUnit.objects.filter(parent__parent=result.city).order_by("path").first()
    late_unit.valid_from = date(2025, 5, 1)
    late_unit.save()
    return result, officer


def test_city_counts_are_the_sums_over_each_communes_units(city_data):
    result, officer = city_data
    form = result.form
    assert selectors.reports_by_child(form, user=officer, root=result.city)
    level = selectors.completeness_by_child(form, user=officer, root=result.city, year=2025, today=TODAY)
    communes = list(OrgUnit.objects.filter(parent=result.city).order_by("path"))
    assert [child for child, _cells in level.rows] == communes
    for commune, cells in level.rows:
        assert not selectors.reports_by_child(form, user=officer, root=commune)
        grid = selectors.completeness(form, user=officer, year=2025, within=commune, today=TODAY)
        assert sum(c.expected for c in cells) == grid.expected
        assert sum(c.submitted for c in cells) == grid.submitted
        assert sum(c.on_time for c in cells) == grid.on_time
        for index, cell in enumerate(cells):
            expected = submitted = on_time = 0
            for _unit, unit_cells in grid.rows:
                unit_cell = unit_cells[index]
                assert unit_cell.period == cell.period
                if unit_cell.expected and unit_cell.due < TODAY:
                    expected += 1
                    report = unit_cell.report
                    if report and report.first_submitted_at and report.status in selectors.COUNTED:
                        submitted += 1
                        on_time += bool(report.on_time)
            assert (cell.expected, cell.submitted, cell.on_time) == (expected, submitted, on_time)
    whole = selectors.completeness(form, user=officer, year=2025, within=result.city, today=TODAY)
    assert (level.expected, level.submitted, level.on_time) == (
        whole.expected,
        whole.submitted,
        whole.on_time,
    )
    assert 0 < level.submitted < level.expected
    # months not yet due count nothing
    assert all(cell.expected == 0 for _child, cells in level.rows for cell in cells[10:])


def test_city_page_shows_communes_and_drills_down(client, city_data, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    result, officer = city_data
    client.force_login(officer)
    url = reverse("reporting:heatmap", args=[result.form.pk])
    response = client.get(f"{url}?year=2025&unit={result.city.pk}")
    assert response.status_code == 200
    assert response.context["by_child"] is True
    communes = list(OrgUnit.objects.filter(parent=result.city).order_by("path"))
    assert [child for child, _cells in response.context["grid"].rows] == communes
    html = response.content.decode()
    for commune in communes:
        assert f'href="{url}?year=2025&amp;unit={commune.pk}"' in html
    response = client.get(f"{url}?year=2025&unit={communes[0].pk}")
    assert response.context["by_child"] is False
    assert len(response.context["grid"].rows) == SIZE["units_per_commune"]
    report = next(c.report for _u, cells in response.context["grid"].rows for c in cells if c.report)
    assert reverse("reporting:report_detail", args=[report.pk]) in response.content.decode()
    # the default level for a city officer is the form's owner or the top of their tree
    assert client.get(f"{url}?year=2025").status_code == 200


def test_city_page_queries_do_not_grow_with_communes(client, city_data):
    result, officer = city_data
    bigger = synth.build(**{**SIZE, "communes": 6, "units_per_commune": 5}, seed=8)
    RoleGrant.objects.create(user=officer, role=Role.CITY_OFFICER, unit=bigger.city, include_subtree=True)
    client.force_login(officer)

    def count(city, form):
        url = f"{reverse('reporting:heatmap', args=[form.pk])}?year=2025&unit={city.pk}"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and response.context["by_child"]
        return len(queries)

    assert count(result.city, result.form) == count(bigger.city, bigger.form)


def test_other_commune_officer_cannot_open_the_city_level(client, city_data):
    result, _officer = city_data
    commune = OrgUnit.objects.filter(parent=result.city).order_by("path").first()
    other = OrgUnit.objects.filter(parent=result.city).order_by("path").last()
    user = User.objects.create_user("commune-officer", password="x-secret-123")
    RoleGrant.objects.create(user=user, role=Role.COMMUNE_OFFICER, unit=commune, include_subtree=True)
    client.force_login(user)
    url = reverse("reporting:heatmap", args=[result.form.pk])
    assert client.get(f"{url}?year=2025&unit={result.city.pk}").status_code == 404
    assert client.get(f"{url}?year=2025&unit={other.pk}").status_code == 404
    response = client.get(f"{url}?year=2025")
    assert response.status_code == 200
    assert response.context["by_child"] is False
    assert len(response.context["grid"].rows) == SIZE["units_per_commune"]
