"""Reads of periodic reporting, always scoped to the user: lists, completeness and consolidation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from thidua.core.scoping import CHANGE, VIEW, scope_for
from thidua.core.vietnamese.text import fold
from thidua.orgs.models import PATH_SEGMENT_WIDTH, OrgUnit
from thidua.reporting.choices import Aggregation, Direction, ReportStatus
from thidua.reporting.models import Indicator, LockException, Report, ReportForm, Target
from thidua.reporting.periods import Period, periods_between, periods_of_year
from thidua.reporting.permissions import review_paths

SEGMENT = PATH_SEGMENT_WIDTH + 1
COUNTED = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def form_list(*, user, within: OrgUnit | None = None) -> QuerySet:
    """Forms the user deals with: managed in, or assigned to, units the user sees."""
    visible = OrgUnit.objects.visible_to(user, VIEW)
    if within is not None:
        visible = visible.filter(path__startswith=within.path)
    # EXISTS rather than a join + DISTINCT: one form is looked up by its key without visiting its units
    assigned = ReportForm.units.through.objects.filter(
        reportform_id=OuterRef("pk"), orgunit_id__in=visible.values("pk")
    )
    forms = ReportForm.objects.filter(Q(Exists(assigned)) | Q(owner__in=visible.values("pk")))
    return forms.select_related("owner").order_by("name")


def report_list(*, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    reports = Report.objects.visible_to(user, action).select_related("form", "unit")
    if within is not None:
        reports = reports.filter(unit__path__startswith=within.path)
    return reports.order_by("-period_start", "unit__path")


def review_queue(*, user, within: OrgUnit | None = None) -> QuerySet:
    """Submitted reports waiting for this user's decision."""
    prefixes = review_paths(user)
    if not prefixes:
        return Report.objects.none()
    condition = Q()
    for prefix in prefixes:
        condition |= Q(unit__path__startswith=prefix)
    reports = Report.objects.filter(condition, status=ReportStatus.SUBMITTED).select_related("form", "unit")
    if within is not None:
        reports = reports.filter(unit__path__startswith=within.path)
    return reports.order_by("submitted_at", "pk")


def lock_exception_queue(*, user) -> QuerySet:
    prefixes = review_paths(user)
    if not prefixes:
        return LockException.objects.none()
    condition = Q()
    for prefix in prefixes:
        condition |= Q(unit__path__startswith=prefix)
    return LockException.objects.filter(condition, status="requested").select_related("form", "unit")


