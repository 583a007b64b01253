"""Pages of periodic reporting: my reports, entry (phone, autosave, Excel), review, completeness, consolidation."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from thidua.core.exports import XLSX_TYPE
from thidua.core.scoping import CHANGE, VIEW, can, get_object_for
from thidua.core.vietnamese.dates import parse_date
from thidua.core.views import ScopedDetailView
from thidua.orgs.models import OrgUnit
from thidua.reporting import excel, selectors, services
from thidua.reporting.choices import ReportStatus
from thidua.reporting.exports import completeness_xlsx, consolidation_xlsx, missing_xlsx
from thidua.reporting.models import ConsolidatedReport, Evidence, LockException, Report, ReportValue
from thidua.reporting.periods import Period, periods_of_year
from thidua.reporting.permissions import can_review

NARRATIVE_FIELDS = ("results", "shortcomings", "proposals")
QUEUE_PAGE_SIZE = 20


def _form_for(user, pk):
    forms = selectors.form_list(user=user)
    try:
        return forms.get(pk=pk)
    except (forms.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _period(code: str) -> Period:
    try:
        return Period.parse(code)
    except ValueError:
        raise Http404 from None


def _errors_of(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"__all__": error.messages}


def _neighbours(request, page, name: str, has_previous: bool, has_next: bool):
    """Set ``previous_query`` and ``next_query``: the query strings of the neighbour pages (the other
    parameters kept), or "" when there is none."""
    for attr, has, number in (
        ("previous_query", has_previous, page.number - 1),
        ("next_query", has_next, page.number + 1),
    ):
        query = request.GET.copy()
        query[name] = str(number)
        setattr(page, attr, "?" + query.urlencode() if has else "")
    return page


def _paged(request, object_list, per_page: int, name: str):
    """One page of ``object_list`` (the ``name`` query parameter) out of all its pages."""
    page = Paginator(object_list, per_page).get_page(request.GET.get(name))
    return _neighbours(request, page, name, page.has_previous(), page.has_next())


@dataclass
class Window:
    """A page of a queue without counting it: one query whether the queue is empty or not."""

    object_list: list
    number: int
    paginator = None


def _window(request, queryset, per_page: int, name: str) -> Window:
    try:
        number = max(int(request.GET.get(name, 1)), 1)
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    # the window's keys first (a narrow sort), then its rows: PostgreSQL sorts 32,000 submitted reports'
    # keys in 10 ms, their whole joined rows in 27 ms
    rows = list(queryset.filter(pk__in=queryset.values("pk")[start : start + per_page + 1]))
    page = Window(rows[:per_page], number)
    return _neighbours(request, page, name, number > 1, len(rows) > per_page)


class EntryFilterForm(forms.Form):
    """The filter of the reports to fill, for a user with many units (choices from the user's scope)."""

    q = forms.CharField(label=gettext_lazy("Unit"), required=False)
    form = forms.TypedChoiceField(
        label=gettext_lazy("Report form"), required=False, coerce=int, empty_value=None
    )
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, data, *, scope: selectors.EntryScope):
        super().__init__(data)
        self.scope = scope
        choices: dict[str, list] = {}
        choices["form"] = [("", gettext_lazy("All forms"))] + [(f.pk, f.name) for f in scope.forms]
        # no blank choice: the first one is what the list shows by default
        spans = [
            (selectors.OPEN_NOW, gettext_lazy("Open for entry now")),
            (selectors.WHOLE_YEAR, gettext_lazy("This year")),
        ]
        choices["period"] = (spans if scope.wide else spans[::-1]) + [
            (p.code, p.label()[:1].upper() + p.label()[1:]) for p in scope.period_choices()
        ]
        choices["status"] = [
            ("", gettext_lazy("All")),
            (selectors.NOT_SUBMITTED, gettext_lazy("Not submitted yet")),
            (selectors.NOT_STARTED, gettext_lazy("Not started")),
            *ReportStatus.choices,
        ]
        for name, values in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = values

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        forms_by_pk = {f.pk: f for f in self.scope.forms}
        return {
            "unit_query": data["q"],
            "form": forms_by_pk.get(data["form"]) if data["form"] else None,
            "period": data["period"],
            "status": data["status"],
        }


