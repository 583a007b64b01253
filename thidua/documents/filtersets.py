import django_filters
from django.utils.translation import gettext_lazy as _

from thidua.documents.models import DocumentKind, DocumentNumber
from thidua.orgs.filtersets import SearchFilterSet
from thidua.orgs.models import OrgUnit


class DocumentNumberFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Document kind"), choices=DocumentKind.choices)
    year = django_filters.NumberFilter(label=_("Year"))
    issuer = django_filters.ModelChoiceFilter(label=_("Issuing unit"), queryset=OrgUnit.objects.none())

    class Meta:
        model = DocumentNumber
        fields = ["q", "kind", "year", "issuer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["issuer"].queryset = OrgUnit.objects.visible_to(user).order_by("path")