def units_for(form: ReportForm, *, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    units = form.units.visible_to(user, action)
    if within is not None:
        units = units.filter(path__startswith=within.path)
    return units.order_by("path")


# --- Reports to fill (the entry list) ------------------------------------------------------------------

ENTRY_PAGE_SIZE = 50
# Up to this many units to report for, the list shows every period of the year (a unit's reporter); more
# (an officer over a commune or the city) and it starts with the periods open for entry now, filtered.
FEW_UNITS = 5
OPEN_NOW, WHOLE_YEAR = "open", "year"
NOT_STARTED, NOT_SUBMITTED = "none", "todo"
TO_FILL = (ReportStatus.DRAFT, ReportStatus.RETURNED)


@dataclass(frozen=True)
class EntryRow:
    form: ReportForm
    unit: OrgUnit
    period: Period
    report: Report | None
    due: date
    today: date

    @property
    def overdue(self) -> bool:
        """Due date passed and nothing submitted yet."""
        return self.due < self.today and (self.report is None or self.report.status in TO_FILL)


@dataclass
class EntryScope:
    """The active forms and, for each, the units the user enters data for (in path order)."""

    forms: list[ReportForm]
    unit_ids: dict[int, list[int]]
    units: QuerySet
    today: date

    @property
    def unit_count(self) -> int:
        return len({pk for ids in self.unit_ids.values() for pk in ids})

    @property
    def wide(self) -> bool:
        return self.unit_count > FEW_UNITS

    def periods(self, form: ReportForm) -> list[Period]:
        """Periods of ``form`` to report for now, newest first: this year's that have started and last
        year's still open for entry."""
        today = self.today
        periods = periods_between(form.period_type, date(today.year - 1, 1, 1), today)
        return [p for p in reversed(periods) if p.year == today.year or form.lock_date(p) >= today]

    def period_choices(self) -> list[Period]:
        seen = {p for form in self.forms for p in self.periods(form)}
        return sorted(seen, key=lambda p: (p.start, p.end), reverse=True)


def entry_scope(*, user, within: OrgUnit | None = None, today: date | None = None) -> EntryScope:
    """Two queries whatever the number of units: the active forms, then their units the user may change."""
    units = OrgUnit.objects.visible_to(user, CHANGE)
    if within is not None:
        units = units.filter(path__startswith=within.path)
    forms = {form.pk: form for form in ReportForm.objects.filter(active=True).order_by("name")}
    links = (
        ReportForm.units.through.objects.filter(
            reportform_id__in=list(forms), orgunit_id__in=units.values("pk")
        )
        .order_by("orgunit__path")
        .values_list("reportform_id", "orgunit_id")
    )
    unit_ids: dict[int, list[int]] = defaultdict(list)
    for form_id, unit_id in links:
        unit_ids[form_id].append(unit_id)
    return EntryScope(
        forms=[form for pk, form in forms.items() if pk in unit_ids],
        unit_ids=dict(unit_ids),
        units=units,
        today=today or timezone.localdate(),
    )


class EntryRows:
    """The rows to fill as a sequence a Paginator slices: form by form, newest period first, units in tree
    order. Only the sliced rows' units and reports are loaded (two queries per page)."""

    def __init__(self, segments: list[tuple[ReportForm, Period, list[int]]], today: date):
        self.segments = segments
        self.today = today
        self._count = sum(len(ids) for _form, _period, ids in segments)

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, key):
        if isinstance(key, int):
            rows = self[key : key + 1]
            if not rows:
                raise IndexError(key)
            return rows[0]
        start, stop, _step = key.indices(self._count)
        picked: list[tuple[ReportForm, Period, int]] = []
        offset = 0
        for form, period, ids in self.segments:
            if offset >= stop:
                break
            if offset + len(ids) > start:
                picked.extend((form, period, pk) for pk in ids[max(start - offset, 0) : stop - offset])
            offset += len(ids)
        return self._load(picked)

    def _load(self, picked: list[tuple[ReportForm, Period, int]]) -> list[EntryRow]:
        if not picked:
            return []
        unit_ids = {pk for _form, _period, pk in picked}
        units = OrgUnit.objects.in_bulk(unit_ids)
        reports = Report.objects.filter(
            form_id__in={form.pk for form, _period, _pk in picked},
            unit_id__in=unit_ids,
            period__in={period.code for _form, period, _pk in picked},
        )
        found = {(r.form_id, r.unit_id, r.period): r for r in reports}
        return [
            EntryRow(
                form=form,
                unit=units[pk],
                period=period,
                report=found.get((form.pk, pk, period.code)),
                due=form.due_date(period),
                today=self.today,
            )
            for form, period, pk in picked
        ]


def entry_rows(
    scope: EntryScope,
    *,
    unit_query: str = "",
    form: ReportForm | None = None,
    period: str = "",
    status: str = "",
) -> EntryRows:
    """The reports to fill in ``scope``. ``period``: a period code, WHOLE_YEAR (every period of
    ``scope.periods``) or OPEN_NOW (those whose lock date has not passed); blank: the whole year for a
    few units, open now for many. ``status``: a report status, NOT_STARTED or NOT_SUBMITTED (not started,
    draft or returned). At most two queries (the unit search, the statuses) besides the page's own."""
    today = scope.today
    period = period or (OPEN_NOW if scope.wide else WHOLE_YEAR)
    matching: set[int] | None = None
    if unit_query.strip():
        units = scope.units
        for word in fold(unit_query).split():
            units = units.filter(search_text__contains=word)
        matching = set(units.values_list("pk", flat=True))
    segments: list[tuple[ReportForm, Period, list[int]]] = []
    for each in scope.forms:
        if form is not None and each.pk != form.pk:
            continue
        ids = scope.unit_ids[each.pk]
        if matching is not None:
            ids = [pk for pk in ids if pk in matching]
        for p in scope.periods(each):
            if period == OPEN_NOW and each.lock_date(p) < today:
                continue
            if period not in (OPEN_NOW, WHOLE_YEAR) and p.code != period:
                continue
            segments.append((each, p, ids))
    if status and segments:
        segments = _with_status(scope, segments, status)
    return EntryRows([s for s in segments if s[2]], today)


