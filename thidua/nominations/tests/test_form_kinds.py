"""The nomination form follows the kind of nominee: the nominee part (re-rendered by htmx from
``nominations:nomination_nominee``) shows only the list of the chosen kind and only the titles for it; the
full page keeps every list for a browser without JavaScript, and saving still refuses a wrong pair."""

import re

import pytest
from django.urls import reverse

from thidua.commendations.evaluation import (
    COLLECTIVE_TARGETS,
    HOUSEHOLD_TARGETS,
    PERSON_TARGETS,
    VILLAGE_TARGETS,
)
from thidua.nominations.models import Nomination
from thidua.orgs import services as org_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(tree, admin_user):
    return org_services.household_create(
        actor=admin_user, data={"code": "HGD-01", "village": tree["village_a"], "address": "Xóm 1"}
    )


def nominee_url(review_round):
    return reverse("nominations:nomination_nominee", args=[review_round.pk])


def codes(html: str) -> set[str]:
    """The codes the title list offers (without the blank choice)."""
    select = re.search(r'<select name="target".*?</select>', html, re.S).group(0)
    return {value for value in re.findall(r'<option value="([^"]*)"', select) if value}


def shown(html: str) -> list[str]:
    """The nominee fields a browser shows (their wrapper is not ``hidden``)."""
    return re.findall(r'class="field[^"]* field-([a-z_]+)">', html)


def hidden(html: str) -> list[str]:
    return re.findall(r'class="field[^"]* field-([a-z_]+)" hidden>', html)


def part(client, review_round, **query):
    response = client.get(nominee_url(review_round), query)
    return response, response.content.decode()


def test_a_person_gets_the_person_list_and_the_titles_for_a_person(client, users, review_round, person):
    client.force_login(users["commune_officer"])
    response, html = part(client, review_round, subject_kind="person")
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="nominee"')  # the part only, not the page
    assert shown(html) == ["subject_kind", "person", "target"]
    assert hidden(html) == ["unit", "household"]
    assert codes(html) == {f"person:{code}" for code in PERSON_TARGETS}
    assert f'value="{person.pk}"' in html


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("village_a", VILLAGE_TARGETS), ("department_a", COLLECTIVE_TARGETS)],
)
def test_a_collective_gets_the_titles_for_its_kind_of_unit(client, users, review_round, tree, unit, expected):
    client.force_login(users["commune_officer"])
    _response, html = part(client, review_round, subject_kind="collective", unit=tree[unit].pk)
    assert shown(html) == ["subject_kind", "unit", "target"]
    assert codes(html) == {f"collective:{code}" for code in expected}


def test_a_collective_not_yet_chosen_gets_both_lists_of_collective_titles(client, users, review_round):
    client.force_login(users["commune_officer"])
    _response, html = part(client, review_round, subject_kind="collective")
    assert codes(html) == {f"collective:{code}" for code in (*COLLECTIVE_TARGETS, *VILLAGE_TARGETS)}


def test_a_household_gets_the_household_list_and_its_titles(client, users, review_round, household):
    client.force_login(users["commune_officer"])
    _response, html = part(client, review_round, subject_kind="household", household=household.pk)
    assert shown(html) == ["subject_kind", "household", "target"]
    assert codes(html) == {f"household:{code}" for code in HOUSEHOLD_TARGETS}
    assert re.search(rf'<option value="{household.pk}" selected>', html)


def test_before_the_kind_only_the_kind_is_shown(client, users, review_round):
    client.force_login(users["commune_officer"])
    _response, html = part(client, review_round)
    assert shown(html) == ["subject_kind"]
    assert hidden(html) == ["person", "unit", "household", "target"]


def test_the_chosen_title_stays_chosen_only_while_it_suits_the_kind(client, users, review_round, person):
    client.force_login(users["commune_officer"])
    target = "person:lao_dong_tien_tien"
    _response, html = part(client, review_round, subject_kind="person", person=person.pk, target=target)
    assert f'<option value="{target}" selected>' in html
    _response, html = part(client, review_round, subject_kind="household", target=target)
    assert "selected>" not in html.split('name="target"', 1)[1]