class EntryListView(LoginRequiredMixin, TemplateView):
    """The reports to fill: every period of the year for a few units (a unit's reporter); for many units
    (the unit switcher's choice, or all the user's units) the periods open for entry now, paginated and
    filtered by unit, form, period and status."""

    template_name = "reporting/entry_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, current = self.request.user, getattr(self.request, "current_unit", None)
        scope = selectors.entry_scope(user=user, within=current)
        filter_form = EntryFilterForm(self.request.GET or None, scope=scope)
        rows = selectors.entry_rows(scope, **filter_form.filters())
        page = _paged(self.request, rows, selectors.ENTRY_PAGE_SIZE, "page")
        context["title"] = _("Periodic reports")
        context["scope"] = scope
        context["filter_form"] = filter_form
        context["page_obj"] = page
        context["rows"] = page.object_list
        period = filter_form.filters().get("period") or (selectors.OPEN_NOW if scope.wide else "")
        context["open_now"] = period == selectors.OPEN_NOW
        # the oldest submissions first, a page at a time (a city officer may have thousands waiting)
        queue = selectors.review_queue(user=user, within=current)
        context["queue_page"] = _window(self.request, queue, QUEUE_PAGE_SIZE, "queue_page")
        context["queue"] = context["queue_page"].object_list
        requests = selectors.lock_exception_queue(user=user).order_by("pk")
        context["lock_page"] = _window(self.request, requests, QUEUE_PAGE_SIZE, "lock_page")
        context["lock_requests"] = context["lock_page"].object_list
        context["forms"] = selectors.form_list(user=user)
        context["year"] = timezone.localdate().year
        return context


# --- Entry -----------------------------------------------------------------------------------------------


class EntryView(LoginRequiredMixin, TemplateView):
    """One unit's report for one period: one column, big inputs, autosaved draft, submit."""

    template_name = "reporting/entry.html"

    def setup_objects(self):
        user = self.request.user
        self.form = _form_for(user, self.kwargs["form"])
        self.unit = get_object_for(self.form.units.all(), user, self.kwargs["unit"], VIEW)
        self.period = _period(self.kwargs["period"])
        if self.period.type != self.form.period_type:
            raise Http404
        self.report = Report.objects.filter(form=self.form, unit=self.unit, period=self.period.code).first()
        self.indicators = services.form_indicators(self.form)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.setup_objects()
        return super().dispatch(request, *args, **kwargs)

    def saved_values(self) -> dict[str, tuple[str, str]]:
        if self.report is None:
            return {}
        rows = ReportValue.objects.filter(report=self.report).select_related("indicator")
        return {row.indicator.code: (row.value, row.comment) for row in rows}

    def posted(self):
        post = self.request.POST
        values = {
            ind.code: (post.get(f"v-{ind.code}", ""), post.get(f"c-{ind.code}", ""))
            for ind, _r in self.indicators
        }
        narrative = {name: post.get(name, "") for name in NARRATIVE_FIELDS}
        try:
            version = int(post.get("version", ""))
        except ValueError:
            version = None
        return values, narrative, version

    def get_context_data(self, values=None, narrative=None, errors=None, **kwargs):
        context = super().get_context_data(**kwargs)
        report, user = self.report, self.request.user
        is_open, lock_date = services.lock_state(self.form, self.unit, self.period)
        status = report.status if report else ReportStatus.DRAFT
        editable = can(user, CHANGE, self.unit) and status in services.EDITABLE and is_open
        values = values if values is not None else self.saved_values()
        narrative = (
            narrative
            if narrative is not None
            else {name: getattr(report, name, "") if report else "" for name in NARRATIVE_FIELDS}
        )
        errors = errors or {}
        previous = self.previous_values()
        context.update(
            title=f"{self.form.name} · {self.unit.name} · {self.period.label()}",
            form=self.form,
            unit=self.unit,
            period=self.period,
            report=report,
            status=status,
            status_label=ReportStatus(status).label,
            version=report.version if report else 0,
            editable=editable,
            is_open=is_open,
            lock_date=lock_date,
            due_date=self.form.due_date(self.period),
            fields=[
                {
                    "indicator": indicator,
                    "required": required,
                    "value": values.get(indicator.code, ("", ""))[0],
                    "comment": values.get(indicator.code, ("", ""))[1],
                    "previous": previous.get(indicator.code, ""),
                    "errors": errors.get(indicator.code, []),
                }
                for indicator, required in self.indicators
            ],
            narrative=[
                (name, label, narrative.get(name, ""))
                for name, flag, label in (
                    ("results", self.form.has_results, gettext_lazy("Results")),
                    ("shortcomings", self.form.has_shortcomings, gettext_lazy("Shortcomings")),
                    ("proposals", self.form.has_proposals, gettext_lazy("Proposals")),
                )
                if flag
            ],
            general_errors=errors.get("__all__", []),
            evidence=list(report.evidence.all()) if report else [],
            can_request_exception=not is_open and can(user, CHANGE, self.unit),
        )
        return context

    def previous_values(self) -> dict[str, str]:
        previous = Report.objects.filter(
            form=self.form, unit=self.unit, period=self.period.previous().code
        ).first()
        if previous is None:
            return {}
        return dict(ReportValue.objects.filter(report=previous).values_list("indicator__code", "value"))

    def post(self, request, *args, **kwargs):
        values, narrative, version = self.posted()
        action = request.POST.get("action", "save")
        autosave = bool(request.htmx) and action == "autosave"
        try:
            report = services.report_save(
                actor=request.user,
                form=self.form,
                unit=self.unit,
                period=self.period,
                values=values,
                narrative=narrative,
                expected_version=version,
            )
            if action == "submit":
                report = services.report_submit(
                    actor=request.user, report=report, expected_version=report.version
                )
        except (ValidationError, PermissionDenied) as error:
            errors = _errors_of(error) if isinstance(error, ValidationError) else {"__all__": [str(error)]}
            if autosave:
                return render(request, "reporting/_autosave.html", {"errors": errors, "version": version})
            self.report = Report.objects.filter(pk=self.report.pk).first() if self.report else None
            if self.report is None:
                self.report = Report.objects.filter(
                    form=self.form, unit=self.unit, period=self.period.code
                ).first()
            context = self.get_context_data(values=values, narrative=narrative, errors=errors)
            if getattr(error, "code", "") == "stale":
                saved = self.saved_values()
                for field in context["fields"]:
                    field["saved"] = saved.get(field["indicator"].code, ("", ""))[0]
                context["stale"] = True
            return self.render_to_response(context, status=400 if not autosave else 200)
        if autosave:
            return render(
                request, "reporting/_autosave.html", {"version": report.version, "saved_at": timezone.now()}
            )
        if action == "submit":
            messages.success(request, _("Report submitted."))
            return redirect(report.get_absolute_url())
        messages.success(request, _("Draft saved."))
        return redirect(report.entry_url())


