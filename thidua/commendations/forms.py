"""Entry forms of the yearly records; the subject comes from the page, not from the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.commendations.models import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PendingReview,
    TaskRating,
)
from thidua.commendations.rules import catalogue_choices
from thidua.orgs.forms import ScopedModelForm


class RecordForm(ScopedModelForm):
    """Dates as dd/mm/yyyy (from ScopedModelForm); title codes chosen from the engine's catalogue."""

    code_fields: tuple[str, ...] = ()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        for name in self.code_fields:
            if name in self.fields:
                blank = [("", "—")] if not self.fields[name].required else []
                self.fields[name] = forms.ChoiceField(
                    label=self.fields[name].label,
                    required=self.fields[name].required,
                    help_text=self.fields[name].help_text,
                    choices=blank + catalogue_choices(),
                )


class TaskRatingForm(RecordForm):
    class Meta:
        model = TaskRating
        fields = ["year", "rating", "note"]


class AwardRecordForm(RecordForm):
    code_fields = ("code",)

    class Meta:
        model = AwardRecord
        fields = ["year", "code", "award_type", "decision_number", "decision_date", "issuer", "note"]


class InitiativeRecordForm(RecordForm):
    code_fields = ("used_for",)

    class Meta:
        model = InitiativeRecord
        fields = ["year", "title", "scope", "recognition", "used_for"]


class DisciplineRecordForm(RecordForm):
    class Meta:
        model = DisciplineRecord
        fields = ["measure", "start", "end", "decision_number", "reason"]


class PendingReviewForm(RecordForm):
    class Meta:
        model = PendingReview
        fields = ["kind", "opened", "closed", "note"]


FORMS = {
    "rating": (TaskRatingForm, _("Task rating")),
    "award": (AwardRecordForm, _("Title or form received")),
    "initiative": (InitiativeRecordForm, _("Initiative")),
    "discipline": (DisciplineRecordForm, _("Disciplinary measure")),
    "review": (PendingReviewForm, _("Pending review")),
}
