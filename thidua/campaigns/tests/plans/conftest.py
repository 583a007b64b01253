"""Fixtures for the plan tests."""

from datetime import date

import pytest

from thidua.campaigns import services
from thidua.campaigns.choices import AssignmentRole
from thidua.orgs import services as org_services
from thidua.orgs.choices import UnitKind


@pytest.fixture
def bodies(tree, admin_user):
    """The bodies of the seed plan under commune A (besides the tree's department and village)."""

    def unit(code, name, kind=UnitKind.DEPARTMENT):
        return org_services.orgunit_create(
            actor=admin_user, data={"code": code, "name": name, "kind": kind, "parent": tree["commune_a"]}
        )

    return {
        "vhxh": unit("A-VHXH", "Phòng Văn hóa - Xã hội"),
        "vp": unit("A-VP", "Văn phòng HĐND và UBND"),
        "ttvh": unit("A-TTVH", "Trung tâm Văn hóa - Thể thao và Truyền thông"),
        "hcc": unit("A-HCC", "Trung tâm Phục vụ hành chính công"),
        "mttq": unit("A-MTTQ", "Ủy ban MTTQ Việt Nam xã", UnitKind.MASS_ORGANISATION),
    }


@pytest.fixture
def make_plan(admin_user, tree):
    def make(unit=None, **extra):
        data = {"issuing_unit": unit or tree["commune_a"], "title": "Phát động thi đua năm 2025"}
        data.update(extra)
        return services.plan_create(actor=admin_user, data=data)

    return make


@pytest.fixture
def running_plan(make_plan, admin_user, tree):
    """Commune A's plan, issued and running, with one movement, a registration deadline and two assignments."""
    plan = make_plan(date=date(2025, 9, 5), period_end=date(2025, 12, 31))
    movement = services.add_movement(
        actor=admin_user, plan=plan, order=0, name="Chung sức xây dựng nông thôn mới"
    )
    services.add_deadline(
        actor=admin_user, plan=plan, what="Đăng ký thi đua", due_date=date(2025, 9, 30), is_registration=True
    )
    services.add_deadline(actor=admin_user, plan=plan, what="Báo cáo kết quả", due_date=date(2025, 12, 15))
    services.add_assignment(
        actor=admin_user,
        plan=plan,
        order=0,
        body="Phòng Kinh tế",
        unit=tree["department_a"],
        role=AssignmentRole.LEAD,
        tasks="Chủ trì phong trào nông thôn mới\nBáo cáo kết quả",
        movements=[movement],
    )
    services.add_assignment(
        actor=admin_user,
        plan=plan,
        order=1,
        body="Thôn Đông",
        unit=tree["village_a"],
        tasks="Đăng ký thi đua",
    )
    plan = services.plan_issue(actor=admin_user, plan=plan)
    return services.plan_start(actor=admin_user, plan=plan)
