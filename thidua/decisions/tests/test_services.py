"""Decisions: drafting, issuing (numbers, register, amounts, awards on record), refusals change nothing."""

import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from thidua.commendations.choices import DisciplineMeasure
from thidua.commendations.models import AwardRecord
from thidua.commendations.services import discipline_create
from thidua.decisions import services
from thidua.decisions.choices import BatchStatus, DecisionKind, DecisionStatus
from thidua.decisions.models import CertificateBatch, Decision, DecisionEntry, RewardRegisterEntry
from thidua.decisions.tests.conftest import make_round
from thidua.documents.models import DocumentNumber
from thidua.nominations.choices import NominationStatus, RoundStatus
from thidua.nominations.models import Nomination

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Decision.objects.count(),
        list(Decision.objects.values_list("status", "number_text")),
        DecisionEntry.objects.filter(amount__isnull=False).count(),
        RewardRegisterEntry.objects.count(),
        AwardRecord.objects.count(),
        DocumentNumber.objects.count(),
        sorted(Nomination.objects.values_list("status", flat=True)),
    )


def draft(review_round, actor, kind=DecisionKind.DECISION):
    return services.decision_create(
        actor=actor, review_round=review_round, kind=kind, data={"signer_name": "Hoàng Văn Chủ"}
    )


def test_draft_lists_the_voted_nominations_granted_by_the_commune(voted_round, users):
    decision = draft(voted_round, users["commune_officer"])
    assert decision.status == DecisionStatus.DRAFT
    assert decision.entries.count() == 5
    assert decision.number_text == ""
    assert "2024" in decision.title


def test_issue_numbers_registers_and_records_awards(voted_round, users, chairman):
    decision = draft(voted_round, users["commune_officer"])
    decision = services.decision_issue(actor=chairman, decision=decision)
    assert decision.status == DecisionStatus.ISSUED
    assert decision.number_text == "01/QĐ-UBND"
    assert decision.document_number.number == 1
    entries = list(
        decision.entries.select_related("register", "award", "nomination__person").order_by("position")
    )
    assert [e.register.number for e in entries] == [1, 2, 3, 4, 5]
    # the annex order: LĐTT An, Ánh, Bình (given names), then CSTĐCS, then the collective
    assert [e.nomination.subject.__str__() for e in entries[:3]] == [
        "Lê Văn An",
        "Nguyễn Thị Ánh",
        "Trần Văn Bình",
    ]
    lao_dong = entries[0]
    assert lao_dong.amount == 760000  # 0.3 × 2,530,000 rounded up to tens of thousands
    assert lao_dong.award.decision_number == "01/QĐ-UBND"
    assert lao_dong.award.year == 2024
    assert lao_dong.award.code == "lao_dong_tien_tien"
    assert len({e.register.token for e in entries}) == 5
    assert all(len(e.register.token) >= 30 for e in entries)
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.DECIDED}
    voted_round.refresh_from_db()
    assert voted_round.status == RoundStatus.CLOSED
    assert decision.history.filter(history_change_reason__contains="01/QĐ-UBND").exists()


def test_issuing_twice_is_refused_and_changes_nothing(voted_round, users, chairman):
    decision = services.decision_issue(actor=chairman, decision=draft(voted_round, users["commune_officer"]))
    before = snapshot()
    with pytest.raises(ValidationError, match="đã được ban hành, không thể ban hành lại"):
        services.decision_issue(actor=chairman, decision=decision)
    assert snapshot() == before


@pytest.mark.parametrize(
    "who", ["commune_officer", "other_commune", "no_role", "unit_reporter", "council_member", "city_officer"]
)
def test_only_the_chairman_or_admin_may_issue(voted_round, users, who):
    decision = draft(voted_round, users["commune_officer"])
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.decision_issue(actor=users[who], decision=decision)
    assert snapshot() == before


def test_admin_may_issue(voted_round, admin_user):
    decision = services.decision_issue(actor=admin_user, decision=draft(voted_round, admin_user))
    assert decision.status == DecisionStatus.ISSUED


