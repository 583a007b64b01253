import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from thidua.orgs import selectors, services
from thidua.orgs.filtersets import PersonFilterSet
from thidua.orgs.models import Household, Person

pytestmark = pytest.mark.django_db


def test_people_are_ordered_by_given_name_then_middle_then_family(users, tree, make_person):
    for name in [
        "Trần Văn Bình",
        "Nguyễn Thị Ánh",
        "Lê Ánh",
        "Phạm Văn An",
        "Đỗ Thị Ân",
        "Bùi Đức Dũng",
        "Vũ Văn Đức",
        "Hoàng Thị Ánh",
    ]:
        make_person(tree["village_a"], name)
    names = [p.full_name for p in selectors.person_list(user=users["commune_officer"])]
    # A < Ă < Â and D < Đ; tones only break ties; an empty middle name comes first.
    assert names == [
        "Phạm Văn An",
        "Lê Ánh",
        "Hoàng Thị Ánh",
        "Nguyễn Thị Ánh",
        "Đỗ Thị Ân",
        "Trần Văn Bình",
        "Bùi Đức Dũng",
        "Vũ Văn Đức",
    ]


def test_accent_insensitive_search(users, tree, make_person, rf):
    make_person(tree["village_a"], "Nguyễn Văn Thắng", position="Trưởng thôn Nông Thôn Mới")
    make_person(tree["village_a"], "Trần Thị Hoa")
    request = rf.get("/")
    request.user = users["commune_officer"]
    for query in ["nong thon moi", "NÔNG THÔN", "thang", "NGUYEN van"]:
        filterset = PersonFilterSet({"q": query}, queryset=Person.objects.all(), request=request)
        assert [p.full_name for p in filterset.qs] == ["Nguyễn Văn Thắng"], query


def test_household_members_and_head(admin_user, tree, make_person):
    household = services.household_create(actor=admin_user, data={"code": "H1", "village": tree["village_a"]})
    head = make_person(tree["village_a"], "Lê Văn Tám", household=household, relation_to_head="head")
    make_person(tree["village_a"], "Lê Thị Chín", household=household, relation_to_head="child")
    services.household_update(actor=admin_user, household=household, data={"head": head})
    listed = selectors.household_list(user=admin_user).get(pk=household.pk)
    assert listed.member_count == 2
    assert listed.head == head
    services.person_delete(actor=admin_user, person=head)
    household.refresh_from_db()
    assert household.head is None


def test_reporter_cannot_create_people_in_another_unit(users, tree):
    data = {
        "full_name": "Ngô Văn Lạ",
        "sex": "male",
        "employment_group": "resident",
        "unit": tree["village_b"],
    }
    with pytest.raises(PermissionDenied):
        services.person_create(actor=users["unit_reporter"], data=data)
    assert not Person.objects.filter(full_name="Ngô Văn Lạ").exists()
    person = services.person_create(actor=users["unit_reporter"], data={**data, "unit": tree["village_a"]})
    assert person.pk


def test_household_village_must_be_in_scope(users, tree):
    with pytest.raises(PermissionDenied):
        services.household_create(
            actor=users["commune_officer"], data={"code": "HX", "village": tree["village_b"]}
        )
    assert not Household.objects.filter(code="HX").exists()


def test_memberships_are_dated_and_scoped(client, users, tree, make_person):
    person = make_person(tree["department_a"], "Đinh Văn Mười")
    client.force_login(users["commune_officer"])
    url = reverse("orgs:membership_create", args=[person.pk])
    response = client.post(
        url,
        {
            "unit": tree["village_a"].pk,
            "position": "Cán bộ",
            "valid_from": "01/07/2025",
            "valid_to": "01/01/2025",
        },
    )
    assert response.status_code == 200 and "valid_to" in response.context["form"].errors
    response = client.post(
        url, {"unit": tree["village_a"].pk, "position": "Cán bộ", "valid_from": "01/07/2025"}
    )
    assert response.status_code == 302
    membership = person.memberships.get()
    assert (membership.unit, str(membership.valid_from)) == (tree["village_a"], "2025-07-01")
    client.force_login(users["other_commune"])
    assert client.get(url).status_code == 404
    assert client.post(reverse("orgs:membership_delete", args=[membership.pk])).status_code == 404
    assert person.memberships.count() == 1
