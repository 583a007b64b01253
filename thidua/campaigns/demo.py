"""The Cẩm Giang campaign: the city's plan 252/KH-UBND entered by hand, the seed plan imported through the
reader under it (bodies matched to the demo units), issued and running, with registrations from most units.

Idempotent: a second ``build`` finds what the first made and adds nothing.
"""

from datetime import date
from pathlib import Path

from django.db import transaction

from thidua.campaigns import importing, matching, selectors, services
from thidua.campaigns.choices import (
    ImportStatus,
    IntendedTitle,
    PlanStatus,
    RegistrationStatus,
    SignerCapacity,
)
from thidua.campaigns.models import Plan, PlanImport, Registration
from thidua.campaigns.seed import REPO_SEED, SEED_NAME
from thidua.orgs.models import OrgUnit

CITY_TITLE = (
    "Phát động Đợt thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2025, lập thành tích "
    "xuất sắc chào mừng Đại hội Thi đua yêu nước thành phố Hải Phòng lần thứ I (2025 - 2030) và Đại hội Đại "
    "biểu Đảng bộ thành phố lần thứ I"
)
CITY_MOVEMENTS = [
    "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hiện tiết kiệm, chống lãng phí gắn với thi đua "
    "đẩy mạnh giải ngân vốn đầu tư",
    "Cả nước chung sức xây dựng nông thôn mới",
    "Vì người nghèo - không để ai bị bỏ lại phía sau",
    "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030",
    "Cả nước thi đua đổi mới, sáng tạo và chuyển đổi số",
    "Bình dân học vụ số",
]
#: Units (by code suffix) that have not registered yet in the demo: a village and a school, whose demo
#: logins (thon, truonghoc) can register live, and the cooperative.
MISSING = {"T01", "THCS", "HTX"}
RETURNED = {"T05"}
SUBMITTED = {"VP", "T03", "TYT"}
ISSUE_DAY = date(2025, 9, 15)
REGISTRATION_DAY = date(2025, 9, 25)


def seed_path() -> Path:
    """The seed plan, shipped with the app so that a fresh machine can build the demo."""
    return REPO_SEED


def _city_plan(actor, city: OrgUnit) -> Plan:
    existing = Plan.objects.filter(issuing_unit=city, number=252, symbol="KH-UBND", date__year=2025).first()
    if existing:
        return existing
    plan = services.plan_create(
        actor=actor,
        data={
            "number": 252,
            "symbol": "KH-UBND",
            "date": date(2025, 9, 9),
            "place": "Hải Phòng",
            "issuing_unit": city,
            "issuer_name": "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
            "title": CITY_TITLE,
            "period_end": date(2025, 12, 31),
            "signer_capacity": SignerCapacity.DEPUTY,
            "signer_position": "PHÓ CHỦ TỊCH",
        },
    )
    for order, name in enumerate(CITY_MOVEMENTS):
        services.add_movement(actor=actor, plan=plan, order=order, name=name)
    services.add_deadline(
        actor=actor,
        plan=plan,
        what="Các xã, phường, đặc khu tổng hợp kết quả thực hiện Kế hoạch, báo cáo Ủy ban nhân dân thành phố "
        "(qua Sở Nội vụ) trước ngày 18/12/2025.",
        due_date=date(2025, 12, 18),
        to_text="Ủy ban nhân dân thành phố",
    )
    services.plan_issue(actor=actor, plan=plan)
    services.plan_start(actor=actor, plan=plan)
    return Plan.objects.get(pk=plan.pk)


def _cleaned(plan_import: PlanImport, parent: Plan) -> dict:
    """What the officer confirms on the review page: the reading, with the blanks filled in."""
    draft = plan_import.draft
    plan = dict(draft["plan"])
    for key in ("date", "period_start", "period_end"):
        plan[key] = date.fromisoformat(plan[key]) if plan.get(key) else None
    plan["date"] = None  # the day was left blank: the plan is dated when it is issued
    plan["number"] = None
    plan["signer_capacity"] = SignerCapacity.ON_BEHALF
    parent_movements = list(parent.movements.all())
    movements = []
    for index, row in enumerate(draft["movements"]):
        best = max(parent_movements, key=lambda m: matching.score(row["name"], m.name), default=None)
        carries = (
            best if best and matching.score(row["name"], best.name) >= matching.MATCH_THRESHOLD else None
        )
        movements.append({"key": str(index), "name": row["name"], "carries": carries})
    return {
        "plan": plan,
        "legal_bases": [
            {**row, "date": date.fromisoformat(row["date"]) if row.get("date") else None}
            for row in draft["legal_bases"]
        ],
        "movements": movements,
        "deadlines": [{**row, "due_date": date.fromisoformat(row["due_date"])} for row in draft["deadlines"]],
        "assignments": [{**row, "due_date": None} for row in draft["assignments"]],
    }


