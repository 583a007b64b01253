"""Pages: list (filters, replication count, queries), detail (buttons per status), form, steps, files."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.exemplary import services
from thidua.exemplary.choices import ModelStatus
from thidua.exemplary.models import ExemplaryModel, ModelPhoto
from thidua.exemplary.tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get("/models/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_shows_own_and_published_with_replication_count(client, users, make_model, published, tree):
    make_model(unit=tree["village_b"], title="Mô hình của xã khác")  # a draft of commune B
    services.adoption_add(
        actor=users["commune_officer"],
        model=published,
        unit=tree["department_a"],
        adopted_on=date(2025, 6, 1),
    )
    client.force_login(users["other_commune"])
    page = client.get("/models/").content.decode()
    assert "Đường hoa tự quản" in page and "Mô hình của xã khác" in page
    client.force_login(users["unit_reporter"])
    page = client.get("/models/").content.decode()
    assert "Mô hình của xã khác" not in page
    assert 'data-label="Số đơn vị nhân rộng">1</td>' in page


def test_list_filters(client, users, make_model, published, tree):
    make_model(title="Cách làm hay thôn Đông", kind="good_practice")
    client.force_login(users["commune_officer"])
    page = client.get("/models/", {"kind": "good_practice"}).content.decode()
    assert "Cách làm hay thôn Đông" in page and "Đường hoa tự quản" not in page
    page = client.get("/models/", {"status": "published"}).content.decode()
    assert "Đường hoa tự quản" in page and "Cách làm hay thôn Đông" not in page
    page = client.get("/models/", {"q": "duong hoa"}).content.decode()
    assert "Đường hoa tự quản" in page and "Cách làm hay thôn Đông" not in page


def test_list_page_queries_do_not_grow_with_rows(client, users, make_model, tree, admin_user):
    client.force_login(users["commune_officer"])
    make_model(title="Mô hình 0")
    with CaptureQueriesContext(connection) as few:
        client.get("/models/")
    for index in range(1, 12):
        model = make_model(title=f"Mô hình {index}")
        services.model_propose(actor=admin_user, model=model)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/models/")
    assert response.status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_buttons_per_status(client, users, make_model):
    reporter, officer = users["unit_reporter"], users["commune_officer"]
    model = make_model(actor=reporter)
    client.force_login(reporter)
    page = client.get(f"/models/{model.pk}/").content.decode()
    assert 'data-step="proposed"' in page and 'data-step="verified"' not in page
    assert f'href="/models/{model.pk}/edit/"' in page
    client.post(f"/models/{model.pk}/step/proposed/")
    page = client.get(f"/models/{model.pk}/").content.decode()
    assert 'data-step="proposed"' not in page and f'href="/models/{model.pk}/edit/"' not in page
    client.force_login(officer)
    page = client.get(f"/models/{model.pk}/").content.decode()
    assert 'data-step="verified"' in page and 'id="return-form"' in page


def test_return_without_reason_is_refused_on_the_page(client, users, make_model, admin_user):
    model = services.model_propose(actor=admin_user, model=make_model())
    client.force_login(users["commune_officer"])
    response = client.post(f"/models/{model.pk}/step/returned/", {"reason": ""}, follow=True)
    assert "Nêu lý do trả lại mô hình." in response.content.decode()
    model.refresh_from_db()
    assert model.status == ModelStatus.PROPOSED


def test_reporter_cannot_verify_through_the_url(client, users, make_model, admin_user):
    model = services.model_propose(actor=admin_user, model=make_model())
    client.force_login(users["unit_reporter"])
    response = client.post(f"/models/{model.pk}/step/verified/", follow=True)
    assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()
    model.refresh_from_db()
    assert model.status == ModelStatus.PROPOSED


def test_other_commune_gets_404_for_a_draft_and_its_photo(client, users, make_model, admin_user):
    model = make_model()
    photo = services.photo_add(actor=admin_user, model=model, data=image_bytes())
    client.force_login(users["other_commune"])
    assert client.get(f"/models/{model.pk}/").status_code == 404
    assert client.get(f"/models/photos/{photo.pk}/").status_code == 404
    assert client.post(f"/models/{model.pk}/step/proposed/").status_code == 404
    client.force_login(users["unit_reporter"])
    response = client.get(f"/models/photos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_detail_shows_photos_figures_and_adoptions(client, users, published, tree):
    services.adoption_add(
        actor=users["commune_officer"],
        model=published,
        unit=tree["department_a"],
        adopted_on=date(2025, 6, 1),
    )
    client.force_login(users["council_member"])
    page = client.get(f"/models/{published.pk}/").content.decode()
    assert "Chiều dài đường hoa" in page and ">+1.200</td>" in page
    assert "Phòng Kinh tế" in page and "01/06/2025" in page
    assert f"/models/photos/{published.photos.get().pk}/" in page
    history = client.get(f"/models/{published.pk}/?tab=history").content.decode()
    assert "Đã công bố trên cổng thông tin." in history


def test_create_with_rows_and_photo(client, users, tree):
    client.force_login(users["unit_reporter"])
    response = client.post(
        "/models/new/",
        {
            "title": "Tủ sách dòng họ",
            "kind": "good_practice",
            "unit": tree["village_a"].pk,
            "summary": "Mỗi dòng họ một tủ sách.",
            "started_on": "01/03/2025",
            "photo": SimpleUploadedFile("tu-sach.png", image_bytes(), content_type="image/png"),
            "photo_caption": "Tủ sách nhà thờ họ Nguyễn",
            "rows-TOTAL_FORMS": "2",
            "rows-INITIAL_FORMS": "0",
            "rows-0-name": "Số đầu sách",
            "rows-0-unit_of_measure": "cuốn",
            "rows-0-before_value": "120",
            "rows-0-after_value": "1.250,5",
            "rows-1-name": "",
        },
    )
    model = ExemplaryModel.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/models/{model.pk}/"
    assert model.started_on == date(2025, 3, 1) and model.status == ModelStatus.DRAFT
    row = model.indicators.get()
    assert (row.name, str(row.before_value), str(row.after_value)) == ("Số đầu sách", "120.00", "1250.50")
    assert ModelPhoto.objects.get().caption == "Tủ sách nhà thờ họ Nguyễn"


def test_reporter_cannot_create_for_another_unit(client, users, tree):
    client.force_login(users["unit_reporter"])
    response = client.post(
        "/models/new/",
        {
            "title": "X",
            "kind": "new_model",
            "unit": tree["department_a"].pk,
            "summary": "Y",
            "rows-TOTAL_FORMS": "0",
            "rows-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and not ExemplaryModel.objects.exists()


def test_adoption_through_the_page_twice_changes_nothing(client, users, published, tree):
    client.force_login(users["commune_officer"])
    data = {"unit": tree["department_a"].pk, "adopted_on": "01/10/2025", "note": "Áp dụng tại trụ sở"}
    client.post(f"/models/{published.pk}/adoptions/", data)
    response = client.post(f"/models/{published.pk}/adoptions/", data, follow=True)
    assert published.adoptions.count() == 1
    assert "Đơn vị này đã nhân rộng mô hình này rồi." in response.content.decode()
