"""Propose an exemplary model from a unit's report: the unit, the narrative and the reported figures are
carried over; the exemplary app owns the model (it never imports reporting, so the values are read here).
"""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.scoping import CHANGE, get_object_for
from thidua.exemplary import services as exemplary_services
from thidua.exemplary.forms import ModelStartForm
from thidua.reporting.choices import ValueType
from thidua.reporting.models import Report
from thidua.reporting.notifications import period_in_vietnamese

NUMERIC = (ValueType.NUMBER, ValueType.PERCENTAGE)
CENTS = Decimal("0.01")


def _figures(report: Report) -> list:
    """The report's numeric values, in the form's order."""
    return [
        value
        for value in report.values.select_related("indicator").order_by("indicator__code")
        if value.indicator.value_type in NUMERIC and value.number is not None
    ]


def _description(report: Report) -> str:
    parts = [report.results.strip(), report.proposals.strip()]
    text = "\n\n".join(part for part in parts if part)
    source = f"Theo báo cáo của {report.unit.name} ({period_in_vietnamese(report.period_obj)})."
    return f"{text}\n\n{source}" if text else source


class ProposeFromReportForm(ModelStartForm):
    figures = forms.MultipleChoiceField(
        label=gettext_lazy("Reported figures to keep as “after” values"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, figures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["figures"].choices = [
            (str(value.pk), f"{value.indicator.name}: {value.value} {_unit(value)}".strip())
            for value in figures
        ]


def _unit(value) -> str:
    return "%" if value.indicator.value_type == ValueType.PERCENTAGE else value.indicator.unit_of_measure


@login_required
def propose_model(request, pk):
    report = get_object_for(Report.objects.select_related("unit", "form"), request.user, pk, CHANGE)
    figures = _figures(report)
    form = ProposeFromReportForm(request.POST or None, user=request.user, figures=figures)
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["figures"])
        rows = [
            {
                "name": value.indicator.name,
                "unit_of_measure": _unit(value),
                "before_value": None,
                "after_value": value.number.quantize(CENTS, rounding=ROUND_HALF_UP),
                "note": f"Số liệu báo cáo {period_in_vietnamese(report.period_obj)}",
            }
            for value in figures
            if str(value.pk) in chosen
        ]
        data = {
            "title": form.cleaned_data["title"],
            "kind": form.cleaned_data["kind"],
            "movement": form.cleaned_data["movement"],
            "summary": form.cleaned_data["summary"],
            "unit": report.unit,
            "description": _description(report),
            "started_on": report.period_start,
        }
        try:
            model = exemplary_services.model_create(
                actor=request.user, data=data, source_report=report, indicators=rows
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("A draft exemplary model was made from the report: add the figures before and photos."),
            )
            return redirect(model.get_absolute_url())
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Propose an exemplary model from this report"), "object": report},
    )
