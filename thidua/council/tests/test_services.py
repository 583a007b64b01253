"""The session's workflow, the ballot and its refusals (each refusal changes nothing)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.council import selectors, services
from thidua.council.choices import Attendance, SessionStatus
from thidua.council.models import AgendaItem, BallotSlip, CouncilSession, SessionAttendance, VoteMark
from thidua.council.tests.conftest import all_choices, member_user
from thidua.nominations.choices import NominationStatus, RoundStatus
from thidua.nominations.models import Nomination

pytestmark = pytest.mark.django_db


def snapshot(session):
    session = CouncilSession.objects.get(pk=session.pk)
    return (
        session.status,
        VoteMark.objects.count(),
        sorted(BallotSlip.objects.values_list("item_id", "choice", "receipt_hash")),
        sorted(SessionAttendance.objects.values_list("member_id", "status")),
        AgendaItem.objects.count(),
        sorted(Nomination.objects.values_list("pk", "status", "votes_for")),
    )


def test_council_gets_default_thresholds(council):
    rows = {row.code: (row.percent, row.inclusive) for row in council.thresholds.all()}
    assert rows["chien_si_thi_dua_co_so"] == (Decimal(80), True)
    assert rows["lao_dong_tien_tien"] == (Decimal(50), False)


def test_session_create_lists_every_active_member_present(session):
    rows = selectors.attendance_rows(session)
    assert len(rows) == 9
    assert {row.status for row in rows} == {Attendance.PRESENT}
    assert rows[0].member.role == "chair"


def test_open_freezes_the_agenda(open_session):
    assert open_session.status == SessionStatus.OPEN
    assert [item.nomination.code for item in selectors.agenda(open_session)] == [
        "chien_si_thi_dua_co_so",
        "chien_si_thi_dua_co_so",
        "lao_dong_tien_tien",
    ]


def test_open_refused_before_the_window_ends(session, admin_user):
    before = snapshot(session)
    ends = session.review_round.disclosure_ends_on
    with pytest.raises(ValidationError, match="chưa thể bỏ phiếu trước khi hết thời hạn công khai"):
        services.session_open(actor=admin_user, session=session, today=ends)
    assert snapshot(session) == before


def test_vote_refused_while_the_window_runs(open_session, council, disclosed_round):
    # Even if a session were open (e.g. the round's window was extended), no ballot before the window ends.
    from thidua.nominations.models import ReviewRound

    ReviewRound.objects.filter(pk=disclosed_round.pk).update(disclosure_ends_on=date.today())
    open_session.refresh_from_db()
    before = snapshot(open_session)
    with pytest.raises(ValidationError, match="chưa thể bỏ phiếu trước khi hết thời hạn công khai"):
        services.ballot_cast(
            actor=member_user(council, 1), session=open_session, choices=all_choices(open_session)
        )
    assert snapshot(open_session) == before


def test_steps_leave_history_rows(open_session, admin_user):
    services.session_close(actor=admin_user, session=open_session)
    reasons = list(
        open_session.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons[-2:] == ["Bắt đầu bỏ phiếu.", "Kết thúc bỏ phiếu."]
    assert open_session.history.latest().history_user == admin_user


def test_open_refused_without_quorum(session, admin_user):
    for row in selectors.attendance_rows(session)[:2]:
        services.attendance_set(
            actor=admin_user, session=session, member=row.member, status=Attendance.ABSENT
        )
    before = snapshot(session)
    with pytest.raises(ValidationError, match="Chưa đủ số thành viên: 7/9 thành viên tham gia"):
        services.session_open(actor=admin_user, session=session)
    assert snapshot(session) == before


def test_written_votes_count_towards_quorum(session, admin_user):
    rows = selectors.attendance_rows(session)
    services.attendance_set(
        actor=admin_user, session=session, member=rows[1].member, status=Attendance.ABSENT
    )
    services.attendance_set(
        actor=admin_user, session=session, member=rows[2].member, status=Attendance.WRITTEN
    )
    assert services.quorum(session) == (8, 9, True)
    assert services.session_open(actor=admin_user, session=session).status == SessionStatus.OPEN


def test_ballot_cast_writes_a_mark_and_unlinked_slips(open_session, council):
    user = member_user(council, 1)
    receipt = services.ballot_cast(actor=user, session=open_session, choices=all_choices(open_session))
    assert receipt.candidates == 3
    assert VoteMark.objects.filter(session=open_session, member__user=user).count() == 1
    assert BallotSlip.objects.count() == 3
    digest = services.receipt_hash(open_session.pk, receipt.code)
    assert selectors.receipt_counted(open_session, digest) == 3
    assert selectors.receipt_counted(open_session, receipt.code.lower()) == 0
    assert selectors.receipt_hashes(open_session) == [digest]
    assert selectors.voted_count(open_session) == 1


def test_second_vote_refused(open_session, council):
    user = member_user(council, 1)
    services.ballot_cast(actor=user, session=open_session, choices=all_choices(open_session))
    before = snapshot(open_session)
    with pytest.raises(ValidationError, match="đã bỏ phiếu trong phiên họp"):
        services.ballot_cast(actor=user, session=open_session, choices=all_choices(open_session, "disagree"))
    assert snapshot(open_session) == before


def test_non_member_refused(open_session, users):
    before = snapshot(open_session)
    for user in (users["council_member"], users["commune_officer"], users["no_role"]):
        with pytest.raises(PermissionDenied, match="Chỉ thành viên Hội đồng mới được bỏ phiếu"):
            services.ballot_cast(actor=user, session=open_session, choices=all_choices(open_session))
    assert snapshot(open_session) == before


def test_former_member_refused(open_session, council, admin_user):
    member = council.members.get(user__username="member3")
    services.member_update(
        actor=admin_user, member=member, data={"active_to": open_session.held_on - timedelta(days=1)}
    )
    before = snapshot(open_session)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=member_user(council, 3), session=open_session, choices=all_choices(open_session)
        )
    assert snapshot(open_session) == before


def test_vote_refused_when_not_open(session, council, admin_user):
    user = member_user(council, 1)
    before = snapshot(session)
    with pytest.raises(ValidationError, match="hiện không mở bỏ phiếu"):
        services.ballot_cast(actor=user, session=session, choices={})
    assert snapshot(session) == before


def test_vote_after_close_refused(open_session, council, admin_user):
    choices = all_choices(open_session)
    services.session_close(actor=admin_user, session=open_session)
    before = snapshot(open_session)
    with pytest.raises(ValidationError, match="hiện không mở bỏ phiếu"):
        services.ballot_cast(actor=member_user(council, 1), session=open_session, choices=choices)
    assert snapshot(open_session) == before


def test_candidate_not_on_agenda_or_missing_refused(open_session, council, disclosed_round):
    user = member_user(council, 1)
    choices = all_choices(open_session)
    before = snapshot(open_session)
    with pytest.raises(ValidationError, match="không nằm trong danh sách bỏ phiếu"):
        services.ballot_cast(actor=user, session=open_session, choices={**choices, 999999: "agree"})
    partial = dict(list(choices.items())[:2])
    with pytest.raises(ValidationError, match="Không đồng ý cho từng trường hợp"):
        services.ballot_cast(actor=user, session=open_session, choices=partial)
    with pytest.raises(ValidationError, match="Không đồng ý cho từng trường hợp"):
        services.ballot_cast(actor=user, session=open_session, choices={k: "maybe" for k in choices})
    assert snapshot(open_session) == before


def test_absent_member_cannot_vote_on_phone_but_in_writing(open_session, council, admin_user):
    rows = selectors.attendance_rows(open_session)
    absent = rows[3].member
    services.attendance_set(actor=admin_user, session=open_session, member=absent, status=Attendance.ABSENT)
    before = snapshot(open_session)
    with pytest.raises(ValidationError, match="chưa được ghi nhận có mặt"):
        services.ballot_cast(actor=absent.user, session=open_session, choices=all_choices(open_session))
    assert snapshot(open_session) == before
    secretary = member_user(council, 8)
    receipt = services.written_ballot_enter(
        actor=secretary, session=open_session, member=absent, choices=all_choices(open_session)
    )
    assert receipt.candidates == 3
    assert SessionAttendance.objects.get(session=open_session, member=absent).status == Attendance.WRITTEN
    assert set(BallotSlip.objects.values_list("channel", flat=True)) == {"written"}


def test_written_ballot_refused_for_present_member_and_non_secretary(open_session, council, users):
    present = selectors.attendance_rows(open_session)[2].member
    before = snapshot(open_session)
    with pytest.raises(ValidationError, match="tự bỏ phiếu trên điện thoại"):
        services.written_ballot_enter(
            actor=member_user(council, 8),
            session=open_session,
            member=present,
            choices=all_choices(open_session),
        )
    with pytest.raises(PermissionDenied):
        services.written_ballot_enter(
            actor=member_user(council, 2),
            session=open_session,
            member=present,
            choices=all_choices(open_session),
        )
    assert snapshot(open_session) == before


def _vote(session, council, agree_counts):
    """Members 0..8 vote; candidate i gets ``agree_counts[i]`` agree votes."""
    items = list(session.agenda.order_by("position"))
    for index in range(9):
        choices = {
            item.pk: "agree" if index < agree_counts[position] else "disagree"
            for position, item in enumerate(items)
        }
        services.ballot_cast(actor=member_user(council, index), session=session, choices=choices)


def test_count_at_the_threshold_boundary(open_session, council, admin_user, disclosed_round):
    # 80% of 9 = 7.2 -> 8 votes needed for CSTĐCS; a majority of 9 (> 50%) is 5.
    _vote(open_session, council, [8, 7, 5])
    services.session_close(actor=admin_user, session=open_session)
    session = services.session_count(actor=admin_user, session=open_session)
    items = selectors.agenda(session)
    assert [(i.votes_for, i.votes_against, i.votes_needed, i.passed) for i in items] == [
        (8, 1, 8, True),
        (7, 2, 8, False),
        (5, 4, 5, True),
    ]
    assert [i.percent for i in items] == [Decimal("88.89"), Decimal("77.78"), Decimal("55.56")]
    statuses = [item.nomination.status for item in items]
    assert [Nomination.objects.get(pk=i.nomination_id).status for i in items] == [
        NominationStatus.VOTED,
        NominationStatus.NOT_PASSED,
        NominationStatus.VOTED,
    ], statuses
    assert Nomination.objects.get(pk=items[1].nomination_id).votes_for == 7
    disclosed_round.refresh_from_db()
    assert disclosed_round.status == RoundStatus.VOTED
    assert str(session.minutes_number) == "01/BB-HĐTĐKT"
    assert session.minutes_number.series == "HĐTĐKT"


def test_percent_is_of_all_members_not_those_present(open_session, council, admin_user):
    # Four members do not vote at all: 5 agree of 9 members is 55.56%, not 100% of the 5 ballots.
    items = list(open_session.agenda.order_by("position"))
    for index in range(5):
        services.ballot_cast(
            actor=member_user(council, index), session=open_session, choices={i.pk: "agree" for i in items}
        )
    services.session_close(actor=admin_user, session=open_session)
    session = services.session_count(actor=admin_user, session=open_session)
    first = selectors.agenda(session)[0]
    assert (first.votes_for, first.percent, first.passed) == (5, Decimal("55.56"), False)


def test_majority_boundary_is_strict():
    assert services.votes_needed(9, Decimal(50), False) == 5
    assert services.votes_needed(10, Decimal(50), False) == 6
    assert services.votes_needed(9, Decimal(80), True) == 8
    assert services.votes_needed(10, Decimal(80), True) == 8
    assert services.votes_needed(5, Decimal(80), True) == 4


def test_threshold_is_editable_data(open_session, council, admin_user):
    services.threshold_set(
        actor=admin_user, council=council, code="chien_si_thi_dua_co_so", percent=Decimal(70), inclusive=True
    )
    _vote(open_session, council, [7, 6, 5])
    services.session_close(actor=admin_user, session=open_session)
    items = selectors.agenda(services.session_count(actor=admin_user, session=open_session))
    assert [(i.votes_needed, i.passed) for i in items] == [(7, True), (7, False), (5, True)]


def test_close_shuffles_but_keeps_the_slips(open_session, council, admin_user):
    _vote(open_session, council, [8, 7, 5])
    before = sorted(BallotSlip.objects.values_list("item_id", "choice", "receipt_hash"))
    ids_before = set(BallotSlip.objects.values_list("id", flat=True))
    services.session_close(actor=admin_user, session=open_session)
    assert sorted(BallotSlip.objects.values_list("item_id", "choice", "receipt_hash")) == before
    assert not ids_before & set(BallotSlip.objects.values_list("id", flat=True))


ALL = list(SessionStatus.values)
ALLOWED = {("draft", "open"), ("open", "closed"), ("closed", "counted")}


@pytest.mark.parametrize("start", ALL)
@pytest.mark.parametrize("target", ALL)
def test_every_illegal_transition_is_refused(start, target, session, admin_user):
    if (start, target) in ALLOWED:
        return
    CouncilSession.objects.filter(pk=session.pk).update(status=start)
    step = {
        "open": services.session_open,
        "closed": services.session_close,
        "counted": services.session_count,
    }.get(target)
    if step is None:  # nothing moves a session back to draft
        assert target not in services.SESSION_TRANSITIONS[start]
        return
    before = snapshot(session)
    with pytest.raises(ValidationError, match="không thể chuyển từ"):
        step(actor=admin_user, session=session)
    assert snapshot(session) == before


def test_session_for_another_communes_round_refused(council, admin_user, tree):
    from thidua.nominations import services as nominations

    other = nominations.round_create(
        actor=admin_user,
        data={
            "commune": tree["commune_b"],
            "year": 2024,
            "name": "B 2024",
            "nominations_due": date(2024, 12, 1),
        },
    )
    with pytest.raises(ValidationError, match="thuộc xã khác"):
        services.session_create(
            actor=admin_user, council=council, review_round=other, held_on=date.today(), place="X"
        )
    assert CouncilSession.objects.count() == 0


def test_demo_skips_quietly_without_the_commune(admin_user):
    from thidua.council import demo

    demo.build(admin_user)
    assert CouncilSession.objects.count() == 0