def test_the_eligibility_shows_once_the_nominee_and_the_title_are_chosen(client, users, review_round, person):
    client.force_login(users["commune_officer"])
    _response, html = part(client, review_round, subject_kind="person", person=person.pk)
    assert 'id="eligibility-preview"' not in html
    _response, html = part(
        client, review_round, subject_kind="person", person=person.pk, target="person:lao_dong_tien_tien"
    )
    preview = html.split('id="eligibility-preview"', 1)[1]
    assert re.search(r'<article class="eligibility (eligible|held|not_eligible)">', preview)


def test_a_nominee_the_user_may_not_change_is_not_found(
    client, users, review_round, person, make_person, tree
):
    stranger = make_person(tree["department_a"], "Phạm Văn Khác")
    client.force_login(users["unit_reporter"])  # reporter of the village only
    response, html = part(client, review_round, subject_kind="person")
    assert "Nguyễn Văn An" in html and "Phạm Văn Khác" not in html
    response, _html = part(client, review_round, subject_kind="person", person=stranger.pk)
    assert response.status_code == 404
    response, _html = part(client, review_round, subject_kind="collective", unit=tree["department_a"].pk)
    assert response.status_code == 404
    response, _html = part(client, review_round, subject_kind="person", person="not-a-number")
    assert response.status_code == 404


def test_a_round_of_another_commune_is_not_found(client, users, review_round):
    client.force_login(users["other_commune"])
    assert client.get(nominee_url(review_round), {"subject_kind": "person"}).status_code == 404


def test_anonymous_is_sent_to_log_in(client, review_round):
    response = client.get(nominee_url(review_round), {"subject_kind": "person"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_edit_part_keeps_the_subject_and_offers_its_titles(client, users, nominate, tree, review_round):
    nomination = nominate(tree["village_a"], code="thon_van_hoa")
    url = reverse("nominations:nomination_update_nominee", args=[nomination.pk])
    client.force_login(users["commune_officer"])
    # The kind and nominee in the query are ignored: the nomination's own are kept.
    html = client.get(url, {"subject_kind": "person", "target": "collective:giay_khen_chu_tich_xa"}).content
    html = html.decode()
    assert shown(html) == ["subject_kind", "unit", "target"] and hidden(html) == []
    assert codes(html) == {f"collective:{code}" for code in VILLAGE_TARGETS}
    assert '<option value="collective:giay_khen_chu_tich_xa" selected>' in html
    client.force_login(users["other_commune"])
    assert client.get(url).status_code == 404


def test_the_page_keeps_every_list_for_a_browser_without_javascript(client, users, review_round, person):
    client.force_login(users["commune_officer"])
    html = client.get(reverse("nominations:nomination_create", args=[review_round.pk])).content.decode()
    assert re.search(r'<noscript><link rel="stylesheet" href="[^"]*nominations/nojs\.css"></noscript>', html)
    assert f'hx-get="{nominee_url(review_round)}"' in html
    # Every list is in the page (hidden until a kind is chosen, shown by nojs.css without JavaScript) ...
    assert hidden(html) == ["person", "unit", "household", "target"]
    assert f'value="{person.pk}"' in html
    # ... and the titles of every kind.
    assert codes(html) == {
        f"{kind}:{code}"
        for kind, targets in (
            ("person", PERSON_TARGETS),
            ("collective", COLLECTIVE_TARGETS + VILLAGE_TARGETS),
            ("household", HOUSEHOLD_TARGETS),
        )
        for code in targets
    }


def test_a_village_title_for_a_department_is_refused_on_save(client, users, review_round, tree):
    client.force_login(users["commune_officer"])
    response = client.post(
        reverse("nominations:nomination_create", args=[review_round.pk]),
        {"subject_kind": "collective", "unit": tree["department_a"].pk, "proposing_unit": tree["commune_a"].pk,
         "target": "collective:thon_van_hoa", "category": "officer", "summary": "x"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "không dành cho loại đối tượng đã chọn" in html
    # The form shown again offers the titles for a department only.
    assert codes(html) == {f"collective:{code}" for code in COLLECTIVE_TARGETS}
    assert not Nomination.objects.exists()