def _with_status(scope: EntryScope, segments, status: str):
    reports = Report.objects.filter(
        form_id__in={form.pk for form, _p, _ids in segments},
        period__in={p.code for _f, p, _ids in segments},
        unit_id__in=scope.units.values("pk"),
    ).values_list("form_id", "period", "unit_id", "status")
    statuses: dict[tuple[int, str], dict[int, str]] = defaultdict(dict)
    for form_id, code, unit_id, report_status in reports:
        statuses[(form_id, code)][unit_id] = report_status

    def keep(found: str | None) -> bool:
        if status == NOT_STARTED:
            return found is None
        if status == NOT_SUBMITTED:
            return found is None or found in TO_FILL
        return found == status

    result = []
    for form, p, ids in segments:
        found = statuses.get((form.pk, p.code), {})
        result.append((form, p, [pk for pk in ids if keep(found.get(pk))]))
    return result


# --- Completeness and timeliness -------------------------------------------------------------------------


@dataclass
class Cell:
    unit: OrgUnit
    period: Period
    report: Report | None
    due: date
    expected: bool

    @property
    def state(self) -> str:
        """approved, on-time, late, returned, draft, missing, not-due or not-expected (CSS classes)."""
        if not self.expected:
            return "not-expected"
        report = self.report
        if report is None or report.status == ReportStatus.DRAFT:
            if self.due >= timezone.localdate():
                return "not-due" if report is None else "draft"
            return "missing" if report is None else "draft"
        if report.status == ReportStatus.RETURNED:
            return "returned"
        if report.status == ReportStatus.APPROVED:
            return "approved"
        return "on-time" if report.on_time else "late"


@dataclass
class Completeness:
    form: ReportForm
    periods: list[Period]
    units: list[OrgUnit]
    rows: list[tuple[OrgUnit, list[Cell]]] = field(default_factory=list)
    expected: int = 0
    submitted: int = 0
    on_time: int = 0

    @property
    def completeness(self) -> float:
        return 100 * self.submitted / self.expected if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        return 100 * self.on_time / self.expected if self.expected else 0.0

    def missing(self) -> list[Cell]:
        return [
            cell
            for _, cells in self.rows
            for cell in cells
            if cell.state in ("missing", "draft", "returned") and cell.due < timezone.localdate()
        ]


def _unit_expected(unit: OrgUnit, period: Period) -> bool:
    """A unit is expected to report for a period it existed in (opened or closed mid-year counts)."""
    if unit.valid_from and unit.valid_from > period.end:
        return False
    return not (unit.valid_to and unit.valid_to < period.start)


def completeness(
    form: ReportForm, *, user, year: int, within: OrgUnit | None = None, today: date | None = None
) -> Completeness:
    """The unit × period grid of a form for a year: two queries whatever the number of units."""
    today = today or timezone.localdate()
    periods = periods_of_year(form.period_type, year)
    units = list(units_for(form, user=user, within=within))
    reports: dict[tuple[int, str], Report] = {}
    rows = Report.objects.filter(form=form, unit__in=[u.pk for u in units], period_start__year=year).only(
        "id", "unit_id", "form_id", "period", "status", "first_submitted_at", "period_start", "period_end"
    )
    for row in rows:
        row.form = form  # the same form on every row: no join and no form instance per report
        reports[(row.unit_id, row.period)] = row
    dues = {period.code: form.due_date(period) for period in periods}
    result = Completeness(form=form, periods=periods, units=units)
    for unit in units:
        cells = []
        for period in periods:
            due = dues[period.code]
            cell = Cell(unit, period, reports.get((unit.pk, period.code)), due, _unit_expected(unit, period))
            cells.append(cell)
            if cell.expected and due < today:
                result.expected += 1
                report = cell.report
                if report and report.first_submitted_at and report.status in COUNTED:
                    result.submitted += 1
                    # Report.on_time, with the period's due date computed once
                    if timezone.localtime(report.first_submitted_at).date() <= due:
                        result.on_time += 1
        result.rows.append((unit, cells))
    return result