# --- Excel round trip --------------------------------------------------------------------------------


@login_required
def entry_xlsx(request, form, unit, period):
    view = EntryView(request=request, kwargs={"form": form, "unit": unit, "period": period})
    view.setup_objects()
    narrative = {name: getattr(view.report, name, "") if view.report else "" for name in NARRATIVE_FIELDS}
    content = excel.build_template(
        view.form, view.unit, view.period, view.indicators, view.saved_values(), narrative
    )
    response = HttpResponse(content, content_type=XLSX_TYPE)
    name = f"bao-cao-{view.unit.code}-{view.period.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class UploadView(EntryView):
    """Upload a filled template: checked, compared with the last period, saved only on confirmation."""

    template_name = "reporting/upload.html"

    def session_key(self) -> str:
        return f"reporting-upload-{self.form.pk}-{self.unit.pk}-{self.period.code}"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm"):
            return self.confirm(request)
        upload = request.FILES.get("file")
        if upload is None:
            return self.render_to_response(
                self.get_context_data(upload_errors=[_("Choose a file.")]), status=400
            )
        if upload.size > 2 * 1024 * 1024:
            return self.render_to_response(
                self.get_context_data(upload_errors=[_("The file is too large.")]), status=400
            )
        try:
            values, narrative = excel.read_upload(upload, self.form, self.unit, self.period, self.indicators)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(upload_errors=error.messages), status=400)
        from thidua.reporting.validation import check_values

        checked = check_values(self.indicators, values, self.form.rules.select_related("left", "right"))
        request.session[self.session_key()] = {
            "values": values,
            "narrative": narrative,
            "version": self.report.version if self.report else 0,
        }
        context = self.get_context_data(values=values, narrative=narrative, errors=checked.errors)
        context["preview"] = True
        context["can_confirm"] = checked.ok and context["editable"]
        context["diff"] = self.diff(values)
        return self.render_to_response(context)

    def diff(self, values):
        previous = self.previous_values()
        saved = {code: value for code, (value, _c) in self.saved_values().items()}
        return [
            {
                "indicator": ind,
                "previous": previous.get(ind.code, ""),
                "saved": saved.get(ind.code, ""),
                "new": values.get(ind.code, ("", ""))[0],
                "changed": values.get(ind.code, ("", ""))[0] != saved.get(ind.code, ""),
            }
            for ind, _r in self.indicators
        ]

    def confirm(self, request):
        pending = request.session.pop(self.session_key(), None)
        if not pending:
            messages.error(request, _("Upload the file again."))
            return redirect("reporting:entry_upload", self.form.pk, self.unit.pk, self.period.code)
        values = {code: tuple(pair) for code, pair in pending["values"].items()}
        try:
            services.report_save(
                actor=request.user,
                form=self.form,
                unit=self.unit,
                period=self.period,
                values=values,
                narrative=pending["narrative"],
                expected_version=pending["version"],
                reason=_("Excel upload"),
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("reporting:entry_upload", self.form.pk, self.unit.pk, self.period.code)
        messages.success(request, _("The Excel file was saved into the draft."))
        return redirect("reporting:entry", self.form.pk, self.unit.pk, self.period.code)

    def get_context_data(self, upload_errors=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upload_errors"] = upload_errors or []
        return context


# --- Evidence and lock exceptions --------------------------------------------------------------------


@require_POST
@login_required
def evidence_upload(request, pk):
    report = get_object_for(Report.objects.select_related("form", "unit"), request.user, pk, CHANGE)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError(_("Choose a file."))
        services.evidence_add(actor=request.user, report=report, upload=upload)
        messages.success(request, _("File attached."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(report.entry_url())


@login_required
def evidence_download(request, pk):
    evidence = get_object_for(Evidence.objects.select_related("report"), request.user, pk, VIEW)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)


@require_POST
@login_required
def lock_request(request, form, unit, period):
    view = EntryView(request=request, kwargs={"form": form, "unit": unit, "period": period})
    view.setup_objects()
    try:
        services.lock_exception_request(
            actor=request.user,
            form=view.form,
            unit=view.unit,
            period=view.period.code,
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Your request was sent to the commune."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("reporting:entry", view.form.pk, view.unit.pk, view.period.code)


@require_POST
@login_required
def lock_decide(request, pk):
    exception = get_object_for(LockException.objects.select_related("unit"), request.user, pk, VIEW)
    grant = request.POST.get("decision") == "grant"
    try:
        until = parse_date(request.POST.get("until", "")) if grant else None
    except ValueError:
        until = None
    try:
        services.lock_exception_decide(
            actor=request.user,
            exception=exception,
            grant=grant,
            until=until,
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Saved."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("reporting:entry_list")


# --- Review --------------------------------------------------------------------------------------------


class ReportDetailView(ScopedDetailView):
    template_name = "reporting/report_detail.html"
    queryset = Report.objects.select_related("form", "unit")
    tabs = [("versions", gettext_lazy("Submitted versions"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = context["object"]
        context["can_review"] = can_review(self.request.user, report.unit)
        context["values"] = [
            (indicator, required, row)
            for indicator, required in services.form_indicators(report.form)
            for row in [next((v for v in report.values.all() if v.indicator_id == indicator.pk), None)]
        ]
        context["evidence"] = report.evidence.all()
        if context["tab"] == "versions":
            context["versions"] = report.versions.select_related("submitted_by")
        return context


@require_POST
@login_required
def report_decide(request, pk, decision):
    report = get_object_for(Report.objects.select_related("unit"), request.user, pk, VIEW)
    try:
        if decision == "return":
            services.report_return(actor=request.user, report=report, reason=request.POST.get("reason", ""))
            messages.success(request, _("Report returned to the unit."))
        elif decision == "approve":
            services.report_approve(actor=request.user, report=report)
            messages.success(request, _("Report approved."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(report.get_absolute_url())


# --- Completeness --------------------------------------------------------------------------------------


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def _selected_unit(request, form):
    """The unit a completeness or consolidation page is about: ?unit=, the switcher's unit, or the top of
    what the user sees (the form's owner first)."""
    unit_id = request.GET.get("unit") or request.POST.get("unit")
    if unit_id:
        return get_object_for(OrgUnit.objects.all(), request.user, unit_id, VIEW)
    current = getattr(request, "current_unit", None)
    if current is not None:
        return current
    visible = OrgUnit.objects.visible_to(request.user, VIEW)
    return (
        visible.filter(pk=form.owner_id).first()
        or visible.filter(path__startswith=form.owner.path).order_by("depth", "path").first()
        or get_object_or_404(visible.order_by("depth", "path")[:1])
    )


def _grid_within(request):
    """The subtree the unit grid is narrowed to: an explicit ?unit=, else the switcher's unit."""
    if request.GET.get("unit") or request.POST.get("unit"):
        return _selected_unit(request, None)
    return getattr(request, "current_unit", None)


class HeatmapView(LoginRequiredMixin, TemplateView):
    """Completeness: at a level whose children are not reporting units (a city), children × periods with
    their percentages, each row drilling down; at a commune, its units × periods."""

    template_name = "reporting/heatmap.html"

    def get(self, request, *args, **kwargs):
        form = _form_for(request.user, kwargs["pk"])
        year = _year(request)
        export = request.GET.get("export")
        root = _selected_unit(request, form)
        base = reverse("reporting:heatmap", args=[form.pk])
        context = {
            "form": form,
            "year": year,
            "title": form.name,
            "years": range(year - 2, year + 2),
            "root": root,
            "unit_query": f"&unit={root.pk}" if request.GET.get("unit") else "",
            "ancestors": OrgUnit.objects.filter(pk__in=root.ancestor_ids)
            .visible_to(request.user, VIEW)
            .order_by("depth"),
        }
        if not export and selectors.reports_by_child(form, user=request.user, root=root):
            grid = selectors.completeness_by_child(form, user=request.user, root=root, year=year)
            context.update(
                grid=grid,
                by_child=True,
                child_base=f"{base}?year={year}&unit=",
                can_remind=can_review(request.user, root)
                or any(can_review(request.user, child) for child, _cells in grid.rows),
            )
            return self.render_to_response(self.get_context_data(**context))
        grid = selectors.completeness(form, user=request.user, year=year, within=_grid_within(request))
        if export == "xlsx":
            return completeness_xlsx(grid, year)
        if export == "missing":
            return missing_xlsx(grid)
        # links built once, not with {% url %} per cell (thousands of cells)
        report_base = reverse("reporting:report_detail", args=[0]).removesuffix("0/")
        entry_base = reverse("reporting:entry", args=[form.pk, 0, "x"]).removesuffix("0/x/")
        context.update(
            grid=grid,
            by_child=False,
            report_base=report_base,
            entry_base=entry_base,
            can_remind=any(can_review(request.user, unit) for unit in grid.units),
        )
        return self.render_to_response(self.get_context_data(**context))


@require_POST
@login_required
def remind(request, pk):
    """Queue a reminder to the units of the "not yet submitted" list (the aggregating department's button)."""
    from thidua.reporting.tasks import send_report_reminders

    form = _form_for(request.user, pk)
    year = _year_of(request.POST.get("year", ""))
    grid = selectors.completeness(form, user=request.user, year=year, within=_grid_within(request))
    reviewed = [unit for unit in grid.units if can_review(request.user, unit)]
    if not reviewed:
        raise Http404
    allowed = {unit.pk for unit in reviewed}
    unit_ids = sorted({cell.unit.pk for cell in grid.missing() if cell.unit.pk in allowed})
    if not unit_ids:
        messages.info(request, _("Every unit has submitted: nobody to remind."))
    else:
        send_report_reminders.enqueue(timezone.localdate().isoformat(), form.pk, unit_ids)
        messages.success(request, _("A reminder will be sent to %(count)s units.") % {"count": len(unit_ids)})
    within = _grid_within(request)
    unit = f"&unit={within.pk}" if request.POST.get("unit") and within else ""
    return redirect(f"{reverse('reporting:heatmap', args=[form.pk])}?year={year}{unit}")


def _year_of(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return timezone.localdate().year


# --- Consolidation -----------------------------------------------------------------------------------


class ConsolidationView(LoginRequiredMixin, TemplateView):
    template_name = "reporting/consolidation.html"

    def root_for(self, form):
        unit_id = self.request.GET.get("unit")
        if unit_id:
            return get_object_for(OrgUnit.objects.all(), self.request.user, unit_id, VIEW)
        current = getattr(self.request, "current_unit", None)
        if current is not None:
            return current
        visible = OrgUnit.objects.visible_to(self.request.user, VIEW)
        return (
            visible.filter(pk=form.owner_id).first()
            or visible.filter(path__startswith=form.owner.path).order_by("depth", "path").first()
            or get_object_or_404(visible.order_by("depth", "path")[:1])
        )

    def get(self, request, *args, **kwargs):
        form = _form_for(request.user, kwargs["pk"])
        root = self.root_for(form)
        year = _year(request)
        periods = periods_of_year(form.period_type, year)
        start = _choose(periods, request.GET.get("from"), periods[0])
        end = _choose(periods, request.GET.get("to"), periods[-1])
        data = selectors.consolidation(form, root=root, start=start, end=end)
        if request.GET.get("export") == "xlsx":
            return consolidation_xlsx(data)
        context = self.get_context_data(
            form=form,
            root=root,
            data=data,
            year=year,
            periods=periods,
            start=start,
            end=end,
            title=_("Consolidated figures"),
            ancestors=OrgUnit.objects.filter(pk__in=root.ancestor_ids)
            .visible_to(request.user, VIEW)
            .order_by("depth"),
            rows=_consolidation_rows(data),
            totals=[(ind, data.total(ind)) for ind in data.indicators],
            chart=_chart_data(data),
        )
        return self.render_to_response(context)


def _choose(periods, code, default):
    return next((p for p in periods if p.code == code), default)


def _consolidation_rows(data):
    return [(child, [data.value(child.pk, ind) for ind in data.indicators]) for child in data.children]


def _chart_data(data) -> dict:
    numeric = [ind for ind in data.indicators if ind.is_numeric]
    series = []
    for ind in numeric:
        points = []
        for period in data.periods:
            partial = data.series.get(ind.pk, {}).get(period.code)
            value = partial.value(ind.aggregation) if partial else None
            points.append(None if value is None else float(round(value, 2)))
        series.append({"code": ind.code, "name": ind.name, "values": points})
    progress = []
    for ind in numeric:
        comparison = data.total(ind)
        if comparison.percent is not None:
            progress.append(
                {
                    "code": ind.code,
                    "name": ind.name,
                    "percent": float(round(comparison.percent, 1)),
                    "verdict": comparison.verdict,
                }
            )
    return {"labels": [p.short_label() for p in data.periods], "series": series, "progress": progress}


def heatmap_url(form) -> str:
    return reverse("reporting:heatmap", args=[form.pk])


# --- The report of results (Báo cáo kết quả) -----------------------------------------------------------


class ResultReportListView(LoginRequiredMixin, TemplateView):
    template_name = "reporting/result_report_list.html"

    def get_context_data(self, **kwargs):
        from thidua.reporting.report_document import result_report_list

        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            title=_("Reports of results"),
            reports=result_report_list(user=user),
            forms=[form for form in selectors.form_list(user=user) if can(user, CHANGE, form.owner)],
            year=timezone.localdate().year,
        )
        return context


@require_POST
@login_required
def result_report_create(request):
    form = _form_for(request.user, request.POST.get("form"))
    year = _year_of(request.POST.get("year", ""))
    try:
        report = services.result_report_draft(actor=request.user, form=form, unit=form.owner, year=year)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The report was drafted from the reported data."))
    return redirect(report.get_absolute_url())


def _result_report_for(request, pk, action=VIEW):
    return get_object_for(
        ConsolidatedReport.objects.select_related("form", "unit", "document_number"), request.user, pk, action
    )


class ResultReportDetailView(ScopedDetailView):
    template_name = "reporting/result_report_detail.html"

    queryset = ConsolidatedReport.objects.select_related("form", "unit", "document_number")

    def get_object(self):
        return _result_report_for(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["editable"] = context["can_change"] and context["object"].status == "draft"
        return context


@require_POST
@login_required
def result_report_edit(request, pk):
    report = _result_report_for(request, pk, CHANGE)
    texts = {
        section["key"]: request.POST[f"text-{section['key']}"]
        for section in report.sections
        if f"text-{section['key']}" in request.POST
    }
    try:
        if request.POST.get("action") == "refresh":
            services.result_report_refresh(actor=request.user, report=report)
            messages.success(request, _("The report was drafted again from the reported data."))
        else:
            services.result_report_update(
                actor=request.user,
                report=report,
                title=request.POST.get("title", ""),
                addressee=request.POST.get("addressee", ""),
                signer_name=request.POST.get("signer_name", ""),
                texts=texts,
            )
            messages.success(request, _("Saved."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(report.get_absolute_url())


@require_POST
@login_required
def result_report_issue(request, pk):
    report = _result_report_for(request, pk, CHANGE)
    try:
        report = services.result_report_issue(actor=request.user, report=report)
        messages.success(request, _("The report was issued."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(report.get_absolute_url())


@login_required
def result_report_download(request, pk, fmt):
    from thidua.documents.responses import document_response
    from thidua.reporting.report_document import result_report_spec

    report = _result_report_for(request, pk)
    number = report.document_number.number if report.document_number else "nhap"
    return document_response(
        result_report_spec(report), fmt, f"Bao-cao-{number}-BC-UBND-{report.year}", request=request
    )
