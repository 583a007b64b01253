from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.decisions.choices import BatchMode, DecisionKind
from thidua.decisions.models import Decision


class DecisionCreateForm(forms.Form):
    review_round = forms.ModelChoiceField(label=_("Review round"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=DecisionKind.choices)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150)

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_round"].queryset = rounds


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["title", "signer_name", "signer_capacity", "legal_bases", "addressee"]
        widgets = {"legal_bases": forms.Textarea(attrs={"rows": 6})}


class BatchForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=BatchMode.choices, initial=BatchMode.FULL)
    offset_x_mm = forms.DecimalField(
        label=_("Horizontal offset (mm)"), initial=0, min_value=-50, max_value=50, decimal_places=1
    )
    offset_y_mm = forms.DecimalField(
        label=_("Vertical offset (mm)"), initial=0, min_value=-50, max_value=50, decimal_places=1
    )
