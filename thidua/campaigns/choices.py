from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    RUNNING = "running", _("Running")
    MID_TERM_REVIEW = "mid_term_review", _("Mid-term review")
    CLOSED = "closed", _("Closed")


class PlanKind(models.TextChoices):
    """Kinds of documents a campaign is launched or carried out by (Decree 30/2020, Phụ lục III)."""

    PLAN = "KH", _("Plan")
    PROGRAMME = "CTr", _("Action programme")
    DECISION = "QĐ", _("Decision")
    OFFICIAL_LETTER = "CV", _("Official letter")


#: The kind line printed on the document, per kind.
KIND_LINES = {
    PlanKind.PLAN: "KẾ HOẠCH",
    PlanKind.PROGRAMME: "CHƯƠNG TRÌNH",
    PlanKind.DECISION: "QUYẾT ĐỊNH",
    PlanKind.OFFICIAL_LETTER: "CÔNG VĂN",
}


class SignerCapacity(models.TextChoices):
    """TM. (on behalf of a collective body), KT. (deputy signing for the head), Q. (acting)."""

    NONE = "", _("Signs in own name")
    ON_BEHALF = "TM", _("TM. (on behalf of the committee)")
    DEPUTY = "KT", _("KT. (deputy signing for the head)")
    ACTING = "Q", _("Q. (acting)")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATE = "coordinate", _("Coordinate")


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class IntendedTitle(models.TextChoices):
    """Titles a unit or a person may register for (names as the law writes them)."""

    LDTT = "LĐTT", "Lao động tiên tiến"
    CSTDCS = "CSTĐCS", "Chiến sĩ thi đua cơ sở"
    TTLDTT = "TTLĐTT", "Tập thể lao động tiên tiến"
    TTLDXS = "TTLĐXS", "Tập thể lao động xuất sắc"
    GK = "GK", "Giấy khen"
    GDVH = "GĐVH", "Gia đình văn hóa"
    TVH = "TVH", "Thôn, tổ dân phố văn hóa"


class ImportStatus(models.TextChoices):
    REVIEW = "review", _("Being reviewed")
    CONFIRMED = "confirmed", _("Confirmed")
