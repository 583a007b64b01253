"""Cẩm Giang demo: a monthly and a quarterly report form, 8 indicators with 2025 targets, and 2025 reports
with a realistic mix (on time, late, returned, missing). Values are illustrative, from a fixed seed.

Volume goes in with ``bulk_create``; a few reports are returned or approved through the services so that
their history shows who did it and why. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from thidua.orgs.models import OrgUnit
from thidua.reporting import consolidated, services
from thidua.reporting.choices import Aggregation, Comparison, Direction, PeriodType, ReportStatus, ValueType
from thidua.reporting.models import ComparisonRule, Indicator, Report, ReportForm, ReportValue, ReportVersion
from thidua.reporting.periods import periods_of_year

YEAR = 2025
START = datetime(2025, 7, 1).date()  # the merged commune exists from 1/7/2025

# code, name, unit of measure, value type, aggregation, direction, usual min, usual max, target 2025
INDICATORS = [
    (
        "CG-HN-THOAT",
        "Số hộ thoát nghèo",
        "hộ",
        ValueType.NUMBER,
        Aggregation.SUM,
        Direction.HIGHER,
        None,
        10,
        60,
    ),
    (
        "CG-HN-CON",
        "Số hộ nghèo còn lại",
        "hộ",
        ValueType.NUMBER,
        Aggregation.LAST,
        Direction.LOWER,
        None,
        40,
        120,
    ),
    (
        "CG-GDVH",
        "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa",
        "%",
        ValueType.PERCENTAGE,
        Aggregation.AVERAGE,
        Direction.HIGHER,
        70,
        100,
        90,
    ),
    (
        "CG-KDCVH",
        "Khu dân cư đạt danh hiệu Khu dân cư văn hóa",
        "",
        ValueType.YES_NO,
        Aggregation.COUNT_YES,
        Direction.HIGHER,
        None,
        None,
        11,
    ),
    (
        "CG-MOHINH",
        "Số mô hình, điển hình tiên tiến",
        "mô hình",
        ValueType.NUMBER,
        Aggregation.SUM,
        Direction.HIGHER,
        None,
        5,
        40,
    ),
    (
        "CG-NTM",
        "Số tiêu chí nông thôn mới nâng cao đạt được",
        "tiêu chí",
        ValueType.NUMBER,
        Aggregation.MAX,
        Direction.HIGHER,
        0,
        19,
        19,
    ),
    (
        "CG-DVCTT",
        "Tỷ lệ hồ sơ giải quyết theo dịch vụ công trực tuyến toàn trình",
        "%",
        ValueType.PERCENTAGE,
        Aggregation.AVERAGE,
        Direction.HIGHER,
        50,
        100,
        80,
    ),
    (
        "CG-HS",
        "Tỷ lệ trẻ em đến trường đúng độ tuổi",
        "%",
        ValueType.PERCENTAGE,
        Aggregation.AVERAGE,
        Direction.HIGHER,
        90,
        100,
        99,
    ),
]
MONTHLY = (
    "CG-BC-THANG",
    "Báo cáo tháng kết quả phong trào thi đua ở thôn",
    PeriodType.MONTHLY,
    5,
    25,
    ["CG-HN-THOAT", "CG-HN-CON", "CG-GDVH", "CG-KDCVH", "CG-MOHINH"],
)
QUARTERLY = (
    "CG-BC-QUY",
    "Báo cáo quý thực hiện chỉ tiêu thi đua",
    PeriodType.QUARTERLY,
    10,
    30,
    ["CG-NTM", "CG-DVCTT", "CG-HS", "CG-MOHINH"],
)
VILLAGES = [f"HP-CG-T{i:02d}" for i in range(1, 13)]
QUARTERLY_UNITS = [
    "HP-CG-HCC",
    "HP-CG-MNCG",
    "HP-CG-THCG",
    "HP-CG-THCD",
    "HP-CG-THCS",
    "HP-CG-TYT",
    "HP-CG-T01",
    "HP-CG-T02",
    "HP-CG-T03",
]
NARRATIVES = [
    (
        'Duy trì tốt phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa"; ra quân vệ sinh môi trường.',
        "Một số hộ chưa tham gia đầy đủ các buổi sinh hoạt.",
        "Đề nghị xã hỗ trợ kinh phí sửa nhà văn hóa thôn.",
    ),
    (
        'Hoàn thành thu quỹ vì người nghèo; mô hình "Đường hoa tự quản" được nhân rộng.',
        "Tiến độ cập nhật số liệu hộ nghèo còn chậm.",
        "Đề nghị tập huấn nghiệp vụ báo cáo trên điện thoại.",
    ),
    ("Tổ chức tốt Ngày hội Đại đoàn kết; 100% hộ ký cam kết gia đình văn hóa.", "", ""),
]


def _value(rng: random.Random, code: str, unit_code: str, month: int) -> str:
    if code == "CG-HN-THOAT":
        return str(rng.randint(0, 3))
    if code == "CG-HN-CON":
        return str(max(0, 14 - month + rng.randint(0, 4)))
    if code == "CG-GDVH":
        return f"{rng.uniform(82, 97):.1f}"
    if code == "CG-KDCVH":
        return "có" if rng.random() < 0.85 else "không"
    if code == "CG-MOHINH":
        return str(rng.randint(0, 2))
    if code == "CG-NTM":
        return str(rng.randint(14, 19)) if unit_code.startswith("HP-CG-T") else ""
    if code == "CG-DVCTT":
        return f"{rng.uniform(62, 92):.1f}" if unit_code == "HP-CG-HCC" else ""
    if code == "CG-HS":
        return f"{rng.uniform(96, 100):.1f}" if unit_code in QUARTERLY_UNITS[1:5] else ""
    return ""


def _number(text: str) -> Decimal | None:
    if text in ("có", "không"):
        return Decimal(1 if text == "có" else 0)
    return Decimal(text) if text else None


def _form(actor, commune, spec, indicators, units) -> ReportForm:
    code, name, period_type, due, lock, codes = spec
    form = ReportForm.objects.filter(code=code).first()
    if form is None:
        required = spec is MONTHLY
        form = services.form_create(
            actor=actor,
            data={
                "owner": commune,
                "code": code,
                "name": name,
                "period_type": period_type,
                "due_days": due,
                "lock_days": lock,
            },
            indicators=[(indicators[c], required) for c in codes],
            units=units,
        )
    return form


@transaction.atomic
def build(actor) -> dict[str, int]:
    """Create the demo forms, indicators, targets and 2025 reports (idempotent); returns counts."""
    commune = OrgUnit.objects.get(code="HP-CG")
    indicators = {}
    for code, name, uom, vtype, aggregation, direction, low, high, _target in INDICATORS:
        indicator = Indicator.objects.filter(code=code).first() or services.indicator_create(
            actor=actor,
            data={
                "owner": commune,
                "code": code,
                "name": name,
                "unit_of_measure": uom,
                "value_type": vtype,
                "aggregation": aggregation,
                "direction": direction,
                "min_value": low,
                "max_value": high,
            },
        )
        indicators[code] = indicator
    for code, *_rest, target in INDICATORS:
        services.target_set(
            actor=actor, indicator=indicators[code], unit=commune, period=str(YEAR), value=target
        )
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=VILLAGES + QUARTERLY_UNITS)}
    monthly = _form(actor, commune, MONTHLY, indicators, [units[c] for c in VILLAGES])
    quarterly = _form(actor, commune, QUARTERLY, indicators, [units[c] for c in QUARTERLY_UNITS])
    if not ComparisonRule.objects.filter(form=monthly).exists():
        ComparisonRule.objects.create(
            form=monthly,
            left=indicators["CG-HN-THOAT"],
            operator=Comparison.LE,
            right=indicators["CG-HN-CON"],
            message="Số hộ thoát nghèo trong kỳ không thể lớn hơn số hộ nghèo đầu kỳ còn lại.",
        )
    created = 0
    if not Report.objects.filter(form__in=[monthly, quarterly]).exists():
        rng = random.Random(2025)
        created += _reports(actor, rng, monthly, [units[c] for c in VILLAGES])
        created += _reports(actor, rng, quarterly, [units[c] for c in QUARTERLY_UNITS])
    return {"indicators": len(indicators), "forms": 2, "reports": created}


def _reports(actor, rng: random.Random, form: ReportForm, units: list[OrgUnit]) -> int:
    today = timezone.localdate()
    codes = [ind for ind, _r in services.form_indicators(form)]
    periods = [p for p in periods_of_year(form.period_type, YEAR) if p.start >= START and p.start <= today]
    plan = []
    for period in periods:
        due = form.due_date(period)
        for unit in units:
            roll = rng.random()
            if due >= today:  # the current period: a few drafts
                fate = "draft" if roll < 0.5 else None
            else:
                fate = (
                    "missing"
                    if roll < 0.08
                    else "late"
                    if roll < 0.22
                    else "returned"
                    if roll < 0.3
                    else "approved"
                    if roll < 0.8
                    else "submitted"
                )
            if fate is None or fate == "missing":
                continue
            days = rng.randint(1, form.due_days) if fate != "late" else form.due_days + rng.randint(2, 9)
            sent = timezone.make_aware(
                datetime.combine(period.end + timedelta(days=days), time(rng.randint(7, 16)))
            )
            results, shortcomings, proposals = rng.choice(NARRATIVES)
            status = {
                "draft": ReportStatus.DRAFT,
                "approved": ReportStatus.SUBMITTED,
                "returned": ReportStatus.SUBMITTED,
                "late": ReportStatus.SUBMITTED,
                "submitted": ReportStatus.SUBMITTED,
            }[fate]
            report = Report(
                form=form,
                unit=unit,
                period=period.code,
                period_start=period.start,
                period_end=period.end,
                status=status,
                version=1,
                results=results,
                shortcomings=shortcomings,
                proposals=proposals,
                first_submitted_at=None if fate == "draft" else sent,
                submitted_at=None if fate == "draft" else sent,
            )
            values = {ind.code: _value(rng, ind.code, unit.code, period.end.month) for ind in codes}
            plan.append((report, fate, values))
    Report.objects.bulk_create([report for report, _f, _v in plan])
    rows, versions = [], []
    by_code = {ind.code: ind for ind in codes}
    for report, fate, values in plan:
        for code, text in values.items():
            if text:
                rows.append(
                    ReportValue(report=report, indicator=by_code[code], value=text, number=_number(text))
                )
        if fate != "draft":
            snapshot = {
                "version": 1,
                "values": {c: {"value": v, "comment": ""} for c, v in values.items() if v},
                "results": report.results,
                "shortcomings": report.shortcomings,
                "proposals": report.proposals,
                "evidence": [],
            }
            versions.append(
                ReportVersion(
                    report=report,
                    number=1,
                    snapshot=snapshot,
                    submitted_by=actor,
                    submitted_at=report.submitted_at,
                )
            )
    ReportValue.objects.bulk_create(rows)
    ReportVersion.objects.bulk_create(versions)
    for report, fate, _values in plan:
        if fate == "returned":
            services.report_return(
                actor=actor,
                report=report,
                reason="Số hộ nghèo còn lại chưa khớp với danh sách rà soát của xã; đề nghị kiểm tra lại.",
            )
        elif fate in ("approved", "late") and rng.random() < 0.9:
            services.report_approve(actor=actor, report=report)
    consolidated.rebuild([form.pk])  # the reports above were bulk-created, not submitted through services
    return len(plan)
