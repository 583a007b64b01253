"""Record services: validation, history, scoping and the permission matrix."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from thidua.commendations import selectors, services
from thidua.commendations.models import AwardRecord, TaskRating
from thidua.orgs.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(tree, make_person):
    return make_person(tree["village_a"], "Nguyễn Thị Hoa")


def test_duplicate_rating_is_refused_with_a_clear_message(person, record, admin_user):
    """The message is the constraint's own (translated in the catalogue), not a database error."""
    record("rating", person=person, year=2025, rating="htxs")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.rating_create(actor=admin_user, data={"person": person, "year": 2025, "rating": "ht"})
    assert "This person already has a rating for this year." in error.value.messages
    assert TaskRating.objects.filter(person=person).count() == 1


def test_same_year_for_another_subject_is_fine(tree, person, record):
    record("rating", person=person, year=2025, rating="htxs")
    record("rating", unit=tree["village_a"], year=2025, rating="httnv")
    assert TaskRating.objects.filter(year=2025).count() == 2


def test_future_year_is_refused(person, admin_user):
    future = date.today().year + 1
    with pytest.raises(ValidationError) as error:
        services.rating_create(actor=admin_user, data={"person": person, "year": future, "rating": "ht"})
    assert "year" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.award_create(
            actor=admin_user, data={"person": person, "year": future, "code": "lao_dong_tien_tien"}
        )
    assert not TaskRating.objects.exists() and not AwardRecord.objects.exists()


def test_unknown_title_code_is_refused(person, admin_user):
    with pytest.raises(ValidationError) as error:
        services.award_create(
            actor=admin_user, data={"person": person, "year": 2024, "code": "huan_chuong_xyz"}
        )
    assert "code" in error.value.message_dict


def test_a_record_has_exactly_one_subject(tree, person, admin_user):
    with pytest.raises((ValidationError, PermissionDenied)):
        services.rating_create(
            actor=admin_user, data={"person": person, "unit": tree["village_a"], "year": 2024, "rating": "ht"}
        )
    assert not TaskRating.objects.exists()


def test_discipline_end_before_start_is_refused(person, admin_user):
    with pytest.raises(ValidationError) as error:
        services.discipline_create(
            actor=admin_user,
            data={
                "person": person,
                "measure": "khien_trach",
                "start": date(2025, 3, 1),
                "end": date(2025, 1, 1),
            },
        )
    assert "end" in error.value.message_dict


def test_history_records_who(person, users, record):
    rating = record("rating", person=person, year=2024, rating="httnv")
    services.record_update(
        actor=users["commune_officer"], record=rating, data={"rating": "htxs"}, reason="Sửa"
    )
    latest = rating.history.first()
    assert latest.history_user == users["commune_officer"]
    assert latest.rating == "htxs" and latest.history_change_reason == "Sửa"


def test_member_list_only_for_collectives(tree, person, make_person, household=None):
    member = make_person(tree["department_a"], "Trần Văn Bình")
    moved = make_person(tree["village_a"], "Lê Thị Cúc")
    Membership.objects.create(
        person=moved, unit=tree["department_a"], valid_from=date(2025, 2, 1), valid_to=date(2025, 10, 1)
    )
    Membership.objects.create(
        person=person, unit=tree["department_a"], valid_from=date(2023, 1, 1), valid_to=date(2023, 12, 31)
    )
    members = selectors.subject_members("collective", tree["department_a"], 2025)
    assert [m.pk for m in members] == sorted([member.pk, moved.pk])
    with pytest.raises(ValidationError):
        selectors.subject_members("person", person, 2025)
    with pytest.raises(ValidationError):
        selectors.subject_members("household", person, 2025)


# --- Permission matrix ---------------------------------------------------------------------------------

MATRIX = {  # who -> (view the page, add a rating, delete a rating) for a person of village A
    "anonymous": (False, False, False),
    "no_role": (False, False, False),
    "other_commune": (False, False, False),
    "unit_reporter": (True, True, False),  # own unit
    "commune_officer": (True, True, True),  # parent subtree
    "city_officer": (True, True, True),
    "council_member": (True, False, False),  # read-only role
}


def login(client, users, who):
    if who != "anonymous":
        client.force_login(users[who])


@pytest.mark.parametrize("who", MATRIX)
def test_permission_matrix(client, users, person, record, who):
    rating = record("rating", person=person, year=2024, rating="httnv")
    login(client, users, who)
    can_view, can_add, can_delete = MATRIX[who]
    page = client.get(reverse("commendations:person", args=[person.pk]))
    if who == "anonymous":
        assert page.status_code == 302
    else:
        assert page.status_code == (200 if can_view else 404)
    before = list(TaskRating.objects.values_list("pk", "year", "rating"))
    response = client.post(
        reverse("commendations:record_create", args=["person", person.pk, "rating"]),
        {"year": "2025", "rating": "htxs", "note": ""},
    )
    if can_add:
        assert response.status_code == 302, response.content.decode()[:1500]
        assert TaskRating.objects.filter(person=person, year=2025, rating="htxs").exists()
    else:
        assert response.status_code in (302, 404)
        assert list(TaskRating.objects.values_list("pk", "year", "rating")) == before
    response = client.post(reverse("commendations:record_delete", args=["rating", rating.pk]))
    assert TaskRating.objects.filter(pk=rating.pk).exists() is not can_delete
    if not can_delete:
        assert response.status_code in (302, 404)


def test_service_refuses_other_commune(users, person, record):
    with pytest.raises(PermissionDenied):
        services.rating_create(
            actor=users["other_commune"], data={"person": person, "year": 2024, "rating": "ht"}
        )
    rating = record("rating", person=person, year=2024, rating="ht")
    with pytest.raises(PermissionDenied):
        services.record_delete(actor=users["council_member"], record=rating)
    assert TaskRating.objects.filter(pk=rating.pk).exists()


def test_other_commune_records_are_invisible(users, person, record):
    record("rating", person=person, year=2024, rating="ht")
    assert selectors.record_list(TaskRating, user=users["other_commune"]).count() == 0
    assert selectors.record_list(TaskRating, user=users["commune_officer"]).count() == 1
    assert selectors.record_list(TaskRating, user=users["unit_reporter"]).count() == 1
