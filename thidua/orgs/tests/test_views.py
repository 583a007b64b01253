import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.orgs import services
from thidua.orgs.choices import EmploymentGroup, Sex, UnitKind
from thidua.orgs.models import OrgUnit, Person

pytestmark = pytest.mark.django_db


def add_people(unit, count, start=0):
    """Bulk rows (no services) so that 1,000 rows stay fast; the list pages only read them."""
    people = [
        Person(
            full_name=f"Nguyễn Văn Số{index}",
            given_name=f"Số{index}",
            family_name="Nguyễn",
            middle_name="Văn",
            sex=Sex.MALE,
            employment_group=EmploymentGroup.RESIDENT,
            unit=unit,
            search_text=f"nguyen van so{index}",
        )
        for index in range(start, start + count)
    ]
    Person.objects.bulk_create(people)


def add_units(parent, count, start=0):
    OrgUnit.objects.bulk_create(
        OrgUnit(
            code=f"U{index}",
            name=f"Tổ {index}",
            kind=UnitKind.OTHER,
            parent=parent,
            path=f"{parent.path}{900000000 + index:09d}/",
            depth=parent.depth + 1,
        )
        for index in range(start, start + count)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url_name", "grow"),
    [("orgs:person_list", add_people), ("orgs:unit_list", add_units)],
)
def test_list_pages_use_the_same_number_of_queries_for_10_and_1000_rows(client, users, tree, url_name, grow):
    client.force_login(users["commune_officer"])
    target = tree["village_a"]
    grow(target, 10)
    url = reverse(url_name)
    small = count_queries(client, url)
    grow(target, 990, start=10)
    large = count_queries(client, url)
    assert small == large
    assert (
        count_queries(client, url + "?sort=-full_name" if "person" in url_name else url + "?sort=parent")
        == large
    )


def test_household_list_queries_do_not_grow(client, users, tree, admin_user):
    client.force_login(users["commune_officer"])
    for index in range(5):
        services.household_create(actor=admin_user, data={"code": f"H{index}", "village": tree["village_a"]})
    small = count_queries(client, reverse("orgs:household_list"))
    for index in range(5, 60):
        services.household_create(actor=admin_user, data={"code": f"H{index}", "village": tree["village_a"]})
    assert count_queries(client, reverse("orgs:household_list")) == small


def test_history_tab_shows_who_and_a_readable_diff(client, users, tree, make_person):
    person = make_person(tree["village_a"], "Trần Văn Bảy", position="Thôn đội trưởng")
    officer = users["commune_officer"]
    services.person_update(actor=officer, person=person, data={"position": "Trưởng thôn"}, reason="Bầu lại")
    client.force_login(officer)
    response = client.get(reverse("orgs:person_detail", args=[person.pk]) + "?tab=history")
    history = response.context["history"]
    assert [entry.action for entry in history][:2] == ["Đã sửa", "Đã tạo"] or [e.action for e in history][
        :2
    ] == ["Changed", "Created"]
    latest = history[0]
    assert latest.who == str(officer)
    assert latest.reason == "Bầu lại"
    assert [(c.before, c.after) for c in latest.changes] == [("Thôn đội trưởng", "Trưởng thôn")]
    page = response.content.decode()
    assert "Thôn đội trưởng" in page and "Trưởng thôn" in page


def test_history_tab_loads_in_place_with_htmx(client, users, tree, make_person):
    person = make_person(tree["village_a"], "Trần Văn Bảy")
    client.force_login(users["commune_officer"])
    response = client.get(
        reverse("orgs:person_detail", args=[person.pk]) + "?tab=history", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'id="tab-panel"' in body and "<html" not in body


def test_form_errors_are_in_vietnamese(client, users, tree):
    client.force_login(users["commune_officer"])
    before = Person.objects.count()
    response = client.post(
        reverse("orgs:person_create"),
        {
            "full_name": "x" * 151,
            "sex": "male",
            "employment_group": "resident",
            "unit": tree["village_a"].pk,
            "date_of_birth": "31/02/1990",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "tối đa 150 kí tự" in errors["full_name"][0]
    assert "dd/mm/yyyy" in errors["date_of_birth"][0]
    assert Person.objects.count() == before


def test_unit_crud_through_the_pages(client, users, tree):
    client.force_login(users["commune_officer"])
    response = client.post(
        reverse("orgs:unit_create"),
        {"kind": "village", "name": "Thôn Mới", "code": "A-NEW", "parent": tree["commune_a"].pk},
    )
    unit = OrgUnit.objects.get(code="A-NEW")
    assert response["Location"] == unit.get_absolute_url()
    assert unit.path.startswith(tree["commune_a"].path)
    response = client.post(
        reverse("orgs:unit_update", args=[unit.pk]),
        {"kind": "village", "name": "Thôn Mới Lập", "code": "A-NEW", "parent": tree["commune_a"].pk},
    )
    unit.refresh_from_db()
    assert unit.name == "Thôn Mới Lập"
    client.post(reverse("orgs:unit_delete", args=[unit.pk]))
    assert not OrgUnit.objects.filter(code="A-NEW").exists()
