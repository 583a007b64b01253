import django_filters
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.choices import PlanKind, PlanStatus, RegistrationStatus
from thidua.campaigns.models import Plan, Registration
from thidua.orgs.filtersets import SearchFilterSet
from thidua.orgs.models import OrgUnit


class PlanFilterSet(SearchFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PlanStatus.choices)
    doc_kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PlanKind.choices)

    class Meta:
        model = Plan
        fields = ["q", "status", "doc_kind"]


class RegistrationFilterSet(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(label=_("Plan"), queryset=Plan.objects.none())
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=OrgUnit.objects.none())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RegistrationStatus.choices)

    class Meta:
        model = Registration
        fields = ["plan", "unit", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from thidua.campaigns.selectors import plan_list

        user = getattr(self.request, "user", None)
        self.filters["plan"].queryset = plan_list(user=user)
        self.filters["unit"].queryset = OrgUnit.objects.visible_to(user).order_by("path")
