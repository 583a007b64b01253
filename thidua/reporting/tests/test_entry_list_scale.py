"""The reports-to-fill page (/reports/): every period for a unit's reporter; for an officer over many units
the periods open for entry now, 50 rows a page, filtered; the same number of queries whatever the tree."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.orgs import services as org_services
from thidua.orgs.choices import UnitKind
from thidua.reporting import services
from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import Report
from thidua.reporting.tests.conftest import GOOD

URL = reverse("reporting:entry_list")
# 3 Nov 2025 (today_in_2025): October is open until 25/11 (due 05/11), November has started, September locked
OPEN_NOW = ["2025-11", "2025-10"]
THIS_YEAR = [f"2025-{month:02d}" for month in range(11, 0, -1)]


def rows_of(response):
    return [(row.unit.code, row.period.code) for row in response.context["rows"]]


def add_villages(admin_user, tree, form, count, parent="commune_a", start=0):
    units = []
    for index in range(start, start + count):
        unit = org_services.orgunit_create(
            actor=admin_user,
            data={
                "code": f"{tree[parent].code}-T{index:03d}",
                "name": f"Thôn Số {index:03d}",
                "kind": UnitKind.VILLAGE,
                "parent": tree[parent],
            },
        )
        form.units.add(unit)
        units.append(unit)
    return units


def submit(admin_user, form, unit, period="2025-10"):
    report = services.report_save(actor=admin_user, form=form, unit=unit, period=period, values=GOOD)
    return services.report_submit(actor=admin_user, report=report)


def test_anonymous_redirected(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_unit_reporter_sees_every_period_of_the_year(client, tree, users, monthly_form, today_in_2025):
    client.force_login(users["unit_reporter"])
    response = client.get(URL)
    assert response.status_code == 200
    assert rows_of(response) == [("A-V", code) for code in THIS_YEAR]
    assert not response.context["scope"].wide
    content = response.content.decode()
    assert "Báo cáo cần nhập" in content and 'id="entry-filters"' not in content


def test_unit_reporter_sees_last_years_open_period_in_january(client, tree, users, monthly_form, monkeypatch):
    """December is due on 5 January and open until 25 January: it must not drop off the list on 1 January."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 1, 10))
    client.force_login(users["unit_reporter"])
    response = client.get(URL)
    assert rows_of(response) == [("A-V", "2026-01"), ("A-V", "2025-12")]
    december = response.context["rows"][1]
    assert december.overdue and december.due == date(2026, 1, 5)


def test_reporter_sees_the_status_of_each_report(
    client, tree, users, monthly_form, admin_user, today_in_2025
):
    submit(admin_user, monthly_form, tree["village_a"])
    client.force_login(users["unit_reporter"])
    response = client.get(URL)
    statuses = {row.period.code: row.report and row.report.status for row in response.context["rows"]}
    assert statuses["2025-10"] == ReportStatus.SUBMITTED and statuses["2025-11"] is None
    assert not response.context["rows"][1].overdue  # submitted before the due date


@pytest.mark.parametrize(
    ("who", "units"), [("other_commune", {"B-V"}), ("no_role", set()), ("council_member", set())]
)
def test_only_units_the_user_may_change(client, tree, users, monthly_form, today_in_2025, who, units):
    client.force_login(users[who])
    response = client.get(URL)
    assert response.status_code == 200
    assert {code for code, _period in rows_of(response)} == units


def test_city_officer_sees_the_open_periods_fifty_a_page(
    client, tree, users, monthly_form, admin_user, today_in_2025
):
    add_villages(admin_user, tree, monthly_form, 30)  # 33 units × 2 open periods = 66 rows
    client.force_login(users["city_officer"])
    response = client.get(URL)
    assert response.context["scope"].wide
    page = response.context["page_obj"]
    assert page.paginator.count == 66 and page.paginator.num_pages == 2
    first = rows_of(response)
    assert len(first) == 50 and {period for _code, period in first} <= set(OPEN_NOW)
    assert [period for _code, period in first[:33]] == ["2025-11"] * 33  # newest period first, tree order
    content = response.content.decode()
    assert 'id="entry-filters"' in content and "?page=2" in content
    second = rows_of(client.get(URL + "?page=2"))
    assert len(second) == 16
    everything = first + second
    assert len(set(everything)) == 66
    assert {period for _code, period in everything} == set(OPEN_NOW)


