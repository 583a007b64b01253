"""The public front page, plan pages and the Atom feed: no login, published data only."""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.campaigns.choices import PlanStatus
from thidua.campaigns.models import Deadline, Movement, Plan

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def plans(tree):
    issued = Plan.objects.create(
        issuing_unit=tree["commune_a"],
        number=12,
        date=date(2025, 9, 5),
        title="Kế hoạch tổ chức phong trào thi đua năm 2025",
        status=PlanStatus.RUNNING,
    )
    Movement.objects.create(
        plan=issued, order=1, name="Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa"
    )
    Deadline.objects.create(plan=issued, what="Đăng ký thi đua", due_date=date(2025, 9, 20))
    draft = Plan.objects.create(
        issuing_unit=tree["commune_a"], title="Dự thảo kế hoạch chưa ban hành", status=PlanStatus.DRAFT
    )
    return issued, draft


def test_front_page_lists_issued_plans_and_never_drafts(client, plans):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "12/KH-UBND" in text
    assert "Dự thảo kế hoạch chưa ban hành" not in text


def test_plan_page_shows_movements_and_deadlines(client, plans):
    issued, _ = plans
    text = client.get(reverse("portal:plan", args=[issued.pk])).content.decode()
    assert "Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa" in text
    assert "20/09/2025" in text


def test_a_draft_plan_is_not_found_like_a_missing_one(client, plans):
    _, draft = plans
    assert client.get(reverse("portal:plan", args=[draft.pk])).status_code == 404
    assert client.get(reverse("portal:plan", args=[999999])).status_code == 404


def test_the_feed_is_atom_with_the_published_plans_only(client, plans):
    issued, _ = plans
    response = client.get(reverse("portal:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [f"http://testserver{reverse('portal:plan', args=[issued.pk])}"]
    assert "Dự thảo" not in response.content.decode()


def test_front_page_and_feed_show_disclosed_rounds_and_published_models(client, plans, admin_user, tree):
    from thidua.exemplary.models import ExemplaryModel
    from thidua.nominations.models import ReviewRound

    review_round = ReviewRound.objects.create(
        commune=tree["commune_a"],
        year=2025,
        name="Bình xét thi đua, khen thưởng năm 2025",
        nominations_due=date(2025, 12, 1),
        status="disclosed",
        disclosed_from=date(2025, 12, 5),
        disclosure_ends_on=date(2025, 12, 18),
    )
    hidden = ReviewRound.objects.create(
        commune=tree["commune_a"], year=2024, name="Đợt chưa công khai", nominations_due=date(2024, 12, 1)
    )
    published = ExemplaryModel.objects.create(
        unit=tree["village_a"],
        title="Mô hình đường hoa thôn Đông",
        kind="new_model",
        status="published",
        summary="Trồng hoa hai bên đường",
        published_at=timezone.now(),
    )
    ExemplaryModel.objects.create(unit=tree["village_a"], title="Mô hình còn dự thảo", kind="new_model")
    text = client.get(reverse("portal:home")).content.decode()
    assert review_round.name in text and published.title in text
    assert hidden.name not in text and "Mô hình còn dự thảo" not in text
    feed = client.get(reverse("portal:feed")).content.decode()
    assert reverse("portal:disclosure", args=[review_round.pk]) in feed
    assert published.get_public_url() in feed
    assert "Mô hình còn dự thảo" not in feed
