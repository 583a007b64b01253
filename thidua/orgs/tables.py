import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from thidua.core.db import vietnamese
from thidua.orgs.models import Household, OrgUnit, Person


class OrgUnitTable(tables.Table):
    name = tables.Column(linkify=True, order_by=("path",))
    kind = tables.Column()
    code = tables.Column()
    parent = tables.Column(order_by=("parent__name",))
    valid_to = tables.DateColumn(format="d/m/Y", verbose_name=_("valid to"))

    class Meta:
        model = OrgUnit
        fields = ["name", "kind", "code", "parent", "valid_to"]
        order_by = "name"

    def render_name(self, record, value):
        indent = max(record.depth - getattr(self, "base_depth", 0), 0)
        return format_html('<span class="tree-indent" data-depth="{}">{}</span>', min(indent, 6), value)


class PersonTable(tables.Table):
    full_name = tables.Column(linkify=True)
    sex = tables.Column()
    date_of_birth = tables.DateColumn(format="d/m/Y")
    position = tables.Column()
    unit = tables.Column(order_by=("unit__name",))
    employment_group = tables.Column()

    class Meta:
        model = Person
        fields = ["full_name", "sex", "date_of_birth", "position", "unit", "employment_group"]

    def order_full_name(self, queryset, is_descending):
        keys = [vietnamese("given_name"), vietnamese("middle_name"), vietnamese("family_name")]
        keys = [key.desc() if is_descending else key.asc() for key in keys]
        return queryset.order_by(*keys, "pk"), True


class HouseholdTable(tables.Table):
    code = tables.Column(linkify=True)
    head = tables.Column(order_by=("head__given_name",))
    village = tables.Column(order_by=("village__name",))
    address = tables.Column()
    member_count = tables.Column(verbose_name=_("members"))

    class Meta:
        model = Household
        fields = ["code", "head", "village", "address", "member_count"]
