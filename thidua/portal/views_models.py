"""Public pages of exemplary models: published ones only, no login."""

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns.models import Movement
from thidua.exemplary.choices import ModelKind, ModelStatus
from thidua.exemplary.models import ExemplaryModel, ModelPhoto
from thidua.exemplary.selectors import published_model, published_models


class PublicModelFilter(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    movement = forms.ModelChoiceField(
        label=gettext_lazy("Movement"), queryset=Movement.objects.none(), required=False
    )

    def __init__(self, *args, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "---------"), *ModelKind.choices]
        self.fields["movement"].queryset = movements
        self.fields["movement"].label_from_instance = lambda m: (
            m.name if len(m.name) <= 80 else m.name[:78] + "…"
        )


def model_list(request):
    models = published_models()
    movements = Movement.objects.filter(pk__in=models.order_by().values("movement")).order_by("order", "pk")
    form = PublicModelFilter(request.GET or None, movements=movements)
    if form.is_valid():
        if form.cleaned_data.get("kind"):
            models = models.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data.get("movement"):
            models = models.filter(movement=form.cleaned_data["movement"])
    page = Paginator(models.prefetch_related("photos"), 24).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/model_list.html",
        {"title": _("Exemplary models"), "page": page, "form": form, "query": query.urlencode()},
    )


def model_detail(request, public_id):
    try:
        model = published_model(public_id)
    except ExemplaryModel.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "portal/model_detail.html",
        {
            "title": model.title,
            "object": model,
            "photos": list(model.photos.all()),
            "indicators": list(model.indicators.all()),
            "adoptions": list(model.adoptions.all()),
        },
    )


def model_photo(request, pk):
    photo = ModelPhoto.objects.filter(pk=pk, model__status=ModelStatus.PUBLISHED).first()
    if photo is None:
        raise Http404
    response = FileResponse(photo.image.open("rb"), content_type=photo.content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response
