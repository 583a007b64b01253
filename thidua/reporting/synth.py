"""A reproducible synthetic dataset for benchmarks: a city, its communes, their units, one monthly form.

``build(communes=N, units_per_commune=M, indicators=K, periods=P, seed=S)`` writes, in bulk and without
the per-row services (no history rows, no audit):

- a city (province OrgUnit, code ``SYN<seed>``) -> N communes -> M units each, with the materialised paths
  of ADR 0002 (``path_segment`` of each primary key) set in one UPDATE per level;
- K indicators of varied value types and aggregations, and a target for each at the city for the year;
- one monthly ReportForm with those indicators, assigned to every unit;
- P monthly periods from January 2025: reports (mostly submitted on time, some late, some drafts, some
  missing) and their values. Values go through ``COPY`` on PostgreSQL (psycopg 3), ``bulk_create`` in
  batches elsewhere.

The same seed always gives the same dataset. Building over an existing synthetic city of the same seed is
refused unless ``replace=True``, which deletes it first.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, LPad
from django.utils import timezone

from thidua.orgs.choices import UnitKind
from thidua.orgs.models import PATH_SEGMENT_WIDTH, OrgUnit
from thidua.reporting.choices import Aggregation, PeriodType, ReportStatus, ValueType
from thidua.reporting.consolidated import rebuild as rebuild_consolidated
from thidua.reporting.models import (
    CompletenessCount,
    ConsolidatedValue,
    Evidence,
    FormIndicator,
    Indicator,
    LockException,
    Report,
    ReportForm,
    ReportValue,
    ReportVersion,
    Target,
)
from thidua.reporting.periods import Period

FIRST_YEAR = 2025
BATCH = 5000
UNIT_KINDS = (
    UnitKind.VILLAGE,
    UnitKind.DEPARTMENT,
    UnitKind.SCHOOL,
    UnitKind.CLINIC,
    UnitKind.MASS_ORGANISATION,
)

# (value type, aggregation, name, unit of measure, low, high): cycled through for K indicators.
KINDS = (
    (ValueType.NUMBER, Aggregation.SUM, "Số hộ gia đình", "hộ", 50, 400),
    (ValueType.PERCENTAGE, Aggregation.AVERAGE, "Tỷ lệ hộ đạt Gia đình văn hóa", "%", 600, 1000),
    (ValueType.YES_NO, Aggregation.COUNT_YES, "Đạt chuẩn văn hóa", "", 0, 1),
    (ValueType.NUMBER, Aggregation.MAX, "Số người tham gia lớn nhất", "người", 10, 500),
    (ValueType.NUMBER, Aggregation.MIN, "Số cuộc họp ít nhất", "cuộc", 0, 12),
    (ValueType.NUMBER, Aggregation.LAST, "Số hộ nghèo cuối kỳ", "hộ", 0, 40),
    (ValueType.NUMBER, Aggregation.AVERAGE, "Số giờ sinh hoạt bình quân", "giờ", 1, 30),
    (ValueType.TEXT, Aggregation.SUM, "Ghi chú", "", 0, 0),
)


class SynthExists(Exception):
    """A synthetic city with this seed is already there (build again with replace=True)."""


@dataclass
class SynthResult:
    city: OrgUnit
    form: ReportForm
    communes: int = 0
    units: int = 0
    indicators: int = 0
    periods: int = 0
    reports: int = 0
    values: int = 0
    seconds: float = 0.0
    by_status: dict[str, int] = field(default_factory=dict)


def city_code(seed: int) -> str:
    return f"SYN{seed}"


def existing(seed: int) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=city_code(seed)).first()


def delete(seed: int) -> bool:
    """Remove the synthetic city of ``seed`` and everything built with it (raw deletes: no history)."""
    city = existing(seed)
    if city is None:
        return False
    prefix = city_code(seed) + "-"
    with transaction.atomic():
        units = OrgUnit.objects.filter(path__startswith=city.path)
        forms = ReportForm.objects.filter(code__startswith=prefix)
        reports = Report.objects.filter(form__in=forms)
        ConsolidatedValue.objects.filter(form__in=forms)._raw_delete(units.db)
        CompletenessCount.objects.filter(form__in=forms)._raw_delete(units.db)
        ReportValue.objects.filter(report__in=reports).delete()
        ReportVersion.objects.filter(report__in=reports).delete()
        Evidence.objects.filter(report__in=reports)._raw_delete(units.db)
        LockException.objects.filter(form__in=forms)._raw_delete(units.db)
        reports._raw_delete(reports.db)
        FormIndicator.objects.filter(form__in=forms).delete()
        ReportForm.units.through.objects.filter(reportform__in=forms).delete()
        forms._raw_delete(forms.db)
        Target.objects.filter(unit__in=units)._raw_delete(units.db)
        Indicator.objects.filter(code__startswith=prefix)._raw_delete(units.db)
        for depth in sorted(set(units.values_list("depth", flat=True)), reverse=True):
            OrgUnit.objects.filter(path__startswith=city.path, depth=depth)._raw_delete(units.db)
    return True


def _set_paths(parent: OrgUnit) -> None:
    """path = parent's path + the zero-padded pk + "/" for every child of ``parent``, in one UPDATE."""
    OrgUnit.objects.filter(parent=parent).update(
        path=Concat(
            Value(parent.path),
            LPad(Cast("id", CharField()), PATH_SEGMENT_WIDTH, Value("0")),
            Value("/"),
            output_field=CharField(),
        ),
        depth=parent.depth + 1,
    )


