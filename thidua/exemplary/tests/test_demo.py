import pytest

from thidua.exemplary import demo
from thidua.exemplary.choices import ModelStatus
from thidua.exemplary.models import ExemplaryModel, ModelAdoption, ModelPhoto
from thidua.exemplary.photos import check_photo
from thidua.orgs import demo as orgs_demo


@pytest.mark.django_db
def test_demo_is_idempotent(admin_user):
    orgs_demo.build_tree(admin_user)
    first = demo.build(admin_user)
    assert first == {"models": 5, "adoptions": 5, "created": 5}
    statuses = sorted(ExemplaryModel.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [
            ModelStatus.PUBLISHED,
            ModelStatus.PUBLISHED,
            ModelStatus.VERIFIED,
            ModelStatus.PROPOSED,
            ModelStatus.DRAFT,
        ]
    )
    published = ExemplaryModel.objects.filter(status=ModelStatus.PUBLISHED)
    assert all(model.published_at.year == 2025 and model.photos.exists() for model in published)
    photo = ModelPhoto.objects.first()
    assert check_photo(photo.image.read())[0] == "png"
    assert demo.build(admin_user) == {"models": 5, "adoptions": 5, "created": 0}
    assert ModelAdoption.objects.count() == 5 and ModelPhoto.objects.count() == 3
