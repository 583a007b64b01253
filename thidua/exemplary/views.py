"""Exemplary model pages: list, detail (photos, before/after table, adoptions, history), edit, status steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import View

from thidua.accounts.choices import REVIEW
from thidua.core.scoping import CHANGE, VIEW, can, get_object_for
from thidua.core.views import ScopedDetailView, ScopedListView
from thidua.exemplary import selectors, services
from thidua.exemplary.choices import ModelStatus
from thidua.exemplary.exports import MODEL_COLUMNS
from thidua.exemplary.filtersets import ExemplaryModelFilterSet
from thidua.exemplary.forms import AdoptionForm, ExemplaryModelForm, IndicatorFormSet, PhotoForm, ReasonForm
from thidua.exemplary.models import ModelAdoption, ModelPhoto
from thidua.exemplary.photos import MAX_PHOTO_BYTES
from thidua.exemplary.tables import ExemplaryModelTable


def error_text(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class ModelListView(ScopedListView):
    template_name = "exemplary/model_list.html"
    selector = selectors.model_list
    table_class = ExemplaryModelTable
    filterset_class = ExemplaryModelFilterSet
    export_columns = MODEL_COLUMNS
    export_name = "mo-hinh-dien-hinh"
    title = gettext_lazy("Exemplary models")
    create_url_name = "exemplary:create"


STEP_LABELS = {
    ModelStatus.PROPOSED: gettext_lazy("Propose to the commune"),
    ModelStatus.VERIFIED: gettext_lazy("Verify"),
    ModelStatus.PUBLISHED: gettext_lazy("Publish on the portal"),
}


class ModelDetailView(ScopedDetailView):
    template_name = "exemplary/model_detail.html"

    def get_object(self):
        return selectors.model_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model, user = context["object"], self.request.user
        steps = services.next_steps(user, model)
        context.update(
            steps=[(step, STEP_LABELS[step]) for step in steps if step in STEP_LABELS],
            can_return=ModelStatus.RETURNED in steps,
            can_withdraw=ModelStatus.WITHDRAWN in steps,
            can_edit=services.can_edit(user, model),
            photos=list(model.photos.all()),
            indicators=list(model.indicators.all()),
            adoptions=list(selectors.adoptions_of(model)),
            reason_form=ReasonForm(),
            photo_form=PhotoForm(),
        )
        adoptable = model.status == ModelStatus.PUBLISHED
        context["adoption_form"] = AdoptionForm(user=user, model=model) if adoptable else None
        if (
            context["adoption_form"] is not None
            and not context["adoption_form"].fields["unit"].queryset.exists()
        ):
            context["adoption_form"] = None
        context["removable"] = {
            adoption.pk for adoption in context["adoptions"] if _may_remove(user, adoption, model)
        }
        return context


def _may_remove(user, adoption, model) -> bool:
    return can(user, CHANGE, adoption) or can(user, REVIEW, model)


class ModelFormView(LoginRequiredMixin, View):
    """Create or edit a model with its before/after rows and, optionally, one more photo — all or nothing."""

    template_name = "exemplary/model_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        if request.user.is_authenticated and "pk" in kwargs:
            self.object = selectors.model_get(user=request.user, pk=kwargs["pk"])
            if not services.can_edit(request.user, self.object):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def _initial_rows(self):
        if self.object is None:
            return []
        return [
            {
                "id": row.pk,
                "name": row.name,
                "unit_of_measure": row.unit_of_measure,
                "before_value": row.before_value,
                "after_value": row.after_value,
                "note": row.note,
            }
            for row in self.object.indicators.all()
        ]

    def get(self, request, *args, **kwargs):
        form = ExemplaryModelForm(instance=self.object, user=request.user)
        formset = IndicatorFormSet(initial=self._initial_rows(), prefix="rows")
        return self._render(form, formset)

    def post(self, request, *args, **kwargs):
        form = ExemplaryModelForm(request.POST, request.FILES, instance=self.object, user=request.user)
        formset = IndicatorFormSet(request.POST, initial=self._initial_rows(), prefix="rows")
        if form.is_valid() and formset.is_valid():
            try:
                model = self._save(form, formset)
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect(model.get_absolute_url())
        return self._render(form, formset)

    @transaction.atomic
    def _save(self, form, formset):
        user = self.request.user
        data = {name: form.cleaned_data.get(name) for name in form.Meta.fields}
        if self.object is None:
            model = services.model_create(actor=user, data=data)
        else:
            model = services.model_update(actor=user, model=self.object, data=data)
        rows = [
            {
                name: row[name]
                for name in ("id", "name", "unit_of_measure", "before_value", "after_value", "note")
            }
            for row in formset.cleaned_data
            if row and not row.get("DELETE") and row.get("name")
        ]
        services.indicators_replace(actor=user, model=model, rows=rows)
        upload = form.cleaned_data.get("photo")
        if upload:
            services.photo_add(
                actor=user,
                model=model,
                data=upload.read(),
                caption=form.cleaned_data.get("photo_caption", ""),
            )
        return model

    def _render(self, form, formset):
        title = _("Edit the exemplary model") if self.object else _("New exemplary model")
        return render(
            self.request,
            self.template_name,
            {"form": form, "formset": formset, "object": self.object, "title": title},
        )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error("photo" if "photo" in message.lower() or "ảnh" in message else None, message)


@require_POST
@login_required
def model_step(request, pk, status):
    model = selectors.model_get(user=request.user, pk=pk)
    try:
        if status in services.STEPS:
            services.STEPS[status](actor=request.user, model=model)
            messages.success(request, _("Done: %(step)s.") % {"step": STEP_LABELS[status]})
        elif status == ModelStatus.RETURNED:
            services.model_return(actor=request.user, model=model, reason=request.POST.get("reason", ""))
            messages.success(request, _("The model was returned to the unit."))
        elif status == ModelStatus.WITHDRAWN:
            services.model_withdraw(actor=request.user, model=model, reason=request.POST.get("reason", ""))
            messages.success(request, _("The model was withdrawn."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    return redirect(model.get_absolute_url())


@require_POST
@login_required
def photo_add(request, pk):
    model = selectors.model_get(user=request.user, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([message for errors in form.errors.values() for message in errors])
        upload = form.cleaned_data["photo"]
        if upload.size > MAX_PHOTO_BYTES:
            raise ValidationError(
                _("The photo is larger than %(limit)s MB.") % {"limit": MAX_PHOTO_BYTES // (1024 * 1024)}
            )
        services.photo_add(
            actor=request.user, model=model, data=upload.read(), caption=form.cleaned_data["caption"]
        )
        messages.success(request, _("Photo added."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    return redirect(model.get_absolute_url())


@require_POST
@login_required
def photo_delete(request, pk):
    photo = get_object_for(ModelPhoto.objects.select_related("model__unit"), request.user, pk, VIEW)
    try:
        services.photo_delete(actor=request.user, photo=photo)
        messages.success(request, _("Photo deleted."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    return redirect(photo.model.get_absolute_url())


@login_required
def photo_file(request, pk):
    """A photo of a model the user may see (the portal serves published ones without a login)."""
    photo = ModelPhoto.objects.select_related("model").filter(pk=pk).first()
    if photo is None:
        raise Http404
    selectors.model_get(user=request.user, pk=photo.model_id)
    return FileResponse(photo.image.open("rb"), content_type=photo.content_type)


@require_POST
@login_required
def adoption_add(request, pk):
    model = selectors.model_get(user=request.user, pk=pk)
    form = AdoptionForm(request.POST, user=request.user, model=model)
    try:
        if not form.is_valid():
            raise ValidationError([message for errors in form.errors.values() for message in errors])
        services.adoption_add(actor=request.user, model=model, **form.cleaned_data)
        messages.success(request, _("The adoption was recorded."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    return redirect(f"{model.get_absolute_url()}#adoptions")


@require_POST
@login_required
def adoption_remove(request, pk):
    adoption = ModelAdoption.objects.select_related("model__unit", "unit").filter(pk=pk).first()
    if adoption is None:
        raise Http404
    model = selectors.model_get(user=request.user, pk=adoption.model_id)
    try:
        services.adoption_remove(actor=request.user, adoption=adoption)
        messages.success(request, _("The adoption was removed."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    return redirect(f"{model.get_absolute_url()}#adoptions")