# --- Consolidation ------------------------------------------------------------------------------------


@dataclass
class Partial:
    """What is needed to combine any aggregation across units and periods."""

    total: Decimal = Decimal(0)
    count: int = 0
    low: Decimal | None = None
    high: Decimal | None = None
    last: Decimal | None = None
    last_start: date | None = None

    def add(self, total, count, low, high, start: date) -> None:
        self.total += total or 0
        self.count += count or 0
        if low is not None:
            self.low = low if self.low is None else min(self.low, low)
        if high is not None:
            self.high = high if self.high is None else max(self.high, high)
        if total is not None and (self.last_start is None or start > self.last_start):
            self.last, self.last_start = Decimal(total), start
        elif total is not None and start == self.last_start:
            self.last = (self.last or 0) + total

    def value(self, aggregation: str) -> Decimal | None:
        if not self.count:
            return None
        if aggregation == Aggregation.SUM:
            return self.total
        if aggregation == Aggregation.AVERAGE:
            return self.total / self.count
        if aggregation == Aggregation.MIN:
            return self.low
        if aggregation == Aggregation.MAX:
            return self.high
        # LAST and COUNT_YES: the latest period's value, summed across units (a stock, not a flow)
        return self.last


@dataclass
class Comparison:
    value: Decimal | None
    target: Decimal | None
    percent: Decimal | None
    verdict: str  # "vượt", "đạt", "chưa đạt" or ""


def compare(value: Decimal | None, target: Decimal | None, direction: str) -> Comparison:
    if value is None or target is None:
        return Comparison(value, target, None, "")
    percent = (value / target * 100) if target else None
    better = value > target if direction == Direction.HIGHER else value < target
    reached = value >= target if direction == Direction.HIGHER else value <= target
    verdict = "vượt" if better else "đạt" if reached else "chưa đạt"
    return Comparison(value, target, percent, verdict)


@dataclass
class Consolidation:
    form: ReportForm
    root: OrgUnit
    periods: list[Period]
    indicators: list[Indicator]
    children: list[OrgUnit]
    # unit id (a child or the root) -> indicator id -> Partial
    cells: dict[int, dict[int, Partial]]
    # indicator id -> period code -> Partial (the root's subtree, per period; for charts)
    series: dict[int, dict[str, Partial]]
    targets: dict[int, Decimal]

    def value(self, unit_id: int, indicator: Indicator) -> Decimal | None:
        partial = self.cells.get(unit_id, {}).get(indicator.pk)
        return partial.value(indicator.aggregation) if partial else None

    def total(self, indicator: Indicator) -> Comparison:
        return compare(
            self.value(self.root.pk, indicator), self.targets.get(indicator.pk), indicator.direction
        )


