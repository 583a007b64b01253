"""Demo data of this app (called by `thidua demo` after the reporting demo); safe to run again.

Five models of xã Cẩm Giang at different stages: two published (photos drawn here with Pillow, before/after
figures, adopting units; one drafted from a village's 2025 report), one verified, one proposed from the
2025 quarterly report of the public service centre, one draft. The steps go
through the services; the dates they stamp are then set back into 2025 so that the year's Báo cáo kết quả
lists them.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from thidua.campaigns.models import Movement
from thidua.exemplary import services
from thidua.exemplary.choices import ModelKind, ModelStatus
from thidua.exemplary.models import ExemplaryModel, ModelAdoption
from thidua.orgs.models import OrgUnit

COMMUNE = "HP-CG"

MODELS = [
    {
        "key": "duong-hoa",
        "title": "Đường hoa tự quản",
        "kind": ModelKind.NEW_MODEL,
        "unit": "T02",
        "movement": "nông thôn mới",
        "summary": "Mỗi hộ nhận chăm sóc đoạn đường trước cửa nhà; thôn trồng 1,2 km đường hoa và ra quân "
        "vệ sinh mỗi tuần.",
        "description": "Chi hội Phụ nữ và Chi đoàn thanh niên thôn vận động các hộ góp giống hoa, ngày công; "
        "mỗi tổ tự quản nhận một đoạn đường, chăm sóc và giữ vệ sinh.\n"
        "Kinh phí do nhân dân đóng góp và xã hỗ trợ 20 triệu đồng mua cây giống.",
        "started_on": date(2025, 3, 1),
        "from_report": True,
        "indicators": [
            ("Chiều dài tuyến đường hoa", "m", 0, 1200, ""),
            ("Số hộ tham gia tự quản", "hộ", 35, 186, ""),
            ("Số buổi ra quân vệ sinh môi trường", "buổi/tháng", 1, 4, ""),
        ],
        "photos": [
            ("Tuyến đường hoa trục chính thôn", (233, 120, 160)),
            ("Ra quân trồng hoa", (90, 160, 90)),
        ],
        "status": ModelStatus.PUBLISHED,
        "adoptions": [("T01", date(2025, 9, 10)), ("T04", date(2025, 10, 2)), ("T07", date(2025, 11, 15))],
        "verified": datetime(2025, 8, 20, 9, 0),
    },
    {
        "key": "ga-sinh-hoc",
        "title": "Tổ hợp tác chăn nuôi gà an toàn sinh học giúp hộ nghèo",
        "kind": ModelKind.GOOD_PRACTICE,
        "unit": "HND",
        "movement": "người nghèo",
        "summary": "Hội Nông dân cho hộ nghèo vay gà giống, hướng dẫn kỹ thuật và bao tiêu đầu ra qua "
        "Hợp tác xã.",
        "description": "Mỗi hộ tham gia được hỗ trợ 100 con gà giống, tập huấn chăn nuôi an toàn sinh học; "
        "hộ khá giỏi kèm cặp hộ nghèo; Hợp tác xã thu mua sản phẩm theo giá thỏa thuận.",
        "started_on": date(2024, 10, 1),
        "indicators": [
            ("Số hộ nghèo tham gia", "hộ", 0, 15, ""),
            ("Thu nhập bình quân của hộ tham gia", "triệu đồng/năm", 38, 62, ""),
            ("Số hộ thoát nghèo", "hộ", 0, 6, "Năm 2025"),
        ],
        "photos": [("Chuồng trại của hộ tham gia", (200, 160, 80))],
        "status": ModelStatus.PUBLISHED,
        "adoptions": [("HPN", date(2025, 10, 20)), ("T06", date(2025, 11, 3))],
        "verified": datetime(2025, 9, 25, 9, 0),
    },
    {
        "key": "hoc-vu-so",
        "title": "Học sinh hướng dẫn ông bà dùng dịch vụ công trực tuyến",
        "kind": ModelKind.ADVANCED_EXAMPLE,
        "unit": "THCS",
        "movement": "Bình dân học vụ số",
        "summary": "Đội tình nguyện học sinh hướng dẫn người cao tuổi cài đặt VNeID và nộp hồ sơ trực tuyến.",
        "description": "Mỗi chiều thứ Bảy, các đội học sinh lớp 8, lớp 9 hướng dẫn người dân tại nhà văn hóa "
        "thôn; giáo viên tin học phụ trách chuyên môn.",
        "started_on": date(2025, 9, 6),
        "indicators": [("Số người dân được hướng dẫn", "người", 0, 420, "")],
        "photos": [],
        "status": ModelStatus.VERIFIED,
        "adoptions": [],
        "verified": datetime(2025, 11, 28, 9, 0),
    },
    {
        "key": "hen-tra-zalo",
        "title": "Hẹn trả kết quả qua Zalo, không để người dân chờ",
        "kind": ModelKind.GOOD_PRACTICE,
        "unit": "HCC",
        "movement": "văn hóa công sở",
        "from_report": True,
        "summary": "Trung tâm nhắn lịch hẹn và kết quả qua Zalo của xã; người dân chỉ đến khi hồ sơ xong.",
        "description": "",
        "started_on": date(2025, 8, 1),
        "indicators": [("Thời gian chờ bình quân tại quầy", "phút", 35, 10, "")],
        "photos": [],
        "status": ModelStatus.PROPOSED,
        "adoptions": [],
    },
    {
        "key": "hien-dat",
        "title": "Gương người dân hiến đất mở rộng đường liên thôn",
        "kind": ModelKind.ADVANCED_EXAMPLE,
        "unit": "T05",
        "movement": "nông thôn mới",
        "summary": "Các hộ dọc đường liên thôn Đoài Xá - Ngọc Lâm tự nguyện hiến đất để mở rộng mặt đường.",
        "description": "",
        "started_on": date(2025, 4, 15),
        "indicators": [],
        "photos": [],
        "status": ModelStatus.DRAFT,
        "adoptions": [],
    },
]


def demo_photo(caption: str, colour: tuple[int, int, int]) -> bytes:
    """A small PNG: a landscape-like picture in the model's colour (no photo files are shipped)."""
    image = Image.new("RGB", (640, 420), (214, 232, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 260, 640, 420), fill=(120, 170, 100))
    draw.polygon([(250, 420), (390, 420), (340, 260), (300, 260)], fill=(190, 190, 185))
    for index in range(14):
        x = 20 + index * 45
        draw.ellipse((x, 250 + (index % 3) * 8, x + 34, 284 + (index % 3) * 8), fill=colour)
        draw.ellipse((620 - x, 330, 650 - x, 360), fill=colour)
    draw.ellipse((520, 30, 590, 100), fill=(250, 215, 90))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _movement(commune: OrgUnit, words: str) -> Movement | None:
    return (
        Movement.objects.filter(plan__issuing_unit=commune, name__icontains=words)
        .order_by("-plan__date", "order")
        .first()
    )


