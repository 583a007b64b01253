"""Photos are checked by their content: a text file named .jpg, a GIF, a truncated PNG or an oversized
file is refused with a message and nothing is stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from thidua.exemplary import photos, services
from thidua.exemplary.models import ModelPhoto
from thidua.exemplary.tests.conftest import image_bytes


@pytest.mark.parametrize(("fmt", "kind"), [("PNG", "png"), ("JPEG", "jpeg"), ("WEBP", "webp")])
def test_real_images_are_accepted(fmt, kind):
    assert photos.check_photo(image_bytes(fmt, (64, 48))) == (kind, 64, 48)


def gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"Day la mot tep van ban, khong phai anh.\n" * 10,
        gif(),
        image_bytes("PNG")[:60],  # a real header, the rest cut off
        b"\x89PNG\r\n\x1a\n" + b"\0" * 200,  # the signature alone
        b"",
    ],
    ids=["text", "gif", "truncated", "signature-only", "empty"],
)
def test_what_is_not_a_photo_is_refused(data):
    with pytest.raises(ValidationError):
        photos.check_photo(data)


def test_size_limit(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PHOTO_BYTES", 100)
    with pytest.raises(ValidationError, match="Ảnh vượt quá"):
        photos.check_photo(image_bytes("PNG", (200, 200)))


@pytest.mark.django_db
def test_service_refuses_a_text_file_and_stores_nothing(make_model, admin_user, media):
    model = make_model()
    with pytest.raises(ValidationError, match="không phải ảnh JPEG, PNG hoặc WebP"):
        services.photo_add(actor=admin_user, model=model, data=b"not an image at all, just text" * 5)
    assert not ModelPhoto.objects.exists()
    assert not (media / "models").exists() or not any((media / "models").iterdir())


@pytest.mark.django_db
def test_text_file_renamed_jpg_is_refused_on_the_detail_page(client, make_model, users):
    client.force_login(users["unit_reporter"])
    model = make_model(actor=users["unit_reporter"])
    upload = SimpleUploadedFile("anh-dep.jpg", b"Xin chao, day la van ban." * 20, content_type="image/jpeg")
    response = client.post(f"/models/{model.pk}/photos/", {"photo": upload, "caption": "Ảnh"}, follow=True)
    assert "Tệp này không phải ảnh JPEG, PNG hoặc WebP." in response.content.decode()
    assert not ModelPhoto.objects.exists()


@pytest.mark.django_db
def test_text_file_renamed_jpg_is_refused_in_the_edit_form_and_nothing_changes(client, make_model, users):
    reporter = users["unit_reporter"]
    client.force_login(reporter)
    model = make_model(actor=reporter)
    upload = SimpleUploadedFile("anh.jpg", b"plain text" * 50, content_type="image/jpeg")
    response = client.post(
        f"/models/{model.pk}/edit/",
        {
            "title": "Tên mới",
            "kind": model.kind,
            "unit": model.unit_id,
            "summary": model.summary,
            "photo": upload,
            "rows-TOTAL_FORMS": "0",
            "rows-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Tệp này không phải ảnh JPEG, PNG hoặc WebP." in response.content.decode()
    model.refresh_from_db()
    assert model.title == "Đường hoa tự quản" and model.indicators.count() == 1  # all or nothing
    assert not ModelPhoto.objects.exists()