def consolidation(
    form: ReportForm,
    *,
    root: OrgUnit,
    start: Period,
    end: Period,
    statuses=COUNTED,
    target_period: str = "",
    use_table: bool | None = None,
) -> Consolidation:
    """Aggregate the form's values over ``root``'s subtree, per child subtree and in total.

    One query for all indicators: values are grouped by the path prefix of the child of ``root`` they
    fall under (the materialised path makes that a SUBSTR), by indicator and by period.
    """
    from thidua.reporting.services import form_indicators

    indicators = [indicator for indicator, _required in form_indicators(form)]
    periods = periods_between(form.period_type, start.start, end.end)
    prefix_length = len(root.path) + SEGMENT
    assigned = {
        path[:prefix_length]
        for path in form.units.filter(path__startswith=root.path).values_list("path", flat=True)
    }
    children = [
        child for child in OrgUnit.objects.filter(parent=root).order_by("path") if child.path in assigned
    ]
    by_prefix = {child.path: child.pk for child in children}
    if use_table is None:
        use_table = tuple(statuses) == COUNTED and _consolidated_covers(form, root)
    cells: dict[int, dict[int, Partial]] = defaultdict(lambda: defaultdict(Partial))
    series: dict[int, dict[str, Partial]] = defaultdict(lambda: defaultdict(Partial))
    if use_table:
        _fill_from_table(form, root, start, end, prefix_length, indicators, by_prefix, cells, series)
    else:
        for row in _value_rows(form, root, start, end, statuses, prefix_length):
            args = (row["total"], row["count"], row["low"], row["high"], row["start"])
            child_id = by_prefix.get(row["prefix"])
            if child_id is not None:
                cells[child_id][row["indicator_id"]].add(*args)
            cells[root.pk][row["indicator_id"]].add(*args)
            series[row["indicator_id"]][row["code"]].add(*args)
    target_period = target_period or (str(start.year) if start.year == end.year else "")
    targets = dict(
        Target.objects.filter(indicator__in=indicators, unit=root, period=target_period).values_list(
            "indicator_id", "value"
        )
    )
    return Consolidation(form, root, periods, indicators, children, cells, series, targets)


def _consolidated_covers(form: ReportForm, root: OrgUnit) -> bool:
    """The pre-aggregated table (per parent unit) answers for ``root`` when no unit reporting on the form
    under ``root`` is ``root`` itself or one of its children: every parent then lies inside one child."""
    return not form.units.filter(path__startswith=root.path, depth__lte=root.depth + 1).exists()


def _fill_from_table(
    form, root, start: Period, end: Period, prefix_length, indicators, by_prefix, cells, series
):
    """Fill the partials from ``ConsolidatedValue`` with the reduction done in SQL: per period (the series
    and the total), per child (sums, counts, extremes) and, for "last value" kinds only, per child and
    period (the latest period's total)."""
    from thidua.reporting.models import ConsolidatedValue

    table = ConsolidatedValue.objects.filter(
        form=form, parent__path__startswith=root.path, period_start__gte=start.start, period_end__lte=end.end
    )
    sums = {"total": Sum("total"), "count": Sum("count"), "low": Min("low"), "high": Max("high")}
    row: Any  # rows of three differently shaped .values() queries
    for row in table.values("indicator_id", "period", "period_start").annotate(**sums).order_by():
        args = (row["total"], row["count"], row["low"], row["high"], row["period_start"])
        series[row["indicator_id"]][row["period"]].add(*args)
        cells[root.pk][row["indicator_id"]].add(*args)
    by_child = table.annotate(prefix=Substr("parent__path", 1, prefix_length))
    for row in by_child.values("prefix", "indicator_id").annotate(**sums).order_by():
        child_id = by_prefix.get(row["prefix"])
        if child_id is not None:
            cells[child_id][row["indicator_id"]] = Partial(
                Decimal(0) + row["total"], row["count"], row["low"], row["high"]
            )
    stocks = [ind.pk for ind in indicators if ind.aggregation not in STOCKLESS]
    rows = (
        by_child.filter(indicator_id__in=stocks)
        .values("prefix", "indicator_id", "period_start")
        .annotate(total=Sum("total"))
        .order_by()
    )
    for row in rows:
        child_id = by_prefix.get(row["prefix"])
        if child_id is None:
            continue
        partial = cells[child_id][row["indicator_id"]]
        if partial.last_start is None or row["period_start"] > partial.last_start:
            partial.last, partial.last_start = Decimal(row["total"]), row["period_start"]
        elif row["period_start"] == partial.last_start:
            partial.last += row["total"]


# aggregations whose value does not use the latest period's total
STOCKLESS = (Aggregation.SUM, Aggregation.AVERAGE, Aggregation.MIN, Aggregation.MAX)


