"""A commune officer opens a person's commendation page, sees a "no" with its legal basis, then the commune
table for 2025, filters it and opens the printable history."""

import re

import pytest
from playwright.sync_api import expect

from thidua.accounts import demo as accounts_demo
from thidua.commendations import demo as commendations_demo
from thidua.orgs import demo as orgs_demo
from thidua.orgs.models import OrgUnit, Person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    actor = accounts_demo.system_user()
    orgs_demo.build(actor)
    accounts_demo.build(actor)
    commendations_demo.build(actor)


def log_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill("camgiang2025")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_officer_sees_why_not_and_the_commune_table(page, live_server, demo, screenshot):
    log_in(page, live_server)
    reprimanded = Person.objects.filter(unit__code="HP-CG-VHXH", employment_group="cbccvc").order_by("pk")[2]
    page.goto(f"{live_server.url}/commendations/person/{reprimanded.pk}/?year=2025")
    expect(page.get_by_role("heading", name=re.compile(reprimanded.full_name))).to_be_visible()
    card = page.locator("article.eligibility").filter(has_text="Lao động tiên tiến").first
    expect(card.locator(".badge.not_eligible")).to_be_visible()
    unmet = card.locator("tr.unmet").first
    expect(unmet).to_contain_text("khiển trách")
    expect(unmet.locator(".basis")).to_contain_text("Nghị định 152/2025/NĐ-CP")
    expect(page.locator(".reward-history")).to_contain_text("2024")
    screenshot(page, "commendations-person")

    page.goto(f"{live_server.url}/commendations/person/{reprimanded.pk}/print/?year=2025")
    expect(page.locator(".sheet")).to_contain_text(reprimanded.full_name)
    expect(page.locator("[data-print]")).to_be_visible()
    screenshot(page, "commendations-print")

    commune = OrgUnit.objects.get(code="HP-CG")
    page.goto(f"{live_server.url}/commendations/evaluation/?commune={commune.pk}&year=2025")
    expect(page.locator("table.evaluation tbody tr").first).to_be_visible()
    expect(page.locator(".quotas")).to_contain_text("Hoàn thành xuất sắc")
    expect(page.locator(".cash .total-words")).to_contain_text("đồng")
    screenshot(page, "commendations-commune")

    page.locator("#id_target").select_option("chien_si_thi_dua_co_so")
    page.locator("#id_outcome").select_option("eligible")
    page.locator("#evaluation-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"target=chien_si_thi_dua_co_so"))
    rows = page.locator("table.evaluation tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 1
    for index in range(rows.count()):
        expect(rows.nth(index)).to_contain_text("Chiến sĩ thi đua cơ sở")
    screenshot(page, "commendations-filtered")

    page.locator("#id_target").select_option("")
    page.locator("#id_outcome").select_option("held")
    page.locator("#evaluation-filters button[type=submit]").click()
    expect(page.locator("table.evaluation tbody tr").first).to_contain_text("Đang xem xét")
