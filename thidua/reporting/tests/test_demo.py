import pytest

from thidua.orgs import demo as orgs_demo
from thidua.reporting import demo
from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import Report, ReportValue


@pytest.mark.django_db
def test_demo_is_idempotent(admin_user):
    orgs_demo.build_tree(admin_user)
    first = demo.build(admin_user)
    counts = (Report.objects.count(), ReportValue.objects.count())
    assert first["reports"] > 50
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {ReportStatus.APPROVED, ReportStatus.RETURNED, ReportStatus.SUBMITTED} <= statuses
    returned = Report.objects.filter(status=ReportStatus.RETURNED).first()
    assert returned.history.filter(history_change_reason__startswith="Số hộ nghèo").exists()
    assert demo.build(admin_user)["reports"] == 0
    assert (Report.objects.count(), ReportValue.objects.count()) == counts