def _value_rows(form, root, start: Period, end: Period, statuses, prefix_length: int):
    from thidua.reporting.models import ReportValue

    return (
        ReportValue.objects.filter(
            report__form=form,
            report__unit__path__startswith=root.path,
            report__period_start__gte=start.start,
            report__period_end__lte=end.end,
            report__status__in=statuses,
            number__isnull=False,
        )
        .annotate(
            prefix=Substr("report__unit__path", 1, prefix_length),
            start=F("report__period_start"),
            code=F("report__period"),
        )
        .values("prefix", "indicator_id", "start", "code")
        .annotate(total=Sum("number"), count=Count("number"), low=Min("number"), high=Max("number"))
        .order_by()
    )


# --- Completeness by level (a city: its communes × periods) ----------------------------------------------


@dataclass
class LevelCell:
    """Counts for one child subtree and one period (only periods already due count as expected)."""

    period: Period
    expected: int = 0
    submitted: int = 0
    on_time: int = 0

    @property
    def completeness(self) -> float | None:
        return 100 * self.submitted / self.expected if self.expected else None

    @property
    def state(self) -> str:
        """A CSS class by completeness: none (nothing due), full, high (≥ 80 %), low, zero."""
        value = self.completeness
        if value is None:
            return "none"
        if value >= 100:
            return "full"
        return "high" if value >= 80 else "low" if value > 0 else "zero"


@dataclass
class LevelCompleteness:
    form: ReportForm
    root: OrgUnit
    periods: list[Period]
    rows: list[tuple[OrgUnit, list[LevelCell]]] = field(default_factory=list)
    expected: int = 0
    submitted: int = 0
    on_time: int = 0

    @property
    def completeness(self) -> float:
        return 100 * self.submitted / self.expected if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        return 100 * self.on_time / self.expected if self.expected else 0.0


def reports_by_child(form: ReportForm, *, user, root: OrgUnit) -> bool:
    """True when ``root``'s children are not themselves reporting units of the form (a city above
    communes): completeness is then shown per child subtree rather than per unit."""
    units = units_for(form, user=user, within=root)
    return units.exists() and not units.filter(parent=root).exists()


def completeness_by_child(
    form: ReportForm,
    *,
    user,
    root: OrgUnit,
    year: int,
    today: date | None = None,
    use_table: bool | None = None,
) -> LevelCompleteness:
    """Expected / submitted / on-time counts per child of ``root`` and period.

    Units are grouped by the path prefix of the child they fall under and by validity dates (fixed-width
    path segments, ADR 0002). Submitted and on-time counts come from ``CompletenessCount`` (per parent unit
    and period, ≈ communes × periods rows) when the user sees ``root``'s whole subtree and every unit of
    the form lies below a child of ``root``; the reports of units not valid in a period are then taken off
    (one small query over the units that have validity dates). Otherwise (or with ``use_table=False``) they
    are counted from the reports. Either way the counts equal the sums of :func:`completeness` over each
    child's units.
    """
    today = today or timezone.localdate()
    periods = periods_of_year(form.period_type, year)
    due = [p for p in periods if form.due_date(p) < today]
    length = len(root.path) + SEGMENT
    units = units_for(form, user=user, within=root).order_by()
    # expected: units grouped by child and validity dates (a handful of rows), checked per period here
    expected: dict[tuple[str, str], int] = defaultdict(int)
    unit_groups = list(
        units.annotate(prefix=Substr("path", 1, length))
        .values("prefix", "valid_from", "valid_to")
        .annotate(n=Count("id"), top=Min("depth"))
        .order_by()
    )
    for group in unit_groups:
        for period in due:
            if (group["valid_from"] is None or group["valid_from"] <= period.end) and (
                group["valid_to"] is None or group["valid_to"] >= period.start
            ):
                expected[(group["prefix"], period.code)] += group["n"]
    if use_table is None:
        # the table is keyed by the report unit's parent: usable when no unit of the form is a child of
        # ``root`` (every parent then lies inside one child) and the user sees all of ``root``'s subtree
        # (so the visible units are all the form's units there)
        use_table = _sees_subtree(user, root) and all(
            group["top"] > root.depth + 1 for group in unit_groups if group["prefix"] != root.path
        )
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    if due and use_table:
        for row in _counts_from_table(form, root, due, length):
            counts[(row["prefix"], row["period"])] = [row["n_submitted"], row["n_on_time"]]
        # the same number of queries whether or not some unit has validity dates
        dated = units.filter(Q(valid_from__isnull=False) | Q(valid_to__isnull=False))
        for prefix, code, on_time in _reports_outside_validity(form, dated, due, length):
            pair = counts[(prefix, code)]
            pair[0] -= 1
            pair[1] -= on_time
    elif due:
        for row in _counted_report_rows(form, units, due, length):
            counts[(row["prefix"], row["period"])] = [row["n_submitted"], row["n_on_time"]]
    assigned = {group["prefix"] for group in unit_groups}
    children = [
        child for child in OrgUnit.objects.filter(parent=root).order_by("path") if child.path in assigned
    ]
    result = LevelCompleteness(form=form, root=root, periods=periods)
    for child in children:
        cells = []
        for period in periods:
            submitted, on_time = counts.get((child.path, period.code), (0, 0))
            cell = LevelCell(period, expected[(child.path, period.code)], submitted, on_time)
            cells.append(cell)
            result.expected += cell.expected
            result.submitted += cell.submitted
            result.on_time += cell.on_time
        result.rows.append((child, cells))
    return result


