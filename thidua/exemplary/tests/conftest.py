import io
from decimal import Decimal

import pytest
from PIL import Image

from thidua.exemplary import services
from thidua.exemplary.choices import ModelKind


def image_bytes(fmt: str = "PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 80)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_model(tree, admin_user):
    def make(unit=None, title="Đường hoa tự quản", actor=None, indicators=True, **extra):
        data = {
            "title": title,
            "kind": ModelKind.NEW_MODEL,
            "unit": unit or tree["village_a"],
            "summary": "Mỗi hộ chăm sóc đoạn đường trước nhà.",
            **extra,
        }
        rows = (
            [{"name": "Chiều dài đường hoa", "unit_of_measure": "m", "before_value": 0, "after_value": 1200}]
            if indicators
            else []
        )
        return services.model_create(actor=actor or admin_user, data=data, indicators=rows)

    return make


@pytest.fixture
def published(make_model, admin_user):
    model = make_model()
    services.photo_add(actor=admin_user, model=model, data=image_bytes(), caption="Đường hoa")
    services.model_propose(actor=admin_user, model=model)
    services.model_verify(actor=admin_user, model=model)
    return services.model_publish(actor=admin_user, model=model)


@pytest.fixture
def indicator_value():
    return Decimal("1200")
