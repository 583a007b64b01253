"""On a 360-px phone, the head of Thôn Hoàng Xá fills this month's report and submits it; the Phòng Văn hóa -
Xã hội returns it with a reason; the village head sees the reason, fixes the figure and submits again; the
department approves it and the commune's consolidated figures show the corrected value. Then the
department's heat-map and the year's consolidated figures. Screenshots: var/screenshots/reporting-journey-*."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thidua.accounts import demo as accounts_demo
from thidua.orgs import demo as orgs_demo
from thidua.orgs.models import OrgUnit
from thidua.reporting import demo as reporting_demo
from thidua.reporting.models import Report, ReportForm
from thidua.reporting.periods import Period

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    actor = accounts_demo.system_user()
    orgs_demo.build(actor)
    accounts_demo.build(actor)
    reporting_demo.build(actor)


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("camgiang2025")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_village_fills_department_returns_village_fixes_department_approves(
    page, live_server, demo, screenshot
):
    page.set_viewport_size({"width": 360, "height": 760})
    form = ReportForm.objects.get(code="CG-BC-THANG")
    village = OrgUnit.objects.get(code="HP-CG-T01")
    period = Period.containing(form.period_type, timezone.localdate())
    log_in(page, live_server, "thon")
    page.goto(f"{live_server.url}/reports/")
    screenshot(page, "reporting-journey-1-list")
    page.goto(f"{live_server.url}/reports/entry/{form.pk}/{village.pk}/{period.code}/")
    page.locator("#v-CG-HN-CON").fill("12")
    page.locator("#v-CG-HN-THOAT").fill("2")
    expect(page.locator("#autosave-status")).to_contain_text(re.compile(r"\d\d:\d\d"))  # autosaved draft
    page.locator("#v-CG-GDVH").fill("91,5")
    page.locator("#v-CG-KDCVH").select_option("có")
    page.locator("#v-CG-MOHINH").fill("1")
    page.locator("#n-results").fill("Ra quân vệ sinh môi trường, làm đường hoa.")
    screenshot(page, "reporting-journey-2-entry-360px")
    page.locator("button[value=submit]").click()
    expect(page.locator("#report-status")).to_be_visible()
    report = Report.objects.get(form=form, unit=village, period=period.code)
    assert report.status == "submitted" and report.versions.count() == 1
    screenshot(page, "reporting-journey-3-submitted")

    # the aggregating department (at its desk) returns it with a reason
    page.set_viewport_size({"width": 1280, "height": 860})
    log_in(page, live_server, "vanhoa")
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.locator("#return-reason-input").fill("Thiếu số liệu mô hình điển hình, đề nghị bổ sung.")
    page.locator(".return-form button").click()
    expect(page.locator("#report-status")).to_have_text(re.compile(r"trả lại|Returned", re.I))
    report.refresh_from_db()
    assert report.status == "returned"
    screenshot(page, "reporting-journey-4-returned")

    # the village sees the reason on the phone, fixes the figure and submits again
    page.set_viewport_size({"width": 360, "height": 760})
    log_in(page, live_server, "thon")
    page.goto(f"{live_server.url}{report.entry_url()}")
    expect(page.locator("#return-reason")).to_contain_text("Thiếu số liệu mô hình")
    expect(page.locator("#v-CG-MOHINH")).to_have_value("1")
    screenshot(page, "reporting-journey-5-reason")
    page.locator("#v-CG-MOHINH").fill("3")
    screenshot(page, "reporting-journey-6-fixed")
    page.locator("button[value=submit]").click()
    expect(page.locator("#report-status")).to_be_visible()
    report.refresh_from_db()
    assert report.status == "submitted" and report.versions.count() == 2
    assert report.values.get(indicator__code="CG-MOHINH").number == 3
    screenshot(page, "reporting-journey-7-resubmitted")

    # the department approves it
    page.set_viewport_size({"width": 1280, "height": 860})
    log_in(page, live_server, "vanhoa")
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.get_by_role("button", name=re.compile(r"^(Duyệt|Approve)$")).click()
    expect(page.locator("#report-status")).to_have_text(re.compile(r"duyệt|Approved", re.I))
    report.refresh_from_db()
    assert report.status == "approved"
    screenshot(page, "reporting-journey-8-approved")

    # the commune's consolidated figures for this month show the corrected, approved value
    commune = village.parent
    page.goto(
        f"{live_server.url}/reports/forms/{form.pk}/consolidation/"
        f"?unit={commune.pk}&year={period.start.year}&from={period.code}&to={period.code}"
    )
    headers = page.locator("#by-unit thead th").all_inner_texts()
    column = headers.index("CG-MOHINH")
    row = page.locator(
        "#by-unit tbody tr", has=page.get_by_role("link", name=village.short_name or village.name)
    )
    expect(row.locator("td").nth(column)).to_have_text("3")
    expect(page.locator("#by-unit tr.total td").nth(column - 1)).to_have_text("3")
    screenshot(page, "reporting-journey-9-consolidated")

    page.goto(f"{live_server.url}/reports/forms/{form.pk}/completeness/?year=2025")
    expect(page.locator("#heatmap td.hm-approved").first).to_be_visible()
    screenshot(page, "reporting-heatmap")
    page.goto(f"{live_server.url}/reports/forms/{form.pk}/consolidation/?year=2025")
    expect(page.locator("#targets")).to_contain_text("Số hộ thoát nghèo")
    page.wait_for_timeout(300)
    screenshot(page, "reporting-consolidation")
