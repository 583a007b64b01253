"""The permission matrix: anonymous / no role / other commune / own unit / parent subtree."""

import pytest
from django.urls import reverse

from thidua.orgs import services
from thidua.orgs.models import Household, OrgUnit, Person

pytestmark = pytest.mark.django_db

# who -> (can view, can change, can delete) a person of village A
MATRIX = {
    "anonymous": (False, False, False),
    "no_role": (False, False, False),
    "other_commune": (False, False, False),
    "unit_reporter": (True, True, False),  # own unit
    "commune_officer": (True, True, True),  # parent subtree
    "city_officer": (True, True, True),  # grandparent subtree
    "council_member": (True, False, False),  # parent subtree, read-only role
}


def login(client, users, who):
    if who != "anonymous":
        client.force_login(users[who])


def snapshot():
    return (
        list(Person.objects.order_by("pk").values_list("pk", "full_name", "position", "unit_id")),
        list(OrgUnit.objects.order_by("pk").values_list("pk", "name", "parent_id", "path")),
        list(Household.objects.order_by("pk").values_list("pk", "code", "village_id")),
    )


@pytest.fixture
def person(tree, make_person):
    return make_person(tree["village_a"], "Nguyễn Thị Hoa", position="Trưởng thôn")


@pytest.mark.parametrize("who", MATRIX)
def test_view(client, users, person, who):
    login(client, users, who)
    detail = client.get(reverse("orgs:person_detail", args=[person.pk]))
    history = client.get(reverse("orgs:person_detail", args=[person.pk]) + "?tab=history")
    listing = client.get(reverse("orgs:person_list"))
    export = client.get(reverse("orgs:person_list") + "?export=csv")
    if who == "anonymous":
        assert detail.status_code == 302 and "/accounts/login/" in detail["Location"]
        assert listing.status_code == 302 and export.status_code == 302
        return
    allowed = MATRIX[who][0]
    assert detail.status_code == (200 if allowed else 404)
    assert history.status_code == (200 if allowed else 404)
    assert listing.status_code == 200
    assert ("Nguyễn Thị Hoa" in listing.content.decode()) is allowed
    assert ("Nguyễn Thị Hoa" in export.content.decode("utf-8-sig")) is allowed


@pytest.mark.parametrize("who", MATRIX)
def test_change(client, users, person, who):
    login(client, users, who)
    before = snapshot()
    url = reverse("orgs:person_update", args=[person.pk])
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "sex": "female",
        "employment_group": "resident",
        "unit": person.unit_id,
        "position": "Chi hội trưởng",
        "date_of_birth": "05/09/1980",
    }
    response = client.post(url, data)
    person.refresh_from_db()
    if MATRIX[who][1]:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert person.position == "Chi hội trưởng"
        assert person.history.first().history_user == users[who]
    else:
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
        assert snapshot() == before


@pytest.mark.parametrize("who", MATRIX)
def test_delete(client, users, person, who):
    login(client, users, who)
    before = snapshot()
    response = client.post(reverse("orgs:person_delete", args=[person.pk]))
    if MATRIX[who][2]:
        assert response.status_code == 302
        assert not Person.objects.filter(pk=person.pk).exists()
        assert person.history.filter(history_type="-").exists()
    else:
        assert response.status_code in (302, 404)
        assert snapshot() == before


def test_other_commune_cannot_reach_units_or_households(client, users, tree, admin_user):
    household = services.household_create(
        actor=admin_user, data={"code": "H-A", "village": tree["village_a"]}
    )
    client.force_login(users["other_commune"])
    assert client.get(reverse("orgs:unit_detail", args=[tree["village_a"].pk])).status_code == 404
    assert client.get(reverse("orgs:unit_update", args=[tree["village_a"].pk])).status_code == 404
    assert client.get(reverse("orgs:household_detail", args=[household.pk])).status_code == 404
    assert client.get(reverse("orgs:household_detail", args=[99999])).status_code == 404
    assert client.get(reverse("orgs:unit_detail", args=[tree["village_b"].pk])).status_code == 200


def test_create_form_only_offers_units_in_scope(client, users, tree):
    client.force_login(users["unit_reporter"])
    before = snapshot()
    response = client.post(
        reverse("orgs:person_create"),
        {
            "full_name": "Ngô Văn Lạ",
            "sex": "male",
            "employment_group": "resident",
            "unit": tree["village_b"].pk,
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert snapshot() == before


def test_switcher_refuses_a_unit_out_of_scope(client, users, tree):
    client.force_login(users["other_commune"])
    response = client.post(reverse("orgs:switch_unit"), {"unit": tree["commune_a"].pk})
    assert response.status_code == 404
    response = client.post(
        reverse("orgs:switch_unit"), {"unit": tree["commune_b"].pk, "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("orgs:home")
