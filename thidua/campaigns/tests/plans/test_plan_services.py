"""Plan and registration services: transitions, numbers, deadlines, cascade, action programmes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.campaigns import selectors, services
from thidua.campaigns.choices import PlanKind, PlanStatus, RegistrationStatus
from thidua.campaigns.models import Plan, Registration
from thidua.core.vietnamese import WorkCalendar
from thidua.documents.models import DocumentNumber

pytestmark = pytest.mark.django_db

SEPT = date(2025, 9, 20)


def test_transitions_follow_the_table(make_plan, admin_user):
    plan = make_plan(date=date(2025, 9, 5))
    with pytest.raises(ValidationError):
        services.plan_start(actor=admin_user, plan=plan)
    plan = services.plan_issue(actor=admin_user, plan=plan)
    assert (plan.status, plan.number) == (PlanStatus.ISSUED, 1)
    plan = services.plan_start(actor=admin_user, plan=plan)
    plan = services.plan_review(actor=admin_user, plan=plan)
    plan = services.plan_start(actor=admin_user, plan=plan)
    plan = services.plan_close(actor=admin_user, plan=plan)
    assert plan.status == PlanStatus.CLOSED
    for step in (services.plan_issue, services.plan_start, services.plan_review, services.plan_close):
        with pytest.raises(ValidationError):
            step(actor=admin_user, plan=plan)
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED
    assert [row.status for row in plan.history.order_by("history_id")] == [
        "draft",
        "issued",
        "running",
        "mid_term_review",
        "running",
        "closed",
    ]


def test_issue_takes_consecutive_numbers_from_the_register(make_plan, admin_user, tree):
    first = services.plan_issue(actor=admin_user, plan=make_plan(date=date(2025, 9, 5)))
    second = services.plan_issue(actor=admin_user, plan=make_plan(date=date(2025, 10, 1)))
    assert (first.number, second.number) == (1, 2)
    assert second.number_symbol == "02/KH-UBND"
    entry = DocumentNumber.objects.get(pk=second.document_number_id)
    assert (entry.issuer, entry.year, entry.number, entry.object_id) == (
        tree["commune_a"],
        2025,
        2,
        second.pk,
    )


def test_issue_dates_an_undated_plan_and_keeps_a_printed_number(make_plan, admin_user):
    undated = services.plan_issue(actor=admin_user, plan=make_plan(), today=date(2025, 9, 12))
    assert undated.date == date(2025, 9, 12)
    printed = services.plan_issue(actor=admin_user, plan=make_plan(number=252, date=date(2025, 9, 9)))
    assert printed.number == 252
    assert printed.document_number_id is None
    assert DocumentNumber.objects.count() == 1


def test_refused_users_change_nothing(make_plan, users):
    plan = make_plan(date=date(2025, 9, 5))
    for name in ("no_role", "other_commune", "unit_reporter", "council_member"):
        with pytest.raises(PermissionDenied):
            services.plan_issue(actor=users[name], plan=plan)
    plan.refresh_from_db()
    assert (plan.status, plan.number, DocumentNumber.objects.count()) == (PlanStatus.DRAFT, None, 0)
    assert services.plan_issue(actor=users["commune_officer"], plan=plan).number == 1


def test_registration_flow(running_plan, users, tree):
    reporter, officer = users["unit_reporter"], users["commune_officer"]
    registration = services.registration_create(
        actor=reporter,
        plan=running_plan,
        data={"unit": tree["village_a"], "contents": "Xây dựng thôn văn hóa", "intended_titles": ["TVH"]},
        today=SEPT,
    )
    assert registration.status == RegistrationStatus.DRAFT
    assert not selectors.registered(running_plan, unit=tree["village_a"])
    registration = services.registration_submit(actor=reporter, registration=registration, today=SEPT)
    assert selectors.registered(running_plan, unit=tree["village_a"])
    with pytest.raises(PermissionDenied):
        services.registration_accept(actor=reporter, registration=registration)
    with pytest.raises(ValidationError):
        services.registration_return(actor=officer, registration=registration, reason="  ")
    registration = services.registration_return(
        actor=officer, registration=registration, reason="Thiếu chỉ tiêu"
    )
    assert (registration.status, registration.return_reason) == (
        RegistrationStatus.RETURNED,
        "Thiếu chỉ tiêu",
    )
    assert not selectors.registered(running_plan, unit=tree["village_a"])
    registration = services.registration_update(
        actor=reporter, registration=registration, data={"targets": "90% hộ đạt Gia đình văn hóa"}, today=SEPT
    )
    registration = services.registration_submit(actor=reporter, registration=registration, today=SEPT)
    registration = services.registration_accept(actor=officer, registration=registration)
    assert (registration.status, registration.decided_by) == (RegistrationStatus.ACCEPTED, officer)
    assert selectors.registered(running_plan, unit=tree["village_a"])
    assert not selectors.registered(running_plan, unit=tree["department_a"])
    with pytest.raises(ValidationError):
        services.registration_accept(actor=officer, registration=registration)


def test_registration_deadline_refuses_clearly(running_plan, users, tree):
    reporter = users["unit_reporter"]
    data = {"unit": tree["village_a"], "contents": "Xây dựng thôn văn hóa"}
    with pytest.raises(ValidationError) as caught:
        services.registration_create(actor=reporter, plan=running_plan, data=data, today=date(2025, 10, 1))
    assert "30/09/2025" in " ".join(caught.value.messages)
    assert Registration.objects.count() == 0
    registration = services.registration_create(
        actor=reporter, plan=running_plan, data=data, today=date(2025, 9, 30)
    )
    with pytest.raises(ValidationError):
        services.registration_submit(actor=reporter, registration=registration, today=date(2025, 10, 1))
    assert Registration.objects.get().status == RegistrationStatus.DRAFT


def test_registration_needs_an_issued_plan_and_the_own_unit(make_plan, running_plan, users, tree):
    draft = make_plan()
    reporter = users["unit_reporter"]
    with pytest.raises(ValidationError):
        services.registration_create(
            actor=reporter, plan=draft, data={"unit": tree["village_a"], "contents": "x"}, today=SEPT
        )
    for name, unit in (
        ("unit_reporter", "department_a"),
        ("other_commune", "village_a"),
        ("no_role", "village_a"),
    ):
        with pytest.raises(PermissionDenied):
            services.registration_create(
                actor=users[name], plan=running_plan, data={"unit": tree[unit], "contents": "x"}, today=SEPT
            )
    assert Registration.objects.count() == 0
    services.registration_create(
        actor=reporter, plan=running_plan, data={"unit": tree["village_a"], "contents": "x"}, today=SEPT
    )
    with pytest.raises(ValidationError):
        services.registration_create(
            actor=reporter, plan=running_plan, data={"unit": tree["village_a"], "contents": "y"}, today=SEPT
        )


def test_individual_registration(running_plan, users, tree, make_person):
    person = make_person(tree["village_a"], "Trần Thị Bình")
    registration = services.registration_create(
        actor=users["commune_officer"],
        plan=running_plan,
        data={
            "unit": tree["village_a"],
            "person": person,
            "contents": "Lao động giỏi",
            "intended_titles": ["LĐTT"],
        },
        today=SEPT,
    )
    services.registration_submit(actor=users["commune_officer"], registration=registration, today=SEPT)
    assert selectors.registered(running_plan, person=person)
    assert not selectors.registered(running_plan, unit=tree["village_a"])
    with pytest.raises(ValueError):
        selectors.registered(running_plan)


def test_cascade_shifts_deadlines_by_working_days(make_plan, admin_user, users, tree):
    city_plan = make_plan(unit=tree["city"], number=252, date=date(2025, 9, 9), period_end=date(2025, 12, 31))
    movement = services.add_movement(actor=admin_user, plan=city_plan, order=0, name="Bình dân học vụ số")
    services.add_deadline(
        actor=admin_user, plan=city_plan, what="Báo cáo (thứ Hai)", due_date=date(2025, 12, 15)
    )
    services.add_deadline(actor=admin_user, plan=city_plan, what="Sau Tết", due_date=date(2026, 2, 23))
    services.add_deadline(actor=admin_user, plan=city_plan, what="Sau 2/9", due_date=date(2025, 9, 4))
    with pytest.raises(ValidationError):
        services.plan_cascade(
            actor=users["commune_officer"], parent=city_plan, issuing_unit=tree["commune_a"]
        )
    city_plan = services.plan_issue(actor=admin_user, plan=city_plan)
    with pytest.raises(PermissionDenied):
        services.plan_cascade(actor=users["other_commune"], parent=city_plan, issuing_unit=tree["commune_a"])
    child = services.plan_cascade(
        actor=users["commune_officer"], parent=city_plan, issuing_unit=tree["commune_a"], working_days=3
    )
    assert (child.parent, child.status, child.doc_kind) == (city_plan, PlanStatus.DRAFT, PlanKind.PLAN)
    assert child.issuer_name == "ỦY BAN NHÂN DÂN XÃ ÁNH DƯƠNG"
    assert [(m.name, m.carries) for m in child.movements.all()] == [("Bình dân học vụ số", movement)]
    # Mon 15/12 -> Wed 10/12 (weekend skipped); Mon 23/02/2026 after Tết (16-20/02 off) -> Wed 11/02;
    # Thu 04/09/2025: 1 and 2/9 are holidays, 30-31/8 a weekend -> Thu 28/08.
    assert [d.due_date for d in child.deadlines.order_by("carries__due_date")] == [
        date(2025, 8, 28),
        date(2025, 12, 10),
        date(2026, 2, 11),
    ]
    calendar = WorkCalendar()
    for deadline in child.deadlines.all():
        assert calendar.working_days_between(deadline.due_date, deadline.carries.due_date) == 3
    first = child.legal_bases.order_by("order").first()
    assert (first.linked_plan, first.number, first.symbol) == (city_plan, "252", "KH-UBND")


def test_cascade_default_comes_from_settings(make_plan, admin_user, users, tree, settings):
    settings.THIDUA_PLAN_CASCADE_WORKING_DAYS = 1
    city_plan = make_plan(unit=tree["city"], number=252, date=date(2025, 9, 9))
    services.add_deadline(actor=admin_user, plan=city_plan, what="Báo cáo", due_date=date(2025, 12, 15))
    city_plan = services.plan_issue(actor=admin_user, plan=city_plan)
    child = services.plan_cascade(
        actor=users["commune_officer"], parent=city_plan, issuing_unit=tree["commune_a"]
    )
    assert child.deadlines.get().due_date == date(2025, 12, 12)


def test_action_programmes_for_assigned_units(running_plan, users, tree):
    with pytest.raises(PermissionDenied):
        services.plan_create_action_programmes(actor=users["unit_reporter"], plan=running_plan)
    created = services.plan_create_action_programmes(actor=users["commune_officer"], plan=running_plan)
    assert [p.owner_unit for p in created] == [tree["department_a"], tree["village_a"]]
    programme = created[1]
    assert (programme.parent, programme.issuing_unit, programme.doc_kind) == (
        running_plan,
        tree["village_a"],
        PlanKind.PROGRAMME,
    )
    assert programme.assignments.get().tasks == "Đăng ký thi đua"
    assert programme.movements.count() == 1  # the village names no movement: it carries them all
    assert list(selectors.plan_list(user=users["unit_reporter"]).filter(parent=running_plan)) == [programme]
    assert services.plan_create_action_programmes(actor=users["commune_officer"], plan=running_plan) == []
