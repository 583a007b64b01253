"""The commune officer uploads the seed plan, reviews and confirms it, issues and starts it; a village head
registers; the officer accepts and downloads the plan as a Decree 30 .docx."""

import io
import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from thidua.accounts import demo as accounts_demo
from thidua.campaigns.models import Plan, Registration
from thidua.orgs import demo as orgs_demo
from thidua.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)

SEED = (
    Path(__file__).resolve().parents[2]
    / "thidua"
    / "campaigns"
    / "demo_data"
    / "ke-hoach-thi-dua-cam-giang-2025.txt"
)


@pytest.fixture
def demo(transactional_db):
    actor = accounts_demo.system_user()
    orgs_demo.build(actor)
    accounts_demo.build(actor)


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("camgiang2025")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_upload_review_register_accept_download(page, live_server, demo, screenshot):
    log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/plans/import/")
    page.locator("input[type=file]").set_input_files(str(SEED))
    page.locator("form.form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plans/import/\d+/$"))

    # Review: the clerk's warnings, the text beside the fields, bodies matched to units.
    warnings = page.locator("section.warnings")
    expect(warnings).to_contain_text("Nguyên Giáp")
    expect(warnings).to_contain_text("số văn bản để trống")
    expect(page.locator(".source-text .line.flagged").first).to_be_visible()
    vhxh = OrgUnit.objects.get(code="HP-CG-VHXH")
    expect(page.locator("#id_assignments-1-match")).to_have_value(str(vhxh.pk))
    expect(page.locator("#id_assignments-0-match")).to_have_value(
        str(OrgUnit.objects.get(code="HP-CG-PKT").pk)
    )
    expect(page.locator("#id_movements-7-name")).to_have_value(re.compile("nông thôn mới kiểu mẫu"))
    screenshot(page, "campaigns-review")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "campaigns-review-phone", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 860})

    page.locator("#id_plan-date").fill("15/09/2025")
    page.locator("#id_plan-signer_capacity").select_option("TM")
    page.get_by_role("button", name=re.compile("Confirm|Xác nhận")).click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))
    plan = Plan.objects.get(issuing_unit__code="HP-CG")
    assert plan.assignments.filter(unit__code="HP-CG-VHXH").exists()
    assert plan.movements.count() == 8

    page.locator("[data-step=issued]").click()
    expect(page.locator(".plan-head h1")).to_contain_text("01/KH-UBND")
    page.locator("[data-step=running]").click()
    expect(page.locator(".plan-head .badge.status-running")).to_be_visible()
    screenshot(page, "campaigns-plan")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}?tab=matrix")
    expect(page.locator("table.matrix")).to_contain_text("Phòng Văn hóa - Xã hội")
    expect(page.locator("table.matrix td.cell.lead").first).to_be_visible()
    screenshot(page, "campaigns-matrix")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}?tab=deadlines")
    expect(page.locator(".timeline")).to_contain_text("15/12/2025")
    screenshot(page, "campaigns-deadlines")

    # A village head registers the village.
    log_in(page, live_server, "thon")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.locator("[data-action=register]").click()
    page.locator("#id_contents").fill("Xây dựng thôn văn hóa, khu dân cư kiểu mẫu")
    page.locator("#id_targets").fill("90% hộ đạt Gia đình văn hóa\nKhông phát sinh hộ nghèo")
    page.locator("input[name=intended_titles][value=TVH]").check()
    page.locator("form.form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plans/registrations/\d+/$"))
    page.locator("[data-action=submit]").click()
    expect(page.locator(".badge.status-submitted")).to_be_visible()
    screenshot(page, "campaigns-registration")

    # The officer accepts it and sees who has not registered yet.
    log_in(page, live_server, "vanphong")
    registration = Registration.objects.get(plan=plan)
    page.goto(f"{live_server.url}{registration.get_absolute_url()}")
    page.locator("[data-action=accept]").click()
    expect(page.locator(".badge.status-accepted")).to_be_visible()
    page.goto(f"{live_server.url}{plan.get_absolute_url()}?tab=registrations")
    expect(page.locator("table.registrations")).to_contain_text("Thôn Hoàng Xá")
    expect(page.locator("table.registrations tr.missing").first).to_be_visible()
    screenshot(page, "campaigns-registrations")

    page.goto(f"{live_server.url}{plan.get_absolute_url()}?tab=documents")
    with page.expect_download() as download_info:
        page.locator("[data-download=plan-docx]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "KẾ HOẠCH" in text and "Bình dân học vụ số" in text
    screenshot(page, "campaigns-documents")
