"""A round of commune A whose council passed five nominees: three people LĐTT (names chosen to test the
Vietnamese order), one CSTĐCS and one collective TTLĐTT; the disclosure window ended long ago."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.commendations.choices import Rating
from thidua.commendations.services import rating_create
from thidua.nominations import services as nominations
from thidua.nominations.choices import Category

PEOPLE = [
    ("Trần Văn Bình", "lao_dong_tien_tien"),
    ("Nguyễn Thị Ánh", "lao_dong_tien_tien"),
    ("Lê Văn An", "lao_dong_tien_tien"),
    ("Phạm Thị Đào", "chien_si_thi_dua_co_so"),
]
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def chairman(tree):
    user = User.objects.create_user("chairman", password="x-secret-123", full_name="Hoàng Văn Chủ")
    RoleGrant.objects.create(user=user, role=Role.CHAIRMAN, unit=tree["commune_a"], include_subtree=True)
    return user


def make_round(
    tree, admin_user, make_person, *, people=PEOPLE, collective=True, year=2024, vote=True, start=None
):
    review_round = nominations.round_create(
        actor=admin_user,
        data={
            "commune": tree["commune_a"],
            "year": year,
            "name": f"Bình xét thi đua năm {year}",
            "nominations_due": date.today() + timedelta(days=30),
        },
    )
    created = []
    for name, code in people:
        person = make_person(tree["department_a"], name, position="Chuyên viên")
        rating_create(actor=admin_user, data={"person": person, "year": year, "rating": Rating.HTXS})
        created.append(
            nominations.nomination_create(
                actor=admin_user,
                data={
                    "review_round": review_round,
                    "person": person,
                    "proposing_unit": tree["department_a"],
                    "code": code,
                    "category": Category.OFFICER,
                    "summary": "Hoàn thành xuất sắc nhiệm vụ.",
                },
            )
        )
    if collective:
        rating_create(
            actor=admin_user, data={"unit": tree["department_a"], "year": year, "rating": Rating.HTXS}
        )
        created.append(
            nominations.nomination_create(
                actor=admin_user,
                data={
                    "review_round": review_round,
                    "unit": tree["department_a"],
                    "proposing_unit": tree["commune_a"],
                    "code": "tap_the_lao_dong_tien_tien",
                    "category": Category.COLLECTIVE,
                    "summary": "Tập thể đoàn kết, hoàn thành tốt nhiệm vụ.",
                },
            )
        )
    for nomination in created:
        nominations.nomination_submit(actor=admin_user, nomination=nomination)
        nominations.nomination_accept(actor=admin_user, nomination=nomination, checks=())
    nominations.round_disclose(
        actor=admin_user, review_round=review_round, start=start or date.today() - timedelta(days=40)
    )
    if vote:
        for nomination in created:
            nominations.nomination_record_vote(
                actor=admin_user, nomination=nomination, votes_for=9, percent=Decimal("100.00"), passed=True
            )
        review_round.refresh_from_db()
        from thidua.nominations.choices import RoundStatus

        nominations.round_mark(actor=admin_user, review_round=review_round, status=RoundStatus.VOTED)
    review_round.refresh_from_db()
    return review_round


@pytest.fixture
def voted_round(tree, admin_user, make_person):
    return make_round(tree, admin_user, make_person)
