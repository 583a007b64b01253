"""Shared fixtures: a small two-commune tree and one user per situation of the permission matrix."""

import pytest
from django.utils import translation

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.orgs import services
from thidua.orgs.choices import EmploymentGroup, Sex, UnitKind


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.5 s per password; tests check behaviour, not hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def vietnamese():
    """Every test starts in the default language, Vietnamese: a request with an English cookie in an
    earlier test of the same worker must not leave its language behind."""
    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("root", password="x-secret-123")


@pytest.fixture
def tree(admin_user):
    """city -> commune A (department, village) and commune B (village)."""

    def unit(code, name, kind, parent=None):
        return services.orgunit_create(
            actor=admin_user, data={"code": code, "name": name, "kind": kind, "parent": parent}
        )

    city = unit("C", "Thành phố Thử", UnitKind.PROVINCE)
    commune_a = unit("A", "Xã Ánh Dương", UnitKind.COMMUNE, city)
    department_a = unit("A-D", "Phòng Kinh tế", UnitKind.DEPARTMENT, commune_a)
    village_a = unit("A-V", "Thôn Đông", UnitKind.VILLAGE, commune_a)
    commune_b = unit("B", "Xã Bình Minh", UnitKind.COMMUNE, city)
    village_b = unit("B-V", "Thôn Tây", UnitKind.VILLAGE, commune_b)
    return {
        "city": city,
        "commune_a": commune_a,
        "department_a": department_a,
        "village_a": village_a,
        "commune_b": commune_b,
        "village_b": village_b,
    }


@pytest.fixture
def make_person(admin_user):
    def make(unit, full_name="Nguyễn Văn An", **extra):
        data = {
            "full_name": full_name,
            "sex": Sex.MALE,
            "employment_group": EmploymentGroup.CBCCVC,
            "unit": unit,
        }
        data.update(extra)
        return services.person_create(actor=admin_user, data=data)

    return make


def grant(user, role, unit, subtree=True):
    RoleGrant.objects.create(user=user, role=role, unit=unit, include_subtree=subtree)
    return user


@pytest.fixture
def users(tree):
    """One user per row of the permission matrix."""
    make = User.objects.create_user
    return {
        "no_role": make("norole", password="x-secret-123"),
        "commune_officer": grant(
            make("officer", password="x-secret-123"), Role.COMMUNE_OFFICER, tree["commune_a"]
        ),
        "other_commune": grant(
            make("other", password="x-secret-123"), Role.COMMUNE_OFFICER, tree["commune_b"]
        ),
        "unit_reporter": grant(
            make("reporter", password="x-secret-123"), Role.UNIT_REPORTER, tree["village_a"], False
        ),
        "city_officer": grant(make("city", password="x-secret-123"), Role.CITY_OFFICER, tree["city"]),
        "council_member": grant(
            make("council", password="x-secret-123"), Role.COUNCIL_MEMBER, tree["commune_a"]
        ),
    }