def _sees_subtree(user, root: OrgUnit) -> bool:
    """True when every unit below ``root`` is visible to ``user`` (a subtree grant at or above it)."""
    scope = scope_for(user, VIEW)
    return scope.everything or any(root.path.startswith(prefix) for prefix in scope.subtrees)


def _counts_from_table(form: ReportForm, root: OrgUnit, due: list[Period], length: int):
    from thidua.reporting.models import CompletenessCount

    return (
        CompletenessCount.objects.filter(
            form=form, parent__path__startswith=root.path, period__in=[p.code for p in due]
        )
        .annotate(prefix=Substr("parent__path", 1, length))
        .values("prefix", "period")
        .annotate(n_submitted=Sum("submitted"), n_on_time=Sum("on_time"))
        .order_by()
    )


def _reports_outside_validity(form: ReportForm, units: QuerySet, due: list[Period], length: int):
    """(child prefix, period, on time) of each counted report of ``units`` for a due period in which its unit
    was not valid (opened later or already closed): few rows, checked here rather than in SQL."""
    periods = {period.code: period for period in due}
    tz = timezone.get_current_timezone()
    rows = Report.objects.filter(
        form=form,
        unit__in=units.values("pk"),
        period__in=list(periods),
        status__in=COUNTED,
        first_submitted_at__isnull=False,
    ).values_list("unit__path", "unit__valid_from", "unit__valid_to", "period", "first_submitted_at")
    for path, valid_from, valid_to, code, first_submitted_at in rows:
        period = periods[code]
        if (valid_from and valid_from > period.end) or (valid_to and valid_to < period.start):
            limit = datetime.combine(form.due_date(period) + timedelta(days=1), time.min, tzinfo=tz)
            yield path[:length], code, int(first_submitted_at is not None and first_submitted_at < limit)


def _counted_report_rows(form: ReportForm, units: QuerySet, due: list[Period], length: int):
    """Counted reports of ``units`` per child prefix and due period (only unit-periods where the unit is
    valid), with how many were first submitted on time."""
    in_due = Q(pk__in=[])
    on_time = Q(pk__in=[])
    tz = timezone.get_current_timezone()
    for period in due:
        in_period = (
            Q(period=period.code)
            & (Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=period.end))
            & (Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=period.start))
        )
        in_due |= in_period
        limit = datetime.combine(form.due_date(period) + timedelta(days=1), time.min, tzinfo=tz)
        on_time |= in_period & Q(first_submitted_at__lt=limit)
    return (
        Report.objects.filter(
            in_due,
            form=form,
            unit__in=units.values("pk"),
            status__in=COUNTED,
            first_submitted_at__isnull=False,
        )
        .annotate(prefix=Substr("unit__path", 1, length))
        .values("prefix", "period")
        .annotate(n_submitted=Count("id"), n_on_time=Count("id", filter=on_time))
        .order_by()
    )
