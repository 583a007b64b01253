"""A commune officer logs in, opens the org tree, a person and the history tab; also on a 360-px phone."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from thidua.orgs.models import OrgUnit, Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    call_command("demo", stdout=io.StringIO())


def log_in(page, live_server, username="vanphong", password="camgiang2025"):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Tổng quan"))).to_be_visible()


def test_officer_finds_the_commune_a_person_and_its_history(page, live_server, demo, screenshot):
    log_in(page, live_server)
    screenshot(page, "01-overview")
    commune = OrgUnit.objects.get(code="HP-CG")
    page.get_by_role("navigation", name="Chức năng").get_by_role("link", name="Đơn vị").click()
    expect(page.get_by_role("link", name="Xã Cẩm Giang", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Phòng Văn hóa - Xã hội")).to_be_visible()
    screenshot(page, "02-units")
    page.get_by_role("link", name="Xã Cẩm Giang", exact=True).click()
    page.get_by_role("tab", name="Đơn vị trực thuộc").click()
    expect(page.get_by_role("link", name="Trạm Y tế xã Cẩm Giang")).to_be_visible()
    expect(page.get_by_role("link", name="Thôn Hoàng Xá")).to_be_visible()
    screenshot(page, "03-commune-tree")
    page.get_by_role("tab", name="Thông tin").click()
    expect(page.get_by_text("Thị trấn Cẩm Giang")).to_be_visible()  # formed from the 2025 merger

    person = Person.objects.filter(unit__code="HP-CG-VHXH").order_by("pk").first()
    page.get_by_role("navigation", name="Chức năng").get_by_role("link", name="Cá nhân").click()
    page.get_by_label("Tìm kiếm").fill(person.full_name.split()[-1].lower())
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=person.full_name).first.click()
    expect(page.get_by_role("heading", name=person.full_name)).to_be_visible()
    screenshot(page, "04-person")

    page.get_by_role("link", name="Sửa").click()
    page.get_by_label("Chức vụ").fill("Chuyên viên chính")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu.")).to_be_visible()
    page.get_by_role("tab", name="Lịch sử").click()
    expect(page.locator(".history-entry").first).to_contain_text("Đã sửa")
    expect(page.locator(".diff .after").first).to_have_text("Chuyên viên chính")
    expect(page.locator(".history-entry").first).to_contain_text("Cán bộ TĐKT Văn phòng HĐND-UBND xã")
    screenshot(page, "05-history")
    assert commune.path


def test_phone_width_is_usable(browser, live_server, demo, screenshot):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", is_mobile=True)
    page = context.new_page()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/people/")
    expect(page.locator("td[data-label='Họ và tên']").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone ({width}px)"
    screenshot(page, "06-phone-people", full_page=False)
    page.get_by_role("navigation", name="Chức năng").get_by_role("link", name="Hộ gia đình").click()
    expect(page.get_by_role("heading", name="Hộ gia đình")).to_be_visible()
    context.close()
