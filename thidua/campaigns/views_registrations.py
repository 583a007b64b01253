"""Registrations: a unit registers against a plan, submits; the commune officer accepts or returns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.campaigns import selectors, services
from thidua.campaigns.choices import RegistrationStatus
from thidua.campaigns.exports import REGISTRATION_COLUMNS
from thidua.campaigns.filtersets import RegistrationFilterSet
from thidua.campaigns.forms import RegistrationForm, ReturnForm
from thidua.campaigns.models import Registration
from thidua.campaigns.tables import RegistrationTable
from thidua.campaigns.views import error_text
from thidua.core.scoping import VIEW, get_object_for
from thidua.core.views import ScopedDetailView, ScopedListView, ServiceFormView


class RegistrationListView(ScopedListView):
    selector = selectors.registration_list
    table_class = RegistrationTable
    filterset_class = RegistrationFilterSet
    export_columns = REGISTRATION_COLUMNS
    export_name = "dang-ky-thi-dua"
    title = gettext_lazy("Emulation registrations")


class RegistrationDetailView(ScopedDetailView):
    template_name = "campaigns/registration_detail.html"
    queryset = Registration.objects.select_related(
        "plan", "plan__issuing_unit", "unit", "person", "decided_by"
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration, user = context["object"], self.request.user
        editable = registration.status in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)
        context["can_edit"] = context["can_change"] and editable
        context["can_submit"] = context["can_change"] and editable
        context["can_decide"] = (
            services.can_decide(user, registration) and registration.status == RegistrationStatus.SUBMITTED
        )
        context["return_form"] = ReturnForm()
        return context


class RegistrationFormView(ServiceFormView):
    form_class = RegistrationForm
    queryset = Registration.objects.select_related("plan")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and "plan" in kwargs:
            self.plan = selectors.plan_get(user=request.user, pk=kwargs["plan"], action=VIEW)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        obj = super().get_object()
        if obj is not None:
            self.plan = obj.plan
        return obj

    def perform(self, form):
        data = {name: form.cleaned_data.get(name) for name in form.Meta.fields}
        if self.object is None:
            return services.registration_create(actor=self.request.user, plan=self.plan, data=data)
        return services.registration_update(actor=self.request.user, registration=self.object, data=data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Register for %(plan)s") % {"plan": self.plan.number_symbol}
        return context


ACTIONS = ("submit", "accept", "return")


@require_POST
@login_required
def registration_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    registration = get_object_for(Registration.objects.select_related("plan"), request.user, pk, VIEW)
    try:
        if action == "submit":
            services.registration_submit(actor=request.user, registration=registration)
            messages.success(request, _("The registration was submitted."))
        elif action == "accept":
            services.registration_accept(actor=request.user, registration=registration)
            messages.success(request, _("The registration was accepted."))
        else:
            form = ReturnForm(request.POST)
            reason = form.data.get("reason", "")
            services.registration_return(actor=request.user, registration=registration, reason=reason)
            messages.success(request, _("The registration was returned to the unit."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    target = request.POST.get("next")
    if target == "plan":
        return redirect(f"{registration.plan.get_absolute_url()}?tab=registrations")
    return redirect(registration.get_absolute_url())
