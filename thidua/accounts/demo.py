"""One demo login per role, all with the same printed password."""

from django.db import transaction

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.core.services import audited_save
from thidua.orgs.models import OrgUnit

DEMO_PASSWORD = "camgiang2025"

# username, full name, role, unit code, over the subtree
DEMO_USERS = [
    ("thanhpho", "Cán bộ Sở Nội vụ Hải Phòng", Role.CITY_OFFICER, "HP", True),
    ("vanphong", "Cán bộ TĐKT Văn phòng HĐND-UBND xã", Role.COMMUNE_OFFICER, "HP-CG", True),
    ("vanhoa", "Chuyên viên Phòng Văn hóa - Xã hội", Role.AGGREGATING_DEPARTMENT, "HP-CG", True),
    ("thon", "Trưởng thôn Hoàng Xá", Role.UNIT_REPORTER, "HP-CG-T01", False),
    ("truonghoc", "Văn thư Trường THCS Cẩm Giang", Role.UNIT_REPORTER, "HP-CG-THCS", False),
    ("hoidong", "Ủy viên Hội đồng TĐKT xã", Role.COUNCIL_MEMBER, "HP-CG", True),
    ("chutich", "Chủ tịch UBND xã Cẩm Giang", Role.CHAIRMAN, "HP-CG", True),
]


def system_user() -> User:
    user, created = User.objects.get_or_create(
        username="admin", defaults={"full_name": "Quản trị hệ thống", "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


@transaction.atomic
def build(actor) -> list[tuple[str, str, str]]:
    """Create the demo logins (idempotent); returns (username, role, unit) rows to print."""
    rows = [("admin", "Quản trị hệ thống", "—")]
    for username, full_name, role, unit_code, subtree in DEMO_USERS:
        unit = OrgUnit.objects.get(code=unit_code)
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if not RoleGrant.objects.filter(user=user, role=role, unit=unit).exists():
            audited_save(RoleGrant(user=user, role=role, unit=unit, include_subtree=subtree), actor=actor)
        rows.append((username, str(Role(role).label), unit.name))
    return rows
