from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns import conf
from thidua.campaigns.choices import AssignmentRole, IntendedTitle, PlanKind, PlanStatus, SignerCapacity
from thidua.campaigns.importing import NEW_UNIT, check_upload_size
from thidua.campaigns.models import Plan, Registration
from thidua.campaigns.reader import ReaderError
from thidua.core.scoping import CHANGE, VIEW
from thidua.orgs.choices import UnitKind
from thidua.orgs.forms import DATE_WIDGET, ScopedModelForm
from thidua.orgs.models import OrgUnit, Person

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
ISSUING_KINDS = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)


def date_field(label, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Enter a real date as dd/mm/yyyy.")},
    )


def as_date(value):
    """ISO text from a stored draft -> a date for the form's initial value."""
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value or None


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        help_text=_("A .docx, a PDF with a text layer, or a .txt file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )
    issuing_unit = forms.ModelChoiceField(label=_("Issuing unit"), queryset=OrgUnit.objects.none())
    parent = forms.ModelChoiceField(
        label=_("Higher plan it carries out"), queryset=Plan.objects.none(), required=False
    )

    def __init__(self, *args, user, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = (
            OrgUnit.objects.visible_to(user, CHANGE).filter(kind__in=ISSUING_KINDS).order_by("path")
        )
        self.fields["parent"].queryset = plans.exclude(status=PlanStatus.DRAFT)
        self.fields["file"].help_text = _(
            "A .docx, a PDF with a text layer, or a .txt file; at most %(size)s MB."
        ) % {"size": conf.plan_upload_max_bytes() // (1024 * 1024)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
        except ReaderError as error:
            raise forms.ValidationError(error.message_vi, code=error.code) from error
        return upload


class PlanReviewForm(forms.Form):
    doc_kind = forms.ChoiceField(label=_("Document kind"), choices=PlanKind.choices)
    number = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        help_text=_("Leave empty: the register gives the number when the plan is issued."),
    )
    symbol = forms.CharField(label=_("Symbol"), max_length=50)
    date = date_field(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    issuer_name = forms.CharField(label=_("Issuer as printed"), max_length=255, required=False)
    issuer_parent = forms.CharField(label=_("Parent body as printed"), max_length=255, required=False)
    title = forms.CharField(label=_("Summary title"), widget=_text(3))
    period_start = date_field(_("Period start"))
    period_end = date_field(_("Period end"))
    purposes = forms.CharField(label=_("Purposes (one per line)"), widget=_text(4), required=False)
    requirements = forms.CharField(label=_("Requirements (one per line)"), widget=_text(4), required=False)
    signer_capacity = forms.ChoiceField(
        label=_("Signing capacity"), choices=SignerCapacity.choices, required=False
    )
    signer_position = forms.CharField(label=_("Signer's position"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150, required=False)
    recipients = forms.CharField(label=_("Recipients (one per line)"), widget=_text(5), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must not be before its start."))
        return cleaned


class LegalBasisForm(forms.Form):
    text = forms.CharField(label=_("As cited"), max_length=500)
    kind = forms.CharField(label=_("Kind"), max_length=50, required=False)
    number = forms.CharField(label=_("Number"), max_length=30, required=False)
    symbol = forms.CharField(label=_("Symbol"), max_length=50, required=False)
    date = date_field(_("Date"))
    issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)


class MovementForm(forms.Form):
    name = forms.CharField(label=_("Movement"), widget=_text(2))
    carries = forms.ChoiceField(label=_("Carries the higher plan's movement"), required=False, choices=())

    def __init__(self, *args, parent_movements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carries"].choices = [("", "—"), *((str(m.pk), m.name) for m in parent_movements)]


class DeadlineForm(forms.Form):
    due_date = date_field(_("Due date"), required=True)
    what = forms.CharField(label=_("What"), widget=_text(2))
    to_text = forms.CharField(label=_("To"), max_length=255, required=False)
    is_registration = forms.BooleanField(label=_("Registration deadline"), required=False)


class AssignmentForm(forms.Form):
    body = forms.CharField(label=_("Body as named"), max_length=255)
    match = forms.ChoiceField(label=_("Org unit"), required=False, choices=())
    new_kind = forms.ChoiceField(
        label=_("Kind of the new unit"), choices=UnitKind.choices, initial=UnitKind.DEPARTMENT, required=False
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=AssignmentRole.choices, initial=AssignmentRole.COORDINATE
    )
    lead_for = forms.CharField(label=_("Leads"), widget=_text(2), required=False)
    tasks = forms.CharField(label=_("Tasks (one per line)"), widget=_text(4), required=False)
    due_date = date_field(_("Due date"))
    movements = forms.MultipleChoiceField(
        label=_("Movements"), required=False, choices=(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, units=(), movement_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        candidates = (self.initial or {}).get("candidates") or []
        best = [(str(unit_id), f"★ {name} ({round(score * 100)}%)") for unit_id, name, score in candidates]
        seen = {value for value, _label in best}
        others = [(str(unit.pk), unit.name) for unit in units if str(unit.pk) not in seen]
        self.fields["match"].choices = [
            ("", _("— not linked to a unit —")),
            (NEW_UNIT, _("Create a new unit with this name")),
            *best,
            *others,
        ]
        self.fields["movements"].choices = list(movement_choices)
        self.candidates = candidates


ReviewFormSets = {
    "legal_bases": forms.formset_factory(LegalBasisForm, extra=1, can_delete=True),
    "movements": forms.formset_factory(MovementForm, extra=1, can_delete=True),
    "deadlines": forms.formset_factory(DeadlineForm, extra=1, can_delete=True),
    "assignments": forms.formset_factory(AssignmentForm, extra=1, can_delete=True),
}


class PlanForm(ScopedModelForm):
    class Meta:
        model = Plan
        fields = [
            "doc_kind",
            "symbol",
            "date",
            "place",
            "issuer_name",
            "issuer_parent",
            "title",
            "period_start",
            "period_end",
            "purposes",
            "requirements",
            "signer_capacity",
            "signer_position",
            "signer_name",
            "recipients",
        ]
        widgets = {"title": _text(3), "purposes": _text(4), "requirements": _text(4), "recipients": _text(5)}


class CascadeForm(forms.Form):
    issuing_unit = forms.ModelChoiceField(label=_("Commune"), queryset=OrgUnit.objects.none())
    working_days = forms.IntegerField(
        label=_("Deadlines earlier by (working days)"),
        min_value=0,
        max_value=60,
        help_text=_("The commune's deadlines fall this many working days before the higher plan's."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = (
            OrgUnit.objects.visible_to(user, CHANGE).filter(kind=UnitKind.COMMUNE).order_by("path")
        )
        self.fields["working_days"].initial = conf.cascade_working_days()


class RegistrationForm(ScopedModelForm):
    unit_fields = ("unit",)
    intended_titles = forms.MultipleChoiceField(
        label=_("Intended titles"),
        choices=IntendedTitle.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Registration
        fields = ["unit", "person", "contents", "targets", "intended_titles"]
        widgets = {"contents": _text(4), "targets": _text(4)}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user, CHANGE).select_related("unit")
        self.fields["person"].required = False
        if self.instance.pk:
            for name in ("unit", "person"):
                self.fields[name].disabled = True
        elif self.fields["unit"].queryset.count() == 1:
            self.fields["unit"].initial = self.fields["unit"].queryset.first().pk


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=_text(3))


def plan_choices(user):
    from thidua.campaigns.selectors import plan_list

    return plan_list(user=user, action=VIEW)
