"""The pre-aggregated table behind city-level consolidation (``ConsolidatedValue``).

One row per form, parent unit, indicator and period with the SUM, COUNT, MIN and MAX of the counted
(submitted or approved) values of the parent's child units: everything ``selectors.Partial`` needs to
combine any aggregation. ``refresh`` recomputes one parent's rows for one form and period (called by the
report services inside their transaction); ``rebuild`` recomputes whole forms in one INSERT … SELECT.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Max, Min, Sum

from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import ConsolidatedValue, Report, ReportValue

COUNTED = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def refresh(report: Report) -> None:
    """Recompute the rows of ``report``'s parent unit for its form and period."""
    parent_id = report.unit.parent_id
    if parent_id is None:
        return
    ConsolidatedValue.objects.filter(
        form_id=report.form_id, parent_id=parent_id, period=report.period
    ).delete()
    rows = (
        ReportValue.objects.filter(
            report__form_id=report.form_id,
            report__unit__parent_id=parent_id,
            report__period=report.period,
            report__status__in=COUNTED,
            number__isnull=False,
        )
        .values("indicator_id", "report__period_start", "report__period_end")
        .annotate(total=Sum("number"), count=Count("number"), low=Min("number"), high=Max("number"))
        .order_by()
    )
    ConsolidatedValue.objects.bulk_create(
        ConsolidatedValue(
            form_id=report.form_id,
            parent_id=parent_id,
            indicator_id=row["indicator_id"],
            period=report.period,
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
    """Recompute the table for these forms (all when None) in one INSERT … SELECT … GROUP BY."""
    table = ConsolidatedValue._meta.db_table
    where, params = "", list(COUNTED)
    if form_ids is not None:
        if not form_ids:
            return 0
        marks = ", ".join(["%s"] * len(form_ids))
        where = f" AND r.form_id IN ({marks})"
        params += list(form_ids)
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