def _commune_plan(actor, commune: OrgUnit, parent: Plan) -> Plan:
    done = PlanImport.objects.filter(
        issuing_unit=commune, file_name=SEED_NAME, status=ImportStatus.CONFIRMED, plan__isnull=False
    ).first()
    if done:
        return done.plan
    plan_import = importing.plan_import_create(
        actor=actor,
        issuing_unit=commune,
        filename=SEED_NAME,
        data=seed_path().read_bytes(),
        parent=parent,
    )
    plan = importing.plan_import_confirm(
        actor=actor, plan_import=plan_import, cleaned=_cleaned(plan_import, parent)
    )
    plan = services.plan_issue(actor=actor, plan=plan, today=ISSUE_DAY)
    return services.plan_start(actor=actor, plan=plan)


REGISTRATION_TEXT = {
    "department": (
        "Thi đua hoàn thành xuất sắc nhiệm vụ chuyên môn; thực hiện văn hóa công sở, chuyển đổi số",
        "100% hồ sơ giải quyết đúng hạn\n100% văn bản điện tử có ký số",
        [IntendedTitle.TTLDTT],
    ),
    "village": (
        "Xây dựng thôn văn hóa, khu dân cư kiểu mẫu; chung sức xây dựng nông thôn mới",
        "90% hộ đạt Gia đình văn hóa\nKhông có hộ nghèo phát sinh",
        [IntendedTitle.TVH],
    ),
    "school": (
        "Dạy tốt, học tốt; Bình dân học vụ số",
        "Tỷ lệ học sinh hoàn thành chương trình 99,5%",
        [IntendedTitle.TTLDTT],
    ),
}


def _registrations(actor, plan: Plan, commune: OrgUnit) -> int:
    created = 0
    for unit in selectors.expected_units(plan):
        suffix = unit.code.removeprefix(f"{commune.code}-")
        if (
            suffix in MISSING
            or Registration.objects.filter(plan=plan, unit=unit, person__isnull=True).exists()
        ):
            continue
        contents, targets, titles = REGISTRATION_TEXT.get(unit.kind, REGISTRATION_TEXT["department"])
        registration = services.registration_create(
            actor=actor,
            plan=plan,
            data={"unit": unit, "contents": contents, "targets": targets, "intended_titles": list(titles)},
            today=REGISTRATION_DAY,
        )
        registration = services.registration_submit(
            actor=actor, registration=registration, today=REGISTRATION_DAY
        )
        if suffix in RETURNED:
            services.registration_return(
                actor=actor,
                registration=registration,
                reason="Chỉ tiêu chưa cụ thể, đề nghị bổ sung số hộ đạt Gia đình văn hóa và mốc thời gian.",
            )
        elif suffix not in SUBMITTED:
            services.registration_accept(actor=actor, registration=registration)
        created += 1
    return created


@transaction.atomic
def build(actor) -> dict:
    """Build the demo campaign (idempotent); returns what it holds, to print."""
    city = OrgUnit.objects.get(code="HP")
    commune = OrgUnit.objects.get(code="HP-CG")
    city_plan = _city_plan(actor, city)
    plan = _commune_plan(actor, commune, city_plan)
    _registrations(actor, plan, commune)
    registrations = Registration.objects.filter(plan=plan)
    return {
        "city_plan": str(city_plan),
        "plan": str(plan),
        "status": PlanStatus(plan.status).label,
        "registrations": registrations.count(),
        "accepted": registrations.filter(status=RegistrationStatus.ACCEPTED).count(),
    }
