"""The public nominee list: window dates, days left, the comment form open and closed, the honeypot."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.commendations.models import TaskRating
from thidua.nominations import services
from thidua.nominations.choices import CommentStatus, DossierPartKind
from thidua.nominations.demo import minimal_pdf
from thidua.nominations.models import DisclosureComment, ReviewRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def disclosed(tree, admin_user, make_person):
    from django.core.files.uploadedfile import SimpleUploadedFile

    review_round = services.round_create(
        actor=admin_user,
        data={
            "commune": tree["commune_a"],
            "year": 2025,
            "name": "Bình xét thi đua, khen thưởng năm 2025",
            "nominations_due": timezone.localdate() + timedelta(days=5),
        },
    )
    nominees = []
    for name in ("Nguyễn Văn An", "Trần Thị Bích"):
        person = make_person(tree["village_a"], name)
        TaskRating.objects.create(person=person, year=2025, rating="httnv")
        nomination = services.nomination_create(
            actor=admin_user,
            data={"review_round": review_round, "person": person, "proposing_unit": tree["village_a"],
                  "code": "lao_dong_tien_tien", "summary": f"{name} hoàn thành tốt nhiệm vụ"},
        )  # fmt: skip
        for kind in (DossierPartKind.PROPOSAL, DossierPartKind.ACHIEVEMENT_REPORT):
            services.dossier_part_draft(actor=admin_user, nomination=nomination, kind=kind)
        services.dossier_part_upload(
            actor=admin_user,
            nomination=nomination,
            kind=DossierPartKind.MEETING_MINUTES,
            upload=SimpleUploadedFile("bb.pdf", minimal_pdf("BB")),
        )
        services.nomination_submit(actor=admin_user, nomination=nomination)
        services.nomination_accept(actor=admin_user, nomination=nomination)
        nominees.append(nomination)
    # A draft that must never appear on the portal.
    hidden = make_person(tree["village_a"], "Lê Văn Nháp")
    services.nomination_create(
        actor=admin_user,
        data={"review_round": review_round, "person": hidden, "proposing_unit": tree["village_a"],
              "code": "lao_dong_tien_tien", "summary": "Bản nháp"},
    )  # fmt: skip
    services.round_disclose(actor=admin_user, review_round=review_round, start=timezone.localdate())
    review_round.refresh_from_db()
    return review_round, nominees


def test_list_and_page_show_the_window_and_nominees(client, disclosed):
    review_round, _nominees = disclosed
    response = client.get(reverse("portal:disclosures"))
    assert review_round.name in response.content.decode()
    response = client.get(reverse("portal:disclosure", args=[review_round.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn An" in text and "Trần Thị Bích" in text and "Thôn Đông" in text
    assert "Lê Văn Nháp" not in text
    assert review_round.disclosure_ends_on.strftime("%d/%m/%Y") in text
    assert re.search(r"Còn \d+ ngày làm việc\.", text)  # "N working days left."
    assert 'id="comment-form"' in text


def test_a_round_not_disclosed_is_not_public(client, tree, admin_user):
    review_round = ReviewRound.objects.create(
        commune=tree["commune_a"], year=2025, name="Chưa công khai", nominations_due=date(2025, 12, 1)
    )
    assert client.get(reverse("portal:disclosure", args=[review_round.pk])).status_code == 404


def test_a_comment_waits_for_moderation_then_is_shown(client, disclosed, admin_user):
    review_round, nominees = disclosed
    url = reverse("portal:disclosure", args=[review_round.pk])
    response = client.post(
        url,
        {
            "author_name": "Phạm Hoa",
            "contact": "0912000111",
            "text": "Tôi nhất trí",
            "nomination": nominees[0].pk,
        },
    )
    assert response.status_code == 302
    comment = DisclosureComment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.nomination == nominees[0]
    assert "Tôi nhất trí" not in client.get(url).content.decode()
    services.comment_moderate(actor=admin_user, comment=comment, status=CommentStatus.PUBLISHED)
    text = client.get(url).content.decode()
    assert "Tôi nhất trí" in text and "0912000111" not in text


def test_the_honeypot_saves_nothing(client, disclosed):
    review_round, _nominees = disclosed
    response = client.post(
        reverse("portal:disclosure", args=[review_round.pk]),
        {"author_name": "Bot", "text": "Buy now", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert not DisclosureComment.objects.exists()


def test_after_the_window_the_form_is_gone_and_nothing_is_saved(client, disclosed, monkeypatch):
    review_round, _nominees = disclosed
    later = review_round.disclosure_ends_on + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    url = reverse("portal:disclosure", args=[review_round.pk])
    text = client.get(url).content.decode()
    assert 'id="comment-form"' not in text and "Đã hết thời gian nhận ý kiến góp ý." in text
    response = client.post(url, {"author_name": "Muộn", "text": "Gửi muộn"})
    assert response.status_code == 400
    assert "ý kiến của bạn chưa được lưu" in response.content.decode()
    assert not DisclosureComment.objects.exists()


def test_a_nominee_of_another_round_is_refused(client, disclosed, tree, admin_user):
    review_round, _nominees = disclosed
    response = client.post(
        reverse("portal:disclosure", args=[review_round.pk]),
        {"author_name": "A", "text": "B", "nomination": 999999},
    )
    assert response.status_code == 400
    assert not DisclosureComment.objects.exists()


def test_the_officer_moderates_from_the_round_page(client, disclosed, users):
    review_round, _nominees = disclosed
    comment = services.comment_submit(review_round=review_round, data={"author_name": "A", "text": "Ý kiến"})
    client.force_login(users["commune_officer"])
    page = client.get(reverse("nominations:round", args=[review_round.pk]), {"tab": "comments"})
    assert "Ý kiến" in page.content.decode()
    client.post(
        reverse("nominations:comment_moderate", args=[comment.pk]), {"status": "rejected", "note": ""}
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING  # a rejection needs a note
    client.post(
        reverse("nominations:comment_moderate", args=[comment.pk]), {"status": "rejected", "note": "Trùng"}
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED and comment.moderator_note == "Trùng"
