from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.translation import gettext_lazy as _

from thidua.commendations.choices import SubjectKind
from thidua.commendations.evaluation import targets_for
from thidua.commendations.rules import catalogue_choices
from thidua.core.scoping import CHANGE
from thidua.nominations.choices import CommentStatus, DossierPartKind
from thidua.nominations.models import DisclosureComment, Nomination, ReviewRound
from thidua.orgs.forms import ScopedModelForm
from thidua.orgs.models import Household, OrgUnit, Person

SUBJECT_FIELD: dict[str, str] = {
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


#: The groups of the title list: (kind of nominee, kind of unit for a collective, heading).
CODE_GROUPS = (
    (SubjectKind.PERSON, None, _("Individual")),
    (SubjectKind.COLLECTIVE, None, _("Collective")),
    (SubjectKind.COLLECTIVE, "village", _("Village (collective)")),
    (SubjectKind.HOUSEHOLD, None, _("Household")),
)
#: The part of the form that follows the choice of kind (re-rendered by ``views.nomination_nominee``).
NOMINEE_FIELDS = ("subject_kind", "person", "unit", "household", "target")


def code_choices(kind: str | None = None, unit_kind: str | None = None) -> list:
    """The titles and forms grouped by kind of nominee: every group without ``kind``; with it, the groups of
    that kind, and for a collective whose unit is known only the group of villages or of other units."""
    names = dict(catalogue_choices())
    groups = []
    for group_kind, group_unit, label in CODE_GROUPS:
        if kind and group_kind != kind:
            continue
        if (
            kind == SubjectKind.COLLECTIVE
            and unit_kind
            and (group_unit == "village") != (unit_kind == "village")
        ):
            continue
        codes = targets_for(group_kind, group_unit)
        groups.append((label, [(f"{group_kind}:{code}", names.get(code, code)) for code in codes]))
    return groups


class NominationForm(forms.ModelForm):
    """The subject (person, collective or household the user may change) and the title or form for it.

    The form follows the kind of nominee: once it is known (from the posted data, the ``initial`` values
    of a partial request or the nomination being edited) the other two nominee lists are marked hidden and
    the title list offers only the codes for that kind. Validation still accepts every code and refuses a
    wrong pair with its message, so the form works the same without JavaScript.
    """

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
            self.initial.setdefault("target", f"{kind}:{self.instance.code}")
            for name in ("subject_kind", "person", "unit", "household"):
                self.fields[name].disabled = True
        self.subject_refused = False
        self.kind, self.subject = self._chosen_subject()
        unit_kind = self.subject.kind if isinstance(self.subject, OrgUnit) else None
        blank = [("", BLANK_CHOICE_LABEL)]
        # Validation accepts every code (a wrong pair gets its own message in ``clean``); the list shown
        # offers the codes for the chosen kind only.
        self.fields["target"].choices = blank + code_choices()
        if self.kind:
            self.fields["target"].widget.choices = blank + code_choices(self.kind, unit_kind)
        self.allowed_codes = targets_for(self.kind, unit_kind) if self.kind and self.subject else ()

    def _value(self, name: str):
        if self.is_bound and not self.fields[name].disabled:
            return self.data.get(self.add_prefix(name))
        return self.initial.get(name)

    def _chosen_subject(self) -> tuple[str | None, object | None]:
        """The kind chosen and the nominee of that kind (None while not chosen); a nominee the user may
        not change sets ``subject_refused``."""
        if self.instance.pk:
            return self.instance.subject_kind, self.instance.subject
        kind = self._value("subject_kind")
        if kind not in SubjectKind.values:
            return None, None
        name = SUBJECT_FIELD[kind]
        value = self._value(name)
        if value in (None, ""):
            return kind, None
        try:
            return kind, self.fields[name].clean(value)
        except ValidationError:
            self.subject_refused = True
            return kind, None

    def hidden_names(self) -> set[str]:
        """The nominee fields a browser with JavaScript hides: until the kind is chosen, the nominee lists
        and the titles; then the lists of the other two kinds."""
        if not self.kind:
            return {"person", "unit", "household", "target"}
        return {name for kind, name in SUBJECT_FIELD.items() if kind != self.kind}

    def nominee_fields(self) -> list[tuple]:
        """(bound field, hidden) for the part of the form that follows the kind; editing a nomination
        (whose subject is fixed) leaves out the lists of the other kinds."""
        hidden = self.hidden_names()
        return [
            (self[name], name in hidden)
            for name in NOMINEE_FIELDS
            if not (self.instance.pk and name in hidden)
        ]

    def detail_fields(self) -> list:
        return [field for field in self if field.name not in NOMINEE_FIELDS]

    def chosen_code(self) -> str | None:
        """The code of the chosen title when it suits the chosen nominee (for the eligibility preview)."""
        target_kind, _sep, code = (self._value("target") or "").partition(":")
        if target_kind == self.kind and code in self.allowed_codes:
            return code
        return None

    def preview(self) -> Nomination | None:
        """An unsaved nomination of the chosen nominee for the chosen title, once both are known."""
        code = self.chosen_code()
        if code is None or self.subject is None or self.kind is None:
            return None
        return Nomination(
            review_round=self.review_round, code=code, **{SUBJECT_FIELD[self.kind]: self.subject}
        )

    def clean(self):
        data = super().clean() or {}
        kind = data.get("subject_kind")
        chosen = SUBJECT_FIELD.get(kind) if kind else None
        if chosen and not data.get(chosen):
            self.add_error(chosen, _("Choose the nominee."))
        for name in SUBJECT_FIELD.values():
            if name != chosen:
                data[name] = None
        target = data.get("target") or ""
        target_kind, _sep, code = target.partition(":")
        subject = data.get(chosen) if chosen else None
        unit_kind = subject.kind if isinstance(subject, OrgUnit) else None
        if kind and target and (target_kind != kind or code not in targets_for(kind, unit_kind)):
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
