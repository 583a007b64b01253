"""The public pages of exemplary models: no login, published models only (list, page, photos)."""

import io
from datetime import date

import pytest
from PIL import Image

from thidua.campaigns import services as campaign_services
from thidua.exemplary import services
from thidua.exemplary.choices import ModelKind, ModelStatus
from thidua.exemplary.models import ExemplaryModel

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (40, 140, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def movement(tree, admin_user):
    plan = campaign_services.plan_create(
        actor=admin_user,
        data={
            "issuing_unit": tree["commune_a"],
            "title": "Phát động phong trào thi đua năm 2025",
            "date": date(2025, 2, 1),
            "number": 5,
            "symbol": "KH-UBND",
        },
    )
    return campaign_services.add_movement(
        actor=admin_user, plan=plan, order=0, name="Chung sức xây dựng nông thôn mới"
    )


def make(admin_user, unit, title, status, kind=ModelKind.NEW_MODEL, movement=None):
    model = services.model_create(
        actor=admin_user,
        data={
            "title": title,
            "kind": kind,
            "unit": unit,
            "summary": f"Tóm tắt {title}",
            "movement": movement,
        },
        indicators=[
            {"name": "Số hộ tham gia", "unit_of_measure": "hộ", "before_value": 40, "after_value": 50}
        ],
    )
    services.photo_add(actor=admin_user, model=model, data=png(), caption=f"Ảnh {title}")
    steps = {
        ModelStatus.DRAFT: [],
        ModelStatus.PROPOSED: [services.model_propose],
        ModelStatus.VERIFIED: [services.model_propose, services.model_verify],
        ModelStatus.PUBLISHED: [services.model_propose, services.model_verify, services.model_publish],
    }
    for step in steps.get(status, []):
        model = step(actor=admin_user, model=model)
    if status == ModelStatus.WITHDRAWN:
        for step in steps[ModelStatus.PUBLISHED]:
            model = step(actor=admin_user, model=model)
        model = services.model_withdraw(actor=admin_user, model=model, reason="Không còn duy trì")
    return ExemplaryModel.objects.get(pk=model.pk)


@pytest.fixture
def models(tree, admin_user, movement):
    unit = tree["village_a"]
    result = {
        status: make(admin_user, unit, f"Mô hình {status}", status)
        for status in (ModelStatus.DRAFT, ModelStatus.PROPOSED, ModelStatus.VERIFIED, ModelStatus.WITHDRAWN)
    }
    result["published"] = make(
        admin_user, unit, "Đường hoa tự quản", ModelStatus.PUBLISHED, movement=movement
    )
    result["practice"] = make(
        admin_user, tree["village_b"], "Tủ sách dòng họ", ModelStatus.PUBLISHED, kind=ModelKind.GOOD_PRACTICE
    )
    services.adoption_add(
        actor=admin_user, model=result["published"], unit=tree["department_a"], adopted_on=date(2025, 9, 1)
    )
    services.adoption_add(
        actor=admin_user, model=result["published"], unit=tree["village_b"], adopted_on=date(2025, 10, 1)
    )
    return result


def test_list_shows_only_published_without_login(client, models):
    page = client.get("/portal/models/").content.decode()
    assert "Đường hoa tự quản" in page and "Tủ sách dòng họ" in page
    for status in ("draft", "proposed", "verified", "withdrawn"):
        assert f"Mô hình {status}" not in page
    assert "Replicated in 2 units" in page or "2 đơn vị" in page


def test_list_filters_by_kind_and_movement(client, models, movement):
    page = client.get("/portal/models/", {"kind": "good_practice"}).content.decode()
    assert "Tủ sách dòng họ" in page and "Đường hoa tự quản" not in page
    page = client.get("/portal/models/", {"movement": movement.pk}).content.decode()
    assert "Đường hoa tự quản" in page and "Tủ sách dòng họ" not in page


def test_model_page_has_photos_figures_and_adopting_units(client, models):
    model = models["published"]
    page = client.get(f"/portal/models/{model.public_id}/").content.decode()
    assert "Đường hoa tự quản" in page and "Chung sức xây dựng nông thôn mới" in page
    assert ">40</td>" in page and ">50</td>" in page and ">+10</td>" in page and ">+25%</td>" in page
    assert "Phòng Kinh tế" in page and "Thôn Tây" in page and "01/09/2025" in page
    photo = model.photos.get()
    assert f"/portal/models/photos/{photo.pk}/" in page
    response = client.get(f"/portal/models/photos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_nothing_unpublished_is_reachable(client, models):
    for status in ("draft", "proposed", "verified", "withdrawn"):
        model = models[status]
        assert client.get(f"/portal/models/{model.public_id}/").status_code == 404
        assert client.get(f"/portal/models/photos/{model.photos.get().pk}/").status_code == 404
    assert client.get("/portal/models/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_portal_queries_do_not_grow_with_models(
    client, models, tree, admin_user, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get("/portal/models/")
    for index in range(6):
        make(admin_user, tree["village_a"], f"Thêm {index}", ModelStatus.PUBLISHED)
    with django_assert_max_num_queries(8):
        assert "Thêm 5" in client.get("/portal/models/").content.decode()
