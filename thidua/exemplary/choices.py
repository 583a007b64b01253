from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelKind(models.TextChoices):
    """The three kinds the emulation law names (Luật Thi đua, khen thưởng 2022)."""

    ADVANCED_EXAMPLE = "advanced_example", _("Advanced example")
    NEW_MODEL = "new_model", _("New model")
    GOOD_PRACTICE = "good_practice", _("Good practice")


class ModelStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    RETURNED = "returned", _("Returned")
    VERIFIED = "verified", _("Verified")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: What the Báo cáo kết quả calls each kind (documents are written in Vietnamese).
KIND_IN_VIETNAMESE = {
    ModelKind.ADVANCED_EXAMPLE: "điển hình tiên tiến",
    ModelKind.NEW_MODEL: "mô hình mới",
    ModelKind.GOOD_PRACTICE: "cách làm hay",
}
