"""Decision pages: list, detail with total, issue button, downloads, register with Excel export, batches."""

import pytest
from django.urls import reverse

from thidua.decisions import services
from thidua.decisions.choices import DecisionStatus
from thidua.decisions.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(voted_round, admin_user):
    return services.decision_create(
        actor=admin_user, review_round=voted_round, data={"signer_name": "Hoàng Văn Chủ"}
    )


def test_index_and_detail(client, users, decision):
    client.force_login(users["commune_officer"])
    page = client.get(reverse("decisions:index")).content.decode()
    assert decision.title in page
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Lê Văn An" in page and "6.840.000" in page
    assert "Ban hành" not in page  # the officer cannot issue


def test_other_commune_gets_404(client, users, decision):
    client.force_login(users["other_commune"])
    assert client.get(decision.get_absolute_url()).status_code == 404
    assert client.post(reverse("decisions:issue", args=[decision.pk])).status_code == 404
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_anonymous_is_sent_to_login(client, decision):
    response = client.get(reverse("decisions:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_chairman_issues_from_the_page(client, chairman, decision):
    client.force_login(chairman)
    response = client.post(reverse("decisions:issue", args=[decision.pk]), follow=True)
    assert response.status_code == 200
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    page = response.content.decode()
    assert "01/QĐ-UBND" in page


def test_officer_issue_is_refused_with_a_message(client, users, decision):
    client.force_login(users["commune_officer"])
    response = client.post(reverse("decisions:issue", args=[decision.pk]), follow=True)
    assert "Bạn không có quyền thực hiện thao tác này" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_docx_download_and_register_export(client, chairman, admin_user, decision):
    services.decision_issue(actor=chairman, decision=decision)
    client.force_login(admin_user)
    response = client.get(reverse("decisions:download", args=[decision.pk, "docx"]))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    page = client.get(reverse("decisions:register")).content.decode()
    assert "Lê Văn An" in page and "01/QĐ-UBND" in page
    response = client.get(reverse("decisions:register") + "?export=xlsx")
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_batch_page_polls_until_done(client, chairman, admin_user, decision):
    services.decision_issue(actor=chairman, decision=decision)
    client.force_login(admin_user)
    response = client.post(
        reverse("decisions:batch_create", args=[decision.pk]),
        {"mode": "preprinted", "offset_x_mm": "1.5", "offset_y_mm": "-2"},
    )
    assert response.status_code == 302
    batch = Decision.objects.get().batches.get()
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "Đã in 0/5 giấy khen" in page
    progress = client.get(reverse("decisions:batch_progress", args=[batch.pk]))
    assert progress.status_code == 200


def test_list_pages_query_counts_do_not_grow_with_rows(
    client, chairman, admin_user, decision, django_assert_max_num_queries
):
    services.decision_issue(actor=chairman, decision=decision)
    client.force_login(admin_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("decisions:index")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("decisions:register")).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(decision.get_absolute_url()).status_code == 200


def test_proposal_page_and_download(client, tree, admin_user, make_person, chairman):
    from thidua.decisions.choices import DecisionKind
    from thidua.decisions.tests.conftest import make_round

    review_round = make_round(
        tree, admin_user, make_person, people=[("Đỗ Thị Hà", "bang_khen_chu_tich_tinh")], collective=False
    )
    proposal = services.decision_create(
        actor=admin_user,
        review_round=review_round,
        kind=DecisionKind.PROPOSAL,
        data={"signer_name": "Hoàng Văn Chủ"},
    )
    client.force_login(admin_user)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Đỗ Thị Hà" in page and "Ban hành tờ trình" in page
    response = client.get(reverse("decisions:download", args=[proposal.pk, "docx"]))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    import io

    from docx import Document

    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        "TỜ TRÌNH" in text
        and "Kính gửi" in text
        and "Thành phố Thử" in text.replace("thành phố Thử", "Thành phố Thử")
    )
