"""Plan pages: list, detail with tabs, edit, status steps, cascade, action programmes, documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from thidua.campaigns import renderings, selectors, services
from thidua.campaigns.choices import PlanStatus
from thidua.campaigns.exports import PLAN_COLUMNS
from thidua.campaigns.filtersets import PlanFilterSet
from thidua.campaigns.forms import CascadeForm, PlanForm
from thidua.campaigns.models import Plan
from thidua.campaigns.tables import PlanTable
from thidua.core.scoping import CHANGE
from thidua.core.views import ScopedDetailView, ScopedListView, ServiceFormView
from thidua.documents.render import plan_spec, registration_summary_spec
from thidua.documents.responses import ascii_filename, document_response
from thidua.orgs.choices import UnitKind
from thidua.orgs.models import OrgUnit


def error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class PlanListView(ScopedListView):
    selector = selectors.plan_list
    table_class = PlanTable
    filterset_class = PlanFilterSet
    export_columns = PLAN_COLUMNS
    export_name = "ke-hoach"
    title = gettext_lazy("Plans")
    import_url_name = "campaigns:plan_import"


STEP_LABELS = {
    PlanStatus.ISSUED: gettext_lazy("Issue (take a number)"),
    PlanStatus.RUNNING: gettext_lazy("Start the campaign"),
    PlanStatus.MID_TERM_REVIEW: gettext_lazy("Mid-term review"),
    PlanStatus.CLOSED: gettext_lazy("Close the campaign"),
}


class PlanDetailView(ScopedDetailView):
    template_name = "campaigns/plan_detail.html"
    queryset = Plan.objects.all()
    tabs = [
        ("movements", gettext_lazy("Movements")),
        ("matrix", gettext_lazy("Units × movements")),
        ("deadlines", gettext_lazy("Deadlines")),
        ("registrations", gettext_lazy("Registrations")),
        ("documents", gettext_lazy("Documents")),
    ]

    def get_object(self):
        return selectors.plan_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan, user, tab = context["object"], self.request.user, context["tab"]
        context["steps"] = (
            [(s, STEP_LABELS[s]) for s in services.plan_next_steps(plan)] if context["can_change"] else []
        )
        context["can_cascade"] = plan.status != PlanStatus.DRAFT and _cascade_units(user, plan).exists()
        context["today"] = timezone.localdate()
        context["registration_deadline"] = plan.registration_deadline()
        context["may_register"] = plan.status in services.OPEN_FOR_REGISTRATION and (
            OrgUnit.objects.visible_to(user, CHANGE).exists()
        )
        builders = {
            "info": self._info,
            "movements": self._movements,
            "matrix": self._matrix,
            "deadlines": self._deadlines,
            "registrations": self._registrations,
            "documents": self._documents,
        }
        if tab in builders:
            builders[tab](context, plan, user)
        return context

    def _info(self, context, plan, user):
        context["legal_bases"] = selectors.plan_legal_bases(plan)
        context["children"] = selectors.plan_list(user=user).filter(parent=plan)
        context["warnings"] = (plan.reading or {}).get("warnings") or []

    def _movements(self, context, plan, user):
        context["movements"] = selectors.plan_movements(plan)

    def _matrix(self, context, plan, user):
        context["matrix_movements"], context["matrix_rows"] = selectors.plan_matrix(plan)

    def _deadlines(self, context, plan, user):
        context["deadlines"] = selectors.plan_deadlines(plan)

    def _registrations(self, context, plan, user):
        context["status_rows"] = selectors.registration_status_by_unit(plan, user=user)
        context["individuals"] = selectors.registration_list(user=user).filter(
            plan=plan, person__isnull=False
        )
        context["missing_count"] = sum(1 for row in context["status_rows"] if row["registration"] is None)

    def _documents(self, context, plan, user):
        context["children"] = selectors.plan_list(user=user).filter(parent=plan)


def _cascade_units(user, plan: Plan):
    return (
        OrgUnit.objects.visible_to(user, CHANGE)
        .filter(kind=UnitKind.COMMUNE, path__startswith=plan.issuing_unit.path)
        .exclude(pk=plan.issuing_unit_id)
    )


class PlanUpdateView(ServiceFormView):
    form_class = PlanForm
    title = gettext_lazy("Edit plan")

    def get_object(self):
        return selectors.plan_get(user=self.request.user, pk=self.kwargs["pk"], action=CHANGE)

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.plan_update(actor=self.request.user, plan=self.object, data=data)


@require_POST
@login_required
def plan_step(request, pk, status):
    plan = selectors.plan_get(user=request.user, pk=pk, action=CHANGE)
    service = services.PLAN_STEPS.get(status)
    if service is None:
        raise Http404
    try:
        service(actor=request.user, plan=plan)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The plan is now “%(status)s”.") % {"status": PlanStatus(status).label})
    return redirect(plan.get_absolute_url())


class PlanCascadeView(LoginRequiredMixin, FormView):
    """From a higher plan, the draft of the commune's plan that carries it out."""

    template_name = "core/form.html"
    form_class = CascadeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.parent = selectors.plan_get(user=request.user, pk=kwargs["pk"])
            if (
                self.parent.status == PlanStatus.DRAFT
                or not _cascade_units(request.user, self.parent).exists()
            ):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["issuing_unit"].queryset = _cascade_units(self.request.user, self.parent)
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Create the commune plan")
        context["object"] = self.parent
        return context

    def form_valid(self, form):
        try:
            child = services.plan_cascade(
                actor=self.request.user,
                parent=self.parent,
                issuing_unit=form.cleaned_data["issuing_unit"],
                working_days=form.cleaned_data["working_days"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error_text(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The commune plan was drafted from the higher plan."))
        return redirect(child.get_absolute_url())


@require_POST
@login_required
def plan_action_programmes(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk, action=CHANGE)
    try:
        created = services.plan_create_action_programmes(actor=request.user, plan=plan)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Action programme drafts created: %(count)s.") % {"count": len(created)})
    return redirect(f"{plan.get_absolute_url()}?tab=documents")


def _file_stem(plan: Plan, kind: str) -> str:
    return f"{kind} {plan.number or ''} {plan.symbol}".replace("/", "-")


@login_required
def plan_document(request, pk, fmt):
    plan = selectors.plan_get(user=request.user, pk=pk)
    try:
        spec = plan_spec(renderings.plan_document_data(plan))
        return document_response(spec, fmt, _file_stem(plan, plan.kind_line.capitalize()), request=request)
    except ValueError as error:
        return _document_refused(request, plan, error)


@login_required
def plan_registration_summary(request, pk, fmt):
    plan = selectors.plan_get(user=request.user, pk=pk)
    rows = renderings.registration_rows(plan, user=request.user)
    try:
        spec = registration_summary_spec(renderings.plan_document_data(plan), rows, as_annex=len(rows) > 12)
        return document_response(spec, fmt, _file_stem(plan, "Tổng hợp đăng ký thi đua"), request=request)
    except ValueError as error:
        return _document_refused(request, plan, error)


def _document_refused(request, plan: Plan, error: Exception):
    """The renderer refused the data (a required part is missing): say so on the plan's page."""
    messages.error(
        request,
        _("The document cannot be made yet: %(reason)s. Complete the plan and try again.")
        % {"reason": error},
    )
    return redirect(f"{plan.get_absolute_url()}?tab=documents")


@login_required
def plan_source(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    if not plan.source_file:
        raise Http404
    name = plan.source_file.name.rsplit("/", 1)[-1]
    return FileResponse(plan.source_file.open("rb"), as_attachment=True, filename=ascii_filename(name))
