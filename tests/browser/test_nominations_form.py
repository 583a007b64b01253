"""The nomination form on a 360 px phone follows the kind of nominee: choosing "hộ gia đình" hides the
person and collective lists and limits the titles to a household's; without JavaScript every list stays."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from thidua.commendations.choices import SubjectKind
from thidua.commendations.evaluation import HOUSEHOLD_TARGETS
from thidua.nominations import services
from thidua.orgs import services as org_services

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 780}


def t(text) -> str:
    with translation.override("vi"):
        return gettext(str(text)) if isinstance(text, str) else str(text)


@pytest.fixture
def create_url(live_server, tree, users, admin_user, make_person):
    make_person(tree["village_a"], "Nguyễn Văn An")
    household = org_services.household_create(
        actor=admin_user, data={"code": "HGD-01", "village": tree["village_a"], "address": "Xóm 1"}
    )
    review_round = services.round_create(
        actor=admin_user,
        data={
            "commune": tree["commune_a"],
            "year": 2025,
            "name": "Bình xét năm 2025",
            "nominations_due": timezone.localdate() + timedelta(days=10),
        },
    )
    url = f"{live_server.url}/nominations/rounds/{review_round.pk}/nominations/new/"
    return url, household


def phone(browser, live_server, javascript=True):
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", is_mobile=True, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("officer")
    page.get_by_label("Mật khẩu").fill("x-secret-123")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


def test_choosing_a_household_hides_the_person_list_and_limits_the_titles(
    browser, live_server, create_url, screenshot
):
    page = phone(browser, live_server)
    url, household = create_url
    page.goto(url)
    expect(page.locator("#id_person")).to_be_hidden()
    expect(page.locator("#id_target")).to_be_hidden()
    page.get_by_role("radio", name=t(SubjectKind.HOUSEHOLD.label)).check()
    expect(page.locator("#id_household")).to_be_visible()
    expect(page.locator("#id_person")).to_be_hidden()
    expect(page.locator("#id_unit")).to_be_hidden()
    options = page.locator("#id_target option").evaluate_all("options => options.map(o => o.value)")
    assert [value for value in options if value] == [f"household:{code}" for code in HOUSEHOLD_TARGETS]
    page.locator("#id_household").select_option(str(household.pk))
    page.locator("#id_target").select_option("household:gia_dinh_van_hoa")
    expect(
        page.locator("#eligibility-preview")
    ).to_be_visible()  # the rules' verdict for this household and title
    expect(page.get_by_role("radio", name=t(SubjectKind.HOUSEHOLD.label))).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "nomination-form-household-360")
    page.get_by_role("radio", name=t(SubjectKind.PERSON.label)).check()
    expect(page.locator("#id_person")).to_be_visible()
    expect(page.locator("#id_household")).to_be_hidden()
    expect(page.locator("#eligibility-preview")).to_have_count(0)


def test_without_javascript_every_list_is_shown(browser, live_server, create_url):
    page = phone(browser, live_server, javascript=False)
    page.goto(create_url[0])
    for name in ("person", "unit", "household", "target"):
        expect(page.locator(f"#id_{name}")).to_be_visible()