def _source_report(unit: OrgUnit):
    """The unit's latest 2025 report (reporting sits above this app: looked up by name, not imported)."""
    Report = apps.get_model("reporting", "Report")
    return Report.objects.filter(unit=unit, period_start__year=2025).order_by("-period_start").first()


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment)


def _build_one(actor, commune: OrgUnit, units: dict[str, OrgUnit], spec: dict) -> ExemplaryModel:
    unit = units[spec["unit"]]
    data = {
        "title": spec["title"],
        "kind": spec["kind"],
        "unit": unit,
        "movement": _movement(commune, spec["movement"]),
        "summary": spec["summary"],
        "description": spec["description"],
        "started_on": spec["started_on"],
    }
    rows = [
        {
            "name": name,
            "unit_of_measure": uom,
            "before_value": Decimal(before),
            "after_value": Decimal(after),
            "note": note,
        }
        for name, uom, before, after, note in spec["indicators"]
    ]
    source = _source_report(unit) if spec.get("from_report") else None
    model = services.model_create(actor=actor, data=data, source_report=source, indicators=rows)
    for caption, colour in spec["photos"]:
        services.photo_add(actor=actor, model=model, data=demo_photo(caption, colour), caption=caption)
    target = spec["status"]
    if target != ModelStatus.DRAFT:
        model = services.model_propose(actor=actor, model=model)
    if target in (ModelStatus.VERIFIED, ModelStatus.PUBLISHED):
        model = services.model_verify(actor=actor, model=model)
    if target == ModelStatus.PUBLISHED:
        model = services.model_publish(actor=actor, model=model)
    verified = spec.get("verified")
    if verified:
        ExemplaryModel.objects.filter(pk=model.pk).update(
            proposed_at=_aware(verified.replace(day=max(verified.day - 7, 1))),
            verified_at=_aware(verified),
            published_at=_aware(verified.replace(hour=15)) if target == ModelStatus.PUBLISHED else None,
        )
    for code, adopted_on in spec["adoptions"]:
        services.adoption_add(actor=actor, model=model, unit=units[code], adopted_on=adopted_on)
    return model


@transaction.atomic
def build(actor) -> dict[str, int]:
    commune = OrgUnit.objects.filter(code=COMMUNE).first()
    if commune is None:
        return {}
    units = {
        u.code.removeprefix(f"{COMMUNE}-"): u for u in OrgUnit.objects.filter(path__startswith=commune.path)
    }
    created = 0
    for spec in MODELS:
        if ExemplaryModel.objects.filter(unit=units[spec["unit"]], title=spec["title"]).exists():
            continue
        _build_one(actor, commune, units, spec)
        created += 1
    return {
        "models": ExemplaryModel.objects.filter(unit__path__startswith=commune.path).count(),
        "adoptions": ModelAdoption.objects.filter(model__unit__path__startswith=commune.path).count(),
        "created": created,
    }
