"""Pages: the session page, the phone ballot with its confirm step, the receipt check, the permission matrix."""

import re
from datetime import date

import pytest
from django.urls import reverse

from thidua.council import selectors, services
from thidua.council.models import BallotSlip, Council, CouncilMember, CouncilSession, VoteMark, VoteThreshold
from thidua.council.tests.conftest import all_choices, member_user

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_index_lists_my_open_session(client, open_session, council):
    response = login(client, member_user(council, 1)).get(reverse("council:index"))
    assert response.status_code == 200
    assert reverse("council:ballot", args=[open_session.pk]) in response.content.decode()


def test_ballot_choose_confirm_receipt_then_check(client, open_session, council):
    login(client, member_user(council, 1))
    url = reverse("council:ballot", args=[open_session.pk])
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 6
    choices = {f"c{pk}": value for pk, value in all_choices(open_session).items()}
    # Missing a choice: the page says so and nothing is saved.
    first = next(iter(choices))
    incomplete = {**choices, "step": "review"}
    del incomplete[first]
    response = client.post(url, incomplete)
    assert "Hãy chọn Đồng ý hoặc Không đồng ý." in response.content.decode()
    review = client.post(url, {**choices, "step": "review"})
    assert "Xác nhận phiếu bầu" in review.content.decode()
    assert VoteMark.objects.count() == 0 and BallotSlip.objects.count() == 0
    done = client.post(url, {**choices, "step": "confirm"})
    text = done.content.decode()
    code = re.search(r'id="receipt-code">([A-Z0-9-]+)<', text).group(1)
    assert done["Cache-Control"] == "no-store"
    assert VoteMark.objects.count() == 1 and BallotSlip.objects.count() == 3
    # A second visit says "already voted"; a replayed POST changes nothing.
    assert "Đồng chí đã bỏ phiếu trong phiên họp này." in client.get(url).content.decode()
    client.post(url, {**choices, "step": "confirm"})
    assert BallotSlip.objects.count() == 3
    check = client.post(reverse("council:receipt_check", args=[open_session.pk]), {"code": code.lower()})
    assert (
        "Phiếu của đồng chí có trong hòm phiếu: 3 lựa chọn mang mã biên nhận này." in check.content.decode()
    )
    wrong = client.post(reverse("council:receipt_check", args=[open_session.pk]), {"code": "AAAA-BBBB-CCCC"})
    assert "Không có phiếu nào mang mã biên nhận này." in wrong.content.decode()


def test_session_page_shows_how_many_voted_not_what(client, open_session, council, users, admin_user):
    services.ballot_cast(
        actor=member_user(council, 1), session=open_session, choices=all_choices(open_session)
    )
    response = login(client, users["commune_officer"]).get(
        reverse("council:session_detail", args=[open_session.pk])
    )
    text = response.content.decode()
    assert "1/9" in text
    live = client.get(reverse("council:session_live", args=[open_session.pk])).content.decode()
    assert "1/9" in live and "hx-trigger" in live


