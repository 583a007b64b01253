"""The pre-aggregated tables behind city-level pages (``ConsolidatedValue``, ``CompletenessCount``).

``ConsolidatedValue``: one row per form, parent unit, indicator and period with the SUM, COUNT, MIN and MAX
of the counted (submitted or approved) values of the parent's child units: everything ``selectors.Partial``
needs to combine any aggregation. ``CompletenessCount``: one row per form, parent unit and period with the
number of counted reports of the parent's assigned child units and how many were first submitted on time.
``refresh`` recomputes one parent's rows for one form and period (called by the report services inside
their transaction); ``rebuild`` recomputes whole forms (one INSERT … SELECT for the values, one grouped
query per period for the counts).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import CompletenessCount, ConsolidatedValue, Report, ReportForm, ReportValue
from thidua.reporting.periods import Period

COUNTED = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def refresh(report: Report) -> None:
    """Recompute the rows of ``report``'s parent unit for its form and period."""
    parent_id = report.unit.parent_id
    if parent_id is None:
        return
    refresh_parent(report.form, parent_id, report.period)


def refresh_parent(form: ReportForm, parent_id: int, period: str) -> None:
    """Recompute one parent unit's rows of both tables for one form and period."""
    refresh_counts(form, parent_id, period)
    ConsolidatedValue.objects.filter(form_id=form.pk, parent_id=parent_id, period=period).delete()
    rows = (
        ReportValue.objects.filter(
            report__form_id=form.pk,
            report__unit__parent_id=parent_id,
            report__period=period,
            report__status__in=COUNTED,
            number__isnull=False,
        )
        .values("indicator_id", "report__period_start", "report__period_end")
        .annotate(total=Sum("number"), count=Count("number"), low=Min("number"), high=Max("number"))
        .order_by()
    )
    ConsolidatedValue.objects.bulk_create(
        ConsolidatedValue(
            form_id=form.pk,
            parent_id=parent_id,
            indicator_id=row["indicator_id"],
            period=period,
            period_start=row["report__period_start"],
            period_end=row["report__period_end"],
            total=row["total"],
            count=row["count"],
            low=row["low"],
            high=row["high"],
        )
        for row in rows
    )


def rebuild(form_ids: list[int] | None = None) -> int:
    """Recompute both tables for these forms (all when None); the values in one INSERT … SELECT … GROUP BY."""
    rebuild_counts(form_ids)
    table = ConsolidatedValue._meta.db_table
    params: list[str | int] = [str(status) for status in COUNTED]
    where = ""
    if form_ids is not None:
        if not form_ids:
            return 0
        marks = ", ".join(["%s"] * len(form_ids))
        where = f" AND r.form_id IN ({marks})"
        params += [int(pk) for pk in form_ids]
        ConsolidatedValue.objects.filter(form_id__in=form_ids).delete()
    else:
        ConsolidatedValue.objects.all().delete()
    sql = (
        f"INSERT INTO {table} (form_id, parent_id, indicator_id, period, period_start, period_end, "
        "total, count, low, high) "
        "SELECT r.form_id, u.parent_id, v.indicator_id, r.period, r.period_start, r.period_end, "
        "SUM(v.number), COUNT(v.number), MIN(v.number), MAX(v.number) "
        "FROM reporting_reportvalue v JOIN reporting_report r ON r.id = v.report_id "
        "JOIN orgs_orgunit u ON u.id = r.unit_id "
        "WHERE r.status IN (%s, %s) AND v.number IS NOT NULL AND u.parent_id IS NOT NULL" + where + " "
        "GROUP BY r.form_id, u.parent_id, v.indicator_id, r.period, r.period_start, r.period_end"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


# --- Completeness counts ----------------------------------------------------------------------------------


def on_time_limit(form: ReportForm, period_end) -> datetime:
    """A report is on time when first submitted before this instant: the day after the due date, 0:00 local
    time (``Report.on_time`` compares the local date with the due date)."""
    due = period_end + timedelta(days=form.due_days)
    return datetime.combine(due + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone())


def counted_reports(form: ReportForm):
    """The reports the completeness counts are made of: counted statuses, submitted at least once, of units
    assigned to the form (units' validity dates are applied by the reader)."""
    assigned = ReportForm.units.through.objects.filter(reportform_id=form.pk).values("orgunit_id")
    return Report.objects.filter(
        form=form, unit_id__in=assigned, status__in=COUNTED, first_submitted_at__isnull=False
    )


def refresh_counts(form: ReportForm, parent_id: int, period: str) -> None:
    """Recompute one parent's completeness count for one form and period."""
    CompletenessCount.objects.filter(form=form, parent_id=parent_id, period=period).delete()
    span = Period.parse(period)
    limit = on_time_limit(form, span.end)
    counts = (
        counted_reports(form)
        .filter(unit__parent_id=parent_id, period=span.code)
        .aggregate(n=Count("id"), on_time=Count("id", filter=Q(first_submitted_at__lt=limit)))
    )
    if counts["n"]:
        CompletenessCount.objects.create(
            form=form,
            parent_id=parent_id,
            period=span.code,
            period_start=span.start,
            submitted=counts["n"],
            on_time=counts["on_time"],
        )


def rebuild_counts(form_ids: list[int] | None = None) -> int:
    """Recompute the completeness counts of these forms (all when None): one grouped query per period."""
    forms = ReportForm.objects.all() if form_ids is None else ReportForm.objects.filter(pk__in=form_ids)
    written = 0
    for form in forms.order_by("pk"):
        CompletenessCount.objects.filter(form=form).delete()
        reports = counted_reports(form)
        periods = reports.values_list("period", "period_start", "period_end").distinct().order_by()
        rows = []
        for period, start, end in periods:
            limit = on_time_limit(form, end)
            grouped = (
                reports.filter(period=period, unit__parent_id__isnull=False)
                .values("unit__parent_id")
                .annotate(n=Count("id"), on_time=Count("id", filter=Q(first_submitted_at__lt=limit)))
                .order_by()
            )
            rows += [
                CompletenessCount(
                    form=form,
                    parent_id=row["unit__parent_id"],
                    period=period,
                    period_start=start,
                    submitted=row["n"],
                    on_time=row["on_time"],
                )
                for row in grouped
            ]
        CompletenessCount.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
    return written


def unit_moved(unit_id: int, old_parent_id: int | None, new_parent_id: int | None) -> None:
    """A unit changed parent: its own reports move from the old parent's rows to the new parent's (rows
    keyed by the units below it stay right: they are read through the parents' paths, which the tree move
    updates)."""
    keys = (
        Report.objects.filter(unit_id=unit_id)
        .values_list("form_id", "period")
        .distinct()
        .order_by("form_id", "period")
    )
    forms = {form.pk: form for form in ReportForm.objects.filter(reports__unit_id=unit_id).distinct()}
    for form_id, period in keys:
        for parent_id in (old_parent_id, new_parent_id):
            if parent_id is not None:
                refresh_parent(forms[form_id], parent_id, period)
