"""The public verification page a certificate's QR code opens."""

import pytest
from django.urls import reverse

from thidua.decisions import services
from thidua.decisions.models import RewardRegisterEntry
from thidua.decisions.tests.conftest import chairman, make_round  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(tree, admin_user, make_person, chairman):  # noqa: F811
    review_round = make_round(
        tree, admin_user, make_person, people=[("Nguyễn Thị Ánh", "lao_dong_tien_tien")], collective=False
    )
    decision = services.decision_create(
        actor=admin_user, review_round=review_round, data={"signer_name": "Hoàng Văn Chủ"}
    )
    services.decision_issue(actor=chairman, decision=decision)
    return RewardRegisterEntry.objects.select_related("entry__decision").get()


def test_the_page_shows_the_award_without_login(client, award):
    response = client.get(reverse("portal:verify", args=[award.token]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Thị Ánh" in page
    assert "Lao động tiên tiến" in page
    assert "01/QĐ-UBND" in page
    assert f"{award.number}/{award.year}" in page
    assert "Chủ tịch Ủy ban nhân dân xã Ánh Dương" in page
    # no other personal data: the person's unit, position, birth date are not shown
    assert "Phòng Kinh tế" not in page and "Chuyên viên" not in page


def test_a_wrong_token_is_a_clear_404(client, award):
    response = client.get(reverse("portal:verify", args=["x" * 32]))
    assert response.status_code == 404
    assert "Không tìm thấy giấy khen" in response.content.decode()
    assert client.get("/portal/verify/short/").status_code == 404
