from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.reporting import services
from thidua.reporting.choices import LockExceptionStatus, ReportStatus
from thidua.reporting.models import Report, ReportValue, ReportVersion
from thidua.reporting.tests.conftest import GOOD


def save(form, unit, actor, values=GOOD, period="2025-10", **kwargs):
    return services.report_save(actor=actor, form=form, unit=unit, period=period, values=values, **kwargs)


def test_save_stores_text_and_number(tree, users, monthly_form, today_in_2025):
    report = save(monthly_form, tree["village_a"], users["unit_reporter"], narrative={"results": " Tốt "})
    stored = {v.indicator.code: (v.value, v.number) for v in report.values.select_related("indicator")}
    assert stored == {
        "HH": ("120", Decimal(120)),
        "POOR": ("3", Decimal(3)),
        "GDVH": ("85,5", Decimal("85.5")),
        "NTM": ("có", Decimal(1)),
    }
    assert (report.status, report.version, report.results) == (ReportStatus.DRAFT, 1, "Tốt")
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == ("2025-10-01", "2025-10-31")


@pytest.mark.parametrize(
    ("values", "code", "error_code"),
    [
        ({"HH": ("mười", "")}, "HH", None),
        ({"HH": ("-3", "")}, "HH", None),
        ({"GDVH": ("120", "")}, "GDVH", None),
        ({"NTM": ("có lẽ", "")}, "NTM", None),
        ({"POOR": ("60", ""), "HH": ("100", "")}, "POOR", None),  # out of the usual range, no comment
        ({"POOR": ("30", ""), "HH": ("20", "")}, "POOR", None),  # POOR ≤ HH
    ],
)
def test_bad_values_save_nothing(tree, users, monthly_form, today_in_2025, values, code, error_code):
    with pytest.raises(ValidationError) as error:
        save(monthly_form, tree["village_a"], users["unit_reporter"], values={**GOOD, **values})
    assert code in error.value.message_dict
    assert Report.objects.count() == 0 and ReportValue.objects.count() == 0


def test_out_of_range_with_comment_is_accepted(tree, users, monthly_form, today_in_2025):
    values = {**GOOD, "HH": ("200", ""), "POOR": ("60", "Dự án sinh kế của tỉnh")}
    report = save(monthly_form, tree["village_a"], users["unit_reporter"], values=values)
    assert report.values.get(indicator__code="POOR").comment == "Dự án sinh kế của tỉnh"


def test_locked_period_refused_unless_exception(
    tree, users, admin_user, department, monthly_form, today_in_2025
):
    with pytest.raises(ValidationError) as error:
        save(monthly_form, tree["village_a"], users["unit_reporter"], period="2025-09")
    assert error.value.code == "locked" and "25/10/2025" in error.value.messages[0]
    assert Report.objects.count() == 0
    exception = services.lock_exception_request(
        actor=users["unit_reporter"], form=monthly_form, unit=tree["village_a"], period="2025-09", reason="Ốm"
    )
    with pytest.raises(PermissionDenied):
        services.lock_exception_decide(
            actor=users["unit_reporter"], exception=exception, grant=True, until=today_in_2025
        )
    services.lock_exception_decide(actor=department, exception=exception, grant=True, until=today_in_2025)
    exception.refresh_from_db()
    assert exception.status == LockExceptionStatus.GRANTED and exception.granted_by == department
    assert save(monthly_form, tree["village_a"], users["unit_reporter"], period="2025-09").version == 1


def test_future_period_and_unassigned_unit_refused(tree, users, monthly_form, today_in_2025, admin_user):
    with pytest.raises(ValidationError):
        save(monthly_form, tree["village_a"], users["unit_reporter"], period="2025-12")
    with pytest.raises(ValidationError):
        save(monthly_form, tree["commune_a"], admin_user)
    with pytest.raises(ValidationError):
        save(monthly_form, tree["village_a"], admin_user, period="2025Q3")
    assert Report.objects.count() == 0


@pytest.mark.parametrize("who", ["no_role", "other_commune", "council_member"])
def test_entry_permission_denied(tree, users, monthly_form, today_in_2025, who):
    with pytest.raises(PermissionDenied):
        save(monthly_form, tree["village_a"], users[who])
    assert Report.objects.count() == 0


def test_reporter_cannot_enter_another_unit(tree, users, monthly_form, today_in_2025):
    with pytest.raises(PermissionDenied):
        save(monthly_form, tree["department_a"], users["unit_reporter"])


def test_stale_save_refused(tree, users, monthly_form, today_in_2025):
    reporter = users["unit_reporter"]
    first = save(monthly_form, tree["village_a"], reporter, expected_version=0)
    save(
        monthly_form,
        tree["village_a"],
        users["commune_officer"],
        values={**GOOD, "HH": ("121", "")},
        expected_version=1,
    )
    with pytest.raises(services.StaleReport):
        save(
            monthly_form, tree["village_a"], reporter, values={**GOOD, "HH": ("999", "")}, expected_version=1
        )
    first.refresh_from_db()
    assert first.version == 2 and first.values.get(indicator__code="HH").value == "121"


def test_workflow(tree, users, department, monthly_form, today_in_2025):
    reporter = users["unit_reporter"]
    report = save(monthly_form, tree["village_a"], reporter)
    with pytest.raises(PermissionDenied):
        services.report_approve(actor=reporter, report=report)
    with pytest.raises(ValidationError):  # a draft cannot be approved
        services.report_approve(actor=department, report=report)
    report = services.report_submit(actor=reporter, report=report)
    assert report.status == ReportStatus.SUBMITTED and report.first_submitted_at
    assert (
        services.report_submit(actor=reporter, report=report).status == ReportStatus.SUBMITTED
    )  # idempotent
    assert ReportVersion.objects.filter(report=report).count() == 1
    with pytest.raises(ValidationError):  # submitted: no more edits
        save(monthly_form, tree["village_a"], reporter)
    with pytest.raises(ValidationError):
        services.report_return(actor=department, report=report, reason="  ")
    with pytest.raises(PermissionDenied):
        services.report_return(actor=users["other_commune"], report=report, reason="x")
    report = services.report_return(actor=department, report=report, reason="Thiếu số liệu hộ nghèo")
    assert (report.status, report.return_reason) == (ReportStatus.RETURNED, "Thiếu số liệu hộ nghèo")
    save(monthly_form, tree["village_a"], reporter, values={**GOOD, "POOR": ("4", "")})
    report = services.report_submit(actor=reporter, report=report)
    report = services.report_approve(actor=department, report=report)
    assert report.status == ReportStatus.APPROVED
    versions = list(ReportVersion.objects.filter(report=report).order_by("number"))
    assert [v.snapshot["values"]["POOR"]["value"] for v in versions] == ["3", "4"]
    reasons = list(report.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert "Thiếu số liệu hộ nghèo" in reasons
    assert report.history.filter(history_user=department, status=ReportStatus.APPROVED).exists()


def test_submit_requires_required_values(tree, users, monthly_form, today_in_2025):
    report = save(monthly_form, tree["village_a"], users["unit_reporter"], values={"HH": ("5", "")})
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=users["unit_reporter"], report=report)
    assert set(error.value.message_dict) == {"POOR", "GDVH", "NTM"}
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and not report.versions.exists()
