from datetime import date

import pytest

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.reporting import services
from thidua.reporting.choices import Aggregation, Comparison, PeriodType, ValueType
from thidua.reporting.models import ComparisonRule


@pytest.fixture
def department(tree):
    user = User.objects.create_user("vanhoa", password="x-secret-123")
    RoleGrant.objects.create(
        user=user, role=Role.AGGREGATING_DEPARTMENT, unit=tree["commune_a"], include_subtree=True
    )
    return user


@pytest.fixture
def indicators(tree, admin_user):
    def make(code, name, value_type=ValueType.NUMBER, aggregation=Aggregation.SUM, **extra):
        data = {
            "owner": tree["city"],
            "code": code,
            "name": name,
            "value_type": value_type,
            "aggregation": aggregation,
            **extra,
        }
        return services.indicator_create(actor=admin_user, data=data)

    return {
        "households": make("HH", "Hộ gia đình", unit_of_measure="hộ"),
        "poor": make("POOR", "Hộ thoát nghèo", unit_of_measure="hộ", max_value=50),
        "gdvh": make("GDVH", "Tỷ lệ hộ GĐVH", ValueType.PERCENTAGE, Aggregation.AVERAGE),
        "ntm": make("NTM", "Đạt chuẩn NTM", ValueType.YES_NO, Aggregation.COUNT_YES),
        "note": make("NOTE", "Ghi chú", ValueType.TEXT, Aggregation.SUM),
    }


@pytest.fixture
def monthly_form(tree, admin_user, indicators):
    form = services.form_create(
        actor=admin_user,
        data={
            "owner": tree["commune_a"],
            "code": "M",
            "name": "Báo cáo tháng",
            "period_type": PeriodType.MONTHLY,
            "due_days": 5,
            "lock_days": 25,
        },
        indicators=[
            indicators["households"],
            indicators["poor"],
            indicators["gdvh"],
            indicators["ntm"],
            (indicators["note"], False),
        ],
        units=[tree["village_a"], tree["department_a"], tree["village_b"]],
    )
    ComparisonRule.objects.create(
        form=form, left=indicators["poor"], operator=Comparison.LE, right=indicators["households"]
    )
    return form


GOOD = {"HH": ("120", ""), "POOR": ("3", ""), "GDVH": ("85,5", ""), "NTM": ("có", ""), "NOTE": ("", "")}


@pytest.fixture
def today_in_2025(monkeypatch):
    """Pin 'today' to 3 Nov 2025: September is locked (25/10), October is open and due 05/11."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2025, 11, 3))
    return date(2025, 11, 3)
