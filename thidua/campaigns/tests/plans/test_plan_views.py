"""Pages: the permission matrix of plan detail and registration actions, downloads, query counts."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from thidua.campaigns import services
from thidua.campaigns.choices import PlanStatus, RegistrationStatus
from thidua.campaigns.models import Plan, Registration

pytestmark = pytest.mark.django_db


def detail(plan, tab="info"):
    return reverse("campaigns:plan_detail", args=[plan.pk]) + f"?tab={tab}"


@pytest.mark.parametrize(
    ("user", "status"),
    [
        (None, 302),
        ("no_role", 404),
        ("other_commune", 404),
        ("unit_reporter", 200),  # assigned to the plan (and below its issuing unit)
        ("commune_officer", 200),
        ("city_officer", 200),  # parent subtree
        ("council_member", 200),
    ],
)
def test_plan_detail_matrix(client, running_plan, users, user, status):
    if user:
        client.force_login(users[user])
    for tab in ("info", "movements", "matrix", "deadlines", "registrations", "documents", "history"):
        assert client.get(detail(running_plan, tab)).status_code == status


def test_a_draft_is_hidden_below_but_an_assigned_unit_sees_it(client, make_plan, admin_user, users, tree):
    draft = make_plan()
    client.force_login(users["unit_reporter"])
    assert client.get(detail(draft)).status_code == 404
    services.add_assignment(actor=admin_user, plan=draft, body="Thôn Đông", unit=tree["village_a"])
    assert client.get(detail(draft)).status_code == 200


def test_city_plans_are_seen_by_its_communes_once_issued(client, make_plan, admin_user, users, tree):
    city_plan = make_plan(unit=tree["city"], number=252, date=date(2025, 9, 9))
    client.force_login(users["commune_officer"])
    assert client.get(detail(city_plan)).status_code == 404
    services.plan_issue(actor=admin_user, plan=city_plan)
    assert client.get(detail(city_plan)).status_code == 200
    cascade = reverse("campaigns:plan_cascade", args=[city_plan.pk])
    response = client.post(cascade, {"issuing_unit": tree["commune_a"].pk, "working_days": 3})
    child = Plan.objects.get(parent=city_plan)
    assert response.url == child.get_absolute_url()
    client.force_login(users["other_commune"])
    response = client.post(cascade, {"issuing_unit": tree["commune_a"].pk, "working_days": 3})
    assert response.status_code == 200 and "issuing_unit" in response.context["form"].errors
    assert Plan.objects.filter(parent=city_plan).count() == 1


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("no_role", False),
        ("other_commune", False),
        ("unit_reporter", False),
        ("council_member", False),
        ("commune_officer", True),
        ("city_officer", True),
    ],
)
def test_plan_steps_matrix(client, make_plan, users, user, allowed):
    plan = make_plan(date=date(2025, 9, 5))
    client.force_login(users[user])
    response = client.post(reverse("campaigns:plan_step", args=[plan.pk, PlanStatus.ISSUED]))
    plan.refresh_from_db()
    assert plan.status == (PlanStatus.ISSUED if allowed else PlanStatus.DRAFT)
    assert response.status_code == (302 if allowed else 404)


def _registration(running_plan, users, tree):
    return services.registration_create(
        actor=users["unit_reporter"],
        plan=running_plan,
        data={"unit": tree["village_a"], "contents": "Thôn văn hóa"},
        today=date(2025, 9, 20),
    )


@pytest.mark.parametrize(
    ("user", "submit", "accept"),
    [
        ("no_role", 404, False),
        ("other_commune", 404, False),
        ("council_member", None, False),
        ("unit_reporter", None, False),
        ("commune_officer", None, True),
        ("city_officer", None, True),
    ],
)
def test_registration_actions_matrix(client, running_plan, users, tree, user, submit, accept, monkeypatch):
    registration = _registration(running_plan, users, tree)
    monkeypatch.setattr(services.timezone, "localdate", lambda: date(2025, 9, 20))
    services.registration_submit(
        actor=users["unit_reporter"], registration=registration, today=date(2025, 9, 20)
    )
    client.force_login(users[user])
    url = reverse("campaigns:registration_action", args=[registration.pk, "accept"])
    response = client.post(url)
    if submit == 404:
        assert response.status_code == 404
    status = Registration.objects.get().status
    assert status == (RegistrationStatus.ACCEPTED if accept else RegistrationStatus.SUBMITTED)


def test_reporter_registers_through_the_page(client, running_plan, users, tree, monkeypatch):
    monkeypatch.setattr(services.timezone, "localdate", lambda: date(2025, 9, 20))
    client.force_login(users["unit_reporter"])
    url = reverse("campaigns:registration_create", args=[running_plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "unit": tree["village_a"].pk,
            "contents": "Thôn văn hóa",
            "targets": "90% hộ GĐVH",
            "intended_titles": ["TVH"],
        },
    )
    registration = Registration.objects.get()
    assert response.url == registration.get_absolute_url()
    client.post(reverse("campaigns:registration_action", args=[registration.pk, "submit"]))
    assert Registration.objects.get().status == RegistrationStatus.SUBMITTED
    monkeypatch.setattr(services.timezone, "localdate", lambda: date(2025, 10, 2))
    client.post(reverse("campaigns:registration_action", args=[registration.pk, "submit"]))
    client.force_login(users["commune_officer"])
    client.post(
        reverse("campaigns:registration_action", args=[registration.pk, "return"]), {"reason": "Bổ sung"}
    )
    registration.refresh_from_db()
    assert (registration.status, registration.return_reason) == (RegistrationStatus.RETURNED, "Bổ sung")
    client.force_login(users["unit_reporter"])
    response = client.post(
        reverse("campaigns:registration_action", args=[registration.pk, "submit"]), follow=True
    )
    assert "30/09/2025" in response.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.RETURNED


def test_downloads(client, running_plan, users):
    client.force_login(users["unit_reporter"])
    response = client.get(reverse("campaigns:plan_document", args=[running_plan.pk, "docx"]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Phát động thi đua năm 2025" in text or "PHÁT ĐỘNG" in text.upper()
    response = client.get(reverse("campaigns:plan_registration_summary", args=[running_plan.pk, "docx"]))
    assert response.status_code == 200
    Document(io.BytesIO(response.content))
    client.force_login(users["other_commune"])
    assert client.get(reverse("campaigns:plan_document", args=[running_plan.pk, "docx"])).status_code == 404


def test_registration_export(client, running_plan, users, tree):
    _registration(running_plan, users, tree)
    client.force_login(users["commune_officer"])
    response = client.get(reverse("campaigns:registration_list") + f"?plan={running_plan.pk}&export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(users["other_commune"])
    response = client.get(reverse("campaigns:registration_list") + "?export=csv")
    assert response.content.decode("utf-8-sig").count("\n") == 1


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_rows(client, make_plan, admin_user, users, tree):
    client.force_login(users["commune_officer"])
    first = services.plan_issue(actor=admin_user, plan=make_plan(date=date(2025, 9, 5)))
    services.registration_create(
        actor=admin_user,
        plan=first,
        data={"unit": tree["village_a"], "contents": "x"},
        today=date(2025, 9, 6),
    )
    plans_url, registrations_url = reverse("campaigns:plan_list"), reverse("campaigns:registration_list")
    few = (_count(client, plans_url), _count(client, registrations_url))
    for index in range(12):
        plan = make_plan(title=f"Kế hoạch {index}", date=date(2025, 9, 5))
        services.add_movement(actor=admin_user, plan=plan, name="Phong trào")
        plan = services.plan_issue(actor=admin_user, plan=plan)
        services.registration_create(
            actor=admin_user,
            plan=plan,
            data={"unit": tree["village_a"], "contents": "x"},
            today=date(2025, 9, 6),
        )
    assert (_count(client, plans_url), _count(client, registrations_url)) == few
