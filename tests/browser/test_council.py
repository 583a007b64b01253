"""A council member votes on a 360 px phone (choose, confirm, receipt) and checks the receipt; the commune
officer sees how many voted (never what), closes and counts the vote."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from thidua.accounts import demo as accounts_demo
from thidua.accounts.models import User
from thidua.council import services
from thidua.council.choices import MemberRole
from thidua.council.models import BallotSlip, VoteMark
from thidua.nominations import services as nominations
from thidua.nominations.choices import Category, NominationStatus, RoundStatus
from thidua.nominations.models import Nomination, ReviewRound
from thidua.orgs import demo as orgs_demo
from thidua.orgs import services as org_services
from thidua.orgs.choices import EmploymentGroup, Sex
from thidua.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = ["Nguyễn Văn Thắng", "Phạm Thị Ngọc", "Lê Văn Quang", "Vũ Thị Hằng", "Ngô Thị Phương"]
CANDIDATES = [
    ("Trần Quang Sơn", "chien_si_thi_dua_co_so"),
    ("Đinh Thị Thu Hà", "chien_si_thi_dua_co_so"),
    ("Dương Quang Hải", "lao_dong_tien_tien"),
]


@pytest.fixture
def open_session(transactional_db):
    actor = accounts_demo.system_user()
    orgs_demo.build(actor)
    accounts_demo.build(actor)
    commune = OrgUnit.objects.get(code="HP-CG")
    council = services.council_create(actor=actor, data={"commune": commune})
    for index, name in enumerate(NAMES):
        person = org_services.person_create(
            actor=actor,
            data={
                "full_name": name,
                "sex": Sex.MALE,
                "employment_group": EmploymentGroup.CBCCVC,
                "unit": commune,
            },
        )
        role = {0: MemberRole.CHAIR, 4: MemberRole.SECRETARY}.get(index, MemberRole.MEMBER)
        user = User.objects.get(username={0: "chutich", 1: "hoidong"}[index]) if index < 2 else None
        services.member_add(
            actor=actor,
            council=council,
            data={"person": person, "user": user, "role": role, "active_from": date(2024, 1, 1)},
        )
    review_round = nominations.round_create(
        actor=actor,
        data={
            "commune": commune,
            "year": 2024,
            "name": "Bình xét thi đua, khen thưởng năm 2024",
            "nominations_due": date.today() - timedelta(days=60),
        },
    )
    for name, code in CANDIDATES:
        person = org_services.person_create(
            actor=actor,
            data={
                "full_name": name,
                "sex": Sex.FEMALE,
                "employment_group": EmploymentGroup.CBCCVC,
                "unit": commune,
            },
        )
        Nomination.objects.create(
            review_round=review_round,
            person=person,
            proposing_unit=commune,
            code=code,
            category=Category.OFFICER,
            summary="Hoàn thành xuất sắc nhiệm vụ.",
            status=NominationStatus.DISCLOSED,
        )
    ReviewRound.objects.filter(pk=review_round.pk).update(
        status=RoundStatus.DISCLOSED,
        disclosed_from=date.today() - timedelta(days=30),
        disclosure_ends_on=date.today() - timedelta(days=16),
    )
    session = services.session_create(
        actor=actor,
        council=council,
        review_round=ReviewRound.objects.get(pk=review_round.pk),
        held_on=date.today(),
        place="Hội trường UBND xã Cẩm Giang",
    )
    return services.session_open(actor=actor, session=session)


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("camgiang2025")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_member_votes_on_a_phone_and_checks_the_receipt(page, live_server, open_session, screenshot):
    page.set_viewport_size({"width": 360, "height": 780})
    log_in(page, live_server, "hoidong")
    page.goto(f"{live_server.url}/council/")
    page.locator("a.vote-now").click()
    expect(page.locator("fieldset.candidate")).to_have_count(3)
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    labels = page.locator("label.choice")
    for index in range(labels.count()):
        box = labels.nth(index).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 200  # big touch targets, one per line on a phone
    # Selectors by value, not by text: the labels follow the catalogue (Đồng ý / Không đồng ý).
    page.locator("fieldset.candidate").nth(0).locator("label.choice-agree").click()
    page.locator("fieldset.candidate").nth(1).locator("label.choice-disagree").click()
    page.locator("fieldset.candidate").nth(2).locator("label.choice-agree").click()
    screenshot(page, "council-ballot-360")
    page.locator("button.big-button").click()
    expect(page.locator("ol.review li")).to_have_count(3)
    expect(page.locator("ol.review li").nth(1)).to_have_class("choice-disagree")
    assert VoteMark.objects.count() == 0
    screenshot(page, "council-ballot-confirm-360")
    page.locator("button[value=confirm]").click()
    code = page.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    screenshot(page, "council-receipt-360")
    assert VoteMark.objects.count() == 1 and BallotSlip.objects.count() == 3

    page.locator(f"a[href$='/council/sessions/{open_session.pk}/receipt/']").click()
    page.locator("#id_code").fill(code)
    page.locator("form button.big-button").click()
    expect(page.locator("#receipt-result")).to_have_class("ok-box")
    expect(page.locator("#receipt-result")).to_contain_text("3")
    screenshot(page, "council-receipt-check-360")

    # The commune officer sees 1/5 voted, closes and counts; the results table appears.
    page.set_viewport_size({"width": 1280, "height": 860})
    log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/council/sessions/{open_session.pk}/")
    expect(page.locator("#live-count")).to_contain_text("1/5")
    screenshot(page, "council-session-open-1280")
    page.locator("button[data-step=closed]").click()
    page.locator("button[data-step=counted]").click()
    expect(page.locator("table.agenda tr.failed")).to_have_count(3)  # one ballot of five members: none passes
    expect(page.locator("table.agenda .badge.bad")).to_have_count(3)
    screenshot(page, "council-session-counted-1280")