def test_steps_and_minutes_download(client, open_session, council, users):
    login(client, users["commune_officer"])
    for index in range(9):
        services.ballot_cast(
            actor=member_user(council, index), session=open_session, choices=all_choices(open_session)
        )
    client.post(reverse("council:session_step", args=[open_session.pk, "closed"]))
    client.post(reverse("council:session_step", args=[open_session.pk, "counted"]))
    open_session.refresh_from_db()
    assert open_session.status == "counted"
    page = client.get(reverse("council:session_detail", args=[open_session.pk])).content.decode()
    assert "100.00%" in page or "100,00%" in page
    response = client.get(reverse("council:minutes", args=[open_session.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_open_refused_message_shown(client, session, users, disclosed_round):
    from thidua.nominations.models import ReviewRound

    ReviewRound.objects.filter(pk=disclosed_round.pk).update(disclosure_ends_on=date.today())
    login(client, users["commune_officer"])
    response = client.post(reverse("council:session_step", args=[session.pk, "open"]), follow=True)
    assert "chưa thể bỏ phiếu trước khi hết thời hạn công khai" in response.content.decode()
    assert CouncilSession.objects.get(pk=session.pk).status == "draft"


# --- permission matrix --------------------------------------------------------------------------------------


def state():
    return (
        list(CouncilSession.objects.values_list("status", flat=True)),
        Council.objects.count(),
        CouncilMember.objects.count(),
        sorted(VoteThreshold.objects.values_list("code", "percent")),
        VoteMark.objects.count(),
    )


DENIED = ["anonymous", "no_role", "other_commune", "unit_reporter", "council_member"]


@pytest.mark.parametrize("who", DENIED)
def test_denied_users_change_nothing(client, who, session, users, council):
    if who != "anonymous":
        login(client, users[who])
    before = state()
    posts = [
        reverse("council:session_step", args=[session.pk, "open"]),
        reverse("council:member_add", args=[council.pk]),
        reverse("council:threshold_set", args=[council.pk]),
        reverse("council:session_create", args=[council.pk]),
        reverse("council:attendance_update", args=[session.pk]),
    ]
    for url in posts:
        response = client.post(url, {"code": "lao_dong_tien_tien", "percent": "90", "inclusive": "on"})
        assert response.status_code in (302, 404), url
        if who == "anonymous":
            assert "/login" in response["Location"] or "login" in response["Location"]
    assert state() == before


@pytest.mark.parametrize("who,visible", [("other_commune", 404), ("unit_reporter", 404), ("no_role", 404)])
def test_session_page_hidden_outside_the_commune(client, who, visible, session, users):
    response = login(client, users[who]).get(reverse("council:session_detail", args=[session.pk]))
    assert response.status_code == visible


@pytest.mark.parametrize("who", ["commune_officer", "city_officer"])
def test_commune_officer_and_parent_subtree_may_run_the_session(client, who, session, users):
    login(client, users[who])
    response = client.post(reverse("council:session_step", args=[session.pk, "open"]))
    assert response.status_code == 302
    assert CouncilSession.objects.get(pk=session.pk).status == "open"


def test_council_member_role_sees_but_cannot_run(client, session, users):
    login(client, users["council_member"])
    assert client.get(reverse("council:session_detail", args=[session.pk])).status_code == 200
    client.post(reverse("council:session_step", args=[session.pk, "open"]))
    assert CouncilSession.objects.get(pk=session.pk).status == "draft"


def test_ballot_page_is_404_for_non_members(client, open_session, users):
    for who in ("commune_officer", "council_member", "other_commune"):
        login(client, users[who])
        assert client.get(reverse("council:ballot", args=[open_session.pk])).status_code == 404
    assert VoteMark.objects.count() == 0


def test_setup_pages(client, users, tree, council, make_person):
    login(client, users["commune_officer"])
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Nguyễn Văn Hùng" in page and "8/9" in page  # CSTĐCS: 8 of 9 members needed
    person = make_person(tree["commune_a"], "Trịnh Văn Mới")
    response = client.post(
        reverse("council:member_add", args=[council.pk]),
        {"person": person.pk, "role": "member", "active_from": "2025-01-01"},
    )
    assert response.status_code == 302
    assert len(selectors.active_members(council, date.today())) == 10
    client.post(
        reverse("council:threshold_set", args=[council.pk]),
        {"code": "chien_si_thi_dua_co_so", "percent": "90", "inclusive": "on"},
    )
    assert VoteThreshold.objects.get(council=council, code="chien_si_thi_dua_co_so").percent == 90


def test_page_query_counts(client, open_session, council, users, django_assert_max_num_queries):
    for index in range(9):
        services.ballot_cast(
            actor=member_user(council, index), session=open_session, choices=all_choices(open_session)
        )
    login(client, users["commune_officer"])
    with django_assert_max_num_queries(25):
        assert client.get(reverse("council:session_detail", args=[open_session.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("council:index")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(council.get_absolute_url()).status_code == 200
