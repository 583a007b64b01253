import django_filters
from django.utils.translation import gettext_lazy as _

from thidua.core.vietnamese.text import fold
from thidua.orgs.choices import EmploymentGroup, Sex, UnitKind
from thidua.orgs.models import Household, OrgUnit, Person


class SearchFilterSet(django_filters.FilterSet):
    """Accent-insensitive search on the model's folded ``search_text``; same on SQLite and PostgreSQL."""

    q = django_filters.CharFilter(label=_("Search"), method="search")

    def search(self, queryset, name, value):
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class OrgUnitFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=UnitKind.choices)
    current = django_filters.BooleanFilter(
        label=_("Still in operation"), field_name="valid_to", lookup_expr="isnull"
    )

    class Meta:
        model = OrgUnit
        fields = ["q", "kind", "current"]


class PersonFilterSet(SearchFilterSet):
    sex = django_filters.ChoiceFilter(label=_("Sex"), choices=Sex.choices)
    employment_group = django_filters.ChoiceFilter(
        label=_("Employment group"), choices=EmploymentGroup.choices
    )
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=OrgUnit.objects.none())

    class Meta:
        model = Person
        fields = ["q", "sex", "employment_group", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["unit"].queryset = OrgUnit.objects.visible_to(user).order_by("path")


class HouseholdFilterSet(SearchFilterSet):
    village = django_filters.ModelChoiceFilter(label=_("Village"), queryset=OrgUnit.objects.none())

    class Meta:
        model = Household
        fields = ["q", "village"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["village"].queryset = (
            OrgUnit.objects.visible_to(user).filter(kind=UnitKind.VILLAGE).order_by("name")
        )
