"""From stored records to the engine: the outcomes a commune officer relies on."""

from datetime import date

import pytest

from thidua.commendations import evaluation
from thidua.commendations.engine import Status
from thidua.commendations.models import TaskRating
from thidua.commendations.rules import ruleset_for
from thidua.orgs.choices import EmploymentGroup, Sex
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


def outcome(kind, obj, target, year=2025, as_of=TODAY):
    loaded, _info = evaluation.load_one(kind, obj, year=year, as_of=as_of)
    rows = evaluation.evaluate(loaded, ruleset_for(as_of), targets=[target])
    assert len(rows) == 1
    return rows[0]


@pytest.fixture
def officer(tree, make_person):
    return make_person(tree["department_a"], "Phạm Minh Quân")


def test_htxs_with_an_unused_base_initiative_is_eligible_for_cstdcs(officer, record):
    record("rating", person=officer, year=2025, rating="htxs")
    record("initiative", person=officer, year=2025, title="Số hóa hồ sơ", scope="co_so")
    row = outcome("person", officer, "chien_si_thi_dua_co_so")
    assert row.result.status == Status.ELIGIBLE
    assert row.result.granted_by == "chu_tich_ubnd_xa"


def test_httnv_with_an_initiative_already_used_is_not(officer, record):
    record("rating", person=officer, year=2025, rating="httnv")
    record(
        "initiative",
        person=officer,
        year=2025,
        title="Số hóa",
        scope="co_so",
        used_for="bang_khen_chu_tich_tinh",
    )
    row = outcome("person", officer, "chien_si_thi_dua_co_so")
    assert row.result.status == Status.NOT_ELIGIBLE
    failed = {condition.code: condition for condition in row.failed}
    assert "htxs_or_initiative" in failed
    assert "Điều 23 Luật TĐKT 2022" in failed["htxs_or_initiative"].message


def test_disciplined_person_is_not_eligible_with_the_legal_basis(officer, record):
    record("rating", person=officer, year=2025, rating="htxs")
    record("initiative", person=officer, year=2025, title="Số hóa", scope="co_so")
    record("discipline", person=officer, measure="khien_trach", start=date(2025, 3, 10), end=date(2026, 3, 9))
    row = outcome("person", officer, "chien_si_thi_dua_co_so")
    assert row.result.status == Status.NOT_ELIGIBLE
    ldtt = outcome("person", officer, "lao_dong_tien_tien")
    failed = {condition.code: condition for condition in ldtt.failed}
    assert "no_discipline_in_year" in failed
    assert "khiển trách" in failed["no_discipline_in_year"].message
    assert "Nghị định 152/2025" in failed["no_discipline_in_year"].basis


def test_a_measure_that_ended_before_the_year_does_not_count_in_it(officer, record):
    record("rating", person=officer, year=2025, rating="httnv")
    record("discipline", person=officer, measure="khien_trach", start=date(2023, 2, 1), end=date(2024, 1, 31))
    assert outcome("person", officer, "lao_dong_tien_tien").result.status == Status.ELIGIBLE


def test_pending_complaint_holds(officer, record):
    record("rating", person=officer, year=2025, rating="htxs")
    record("review", person=officer, kind="complaint", opened=date(2025, 11, 20))
    row = outcome("person", officer, "lao_dong_tien_tien")
    assert row.result.status == Status.HELD
    assert [condition.code for condition in row.failed] == ["not_under_review"]


def test_a_closed_complaint_no_longer_holds(officer, record):
    record("rating", person=officer, year=2025, rating="htxs")
    record("review", person=officer, kind="complaint", opened=date(2025, 11, 20), closed=date(2026, 1, 15))
    assert outcome("person", officer, "lao_dong_tien_tien").result.status == Status.ELIGIBLE
    # before it was closed, it held the proposal
    assert (
        outcome("person", officer, "lao_dong_tien_tien", as_of=date(2026, 1, 10)).result.status == Status.HELD
    )


def test_newcomer_under_six_months(officer, record):
    from thidua.orgs.models import Membership

    Membership.objects.create(person=officer, unit=officer.unit, valid_from=date(2025, 9, 1))
    record("rating", person=officer, year=2025, rating="httnv")
    row = outcome("person", officer, "lao_dong_tien_tien")
    assert [condition.code for condition in row.failed] == ["employment_at_least_6_months"]


def _collective(unit, *, members: int, advanced: int):
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Thành viên {index}",
            sex=Sex.FEMALE,
            employment_group=EmploymentGroup.CBCCVC,
            unit=unit,
        )
        for index in range(members)
    )
    TaskRating.objects.bulk_create(
        TaskRating(person=person, year=2025, rating="httnv" if index < advanced else "ht")
        for index, person in enumerate(people)
    )
    TaskRating.objects.create(unit=unit, year=2025, rating="httnv")


def test_collective_at_exactly_70_percent_is_eligible(tree):
    _collective(tree["department_a"], members=10, advanced=7)
    row = outcome("collective", tree["department_a"], "tap_the_lao_dong_tien_tien")
    assert row.result.status == Status.ELIGIBLE
    ratio = next(c for c in row.result.conditions if c.code == "members_ldtt_at_least_70_percent")
    assert "7/10" in ratio.message


def test_collective_at_69_9_percent_is_not(tree):
    _collective(tree["department_a"], members=1000, advanced=699)
    row = outcome("collective", tree["department_a"], "tap_the_lao_dong_tien_tien")
    assert row.result.status == Status.NOT_ELIGIBLE
    assert [condition.code for condition in row.failed] == ["members_ldtt_at_least_70_percent"]
    assert "69,9%" in row.failed[0].message


def test_collective_with_a_member_warned_is_not(tree, make_person, record):
    _collective(tree["department_a"], members=5, advanced=5)
    warned = Person.objects.filter(unit=tree["department_a"]).first()
    record("discipline", person=warned, measure="canh_cao", start=date(2025, 5, 1))
    row = outcome("collective", tree["department_a"], "tap_the_lao_dong_tien_tien")
    assert "no_member_disciplined_canh_cao_or_above" in [condition.code for condition in row.failed]


def test_dot_xuat_award_does_not_count_toward_a_higher_award(officer, record):
    for year in (2024, 2025):
        record("rating", person=officer, year=year, rating="htxs")
    record("award", person=officer, year=2024, code="chien_si_thi_dua_co_so", award_type="dot_xuat")
    record("award", person=officer, year=2023, code="chien_si_thi_dua_co_so")
    row = outcome("person", officer, "bang_khen_chu_tich_tinh")
    assert row.result.status == Status.NOT_ELIGIBLE


def test_household_member_under_review_holds_the_household(tree, make_person, record, admin_user):
    from thidua.orgs import services as org_services

    household = org_services.household_create(
        actor=admin_user, data={"code": "H1", "village": tree["village_a"]}
    )
    member = make_person(tree["village_a"], "Đỗ Văn Hải", household=household)
    record("review", person=member, kind="investigation", opened=date(2025, 12, 1))
    row = outcome("household", household, "gia_dinh_van_hoa")
    assert row.result.status == Status.HELD
