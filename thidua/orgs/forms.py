from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import CHANGE, VIEW
from thidua.orgs.choices import UnitKind
from thidua.orgs.models import Household, Membership, OrgUnit, Person

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class ScopedModelForm(forms.ModelForm):
    """A model form whose unit choices are limited to what the user may change."""

    unit_fields: tuple[str, ...] = ()
    unit_kinds: dict[str, tuple[str, ...]] = {}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in self.unit_fields:
            if name in self.fields:
                units = OrgUnit.objects.visible_to(user, CHANGE).order_by("path")
                if name in self.unit_kinds:
                    units = units.filter(kind__in=self.unit_kinds[name])
                self.fields[name].queryset = units
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE_WIDGET
                field.input_formats = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
                field.error_messages["invalid"] = _("Enter a real date as dd/mm/yyyy.")


class OrgUnitForm(ScopedModelForm):
    unit_fields = ("parent",)

    class Meta:
        model = OrgUnit
        fields = ["kind", "name", "short_name", "code", "parent", "valid_from", "valid_to", "address"]


class PersonForm(ScopedModelForm):
    unit_fields = ("unit",)

    class Meta:
        model = Person
        fields = [
            "full_name",
            "sex",
            "date_of_birth",
            "position",
            "employment_group",
            "unit",
            "household",
            "relation_to_head",
            "phone",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["household"].queryset = Household.objects.visible_to(user, VIEW).order_by("code")


class HouseholdForm(ScopedModelForm):
    unit_fields = ("village",)
    unit_kinds = {"village": (UnitKind.VILLAGE,)}

    class Meta:
        model = Household
        fields = ["code", "village", "head", "address"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        members = Person.objects.visible_to(user, VIEW)
        members = members.filter(household=self.instance) if self.instance.pk else members.none()
        self.fields["head"].queryset = members
        self.fields["head"].help_text = _(
            "Choose among the household's members (add members from a person's page)."
        )


class MembershipForm(ScopedModelForm):
    class Meta:
        model = Membership
        fields = ["unit", "position", "valid_from", "valid_to"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.visible_to(user, VIEW).order_by("path")
