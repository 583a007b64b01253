"""Vietnamese labels used in the engine's sentences."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from .model import AwardType, DisciplineMeasure, Group, InitiativeScope, Rating, SubjectKind

RATING_NAMES = {
    Rating.HTXS: "Hoàn thành xuất sắc nhiệm vụ",
    Rating.HTTNV: "Hoàn thành tốt nhiệm vụ",
    Rating.HT: "Hoàn thành nhiệm vụ",
    Rating.KHT: "Không hoàn thành nhiệm vụ",
}

DISCIPLINE_NAMES = {
    DisciplineMeasure.KHIEN_TRACH: "khiển trách",
    DisciplineMeasure.CANH_CAO: "cảnh cáo",
    DisciplineMeasure.HA_BAC_LUONG: "hạ bậc lương",
    DisciplineMeasure.GIANG_CHUC: "giáng chức",
    DisciplineMeasure.CACH_CHUC: "cách chức",
    DisciplineMeasure.BUOC_THOI_VIEC: "buộc thôi việc",
}

AWARD_TYPE_NAMES = {
    AwardType.CONG_TRANG: "công trạng",
    AwardType.DOT_XUAT: "đột xuất",
    AwardType.CHUYEN_DE: "chuyên đề",
    AwardType.CONG_HIEN: "quá trình cống hiến",
    AwardType.DOI_NGOAI: "đối ngoại",
}

SCOPE_NAMES = {
    InitiativeScope.CO_SO: "cấp cơ sở",
    InitiativeScope.TINH: "phạm vi toàn tỉnh",
    InitiativeScope.TOAN_QUOC: "phạm vi toàn quốc",
}

KIND_NAMES = {
    SubjectKind.INDIVIDUAL: "cá nhân",
    SubjectKind.COLLECTIVE: "tập thể",
    SubjectKind.HOUSEHOLD: "hộ gia đình",
}

GROUP_NAMES = {
    Group.CBCCVC: "cán bộ, công chức, viên chức, người lao động",
    Group.WORKER: "công nhân, nông dân, người lao động",
    Group.RESIDENT: "người dân",
}

AUTHORITY_NAMES = {
    "chu_tich_ubnd_xa": "Chủ tịch UBND xã",
    "chu_tich_ubnd_huyen": "Chủ tịch UBND cấp huyện",
    "chu_tich_ubnd_tinh": "Chủ tịch UBND tỉnh",
    "thu_tuong": "Thủ tướng Chính phủ",
}


def day(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def percent(part: int, whole: int) -> str:
    """``part/whole`` as a Vietnamese percentage, truncated to one decimal (never rounds up past a bound)."""
    if whole == 0:
        return "0%"
    tenths = (Fraction(part * 1000, whole)).__floor__()
    whole_part, decimal = divmod(tenths, 10)
    return f"{whole_part}%" if decimal == 0 else f"{whole_part},{decimal}%"


def ratio_percent(ratio: Fraction) -> str:
    return percent(ratio.numerator, ratio.denominator)


def years_list(years: list[int] | tuple[int, ...]) -> str:
    return ", ".join(str(year) for year in sorted(years))
