from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.accounts.choices import REVIEW
from thidua.accounts.models import User
from thidua.commendations.rules import catalogue_choices
from thidua.council.choices import Choice
from thidua.council.models import Council, CouncilMember
from thidua.nominations.choices import RoundStatus
from thidua.nominations.models import ReviewRound
from thidua.orgs.choices import UnitKind
from thidua.orgs.models import OrgUnit, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ["commune", "name", "quorum_percent", "series_symbol"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = _(
            "Left empty: “Hội đồng Thi đua - Khen thưởng” and the commune's name."
        )
        if self.instance.pk:
            del self.fields["commune"]
        else:
            self.fields["commune"].queryset = (
                OrgUnit.objects.visible_to(user, REVIEW)
                .filter(kind=UnitKind.COMMUNE, council__isnull=True)
                .order_by("path")
            )


class MemberForm(forms.ModelForm):
    class Meta:
        model = CouncilMember
        fields = ["person", "user", "role", "position", "active_from", "active_to"]
        widgets = {"active_from": DateInput(), "active_to": DateInput()}

    def __init__(self, *args, council=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            unit__path__startswith=council.commune.path
        ).select_related("unit")
        self.fields["person"].label_from_instance = lambda person: f"{person.full_name} – {person.unit.name}"
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")
        self.fields["user"].help_text = _("The login the member uses to vote on the phone.")


class ThresholdForm(forms.Form):
    code = forms.ChoiceField(label=capfirst(_("title or form")))
    percent = forms.DecimalField(
        # xgettext:no-python-format
        label=capfirst(_("% of all members")),
        min_value=1,
        max_value=100,
        decimal_places=2,
    )
    inclusive = forms.BooleanField(
        label=capfirst(_("at least (≥); unticked: strictly more than (>)")), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = catalogue_choices()


class SessionForm(forms.Form):
    review_round = forms.ModelChoiceField(
        label=capfirst(_("review round")), queryset=ReviewRound.objects.none()
    )
    held_on = forms.DateField(label=capfirst(_("date")), widget=DateInput())
    starts_at = forms.TimeField(label=capfirst(_("starts at")), required=False, widget=TimeInput())
    place = forms.CharField(label=capfirst(_("place")), max_length=255, initial="Hội trường UBND xã")

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_round"].queryset = ReviewRound.objects.filter(
            commune=council.commune, council_session__isnull=True
        ).exclude(status=RoundStatus.CLOSED)


class BallotForm(forms.Form):
    """One agree/disagree radio group per candidate on the agenda."""

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"c{item.pk}"] = forms.ChoiceField(
                label=str(item.nomination.subject),
                choices=Choice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose agree or disagree.")},
            )

    def choices(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"c{item.pk}"] for item in self.items}

    def rows(self):
        for item in self.items:
            yield item, self[f"c{item.pk}"]


class WrittenBallotForm(BallotForm):
    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "member": forms.ModelChoiceField(
                label=capfirst(_("absent member")),
                queryset=CouncilMember.objects.filter(pk__in=[m.pk for m in members]).select_related(
                    "person"
                ),
            ),
            **self.fields,
        }


class ReceiptForm(forms.Form):
    code = forms.CharField(label=capfirst(_("receipt code")), max_length=40)
