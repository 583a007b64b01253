"""Nominations (issue #6 parts 1–2): a round of 300 nominations across 20 units. See bench/nominations.md.

Cases, each against a floor measured in the same run:

- the round page, nominee list tab (grouped by title, Vietnamese order, quota panel) vs fetching the same
  nominations with their subjects through the ORM;
- the nominee list as Excel vs openpyxl writing 300 rows of ten plain strings;
- the public disclosure page vs the portal's front page;
- the accept check of one nomination (dossier parts, registration, the engine's eligibility) vs reading the
  nomination's parts.
"""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from openpyxl import Workbook
from timing import best_of, record

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.commendations.models import TaskRating
from thidua.nominations import checks, services
from thidua.nominations.choices import DossierPartKind, NominationStatus, RoundStatus
from thidua.nominations.models import DossierPart, Nomination, ReviewRound
from thidua.orgs import services as org_services
from thidua.orgs.choices import EmploymentGroup, Sex, UnitKind
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db
UNITS, PER_UNIT = 20, 15
CODES = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so", "giay_khen_chu_tich_xa"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ"]
GIVEN = ["An", "Ánh", "Bình", "Chi", "Dũng", "Đông", "Hà", "Hải", "Lan", "Yến"]


@pytest.fixture
def round_data(admin_user):
    def unit(code, name, kind, parent=None):
        return org_services.orgunit_create(
            actor=admin_user, data={"code": code, "name": name, "kind": kind, "parent": parent}
        )

    city = unit("NB", "Thành phố Bench", UnitKind.PROVINCE)
    commune = unit("NB-X", "Xã Bench", UnitKind.COMMUNE, city)
    units = [unit(f"NB-X-{i}", f"Trường Bench {i:02d}", UnitKind.SCHOOL, commune) for i in range(UNITS)]
    people = Person.objects.bulk_create(
        Person(
            full_name=f"{FAMILY[i % 8]} Văn {GIVEN[i % 10]} {i:03d}",
            given_name=f"{GIVEN[i % 10]} {i:03d}",
            family_name=FAMILY[i % 8],
            sex=Sex.MALE,
            employment_group=EmploymentGroup.CBCCVC,
            unit=units[i % UNITS],
        )
        for i in range(UNITS * PER_UNIT)
    )
    TaskRating.objects.bulk_create(TaskRating(person=person, year=2025, rating="httnv") for person in people)
    review_round = ReviewRound.objects.create(
        commune=commune, year=2025, name="Bench 2025", nominations_due=date.today(),
        status=RoundStatus.DISCLOSED, disclosed_from=date.today(), disclosure_ends_on=date.today(),
    )  # fmt: skip
    nominations = Nomination.objects.bulk_create(
        Nomination(
            review_round=review_round, person=person, proposing_unit=person.unit, code=CODES[i % 3],
            summary="Hoàn thành tốt nhiệm vụ được giao", status=NominationStatus.DISCLOSED,
        )
        for i, person in enumerate(people)
    )  # fmt: skip
    DossierPart.objects.bulk_create(
        DossierPart(nomination=nomination, kind=kind, text="Nội dung")
        for nomination in nominations
        for kind in (
            DossierPartKind.PROPOSAL,
            DossierPartKind.ACHIEVEMENT_REPORT,
            DossierPartKind.MEETING_MINUTES,
        )
    )
    officer = User.objects.create_user("nb-officer", password="x-bench-123")
    RoleGrant.objects.create(user=officer, role=Role.COMMUNE_OFFICER, unit=commune, include_subtree=True)
    client = Client()
    client.force_login(officer)
    return review_round, nominations, client


def report(benchmark, name: str, floor: float) -> None:
    record(
        benchmark,
        f"{name} on {connection.vendor}",
        floor,
        vendor=connection.vendor,
        nominations=UNITS * PER_UNIT,
    )


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def _fetch(review_round):
    return list(
        Nomination.objects.filter(review_round=review_round).select_related("person__unit", "proposing_unit")
    )


def test_round_page_nominee_list(benchmark, round_data):
    review_round, _nominations, client = round_data
    floor = best_of(lambda: _fetch(review_round))
    url = f"/nominations/rounds/{review_round.pk}/"
    response = benchmark.pedantic(_get, args=(client, url), kwargs={"tab": "list"}, rounds=5, warmup_rounds=1)
    assert "Bench 2025" in response.content.decode()
    report(benchmark, "round page, nominee list tab, 300 nominations", floor)
    assert benchmark.stats.stats.min < 2.0


def test_nominee_list_excel(benchmark, round_data):
    review_round, _nominations, client = round_data

    def plain():
        book = Workbook()
        for index in range(UNITS * PER_UNIT):
            book.active.append([f"ô {index} {column}" for column in range(10)])
        book.save("/dev/null")

    floor = best_of(plain)
    url = f"/nominations/rounds/{review_round.pk}/"
    benchmark.pedantic(_get, args=(client, url), kwargs={"export": "xlsx"}, rounds=5, warmup_rounds=1)
    report(benchmark, "nominee list as Excel, 300 rows", floor)


def test_public_disclosure_page(benchmark, round_data):
    review_round, _nominations, _client = round_data
    client = Client()
    floor = best_of(lambda: _get(client, "/portal/"))
    response = benchmark.pedantic(
        _get, args=(client, f"/portal/disclosure/{review_round.pk}/"), rounds=5, warmup_rounds=1
    )
    assert "Bench 2025" in response.content.decode()
    report(benchmark, "public disclosure page, 300 nominees", floor)


def test_accept_checks_of_one_nomination(benchmark, round_data):
    review_round, nominations, _client = round_data
    nomination = Nomination.objects.select_related("person__unit", "review_round__commune").get(
        pk=nominations[0].pk
    )
    rules = checks.rules_for(review_round)
    floor = best_of(lambda: list(nomination.parts.all()), 10)

    def run():
        for check in checks.accept_checks(rules):
            check(nomination)

    benchmark.pedantic(run, rounds=10, warmup_rounds=1)
    report(benchmark, "accept checks (dossier, registration, eligibility)", floor)
    assert services.disclosure_over(review_round, date(2100, 1, 1))