def _value(rng: random.Random, kind: tuple) -> tuple[str, Decimal | None]:
    value_type, _aggregation, _name, _uom, low, high = kind
    if value_type == ValueType.TEXT:
        return ("Tốt" if rng.random() < 0.5 else ""), None
    if value_type == ValueType.YES_NO:
        return ("có", Decimal(1)) if rng.random() < 0.8 else ("không", Decimal(0))
    number = rng.randint(low, high)
    if value_type == ValueType.PERCENTAGE:  # tenths of a per cent: 85,5
        whole, tenth = divmod(number, 10)
        return (f"{whole},{tenth}" if tenth else str(whole)), Decimal(number) / 10
    return str(number), Decimal(number)


def build(
    *,
    communes: int,
    units_per_commune: int,
    indicators: int,
    periods: int,
    seed: int = 1,
    replace: bool = False,
    batch: int = BATCH,
    use_copy: bool | None = None,
    log=None,
) -> SynthResult:
    """Build the dataset; ``use_copy`` defaults to True on PostgreSQL. Returns what was made."""
    started = time.perf_counter()
    log = log or (lambda message: None)
    if existing(seed) is not None:
        if not replace:
            raise SynthExists(city_code(seed))
        delete(seed)
        log(f"deleted the synthetic city {city_code(seed)}")
    if use_copy is None:
        use_copy = connection.vendor == "postgresql"
    rng = random.Random(seed)
    prefix = city_code(seed)
    with transaction.atomic():
        city = OrgUnit(
            code=prefix, name=f"Thành phố tổng hợp {seed}", short_name=f"TP {seed}", kind=UnitKind.PROVINCE
        )
        city.save()
        city.path, city.depth = f"{city.pk:0{PATH_SEGMENT_WIDTH}d}/", 0
        OrgUnit.objects.filter(pk=city.pk).update(path=city.path, depth=0)

        commune_rows = OrgUnit.objects.bulk_create(
            [
                OrgUnit(
                    code=f"{prefix}-X{c:03d}",
                    name=f"Xã tổng hợp {c:03d}",
                    short_name=f"Xã {c:03d}",
                    kind=UnitKind.COMMUNE,
                    parent=city,
                    search_text=f"xa tong hop {c:03d} {prefix.lower()}-x{c:03d}",
                )
                for c in range(communes)
            ],
            batch_size=batch,
        )
        _set_paths(city)
        commune_ids = sorted(row.pk for row in commune_rows)
        unit_rows = []
        for c, commune_id in enumerate(commune_ids):
            for u in range(units_per_commune):
                code = f"{prefix}-X{c:03d}-{u:03d}"
                unit_rows.append(
                    OrgUnit(
                        code=code,
                        name=f"Đơn vị {u:03d} xã {c:03d}",
                        short_name=f"ĐV {u:03d}/{c:03d}",
                        kind=UNIT_KINDS[u % len(UNIT_KINDS)],
                        parent_id=commune_id,
                        search_text=f"don vi {u:03d} xa {c:03d} {code.lower()}",
                    )
                )
        OrgUnit.objects.bulk_create(unit_rows, batch_size=batch)
        for commune in OrgUnit.objects.filter(parent=city).only("id", "path", "depth"):
            _set_paths(commune)
        unit_ids = list(
            OrgUnit.objects.filter(parent_id__in=commune_ids).order_by("path").values_list("id", flat=True)
        )
        log(f"{communes} communes, {len(unit_ids)} units: {time.perf_counter() - started:.1f} s")

        kinds = [KINDS[k % len(KINDS)] for k in range(indicators)]
        indicator_rows = Indicator.objects.bulk_create(
            [
                Indicator(
                    owner=city,
                    code=f"{prefix}-I{k:03d}",
                    name=f"{kind[2]} ({k + 1})",
                    unit_of_measure=kind[3],
                    value_type=kind[0],
                    aggregation=kind[1],
                )
                for k, kind in enumerate(kinds)
            ]
        )
        indicator_ids = [row.pk for row in indicator_rows]
        year_code = str(FIRST_YEAR)
        Target.objects.bulk_create(
            [
                Target(
                    indicator_id=pk, unit=city, period=year_code, value=Decimal(_target(kind, len(unit_ids)))
                )
                for pk, kind in zip(indicator_ids, kinds, strict=True)
                if kind[0] != ValueType.TEXT
            ]
        )
        form = ReportForm.objects.create(
            owner=city,
            code=f"{prefix}-M",
            name=f"Báo cáo tháng (tổng hợp {seed})",
            period_type=PeriodType.MONTHLY,
            due_days=5,
            lock_days=25,
        )
        FormIndicator.objects.bulk_create(
            [
                FormIndicator(form=form, indicator_id=pk, order=k, required=kinds[k][0] != ValueType.TEXT)
                for k, pk in enumerate(indicator_ids)
            ]
        )
        Through = ReportForm.units.through
        Through.objects.bulk_create(
            [Through(reportform_id=form.pk, orgunit_id=pk) for pk in unit_ids], batch_size=batch
        )

        period_list = [Period.parse(f"{FIRST_YEAR}-01")]
        while len(period_list) < periods:
            period_list.append(period_list[-1].next())
        result = SynthResult(
            city=city,
            form=form,
            communes=communes,
            units=len(unit_ids),
            indicators=indicators,
            periods=periods,
        )
        tz = timezone.get_current_timezone()
        pending: list[Report] = []

        def flush() -> None:
            if not pending:
                return
            Report.objects.bulk_create(pending, batch_size=batch)
            rows = []
            for report in pending:
                if report.status == ReportStatus.DRAFT and rng.random() < 0.5:
                    continue  # an empty draft: opened, nothing entered
                for pk, kind in zip(indicator_ids, kinds, strict=True):
                    text, number = _value(rng, kind)
                    if text:
                        rows.append((report.pk, pk, text, number))
            _insert_values(rows, use_copy, batch)
            result.reports += len(pending)
            result.values += len(rows)
            pending.clear()

        for unit_id in unit_ids:
            for period in period_list:
                draw = rng.random()
                if draw < 0.06:
                    continue  # missing: nothing at all
                due = period.end + timedelta(days=form.due_days)
                if draw < 0.10:
                    status, submitted = ReportStatus.DRAFT, None
                else:
                    late = draw >= 0.88
                    days = rng.randint(1, 20) if late else -rng.randint(0, 10)
                    day = due + timedelta(days=days)
                    submitted = timezone.make_aware(datetime(day.year, day.month, day.day, 9, 30), tz)
                    status = ReportStatus.APPROVED if draw < 0.40 else ReportStatus.SUBMITTED
                pending.append(
                    Report(
                        form=form,
                        unit_id=unit_id,
                        period=period.code,
                        period_start=period.start,
                        period_end=period.end,
                        status=status,
                        version=1 if submitted else 0,
                        first_submitted_at=submitted,
                        submitted_at=submitted,
                        decided_at=submitted if status == ReportStatus.APPROVED else None,
                    )
                )
                result.by_status[status] = result.by_status.get(status, 0) + 1
                if len(pending) >= batch:
                    flush()
        flush()
        result.by_status["missing"] = len(unit_ids) * periods - result.reports
        rebuild_consolidated([form.pk])  # one INSERT … SELECT … GROUP BY
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE orgs_orgunit")
            cursor.execute("ANALYZE reporting_reportform_units")
            cursor.execute("ANALYZE reporting_report")
            cursor.execute("ANALYZE reporting_reportvalue")
            cursor.execute("ANALYZE reporting_consolidatedvalue")
            cursor.execute("ANALYZE reporting_completenesscount")
    result.seconds = time.perf_counter() - started
    return result


def _target(kind: tuple, units: int) -> int:
    value_type, aggregation, _name, _uom, low, high = kind
    if aggregation in (Aggregation.SUM, Aggregation.LAST):
        return (low + high) // 2 * units * (12 if aggregation == Aggregation.SUM else 1)
    if aggregation == Aggregation.COUNT_YES:
        return units * 3 // 4
    if value_type == ValueType.PERCENTAGE:
        return 80
    return (low + high) // 2


def _insert_values(rows: list[tuple], use_copy: bool, batch: int) -> None:
    if not rows:
        return
    if use_copy:
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(
                "COPY reporting_reportvalue (report_id, indicator_id, value, number, comment) FROM STDIN"
            ) as copy:
                for report_id, indicator_id, text, number in rows:
                    copy.write_row((report_id, indicator_id, text, number, ""))
        return
    ReportValue.objects.bulk_create(
        [
            ReportValue(report_id=report_id, indicator_id=indicator_id, value=text, number=number)
            for report_id, indicator_id, text, number in rows
        ],
        batch_size=batch,
    )
