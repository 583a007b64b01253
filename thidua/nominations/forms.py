from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.commendations.choices import SubjectKind
from thidua.commendations.evaluation import targets_for
from thidua.commendations.rules import catalogue_choices
from thidua.core.scoping import CHANGE
from thidua.nominations.choices import CommentStatus, DossierPartKind
from thidua.nominations.models import DisclosureComment, Nomination, ReviewRound
from thidua.orgs.forms import ScopedModelForm
from thidua.orgs.models import Household, OrgUnit, Person

SUBJECT_FIELD = {
    SubjectKind.PERSON: "person",
    SubjectKind.COLLECTIVE: "unit",
    SubjectKind.HOUSEHOLD: "household",
}
COLLECTIVE_KINDS = ("department", "school", "clinic", "village", "enterprise", "mass_org", "other")


class ReviewRoundForm(ScopedModelForm):
    class Meta:
        model = ReviewRound
        fields = ["commune", "kind", "year", "name", "plan", "nominations_due", "disclosure_days"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["commune"].queryset = OrgUnit.objects.visible_to(user, "review").filter(kind="commune")
        if self.instance.pk:
            self.fields["commune"].disabled = True


def code_choices() -> list:
    names = dict(catalogue_choices())
    groups = []
    for kind, label, codes in (
        (SubjectKind.PERSON, _("Individual"), targets_for(SubjectKind.PERSON)),
        (SubjectKind.COLLECTIVE, _("Collective"), targets_for(SubjectKind.COLLECTIVE)),
        (SubjectKind.COLLECTIVE, _("Village (collective)"), targets_for(SubjectKind.COLLECTIVE, "village")),
        (SubjectKind.HOUSEHOLD, _("Household"), targets_for(SubjectKind.HOUSEHOLD)),
    ):
        groups.append((label, [(f"{kind}:{code}", names.get(code, code)) for code in codes]))
    return groups


class NominationForm(forms.ModelForm):
    """The subject (person, collective or household the user may change) and the title or form for it."""

    subject_kind = forms.ChoiceField(
        label=_("Nominee is"), choices=SubjectKind.choices, widget=forms.RadioSelect
    )
    target = forms.ChoiceField(label=_("Title or form proposed"), choices=())

    #: Who (the kind, then the one of that kind), for what, then the details.
    field_order = ["subject_kind", "person", "unit", "household", "target", "proposing_unit"]

    class Meta:
        model = Nomination
        fields = [
            "person",
            "unit",
            "household",
            "proposing_unit",
            "category",
            "field_of_work",
            "position",
            "summary",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, review_round: ReviewRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.review_round = review_round
        path = review_round.commune.path
        self.fields["target"].choices = code_choices()
        self.fields["person"].queryset = (
            Person.objects.visible_to(user, CHANGE).filter(unit__path__startswith=path).select_related("unit")
        )
        self.fields["unit"].queryset = OrgUnit.objects.visible_to(user, CHANGE).filter(
            path__startswith=path, kind__in=COLLECTIVE_KINDS
        )
        self.fields["household"].queryset = Household.objects.visible_to(user, CHANGE).filter(
            village__path__startswith=path
        )
        self.fields["proposing_unit"].queryset = OrgUnit.objects.visible_to(user, CHANGE).filter(
            path__startswith=path
        )
        for name in ("person", "unit", "household"):
            self.fields[name].required = False
        if self.instance.pk:
            kind = self.instance.subject_kind
            self.initial["subject_kind"] = kind
            self.initial["target"] = f"{kind}:{self.instance.code}"
            for name in ("subject_kind", "person", "unit", "household"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        kind = data.get("subject_kind")
        chosen = SUBJECT_FIELD.get(kind) if kind else None
        if chosen and not data.get(chosen):
            self.add_error(chosen, _("Choose the nominee."))
        for name in SUBJECT_FIELD.values():
            if name != chosen:
                data[name] = None
        target = data.get("target") or ""
        target_kind, _sep, code = target.partition(":")
        if kind and target_kind != kind:
            self.add_error("target", _("This title or form is not for this kind of nominee."))
        data["code"] = code
        return data

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["code"] = self.cleaned_data["code"]
        data["review_round"] = self.review_round
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}))


class OverrideForm(forms.Form):
    justification = forms.CharField(
        label=_("Justification for a title without registration"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PartTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 18}))


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Part"),
        choices=[
            (DossierPartKind.MEETING_MINUTES, DossierPartKind.MEETING_MINUTES.label),
            (DossierPartKind.EVIDENCE, DossierPartKind.EVIDENCE.label),
        ],
    )
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File (PDF, image, Word or Excel)"))


class ModerateForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (CommentStatus.PUBLISHED, CommentStatus.PUBLISHED.label),
            (CommentStatus.REJECTED, CommentStatus.REJECTED.label),
        ]
    )
    note = forms.CharField(label=_("Moderator's note"), required=False)


class CommentForm(forms.ModelForm):
    """The public comment form; ``website`` is a honeypot a person never fills."""

    website = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = DisclosureComment
        fields = ["nomination", "author_name", "contact", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominees
        self.fields["nomination"].required = False
        self.fields["nomination"].empty_label = _("— The list as a whole —")
        self.fields["nomination"].label = _("About")
        self.fields["text"].label = _("Your comment")
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
