"""Approval up the tree: a level is approved only after every unit below it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.reporting import services
from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import Report


@pytest.fixture
def tree_form(monthly_form, tree):
    monthly_form.units.add(tree["commune_a"])
    monthly_form.approval_up_tree = True
    monthly_form.save()
    return monthly_form


def submitted(form, unit):
    return Report.objects.create(form=form, unit=unit, period="2025-10", status=ReportStatus.SUBMITTED)


def test_commune_waits_for_its_units(tree_form, tree, department):
    commune = submitted(tree_form, tree["commune_a"])
    village = submitted(tree_form, tree["village_a"])
    submitted(tree_form, tree["village_b"])  # another commune: not below commune A
    with pytest.raises(ValidationError) as refused:
        services.report_approve(actor=department, report=commune)
    assert refused.value.messages == [
        "Chưa thể phê duyệt báo cáo của Xã Ánh Dương kỳ tháng 10/2025: báo cáo của các đơn vị cấp dưới sau "
        "chưa được phê duyệt: Phòng Kinh tế, Thôn Đông."
    ]
    commune.refresh_from_db()
    assert commune.status == ReportStatus.SUBMITTED and commune.history.count() == 1
    services.report_approve(actor=department, report=village)
    department_report = submitted(tree_form, tree["department_a"])
    services.report_approve(actor=department, report=department_report)
    assert services.report_approve(actor=department, report=commune).status == ReportStatus.APPROVED


def test_without_the_flag_the_commune_is_approved_at_once(monthly_form, tree, department):
    monthly_form.units.add(tree["commune_a"])
    commune = submitted(monthly_form, tree["commune_a"])
    assert services.report_approve(actor=department, report=commune).status == ReportStatus.APPROVED


def test_refusal_is_shown_on_the_page(client, tree_form, tree, department):
    commune = submitted(tree_form, tree["commune_a"])
    client.force_login(department)
    response = client.post(reverse("reporting:report_decide", args=[commune.pk, "approve"]), follow=True)
    assert "Thôn Đông" in response.content.decode()
    commune.refresh_from_db()
    assert commune.status == ReportStatus.SUBMITTED