@pytest.mark.parametrize("who", ["other_commune", "no_role", "unit_reporter", "council_member"])
def test_drafting_needs_review_or_decide(voted_round, users, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        draft(voted_round, users[who])
    assert snapshot() == before


def test_nothing_voted_is_refused(tree, admin_user, make_person):
    review_round = make_round(tree, admin_user, make_person, vote=False)
    before = snapshot()
    with pytest.raises(
        ValidationError, match="không còn trường hợp nào được Hội đồng thông qua chờ Chủ tịch quyết định"
    ):
        draft(review_round, admin_user)
    assert snapshot() == before


def test_before_the_disclosure_window_ends_is_refused(tree, admin_user, make_person):
    review_round = make_round(tree, admin_user, make_person, vote=False, start=date.today())
    before = snapshot()
    with pytest.raises(ValidationError, match="Thời hạn công khai kết thúc ngày"):
        draft(review_round, admin_user)
    assert snapshot() == before


def test_issue_rechecks_the_window(voted_round, users, chairman):
    decision = draft(voted_round, users["commune_officer"])
    before = snapshot()
    with pytest.raises(ValidationError, match="Thời hạn công khai kết thúc ngày"):
        services.decision_issue(actor=chairman, decision=decision, today=voted_round.disclosure_ends_on)
    assert snapshot() == before


def test_a_nominee_no_longer_eligible_is_refused_with_the_reason(voted_round, users, chairman, admin_user):
    decision = draft(voted_round, users["commune_officer"])
    person = Nomination.objects.get(person__full_name="Trần Văn Bình").person
    discipline_create(
        actor=admin_user,
        data={"person": person, "measure": DisciplineMeasure.CANH_CAO, "start": date(2024, 6, 1)},
    )
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        services.decision_issue(actor=chairman, decision=decision)
    assert "Trần Văn Bình" in " ".join(error.value.messages)
    assert snapshot() == before


def test_a_nomination_not_voted_any_more_is_refused(voted_round, users, chairman):
    decision = draft(voted_round, users["commune_officer"])
    Nomination.objects.filter(pk=decision.entries.first().nomination_id).update(
        status=NominationStatus.NOT_PASSED
    )
    before = snapshot()
    with pytest.raises(ValidationError, match="chưa được Hội đồng thông qua"):
        services.decision_issue(actor=chairman, decision=decision)
    assert snapshot() == before


def test_every_illegal_transition_is_refused(voted_round, users, chairman):
    decision = draft(voted_round, users["commune_officer"])
    for status, allowed in services.DECISION_TRANSITIONS.items():
        for target in DecisionStatus.values:
            decision.status = status
            if target in allowed:
                services._move(decision, target)
            else:
                with pytest.raises(ValidationError):
                    services._move(decision, target)
    batch = CertificateBatch(decision=decision)
    for status, allowed in services.BATCH_TRANSITIONS.items():
        for target in BatchStatus.values:
            batch.status = status
            if target in allowed:
                services._move_batch(batch, target)
            else:
                with pytest.raises(ValidationError):
                    services._move_batch(batch, target)


def test_signing_a_draft_is_refused(voted_round, users, chairman):
    decision = draft(voted_round, users["commune_officer"])
    with pytest.raises(ValidationError, match="không thể chuyển từ “Đang soạn” sang “Đã ký số”"):
        services.decision_sign(actor=chairman, decision=decision)


def test_signing_without_a_certificate_says_so(voted_round, users, chairman, settings):
    settings.THIDUA_SIGNING_P12 = ""
    decision = services.decision_issue(actor=chairman, decision=draft(voted_round, users["commune_officer"]))
    with pytest.raises(ValidationError, match="chưa được cấu hình chứng thư số để ký"):
        services.decision_sign(actor=chairman, decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED


def test_draft_can_be_edited_and_deleted_but_not_after_issue(voted_round, users, chairman):
    decision = draft(voted_round, users["commune_officer"])
    services.decision_update(
        actor=users["commune_officer"], decision=decision, data={"title": "Về việc khen thưởng"}
    )
    decision.refresh_from_db()
    assert decision.title == "Về việc khen thưởng"
    services.decision_delete(actor=users["commune_officer"], decision=decision)
    assert not Decision.objects.exists() and not DecisionEntry.objects.exists()
    decision = services.decision_issue(actor=chairman, decision=draft(voted_round, users["commune_officer"]))
    before = snapshot()
    with pytest.raises(ValidationError):
        services.decision_delete(actor=users["commune_officer"], decision=decision)
    with pytest.raises(ValidationError):
        services.decision_update(actor=users["commune_officer"], decision=decision, data={"title": "x"})
    assert snapshot() == before


def test_proposal_goes_up_with_a_numbered_ttr_and_a_bundle(tree, admin_user, make_person, chairman):
    review_round = make_round(
        tree, admin_user, make_person, people=[("Đỗ Thị Hà", "bang_khen_chu_tich_tinh")], collective=False
    )
    with pytest.raises(ValidationError):
        draft(review_round, admin_user)  # nothing the commune chairman grants
    proposal = draft(review_round, admin_user, kind=DecisionKind.PROPOSAL)
    with pytest.raises(ValidationError, match="hãy ban hành dưới dạng tờ trình"):
        services.decision_issue(actor=chairman, decision=proposal)
    proposal = services.proposal_issue(actor=chairman, decision=proposal)
    assert proposal.number_text == "01/TTr-UBND"
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.PROPOSED}
    assert proposal.bundle
    import io
    import zipfile

    with proposal.bundle.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert any(name.endswith(".docx") and "To-trinh" in name for name in names)
    assert any(name.endswith(".pdf") for name in names)
    assert not RewardRegisterEntry.objects.exists()


def test_register_numbers_continue_across_decisions(tree, admin_user, make_person, chairman):
    first = make_round(
        tree, admin_user, make_person, people=[("Lê Thị Một", "lao_dong_tien_tien")], collective=False
    )
    services.decision_issue(actor=chairman, decision=draft(first, admin_user))
    second = make_round(
        tree,
        admin_user,
        make_person,
        people=[("Lê Thị Hai", "lao_dong_tien_tien"), ("Lê Thị Ba", "lao_dong_tien_tien")],
        collective=False,
    )
    decision = services.decision_issue(actor=chairman, decision=draft(second, admin_user))
    numbers = sorted(RewardRegisterEntry.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    assert decision.number_text == "02/QĐ-UBND"


@pytest.mark.django_db(transaction=True)
def test_register_numbers_with_concurrent_issues(tree, admin_user, make_person, chairman):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL")
    rounds = [
        make_round(
            tree,
            admin_user,
            make_person,
            people=[(f"Nguyễn Văn Số{i}", "lao_dong_tien_tien"), (f"Trần Thị Số{i}", "lao_dong_tien_tien")],
            collective=False,
        )
        for i in range(3)
    ]
    drafts = [draft(r, admin_user) for r in rounds]
    errors = []

    def work(decision):
        try:
            services.decision_issue(actor=chairman, decision=decision)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(RewardRegisterEntry.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert sorted(Decision.objects.values_list("number_text", flat=True)) == [
        "01/QĐ-UBND",
        "02/QĐ-UBND",
        "03/QĐ-UBND",
    ]


def test_certificates_need_an_issued_decision_and_sane_offsets(voted_round, users, chairman):
    decision = draft(voted_round, users["commune_officer"])
    with pytest.raises(ValidationError, match="Chỉ in giấy khen sau khi quyết định đã được ban hành"):
        services.batch_create(actor=users["commune_officer"], decision=decision, run=False)
    decision = services.decision_issue(actor=chairman, decision=decision)
    with pytest.raises(ValidationError):
        services.batch_create(actor=users["commune_officer"], decision=decision, offset_x_mm=80, run=False)
    with pytest.raises(PermissionDenied):
        services.batch_create(actor=users["other_commune"], decision=decision, run=False)
    assert not CertificateBatch.objects.exists()
    batch = services.batch_create(
        actor=users["commune_officer"], decision=decision, offset_x_mm="2.5", run=False
    )
    assert batch.total == 5 and batch.status == BatchStatus.QUEUED
