"""The commune evaluation page: constant queries, filters, Excel export, quotas and cash."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.commendations import selectors
from thidua.commendations.models import AwardRecord, InitiativeRecord, TaskRating
from thidua.orgs.choices import EmploymentGroup, Sex
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db
URL = reverse("commendations:evaluation")


def people(unit, count, start=0):
    created = Person.objects.bulk_create(
        Person(
            full_name=f"Người {start + index}",
            sex=Sex.MALE,
            employment_group=EmploymentGroup.CBCCVC,
            unit=unit,
        )
        for index in range(count)
    )
    for year in (2023, 2024, 2025):
        TaskRating.objects.bulk_create(TaskRating(person=p, year=year, rating="httnv") for p in created)
    AwardRecord.objects.bulk_create(
        AwardRecord(person=p, year=2024, code="lao_dong_tien_tien") for p in created
    )
    InitiativeRecord.objects.bulk_create(
        InitiativeRecord(person=p, year=2025, title="S", scope="co_so") for p in created
    )
    return created


def count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_people(client, users, tree):
    client.force_login(users["commune_officer"])
    people(tree["department_a"], 3)
    params = {"commune": tree["commune_a"].pk, "year": 2025}
    few = count_queries(client, params)
    people(tree["village_a"], 60, start=10)
    assert count_queries(client, params) == few
    assert count_queries(client, {**params, "outcome": "eligible"}) == few


def test_filters_and_excel_export(client, users, tree):
    client.force_login(users["commune_officer"])
    people(tree["department_a"], 4)
    base = {"commune": tree["commune_a"].pk, "year": 2025}
    response = client.get(URL, {**base, "target": "chien_si_thi_dua_co_so"})
    rows = response.context["rows"]
    assert len(rows) == 4 and {row.result.target for row in rows} == {"chien_si_thi_dua_co_so"}
    assert {row.status for row in rows} == {"eligible"}
    response = client.get(
        URL, {**base, "target": "chien_si_thi_dua_tinh", "missing": "cstdcs_3_consecutive_times"}
    )
    assert len(response.context["rows"]) == 4
    export = client.get(URL, {**base, "target": "lao_dong_tien_tien", "export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 1 + 4
    assert {row[0] for row in values[1:]} == {"Người 0", "Người 1", "Người 2", "Người 3"}
    assert all(row[3] == "2025" for row in values[1:])


def test_other_commune_sees_nothing_of_commune_a(client, users, tree):
    people(tree["department_a"], 2)
    client.force_login(users["other_commune"])
    response = client.get(URL, {"commune": tree["commune_a"].pk, "year": 2025})
    assert response.status_code == 200
    names = {row.info.name for row in response.context["rows"]}
    assert not any(name.startswith("Người") for name in names)


def test_future_year_is_an_error_not_a_crash(client, users, tree):
    client.force_login(users["commune_officer"])
    response = client.get(URL, {"commune": tree["commune_a"].pk, "year": date.today().year + 1})
    assert response.status_code == 200
    assert response.context["params"].errors["year"]


def test_quotas_and_cash_on_the_page(client, users, tree):
    client.force_login(users["commune_officer"])
    team = people(tree["department_a"], 5)
    TaskRating.objects.filter(person__in=team[:2], year=2025).update(rating="htxs")
    response = client.get(URL, {"commune": tree["commune_a"].pk, "year": 2025, "decision_date": "15/01/2026"})
    quota = response.context["quotas"][0]
    assert (quota.result.count, quota.result.base, quota.result.allowed, quota.result.exceeded) == (
        2,
        3,
        0,
        True,
    )
    cash = response.context["cash"]
    assert cash.decision_date == date(2026, 1, 15)
    # everyone qualifies for LĐTT and (with an initiative) CSTĐCS: only the higher title is paid,
    # and forms (Giấy khen) only when chosen in the filter
    lines = {line.code: (line.count, line.amount) for line in cash.lines}
    assert lines["chien_si_thi_dua_co_so"] == (5, 2_340_000)
    assert "lao_dong_tien_tien" not in lines and "giay_khen_chu_tich_xa" not in lines
    assert lines["thon_van_hoa"] == (1, 3_510_000)  # village A (criteria vouched by the unit)
    assert cash.total == 5 * 2_340_000 + 3_510_000
    chosen = client.get(
        URL,
        {
            "commune": tree["commune_a"].pk,
            "year": 2025,
            "decision_date": "15/01/2026",
            "target": "giay_khen_chu_tich_xa",
        },
    )
    assert [(line.code, line.count, line.amount) for line in chosen.context["cash"].lines] == [
        ("giay_khen_chu_tich_xa", 5, 710_000)
    ]


def test_cash_total_selector():
    summary = selectors.cash_total(
        [("lao_dong_tien_tien", "person")] * 3 + [("tap_the_lao_dong_tien_tien", "collective")],
        date(2026, 7, 15),
    )
    assert summary.total == 3 * 760_000 + 2_030_000
    assert summary.words.startswith("Bốn triệu ba trăm mười nghìn")
    before = selectors.cash_total([("lao_dong_tien_tien", "person")], date(2026, 6, 30))
    assert before.total == 710_000


def test_quota_status_selector(tree, make_person):
    team = [make_person(tree["department_a"], f"Người {i}") for i in range(6)]
    for index, person in enumerate(team):
        TaskRating.objects.create(person=person, year=2025, rating="htxs" if index == 0 else "httnv")
    (result,) = selectors.quota_status(tree["department_a"], 2025, as_of=date(2026, 1, 10))
    assert (result.count, result.base, result.allowed, result.exceeded) == (1, 5, 1, False)
    (result,) = selectors.quota_status(tree["department_a"], 2025, as_of=date(2026, 1, 10), proposed=["htxs"])
    assert result.exceeded
