from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from thidua.core.scoping import CHANGE, VIEW, get_object_for
from thidua.core.views import ScopedDeleteView, ScopedDetailView, ScopedListView, ServiceFormView
from thidua.orgs import selectors, services
from thidua.orgs.context import SESSION_KEY
from thidua.orgs.exports import HOUSEHOLD_COLUMNS, ORGUNIT_COLUMNS, PERSON_COLUMNS
from thidua.orgs.filtersets import HouseholdFilterSet, OrgUnitFilterSet, PersonFilterSet
from thidua.orgs.forms import HouseholdForm, MembershipForm, OrgUnitForm, PersonForm
from thidua.orgs.models import Household, Membership, OrgUnit, Person
from thidua.orgs.tables import HouseholdTable, OrgUnitTable, PersonTable


class HomeView(TemplateView):
    template_name = "orgs/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, within = self.request.user, self.request.current_unit
        context["counts"] = {
            "units": selectors.orgunit_list(user=user, within=within).count(),
            "people": selectors.person_list(user=user, within=within).count(),
            "households": selectors.household_list(user=user, within=within).count(),
        }
        context["grants"] = user.active_grants()
        return context


home = login_required(HomeView.as_view())


@require_POST
@login_required
def switch_unit(request):
    """Narrow every list to one unit's subtree (or clear it)."""
    unit_id = request.POST.get("unit") or None
    if unit_id:
        get_object_for(OrgUnit.objects.all(), request.user, unit_id, VIEW)
        request.session[SESSION_KEY] = int(unit_id)
    else:
        request.session.pop(SESSION_KEY, None)
    target = request.POST.get("next") or reverse("orgs:home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("orgs:home")
    return HttpResponseRedirect(target)


# --- Units -------------------------------------------------------------------------------------------


class OrgUnitListView(ScopedListView):
    selector = selectors.orgunit_list
    table_class = OrgUnitTable
    filterset_class = OrgUnitFilterSet
    export_columns = ORGUNIT_COLUMNS
    export_name = "don-vi"
    title = _("Org units")
    create_url_name = "orgs:unit_create"
    import_url_name = "orgs:unit_import"

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        within = self.request.current_unit
        table.base_depth = within.depth if within else 0
        return table


class OrgUnitDetailView(ScopedDetailView):
    template_name = "orgs/orgunit_detail.html"
    queryset = OrgUnit.objects.select_related("parent")
    tabs = [("tree", _("Sub-units")), ("people", _("People"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit, user = context["object"], self.request.user
        context["ancestors"] = selectors.orgunit_ancestors(unit)
        context["lineage"] = selectors.orgunit_lineage(unit)
        context["successors"] = selectors.orgunit_successors(unit)
        if context["tab"] == "tree":
            context["subtree"] = selectors.orgunit_list(user=user, within=unit).exclude(pk=unit.pk)
        if context["tab"] == "people":
            context["people"] = selectors.person_list(user=user, within=unit)[:200]
        return context


class OrgUnitFormView(ServiceFormView):
    form_class = OrgUnitForm
    queryset = OrgUnit.objects.all()

    def get_initial(self):
        parent = self.request.GET.get("parent")
        return {"parent": parent} if parent and self.object is None else {}

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if self.object is None:
            return services.orgunit_create(actor=self.request.user, data=data)
        return services.orgunit_update(actor=self.request.user, unit=self.object, data=data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit unit") if self.object else _("New unit")
        return context


class OrgUnitDeleteView(ScopedDeleteView):
    queryset = OrgUnit.objects.all()
    service = services.orgunit_delete
    service_argument = "unit"
    success_url_name = "orgs:unit_list"


# --- People ------------------------------------------------------------------------------------------


class PersonListView(ScopedListView):
    selector = selectors.person_list
    table_class = PersonTable
    filterset_class = PersonFilterSet
    export_columns = PERSON_COLUMNS
    export_name = "nhan-su"
    title = _("People")
    create_url_name = "orgs:person_create"
    import_url_name = "orgs:person_import"


class PersonDetailView(ScopedDetailView):
    template_name = "orgs/person_detail.html"
    queryset = Person.objects.select_related("unit", "household", "household__village")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = context["object"].memberships.select_related("unit")
        return context


class PersonFormView(ServiceFormView):
    form_class = PersonForm
    queryset = Person.objects.all()

    def get_initial(self):
        initial = {}
        for name in ("unit", "household"):
            if self.request.GET.get(name) and self.object is None:
                initial[name] = self.request.GET[name]
        return initial

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if self.object is None:
            return services.person_create(actor=self.request.user, data=data)
        return services.person_update(actor=self.request.user, person=self.object, data=data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit person") if self.object else _("New person")
        return context


class PersonDeleteView(ScopedDeleteView):
    queryset = Person.objects.all()
    service = services.person_delete
    service_argument = "person"
    success_url_name = "orgs:person_list"


# --- Households ----------------------------------------------------------------------------------------


class HouseholdListView(ScopedListView):
    selector = selectors.household_list
    table_class = HouseholdTable
    filterset_class = HouseholdFilterSet
    export_columns = HOUSEHOLD_COLUMNS
    export_name = "ho-gia-dinh"
    title = _("Households")
    create_url_name = "orgs:household_create"
    import_url_name = "orgs:household_import"


class HouseholdDetailView(ScopedDetailView):
    template_name = "orgs/household_detail.html"
    queryset = Household.objects.select_related("village", "head")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = selectors.person_list(user=self.request.user).filter(household=context["object"])
        return context


class HouseholdFormView(ServiceFormView):
    form_class = HouseholdForm
    queryset = Household.objects.all()

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if self.object is None:
            return services.household_create(actor=self.request.user, data=data)
        return services.household_update(actor=self.request.user, household=self.object, data=data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit household") if self.object else _("New household")
        return context


class HouseholdDeleteView(ScopedDeleteView):
    queryset = Household.objects.all()
    service = services.household_delete
    service_argument = "household"
    success_url_name = "orgs:household_list"


class MembershipFormView(ServiceFormView):
    """Add or change a dated membership from a person's page."""

    form_class = MembershipForm
    queryset = Membership.objects.select_related("person__unit")

    def get_person(self) -> Person:
        if self.object is not None:
            return self.object.person
        return get_object_for(
            Person.objects.select_related("unit"), self.request.user, self.kwargs["person"], CHANGE
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object or Membership(person=self.get_person())
        return kwargs

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        membership = self.object or Membership(person=self.get_person())
        return services.membership_save(actor=self.request.user, membership=membership, data=data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Work history") + " · " + self.get_person().full_name
        return context


class MembershipDeleteView(ScopedDeleteView):
    queryset = Membership.objects.select_related("person__unit")
    service = services.membership_delete
    service_argument = "membership"

    def get_success_url(self, obj) -> str:
        return obj.person.get_absolute_url()
