"""Services: each refusal says why and changes nothing; the happy path leaves history."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.campaigns.choices import PlanStatus
from thidua.campaigns.models import Plan, Registration
from thidua.commendations.models import InitiativeRecord, TaskRating
from thidua.core.vietnamese.calendar import WorkCalendar
from thidua.nominations import services
from thidua.nominations.choices import CommentStatus, DossierPartKind, NominationStatus, RoundStatus
from thidua.nominations.models import DisclosureComment, DossierPart, Nomination, ReviewRound

from .conftest import YEAR, pdf_upload

pytestmark = pytest.mark.django_db
S = NominationStatus


def snapshot(nomination):
    nomination.refresh_from_db()
    return (
        nomination.status,
        nomination.return_reason,
        Nomination.history.filter(id=nomination.pk).count(),
        DossierPart.objects.filter(nomination=nomination).count(),
    )


# --- Creating -----------------------------------------------------------------------------------------------


def test_create_records_history_and_the_subject(nominate, person):
    nomination = nominate(person)
    assert nomination.status == S.DRAFT
    assert nomination.subject == person
    assert Nomination.history.filter(id=nomination.pk).count() == 1


def test_a_title_for_the_wrong_kind_of_subject_is_refused(nominate, tree, review_round):
    with pytest.raises(ValidationError) as error:
        nominate(tree["department_a"], code="lao_dong_tien_tien")
    assert "cho đối tượng này; hãy chọn một trong" in str(error.value)
    assert not Nomination.objects.exists()


def test_a_nominee_of_another_commune_is_refused(nominate, make_person, tree):
    stranger = make_person(tree["village_b"], "Lê Thị Bình")
    with pytest.raises(ValidationError):
        nominate(stranger)
    assert not Nomination.objects.exists()


def test_a_closed_round_takes_no_nomination(nominate, person, review_round):
    ReviewRound.objects.filter(pk=review_round.pk).update(status=RoundStatus.DISCLOSED)
    with pytest.raises(ValidationError, match="không còn nhận đề nghị"):
        nominate(person)
    assert not Nomination.objects.exists()


# --- Submitting ---------------------------------------------------------------------------------------------


def test_submit_after_the_due_date_is_refused(nominate, person, admin_user, review_round):
    nomination = nominate(person)
    before = snapshot(nomination)
    late = review_round.nominations_due + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.nomination_submit(actor=admin_user, nomination=nomination, today=late)
    assert review_round.nominations_due.strftime("%d/%m/%Y") in str(error.value)
    assert snapshot(nomination) == before


def test_submit_on_the_due_date_is_accepted(nominate, person, admin_user, review_round):
    nomination = services.nomination_submit(
        actor=admin_user, nomination=nominate(person), today=review_round.nominations_due
    )
    assert nomination.status == S.SUBMITTED
    assert nomination.submitted_at is not None


# --- Accepting: dossier, eligibility, registration --------------------------------------------------------


def test_accept_with_a_complete_dossier(submitted, admin_user):
    nomination = services.nomination_accept(actor=admin_user, nomination=submitted)
    assert nomination.status == S.ACCEPTED
    reasons = list(
        Nomination.history.filter(id=nomination.pk).values_list("history_change_reason", flat=True)
    )
    assert "Accepted into the list." in reasons or "Đã chấp nhận vào danh sách." in reasons


def test_accept_refuses_a_missing_part_and_names_it(nominate, person, admin_user):
    nomination = nominate(person)
    services.dossier_part_draft(actor=admin_user, nomination=nomination, kind=DossierPartKind.PROPOSAL)
    services.nomination_submit(actor=admin_user, nomination=nomination)
    before = snapshot(nomination)
    with pytest.raises(ValidationError) as error:
        services.nomination_accept(actor=admin_user, nomination=nomination)
    text = str(error.value)
    assert str(DossierPartKind.ACHIEVEMENT_REPORT.label) in text
    assert str(DossierPartKind.MEETING_MINUTES.label) in text
    assert str(DossierPartKind.PROPOSAL.label) not in text
    assert snapshot(nomination) == before


def test_cstdcs_needs_proof_of_the_initiative_unless_one_is_on_record(nominate, person, complete, admin_user):
    TaskRating.objects.filter(person=person).update(rating="htxs")
    nomination = complete(nominate(person, code="chien_si_thi_dua_co_so"))
    services.nomination_submit(actor=admin_user, nomination=nomination)
    before = snapshot(nomination)
    with pytest.raises(ValidationError) as error:
        services.nomination_accept(actor=admin_user, nomination=nomination)
    assert str(DossierPartKind.EVIDENCE.label) in str(error.value)
    assert snapshot(nomination) == before
    InitiativeRecord.objects.create(person=person, year=YEAR, title="Sổ tay số", scope="co_so")
    assert services.nomination_accept(actor=admin_user, nomination=nomination).status == S.ACCEPTED


def test_accept_refuses_a_subject_the_engine_finds_not_eligible(nominate, person, complete, admin_user):
    TaskRating.objects.filter(person=person).update(rating="ht")
    nomination = complete(nominate(person))
    services.nomination_submit(actor=admin_user, nomination=nomination)
    before = snapshot(nomination)
    with pytest.raises(ValidationError) as error:
        services.nomination_accept(actor=admin_user, nomination=nomination)
    text = str(error.value)
    assert "Nguyễn Văn An" in text
    assert "Lao động tiên tiến" in text
    assert "Luật Thi đua, khen thưởng" in text  # the failed condition's legal basis
    assert snapshot(nomination) == before


@pytest.fixture
def plan(tree):
    return Plan.objects.create(
        issuing_unit=tree["commune_a"], number=3, date=date(2025, 2, 1), title="Kế hoạch thi đua năm 2025",
        status=PlanStatus.RUNNING,
    )  # fmt: skip


def test_a_title_without_registration_is_refused_until_the_chairman_allows_it(
    review_round, plan, nominate, person, complete, admin_user, chairman, users
):
    ReviewRound.objects.filter(pk=review_round.pk).update(plan=plan)
    review_round.refresh_from_db()
    nomination = complete(nominate(person))
    services.nomination_submit(actor=admin_user, nomination=nomination)
    before = snapshot(nomination)
    with pytest.raises(ValidationError, match="chưa đăng ký thi đua theo kế hoạch"):
        services.nomination_accept(actor=users["commune_officer"], nomination=nomination)
    assert snapshot(nomination) == before
    # Only DECIDE may override, and only with a justification.
    with pytest.raises(PermissionDenied):
        services.nomination_override_registration(
            actor=users["commune_officer"], nomination=nomination, justification="Lý do"
        )
    with pytest.raises(ValidationError):
        services.nomination_override_registration(actor=chairman, nomination=nomination, justification="  ")
    assert snapshot(nomination) == before
    services.nomination_override_registration(
        actor=chairman, nomination=nomination, justification="Chuyển công tác về sau hạn đăng ký"
    )
    accepted = services.nomination_accept(actor=users["commune_officer"], nomination=nomination)
    assert accepted.status == S.ACCEPTED
    assert accepted.registration_override == "Chuyển công tác về sau hạn đăng ký"


def test_a_registered_person_needs_no_override(review_round, plan, nominate, person, complete, admin_user):
    ReviewRound.objects.filter(pk=review_round.pk).update(plan=plan)
    Registration.objects.create(
        plan=plan, unit=person.unit, person=person, contents="Đăng ký", status="accepted"
    )
    nomination = complete(nominate(person))
    services.nomination_submit(actor=admin_user, nomination=nomination)
    assert services.nomination_accept(actor=admin_user, nomination=nomination).status == S.ACCEPTED


def test_a_form_needs_no_registration(review_round, plan, nominate, person, complete, admin_user):
    ReviewRound.objects.filter(pk=review_round.pk).update(plan=plan)
    nomination = complete(nominate(person, code="giay_khen_chu_tich_xa"))
    services.nomination_submit(actor=admin_user, nomination=nomination)
    assert services.nomination_accept(actor=admin_user, nomination=nomination).status == S.ACCEPTED


def test_return_needs_a_reason_and_keeps_it(submitted, admin_user):
    before = snapshot(submitted)
    with pytest.raises(ValidationError):
        services.nomination_return(actor=admin_user, nomination=submitted, reason=" ")
    assert snapshot(submitted) == before
    returned = services.nomination_return(actor=admin_user, nomination=submitted, reason="Thiếu số liệu")
    assert returned.status == S.RETURNED and returned.return_reason == "Thiếu số liệu"
    resubmitted = services.nomination_submit(actor=admin_user, nomination=returned)
    assert resubmitted.return_reason == ""


# --- Permission matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("anonymous", False), ("no_role", False), ("other_commune", False), ("unit_reporter", True),
     ("commune_officer", True), ("city_officer", True), ("council_member", False)],
)  # fmt: skip
def test_who_may_propose(who, allowed, users, nominate, person):
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if who == "anonymous" else users[who]
    if allowed:
        assert nominate(person, actor=actor).status == S.DRAFT
    else:
        with pytest.raises(PermissionDenied):
            nominate(person, actor=actor)
        assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("no_role", False), ("other_commune", False), ("unit_reporter", False), ("council_member", False),
     ("commune_officer", True), ("city_officer", True)],
)  # fmt: skip
def test_who_may_accept_and_publish(who, allowed, users, submitted, review_round):
    before = snapshot(submitted)
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.nomination_accept(actor=users[who], nomination=submitted)
        with pytest.raises(PermissionDenied):
            services.nomination_return(actor=users[who], nomination=submitted, reason="x")
        assert snapshot(submitted) == before
        return
    services.nomination_accept(actor=users[who], nomination=submitted)
    services.round_disclose(actor=users[who], review_round=review_round)
    submitted.refresh_from_db()
    assert submitted.status == S.DISCLOSED


def test_the_unit_reporter_cannot_publish(users, submitted, review_round, admin_user):
    services.nomination_accept(actor=admin_user, nomination=submitted)
    with pytest.raises(PermissionDenied):
        services.round_disclose(actor=users["unit_reporter"], review_round=review_round)
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.OPEN and review_round.disclosed_from is None


# --- Disclosure window ------------------------------------------------------------------------------------


def test_window_counts_vietnamese_working_days_over_new_year(submitted, admin_user, review_round):
    services.nomination_accept(actor=admin_user, nomination=submitted)
    disclosed = services.round_disclose(actor=admin_user, review_round=review_round, start=date(2024, 12, 23))
    # 23–27/12, 30–31/12, (1/1 holiday), 2–3/1, 6/1: the tenth working day.
    assert disclosed.disclosure_ends_on == date(2025, 1, 6)
    assert not services.disclosure_over(disclosed, date(2025, 1, 6))
    assert services.disclosure_over(disclosed, date(2025, 1, 7))
    assert services.disclosure_open(disclosed, date(2025, 1, 6))


def test_window_over_tet(submitted, admin_user, review_round):
    services.nomination_accept(actor=admin_user, nomination=submitted)
    start = date(2025, 1, 24)  # a Friday before the Tết holiday (27/1–31/1/2025)
    disclosed = services.round_disclose(actor=admin_user, review_round=review_round, start=start)
    calendar = WorkCalendar()
    assert calendar.working_days_between(start, disclosed.disclosure_ends_on) == 9
    assert disclosed.disclosure_ends_on == date(2025, 2, 13)


def test_publishing_nothing_is_refused(review_round, admin_user):
    with pytest.raises(ValidationError, match="Chưa có đề nghị nào được chấp nhận"):
        services.round_disclose(actor=admin_user, review_round=review_round)
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.OPEN


# --- Dossier parts ----------------------------------------------------------------------------------------


def test_draft_keeps_the_edited_text_unless_replaced(nominate, person, admin_user):
    nomination = nominate(person)
    part = services.dossier_part_draft(
        actor=admin_user, nomination=nomination, kind=DossierPartKind.ACHIEVEMENT_REPORT
    )
    assert "I. SƠ LƯỢC LÝ LỊCH" in part.text and "Nguyễn Văn An" in part.text
    assert "Hoàn thành tốt nhiệm vụ" in part.text  # the year's rating
    services.dossier_part_update(actor=admin_user, part=part, title=part.title, text="Văn bản đã sửa")
    again = services.dossier_part_draft(
        actor=admin_user, nomination=nomination, kind=DossierPartKind.ACHIEVEMENT_REPORT
    )
    assert again.pk == part.pk and again.text == "Văn bản đã sửa"
    replaced = services.dossier_part_draft(
        actor=admin_user, nomination=nomination, kind=DossierPartKind.ACHIEVEMENT_REPORT, replace=True
    )
    assert "I. SƠ LƯỢC LÝ LỊCH" in replaced.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "Chỉ nhận tệp PDF"),
        ("script.docx", b"#!/bin/sh\necho", "Chỉ nhận tệp PDF"),
    ],
)
def test_uploads_are_checked_by_content(name, content, message, nominate, person, admin_user):
    nomination = nominate(person)
    with pytest.raises(ValidationError, match=message):
        services.dossier_part_upload(
            actor=admin_user,
            nomination=nomination,
            kind=DossierPartKind.MEETING_MINUTES,
            upload=SimpleUploadedFile(name, content),
        )
    assert not DossierPart.objects.exists()


def test_uploads_over_the_size_limit_are_refused(nominate, person, admin_user, monkeypatch):
    monkeypatch.setattr(services, "MAX_UPLOAD_MB", 0)
    with pytest.raises(ValidationError, match="Tệp lớn hơn"):
        services.dossier_part_upload(
            actor=admin_user, nomination=nominate(person), kind=DossierPartKind.EVIDENCE, upload=pdf_upload()
        )
    assert not DossierPart.objects.exists()


def test_the_dossier_is_frozen_once_accepted(submitted, admin_user):
    services.nomination_accept(actor=admin_user, nomination=submitted)
    part = submitted.parts.first()
    with pytest.raises(ValidationError, match="không sửa hồ sơ được nữa"):
        services.dossier_part_delete(actor=admin_user, part=part)
    assert DossierPart.objects.filter(pk=part.pk).exists()


# --- Comments -------------------------------------------------------------------------------------------


@pytest.fixture
def disclosed_round(submitted, admin_user, review_round):
    services.nomination_accept(actor=admin_user, nomination=submitted)
    return services.round_disclose(actor=admin_user, review_round=review_round, start=timezone.localdate())


def test_comments_only_while_the_window_is_open(disclosed_round, submitted):
    data = {"author_name": "Trần Bình", "text": "Nhất trí", "nomination": submitted}
    services.comment_submit(review_round=disclosed_round, data=data)
    after = disclosed_round.disclosure_ends_on + timedelta(days=1)
    with pytest.raises(ValidationError, match="Đã hết thời gian góp ý"):
        services.comment_submit(review_round=disclosed_round, data=data, today=after)
    assert DisclosureComment.objects.count() == 1
    assert DisclosureComment.objects.get().status == CommentStatus.PENDING


def test_moderation_needs_review_and_a_reason_to_reject(disclosed_round, users):
    comment = services.comment_submit(review_round=disclosed_round, data={"author_name": "A", "text": "B"})
    with pytest.raises(PermissionDenied):
        services.comment_moderate(
            actor=users["unit_reporter"], comment=comment, status=CommentStatus.PUBLISHED
        )
    with pytest.raises(ValidationError):
        services.comment_moderate(
            actor=users["commune_officer"], comment=comment, status=CommentStatus.REJECTED
        )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING and comment.moderated_by is None
    services.comment_moderate(
        actor=users["commune_officer"], comment=comment, status=CommentStatus.REJECTED, note="Quảng cáo"
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED and comment.moderated_by == users["commune_officer"]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("no_role", False), ("other_commune", False), ("unit_reporter", False), ("council_member", False),
     ("commune_officer", True), ("city_officer", True)],
)  # fmt: skip
def test_who_may_open_a_round(who, allowed, users, tree):
    data = {
        "commune": tree["commune_a"],
        "year": YEAR,
        "name": "Đợt xét",
        "nominations_due": date(2025, 12, 15),
    }
    if allowed:
        assert services.round_create(actor=users[who], data=data).status == RoundStatus.OPEN
    else:
        with pytest.raises(PermissionDenied):
            services.round_create(actor=users[who], data=data)
        assert not ReviewRound.objects.exists()


def test_a_submitted_nomination_cannot_be_edited(submitted, admin_user):
    before = snapshot(submitted)
    with pytest.raises(ValidationError, match="Chỉ sửa được đề nghị đang soạn hoặc bị trả lại"):
        services.nomination_update(actor=admin_user, nomination=submitted, data={"summary": "Khác"})
    assert snapshot(submitted) == before
    assert submitted.summary == "Hoàn thành tốt nhiệm vụ được giao"


def test_another_commune_cannot_touch_the_dossier(submitted, users):
    before = snapshot(submitted)
    with pytest.raises(PermissionDenied):
        services.dossier_part_upload(
            actor=users["other_commune"],
            nomination=submitted,
            kind=DossierPartKind.EVIDENCE,
            upload=pdf_upload(),
        )
    with pytest.raises(PermissionDenied):
        services.nomination_submit(actor=users["other_commune"], nomination=submitted)
    assert snapshot(submitted) == before
