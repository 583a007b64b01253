import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Movement, Plan
from thidua.campaigns.selectors import plan_visibility
from thidua.core.scoping import CHANGE, VIEW
from thidua.core.vietnamese import format_number
from thidua.exemplary.models import ExemplaryModel, ModelIndicator
from thidua.exemplary.photos import MAX_PHOTO_BYTES
from thidua.orgs.forms import ScopedModelForm
from thidua.orgs.models import OrgUnit, Person


class MovementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.name if len(obj.name) <= 90 else obj.name[:88] + "…"
        return f"{obj.plan.number_symbol} · {name}"


def movements_for(user):
    condition = plan_visibility(user, VIEW)
    if condition is None:
        return Movement.objects.none()
    plans = Plan.objects.filter(condition).values("pk")
    return Movement.objects.filter(plan__in=plans).select_related("plan").order_by("-plan__date", "order")


class ExemplaryModelForm(ScopedModelForm):
    unit_fields = ("unit",)
    movement = MovementChoiceField(label=_("Movement"), queryset=Movement.objects.none(), required=False)
    photo = forms.FileField(
        label=_("Add a photo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP photo of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_caption = forms.CharField(label=_("Photo caption"), max_length=255, required=False)

    class Meta:
        model = ExemplaryModel
        fields = ["title", "kind", "unit", "person", "movement", "summary", "description", "started_on"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["movement"].queryset = movements_for(user)
        self.fields["person"].queryset = (
            Person.objects.visible_to(user, CHANGE).select_related("unit").order_by("unit__path", "full_name")
        )
        units = self.fields["unit"].queryset
        if self.instance.pk and self.instance.unit_id:
            # the commune officer edits a unit's model: keep the unit choosable
            units = OrgUnit.objects.filter(pk=self.instance.unit_id) | units
        self.fields["unit"].queryset = units.order_by("path")

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload and upload.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(
                _("The photo is larger than %(limit)s MB.") % {"limit": MAX_PHOTO_BYTES // (1024 * 1024)}
            )
        return upload


def parse_number(raw: str) -> Decimal:
    """Read "1.234,5" (as Vietnamese write it), "1234.5", "1 234" -> Decimal; ValueError otherwise."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    elif "," in text:
        text = (
            text.replace(",", ".")
            if text.count(",") == 1 and len(text.split(",")[1]) != 3
            else text.replace(",", "")
        )
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        raise ValueError(text)
    return Decimal(text)


class NumberField(forms.DecimalField):
    """A number typed the Vietnamese way (1.250,5) or the computer's way (1250.5)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_number(str(value))
        except (ValueError, InvalidOperation) as exc:
            raise forms.ValidationError(_("Enter a number, e.g. 1.250,5."), code="invalid") from exc

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value, trim=True) if value == value.to_integral() else format_number(value)
        return value


class IndicatorRowForm(forms.ModelForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    before_value = NumberField(label=_("Before"), required=False, max_digits=14, decimal_places=2)
    after_value = NumberField(label=_("After"), max_digits=14, decimal_places=2)

    class Meta:
        model = ModelIndicator
        fields = ["name", "unit_of_measure", "before_value", "after_value", "note"]


IndicatorFormSet = forms.formset_factory(IndicatorRowForm, extra=2, can_delete=True, max_num=30)


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("A JPEG, PNG or WebP photo of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AdoptionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Adopting unit"), queryset=OrgUnit.objects.none())
    adopted_on = forms.DateField(label=_("Adopted on"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, user, model, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(user, CHANGE).order_by("path")
        if not self.is_bound:  # offer only what makes sense; what is posted is judged by the service
            units = units.exclude(pk=model.unit_id).exclude(model_adoptions__model=model)
        self.fields["unit"].queryset = units
        field = self.fields["adopted_on"]
        field.widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
        field.input_formats = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
        field.error_messages["invalid"] = _("Enter a real date as dd/mm/yyyy.")


class ModelStartForm(forms.Form):
    """The few fields asked when a model is proposed from a unit's report (the rest is drafted from it)."""

    title = forms.CharField(label=_("Name of the model"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"))
    movement = MovementChoiceField(label=_("Movement"), queryset=Movement.objects.none(), required=False)
    summary = forms.CharField(label=_("Summary"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        from thidua.exemplary.choices import ModelKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ModelKind.choices
        self.fields["movement"].queryset = movements_for(user)
