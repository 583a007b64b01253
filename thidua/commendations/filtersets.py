"""Filters of the commune evaluation table. The rows are computed (not a queryset), so each filter is a
method over a list; the same FilterSet drives the page and its Excel export."""

from datetime import date

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.commendations.choices import CRITERION_LABELS, Outcome, SubjectKind, criterion_label
from thidua.commendations.rules import review_year
from thidua.orgs.forms import DATE_WIDGET
from thidua.orgs.models import OrgUnit


class RowList(list):
    """A list of evaluation rows that django-filter accepts in place of a queryset."""

    model = None

    def all(self):
        return self


class EvaluationParamsForm(forms.Form):
    """What is evaluated: the commune, the year under review and the decision date (rules and cash)."""

    commune = forms.ModelChoiceField(label=_("Commune"), queryset=OrgUnit.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year under review"), min_value=2000, required=False)
    decision_date = forms.DateField(
        label=_("Decision date"),
        required=False,
        widget=DATE_WIDGET,
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        help_text=_("Rules and base salary in force on this day; today by default."),
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["commune"].empty_label = None

    def clean_year(self):
        year = self.cleaned_data.get("year") or review_year()
        if year > date.today().year:
            raise forms.ValidationError(
                _("%(year)s is in the future; achievements are reviewed up to the current year.")
                % {"year": year}
            )
        return year


class EvaluationFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SubjectKind.choices, method="by_kind")
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=OrgUnit.objects.none(), method="by_unit"
    )
    target = django_filters.ChoiceFilter(label=_("Title or form"), choices=(), method="by_target")
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, method="by_outcome")
    missing = django_filters.ChoiceFilter(
        label=_("Missing condition"),
        choices=[(code, label) for code, label in CRITERION_LABELS.items()],
        method="by_missing",
    )

    def __init__(self, *args, units=None, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.filters["unit"].queryset = units
        self.filters["target"].extra["choices"] = list(targets)
        self.filters["missing"].extra["choices"] = [
            (code, criterion_label(code)) for code in CRITERION_LABELS
        ]

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def by_kind(self, rows, name, value):
        return RowList(row for row in rows if row.info.kind == value)

    def by_unit(self, rows, name, value):
        return RowList(row for row in rows if row.info.unit_id == value.pk)

    def by_target(self, rows, name, value):
        return RowList(row for row in rows if row.result.target == value)

    def by_outcome(self, rows, name, value):
        return RowList(row for row in rows if row.status == value)

    def by_missing(self, rows, name, value):
        return RowList(row for row in rows if any(condition.code == value for condition in row.failed))
