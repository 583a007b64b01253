"""Pages: the round page (query count), the nomination page and its buttons, the documents it downloads."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from thidua.commendations.models import AwardRecord, TaskRating
from thidua.nominations import services
from thidua.nominations.choices import DossierPartKind, NominationStatus

pytestmark = pytest.mark.django_db
S = NominationStatus


def docx_text(content: bytes) -> tuple[str, list]:
    document = Document(BytesIO(content))
    paragraphs = "\n".join(paragraph.text for paragraph in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


def test_round_list_and_page_for_the_commune_officer(client, users, submitted, review_round):
    client.force_login(users["commune_officer"])
    response = client.get(reverse("nominations:index"))
    assert response.status_code == 200 and review_round.name in response.content.decode()
    response = client.get(reverse("nominations:round", args=[review_round.pk]))
    text = response.content.decode()
    assert "Nguyễn Văn An" in text
    assert "Lao động tiên tiến" in text


def test_round_page_is_hidden_from_another_commune(client, users, review_round):
    client.force_login(users["other_commune"])
    assert client.get(reverse("nominations:round", args=[review_round.pk])).status_code == 404


def test_round_page_query_count_does_not_grow_with_nominations(
    client, users, nominate, make_person, tree, review_round
):
    client.force_login(users["commune_officer"])
    url = reverse("nominations:round", args=[review_round.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            for tab in ("info", "list"):
                assert client.get(url, {"tab": tab}).status_code == 200
        return len(queries)

    for index in range(3):
        person = make_person(tree["village_a"], f"Người Thứ {index}")
        TaskRating.objects.create(person=person, year=2025, rating="httnv")
        nominate(person)
    few = count()
    for index in range(3, 15):
        person = make_person(tree["village_a"], f"Người Thứ {index}")
        nominate(person)
    assert count() == few


def test_nominee_list_is_sorted_the_vietnamese_way_and_exported(
    client, users, nominate, make_person, tree, review_round, complete, admin_user
):
    names = ["Đỗ Văn Đông", "Trần Thị Ánh", "Nguyễn Văn Bình"]
    for name in names:
        person = make_person(tree["village_a"], name)
        TaskRating.objects.create(person=person, year=2025, rating="httnv")
        nomination = complete(nominate(person))
        services.nomination_submit(actor=admin_user, nomination=nomination)
        services.nomination_accept(actor=admin_user, nomination=nomination)
    client.force_login(users["commune_officer"])
    response = client.get(reverse("nominations:round", args=[review_round.pk]), {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(values_only=True)]
    header = rows[3]
    assert header[:3] == ("STT", "Phân loại", "Họ tên / tên tập thể")
    listed = [row[2] for row in rows[5:]]
    # Given names first: Ánh, Bình, Đông.
    assert listed == ["Trần Thị Ánh", "Nguyễn Văn Bình", "Đỗ Văn Đông"]
    assert rows[4][1].startswith("Lao động tiên tiến")


def test_nomination_page_shows_eligibility_and_buttons(client, users, submitted):
    client.force_login(users["commune_officer"])
    response = client.get(reverse("nominations:nomination", args=[submitted.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="eligibility"' in text
    assert "Luật Thi đua, khen thưởng" in text
    assert reverse("nominations:nomination_action", args=[submitted.pk, "accept"]) in text
    # No override form for someone without DECIDE.
    assert reverse("nominations:nomination_action", args=[submitted.pk, "override"]) not in text


def test_accept_button_refusal_shows_the_reason(client, users, nominate, person, admin_user):
    nomination = nominate(person)
    services.nomination_submit(actor=admin_user, nomination=nomination)
    client.force_login(users["commune_officer"])
    response = client.post(
        reverse("nominations:nomination_action", args=[nomination.pk, "accept"]), follow=True
    )
    assert "Hồ sơ còn thiếu" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED


def test_history_tab_lists_each_step(client, users, submitted, admin_user):
    services.nomination_return(actor=admin_user, nomination=submitted, reason="Bổ sung biên bản")
    client.force_login(users["commune_officer"])
    response = client.get(reverse("nominations:nomination", args=[submitted.pk]), {"tab": "history"})
    text = response.content.decode()
    assert "Bổ sung biên bản" in text
    assert "Đã gửi lên xã." in text


def test_achievement_report_docx(client, users, submitted, person, admin_user):
    AwardRecord.objects.create(
        person=person, year=2023, code="lao_dong_tien_tien", award_type="cong_trang",
        decision_number="15/QĐ-UBND", issuer="Chủ tịch UBND xã Ánh Dương",
    )  # fmt: skip
    AwardRecord.objects.create(
        person=person, year=2024, code="giay_khen_chu_tich_xa", award_type="cong_trang",
        decision_number="22/QĐ-UBND", issuer="Chủ tịch UBND xã Ánh Dương",
    )  # fmt: skip
    part = submitted.parts.get(kind=DossierPartKind.ACHIEVEMENT_REPORT)
    client.force_login(users["unit_reporter"])
    response = client.get(reverse("nominations:part_download", args=[part.pk, "docx"]))
    assert response.status_code == 200
    paragraphs, tables = docx_text(response.content)
    assert "BÁO CÁO" in paragraphs
    assert "Thành tích đề nghị tặng danh hiệu “Lao động tiên tiến” năm 2025" in paragraphs
    assert "Họ và tên: Nguyễn Văn An" in paragraphs
    assert "SƠ LƯỢC LÝ LỊCH" in paragraphs and "CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in paragraphs
    award_tables = [table for table in tables if table and table[0][0] == "Năm"]
    assert len(award_tables) == 2
    titles, forms = award_tables
    assert titles[1][:2] == ["2023", "Lao động tiên tiến"] and "15/QĐ-UBND" in titles[1][2]
    assert forms[1][:2] == ["2024", "Giấy khen của Chủ tịch UBND xã"]


def test_proposal_docx_lists_the_units_nominees(client, users, submitted):
    part = submitted.parts.get(kind=DossierPartKind.PROPOSAL)
    client.force_login(users["commune_officer"])
    paragraphs, tables = docx_text(
        client.get(reverse("nominations:part_download", args=[part.pk, "docx"])).content
    )
    assert "TỜ TRÌNH" in paragraphs
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân xã Ánh Dương" in paragraphs
    nominees = next(table for table in tables if table[0][0] == "STT")
    assert nominees[1][1] == "Nguyễn Văn An"


def test_a_part_of_another_commune_is_not_found(client, users, submitted):
    part = submitted.parts.first()
    client.force_login(users["other_commune"])
    assert client.get(reverse("nominations:part_edit", args=[part.pk])).status_code == 404


def test_create_form_limits_subjects_to_what_the_user_may_change(
    client, users, review_round, person, make_person, tree
):
    stranger = make_person(tree["department_a"], "Phạm Văn Khác")
    client.force_login(users["unit_reporter"])
    response = client.get(reverse("nominations:nomination_create", args=[review_round.pk]))
    text = response.content.decode()
    assert "Nguyễn Văn An" in text and "Phạm Văn Khác" not in text
    response = client.post(
        reverse("nominations:nomination_create", args=[review_round.pk]),
        {"subject_kind": "person", "person": stranger.pk, "proposing_unit": tree["village_a"].pk,
         "target": "person:lao_dong_tien_tien", "category": "officer", "summary": "x"},
    )  # fmt: skip
    assert response.status_code == 200  # the form again, with the error
    response = client.post(
        reverse("nominations:nomination_create", args=[review_round.pk]),
        {"subject_kind": "person", "person": person.pk, "proposing_unit": tree["village_a"].pk,
         "target": "household:gia_dinh_van_hoa", "category": "officer", "summary": "x"},
    )  # fmt: skip
    assert "không dành cho loại đối tượng đã chọn" in response.content.decode()
    response = client.post(
        reverse("nominations:nomination_create", args=[review_round.pk]),
        {"subject_kind": "person", "person": person.pk, "proposing_unit": tree["village_a"].pk,
         "target": "person:lao_dong_tien_tien", "category": "officer", "summary": "Gương mẫu"},
    )  # fmt: skip
    assert response.status_code == 302
    assert person.pk == review_round.nominations.get().person_id


def test_comment_summary_docx(client, users, submitted, admin_user, review_round):
    from thidua.nominations.choices import CommentStatus

    services.nomination_accept(actor=admin_user, nomination=submitted)
    services.round_disclose(actor=admin_user, review_round=review_round)
    comment = services.comment_submit(
        review_round=review_round,
        data={"author_name": "Lê Hoa", "text": "Nhất trí đề nghị", "nomination": submitted},
    )
    services.comment_moderate(actor=admin_user, comment=comment, status=CommentStatus.PUBLISHED)
    services.comment_submit(review_round=review_round, data={"author_name": "Ẩn", "text": "Chưa duyệt"})
    client.force_login(users["commune_officer"])
    response = client.get(reverse("nominations:comment_summary", args=[review_round.pk, "docx"]))
    paragraphs, tables = docx_text(response.content)
    assert "Tổng hợp ý kiến góp ý" in paragraphs
    summary = next(table for table in tables if table[0][0] == "STT")
    assert summary[1][1] == "Nguyễn Văn An" and summary[1][3] == "1" and "Nhất trí đề nghị" in summary[1][4]
    assert "Chưa duyệt" not in str(tables)


def test_override_form_only_for_the_chairman(client, users, chairman, submitted, review_round):
    from thidua.campaigns.models import Plan

    plan = Plan.objects.create(issuing_unit=review_round.commune, title="Kế hoạch thi đua", status="running")
    review_round.plan = plan
    review_round.save()
    url = reverse("nominations:nomination", args=[submitted.pk])
    action = reverse("nominations:nomination_action", args=[submitted.pk, "override"])
    client.force_login(users["commune_officer"])
    text = client.get(url).content.decode()
    assert 'id="registration-warning"' in text and action not in text
    client.force_login(chairman)
    assert action in client.get(url).content.decode()
    client.post(action, {"justification": "Chuyển công tác sau hạn đăng ký"})
    submitted.refresh_from_db()
    assert submitted.registration_override == "Chuyển công tác sau hạn đăng ký"


def test_anonymous_is_sent_to_login(client, review_round):
    response = client.get(reverse("nominations:round", args=[review_round.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_unit_reporter_sees_the_round_of_its_commune(client, users, review_round):
    client.force_login(users["unit_reporter"])
    assert client.get(reverse("nominations:round", args=[review_round.pk])).status_code == 200
