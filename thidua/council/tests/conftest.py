"""A commune council of nine members (chair, secretary, seven members with logins) and a disclosed round."""

from datetime import date, timedelta

import pytest

from thidua.accounts.models import User
from thidua.council import services
from thidua.council.choices import MemberRole
from thidua.nominations import services as nominations
from thidua.nominations.choices import Category, NominationStatus, RoundStatus
from thidua.nominations.models import Nomination, ReviewRound

NAMES = [
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Lê Văn Minh",
    "Phạm Thị Hoa",
    "Hoàng Văn Nam",
    "Vũ Thị Mai",
    "Đặng Văn Tú",
    "Bùi Thị Hạnh",
    "Đỗ Văn Long",
]


@pytest.fixture
def council(tree, admin_user, make_person):
    council = services.council_create(
        actor=admin_user,
        data={"commune": tree["commune_a"], "name": "Hội đồng Thi đua - Khen thưởng xã Ánh Dương"},
    )
    for index, name in enumerate(NAMES):
        role = MemberRole.CHAIR if index == 0 else MemberRole.SECRETARY if index == 8 else MemberRole.MEMBER
        user = User.objects.create_user(f"member{index}", password="x-secret-123", full_name=name)
        services.member_add(
            actor=admin_user,
            council=council,
            data={
                "person": make_person(tree["commune_a"], name),
                "user": user,
                "role": role,
                "position": "Chủ tịch UBND xã" if index == 0 else "",
                "active_from": date(2020, 1, 1),
            },
        )
    return council


def member_user(council, index):
    return User.objects.get(username=f"member{index}")


@pytest.fixture
def disclosed_round(tree, admin_user, make_person):
    """A round of commune A with three disclosed nominations (two CSTĐCS, one LĐTT); window ended.

    Built on the models (the nominations app's own steps are its tests' business); statuses as
    ``round_disclose`` leaves them.
    """
    review_round = nominations.round_create(
        actor=admin_user,
        data={
            "commune": tree["commune_a"],
            "year": 2024,
            "name": "Bình xét thi đua năm 2024",
            "nominations_due": date.today() - timedelta(days=50),
        },
    )
    specs = [
        ("Ngô Văn Bình", "chien_si_thi_dua_co_so"),
        ("Lý Thị Thu", "chien_si_thi_dua_co_so"),
        ("Mai Văn Sơn", "lao_dong_tien_tien"),
    ]
    for name, code in specs:
        Nomination.objects.create(
            review_round=review_round,
            person=make_person(tree["department_a"], name),
            proposing_unit=tree["department_a"],
            code=code,
            category=Category.OFFICER,
            summary="Hoàn thành xuất sắc nhiệm vụ.",
            status=NominationStatus.DISCLOSED,
        )
    ReviewRound.objects.filter(pk=review_round.pk).update(
        status=RoundStatus.DISCLOSED,
        disclosed_from=date.today() - timedelta(days=40),
        disclosure_ends_on=date.today() - timedelta(days=26),
    )
    review_round.refresh_from_db()
    return review_round


@pytest.fixture
def session(council, disclosed_round, admin_user):
    return services.session_create(
        actor=admin_user,
        council=council,
        review_round=disclosed_round,
        held_on=date.today(),
        place="Hội trường UBND xã",
    )


@pytest.fixture
def open_session(session, admin_user):
    return services.session_open(actor=admin_user, session=session)


def all_choices(session, choice="agree", overrides=None):
    items = session.agenda.order_by("position")
    result = {item.pk: choice for item in items}
    result.update(overrides or {})
    return result
