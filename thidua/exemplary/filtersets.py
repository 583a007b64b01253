import django_filters
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Movement
from thidua.exemplary.choices import ModelKind, ModelStatus
from thidua.exemplary.forms import MovementChoiceField
from thidua.exemplary.models import ExemplaryModel
from thidua.orgs.filtersets import SearchFilterSet
from thidua.orgs.models import OrgUnit


class MovementFilter(django_filters.ModelChoiceFilter):
    field_class = MovementChoiceField


class ExemplaryModelFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ModelKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ModelStatus.choices)
    movement = MovementFilter(label=_("Movement"), queryset=Movement.objects.none())
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=OrgUnit.objects.none(), method="in_unit"
    )

    class Meta:
        model = ExemplaryModel
        fields = ["q", "kind", "status", "movement", "unit"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if queryset is not None:
            self.filters["movement"].queryset = Movement.objects.filter(
                pk__in=queryset.order_by().values("movement")
            ).select_related("plan")
            self.filters["unit"].queryset = OrgUnit.objects.filter(
                pk__in=queryset.order_by().values("unit")
            ).order_by("path")

    def in_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path) if value else queryset
