"""Choices of the commendation records. Codes are the engine's codes, so records map to it directly."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectKind(models.TextChoices):
    PERSON = "person", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


# The engine's name for each kind of subject.
ENGINE_KIND = {
    SubjectKind.PERSON: "individual",
    SubjectKind.COLLECTIVE: "collective",
    SubjectKind.HOUSEHOLD: "household",
}


class Rating(models.TextChoices):
    HTXS = "htxs", _("Completed duties excellently")
    HTTNV = "httnv", _("Completed duties well")
    HT = "ht", _("Completed duties")
    KHT = "kht", _("Did not complete duties")


class AwardType(models.TextChoices):
    CONG_TRANG = "cong_trang", _("Merit")
    DOT_XUAT = "dot_xuat", _("One-off")
    CHUYEN_DE = "chuyen_de", _("Thematic")
    CONG_HIEN = "cong_hien", _("Long service")
    DOI_NGOAI = "doi_ngoai", _("Foreign relations")


class InitiativeScope(models.TextChoices):
    CO_SO = "co_so", _("Base level")
    TINH = "tinh", _("Province-wide")
    TOAN_QUOC = "toan_quoc", _("Nationwide")


class DisciplineMeasure(models.TextChoices):
    KHIEN_TRACH = "khien_trach", _("Reprimand")
    CANH_CAO = "canh_cao", _("Warning")
    HA_BAC_LUONG = "ha_bac_luong", _("Salary downgrade")
    GIANG_CHUC = "giang_chuc", _("Demotion")
    CACH_CHUC = "cach_chuc", _("Dismissal from post")
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Forced resignation")


class ReviewKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Disciplinary review")
    INVESTIGATION = "investigation", _("Investigation")
    INSPECTION = "inspection", _("Inspection or audit")
    COMPLAINT = "complaint", _("Complaint or denunciation")


class Outcome(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    HELD = "held", _("Held")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


AUTHORITY_LABELS = {
    "chu_tich_ubnd_xa": _("Commune People's Committee chairman"),
    "chu_tich_ubnd_huyen": _("District People's Committee chairman"),
    "chu_tich_ubnd_tinh": _("Provincial People's Committee chairman"),
    "thu_tuong": _("Prime Minister"),
}

# Short labels of the engine's criterion codes (the filter "missing condition" and the tables).
CRITERION_LABELS = {
    "subject_kind": _("Kind of subject"),
    "not_under_review": _("No pending review"),
    "no_discipline_in_year": _("Not disciplined in the year"),
    "rating_at_least_httnv": _("Rated at least 'completed well'"),
    "employment_at_least_6_months": _("Worked at least 6 months"),
    "exemplary_conduct": _("Exemplary conduct"),
    "registered_for_emulation": _("Registered for emulation"),
    "lao_dong_tien_tien_criteria": _("Meets the Advanced Worker criteria"),
    "htxs_or_initiative": _("Excellent rating or an initiative"),
    "cstdcs_3_consecutive_times": _("Three consecutive base-level emulation fighter titles"),
    "initiative_province_level": _("Initiative with province-wide effect"),
    "unit_rating_at_least_httnv": _("Unit rated at least 'completed well'"),
    "unit_rating_htxs": _("Unit rated 'completed excellently'"),
    # xgettext:no-python-format
    "members_ldtt_at_least_70_percent": _("At least 70% of members Advanced Workers"),
    "no_member_disciplined_canh_cao_or_above": _("No member disciplined at warning or above"),
    "all_members_completed_duties": _("All members completed their duties"),
    "at_least_one_member_cstdcs": _("At least one base-level emulation fighter"),
    "cstdcs_2_consecutive_or_htxs_2_years_with_2_initiatives": _(
        "Two-year record for the provincial certificate"
    ),
    "htxs_or_ttldxs_2_consecutive_years": _("Two consecutive excellent years"),
    "achievement_in_movement_or_one_off": _("Achievement in a campaign or a one-off act"),
    "active_in_local_movements": _("Active in local campaigns"),
    "contribution_or_movement_achievement": _("Contribution to the locality or campaign achievement"),
    "democracy_thrift_anti_corruption": _("Grassroots democracy, thrift, anti-corruption"),
    "effective_emulation_movement": _("Effective emulation campaigns"),
    "internal_unity": _("Internal unity"),
    "large_contribution": _("Large contribution to the locality"),
    "law_abiding_example": _("Example in obeying the law"),
    "law_abiding_family": _("Law-abiding family"),
    "no_exclusion_ground": _("No ground for exclusion"),
    "prosperous_progressive_family": _("Prosperous, progressive, happy family"),
    "provincial_scoring_met": _("Meets the provincial scoring"),
    "regular_emulation_movement": _("Regular emulation campaigns"),
    "unity_and_law_abiding": _("United and law-abiding"),
}


def criterion_label(code: str) -> str:
    label = CRITERION_LABELS.get(code)
    return str(label) if label is not None else code.replace("_", " ")