def test_officer_filters_by_unit_form_period_and_status(
    client, tree, users, monthly_form, admin_user, today_in_2025
):
    villages = add_villages(admin_user, tree, monthly_form, 8)
    submit(admin_user, monthly_form, villages[0])
    # September is locked since 25/10: a report submitted through a reopening
    Report.objects.create(
        form=monthly_form, unit=villages[1], period="2025-09", status=ReportStatus.SUBMITTED
    )
    client.force_login(users["city_officer"])

    def get(**query):
        return rows_of(client.get(URL, query))

    assert get(q="so 003") == [("A-T003", "2025-11"), ("A-T003", "2025-10")]  # accent-insensitive
    assert get(q="Thôn Tây", period="year") == [("B-V", code) for code in THIS_YEAR]
    assert get(period="2025-09", status=ReportStatus.SUBMITTED) == [("A-T001", "2025-09")]
    assert get(status=ReportStatus.SUBMITTED) == [("A-T000", "2025-10")]
    not_submitted = get(status="todo")
    assert len(not_submitted) == 2 * 11 - 1 and ("A-T000", "2025-10") not in not_submitted
    assert get(form=monthly_form.pk, period="2025-10", status="none") == [
        (unit.code, "2025-10")
        for unit in sorted(
            [tree["department_a"], tree["village_a"], *villages[1:], tree["village_b"]], key=lambda u: u.path
        )
    ]


@pytest.mark.parametrize(
    "query", [{"status": "bogus"}, {"form": "abc"}, {"period": "1999-13"}, {"page": "x"}]
)
def test_bad_filter_values_show_the_default_list(
    client, tree, users, monthly_form, admin_user, today_in_2025, query
):
    add_villages(admin_user, tree, monthly_form, 8)
    client.force_login(users["city_officer"])
    default = rows_of(client.get(URL))
    response = client.get(URL, query)
    assert response.status_code == 200 and rows_of(response) == default
    assert not Report.objects.exists()


def test_switcher_unit_narrows_the_list(client, tree, users, monthly_form, admin_user, today_in_2025):
    add_villages(admin_user, tree, monthly_form, 8)
    client.force_login(users["city_officer"])
    client.post(reverse("orgs:switch_unit"), {"unit": tree["village_b"].pk})
    response = client.get(URL)
    assert not response.context["scope"].wide
    assert rows_of(response) == [("B-V", code) for code in THIS_YEAR]
    client.post(reverse("orgs:switch_unit"), {"unit": tree["commune_a"].pk})
    response = client.get(URL)
    assert response.context["scope"].wide and response.context["page_obj"].paginator.count == 2 * 10
    assert "B-V" not in {code for code, _period in rows_of(response)}


def test_review_queue_is_paged(client, tree, users, monthly_form, admin_user, today_in_2025):
    villages = add_villages(admin_user, tree, monthly_form, 25)
    for village in villages:
        submit(admin_user, monthly_form, village)
    client.force_login(users["commune_officer"])
    first = client.get(URL)
    assert len(first.context["queue"]) == 20 and "?queue_page=2" in first.content.decode()
    second = client.get(URL + "?queue_page=2")
    assert len(second.context["queue"]) == 5
    seen = {r.pk for r in first.context["queue"]} | {r.pk for r in second.context["queue"]}
    assert seen == set(Report.objects.filter(status=ReportStatus.SUBMITTED).values_list("pk", flat=True))


@pytest.mark.parametrize("query", ["", "?status=todo&period=year", "?q=thon&page=2"])
@pytest.mark.parametrize("who", ["city_officer", "commune_officer", "unit_reporter"])
def test_query_count_does_not_grow_with_the_tree(
    client, tree, users, monthly_form, admin_user, today_in_2025, who, query
):
    client.force_login(users[who])
    add_villages(admin_user, tree, monthly_form, 6)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL + query).status_code == 200
        return len(queries)

    small = count()
    villages = add_villages(admin_user, tree, monthly_form, 60, parent="commune_b")
    villages += add_villages(admin_user, tree, monthly_form, 40, start=100)
    for village in villages[:30]:
        submit(admin_user, monthly_form, village)
    assert count() == small
