"""Writes of exemplary models. Status fields change only through ``TRANSITIONS`` here.

A unit (CHANGE on the owner unit) drafts and proposes; the commune officer (REVIEW) returns, verifies and
publishes; the owner withdraws before verification, the commune after. Other units adopt a published model
(CHANGE on the adopting unit).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.choices import REVIEW
from thidua.core.scoping import CHANGE, can
from thidua.core.services import audited_delete, audited_save, move_status, require
from thidua.exemplary.choices import ModelStatus
from thidua.exemplary.models import ExemplaryModel, ModelAdoption, ModelIndicator, ModelPhoto
from thidua.exemplary.photos import check_photo

S = ModelStatus

TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.PROPOSED, S.WITHDRAWN},
    S.PROPOSED: {S.VERIFIED, S.RETURNED, S.WITHDRAWN},
    S.RETURNED: {S.PROPOSED, S.WITHDRAWN},
    S.VERIFIED: {S.PUBLISHED, S.RETURNED, S.WITHDRAWN},
    S.PUBLISHED: {S.WITHDRAWN},
    S.WITHDRAWN: set(),
}

#: The unit may still change its model in these states; the commune officer in any but WITHDRAWN.
UNIT_EDITABLE = (S.DRAFT, S.RETURNED)
#: Until verified the owner unit may withdraw its own proposal; afterwards only the commune.
UNIT_WITHDRAWABLE = (S.DRAFT, S.PROPOSED, S.RETURNED)
MODEL_FIELDS = ("title", "kind", "unit", "person", "movement", "summary", "description", "started_on")
MAX_PHOTOS = 12


def _move(model: ExemplaryModel, to_status: str) -> None:
    move_status(model, to_status, TRANSITIONS, _("An exemplary model cannot go from “%(from)s” to “%(to)s”."))


def locked(model: ExemplaryModel) -> ExemplaryModel:
    return ExemplaryModel.objects.select_for_update().select_related("unit").get(pk=model.pk)


def can_edit(actor, model: ExemplaryModel) -> bool:
    if model.status == S.WITHDRAWN:
        return False
    if model.status in UNIT_EDITABLE and can(actor, CHANGE, model):
        return True
    return can(actor, REVIEW, model)


def require_edit(actor, model: ExemplaryModel) -> None:
    """PermissionDenied for someone outside the unit; ValidationError when the status forbids changes."""
    if not can(actor, REVIEW, model):
        require(actor, CHANGE, model)
    if model.status == S.WITHDRAWN:
        raise ValidationError(_("A withdrawn model can no longer be changed."))
    if not can_edit(actor, model):
        raise ValidationError(_("Only a draft or a returned model can be changed by the unit."))


def next_steps(actor, model: ExemplaryModel) -> list[str]:
    """The steps ``actor`` may take now (for the buttons of the detail page)."""
    steps: list[str] = []
    allowed = TRANSITIONS.get(model.status, set())
    if S.PROPOSED in allowed and can(actor, CHANGE, model):
        steps.append(S.PROPOSED)
    for step in (S.VERIFIED, S.PUBLISHED, S.RETURNED):
        if step in allowed and can(actor, REVIEW, model):
            steps.append(step)
    if S.WITHDRAWN in allowed and (
        can(actor, REVIEW, model) or (model.status in UNIT_WITHDRAWABLE and can(actor, CHANGE, model))
    ):
        steps.append(S.WITHDRAWN)
    return steps


# --- The model itself ---------------------------------------------------------------------------------------


def _check_person(model: ExemplaryModel) -> None:
    if model.person is not None and not model.person.unit.path.startswith(model.unit.path):
        raise ValidationError({"person": _("The person must belong to the unit carrying out the model.")})


@transaction.atomic
def model_create(
    *, actor, data: dict[str, Any], source_report=None, indicators: list[dict[str, Any]] | None = None
) -> ExemplaryModel:
    """A draft. ``source_report`` is the unit's report it was proposed from (read by the caller)."""
    model = ExemplaryModel(**{name: value for name, value in data.items() if name in MODEL_FIELDS})
    require(actor, CHANGE, model)
    if source_report is not None:
        if source_report.unit_id != model.unit_id:
            raise ValidationError(_("The model must belong to the unit of the report it comes from."))
        model.source_report = source_report
    _check_person(model)
    audited_save(model, actor=actor, reason=_("Proposed from a report") if source_report else "")
    for row in indicators or []:
        _indicator_save(actor, ModelIndicator(model=model), row)
    return model


@transaction.atomic
def model_update(*, actor, model: ExemplaryModel, data: dict[str, Any], reason: str = "") -> ExemplaryModel:
    model = locked(model)
    require_edit(actor, model)
    for name, value in data.items():
        if name in MODEL_FIELDS:
            setattr(model, name, value)
    if not can(actor, REVIEW, model):  # the unit chosen now must be one the actor may change too
        require(actor, CHANGE, model)
    _check_person(model)
    audited_save(model, actor=actor, reason=reason)
    return model


# --- Status steps ---------------------------------------------------------------------------------------------


@transaction.atomic
def model_propose(*, actor, model: ExemplaryModel) -> ExemplaryModel:
    """Send to the commune officer. Proposing what is already proposed changes nothing."""
    model = locked(model)
    require(actor, CHANGE, model)
    if model.status == S.PROPOSED:
        return model
    _move(model, S.PROPOSED)
    model.proposed_at = timezone.now()
    model.return_reason = ""
    audited_save(model, actor=actor, reason=_("Proposed to the commune."))
    return model


@transaction.atomic
def model_return(*, actor, model: ExemplaryModel, reason: str) -> ExemplaryModel:
    model = locked(model)
    require(actor, REVIEW, model)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for returning the model."))
    _move(model, S.RETURNED)
    model.return_reason = reason.strip()
    model.verified_by, model.verified_at = None, None
    audited_save(model, actor=actor, reason=reason)
    return model


@transaction.atomic
def model_verify(*, actor, model: ExemplaryModel) -> ExemplaryModel:
    model = locked(model)
    require(actor, REVIEW, model)
    _move(model, S.VERIFIED)
    model.verified_by, model.verified_at = actor, timezone.now()
    audited_save(model, actor=actor, reason=_("Verified by the commune."))
    return model


@transaction.atomic
def model_publish(*, actor, model: ExemplaryModel) -> ExemplaryModel:
    """Put on the public portal: it needs at least one photo and one before/after figure."""
    model = locked(model)
    require(actor, REVIEW, model)
    _move(model, S.PUBLISHED)
    no_photo = not model.photos.exists()
    no_figure = not model.indicators.filter(before_value__isnull=False).exists()
    if no_photo and no_figure:
        raise ValidationError(_("Before publishing, add at least one photo and one before/after figure."))
    if no_photo:
        raise ValidationError(_("Before publishing, add at least one photo."))
    if no_figure:
        raise ValidationError(
            _("Before publishing, add at least one figure with its value before and after.")
        )
    model.published_at = timezone.now()
    audited_save(model, actor=actor, reason=_("Published on the portal."))
    return model


@transaction.atomic
def model_withdraw(*, actor, model: ExemplaryModel, reason: str) -> ExemplaryModel:
    model = locked(model)
    if model.status in UNIT_WITHDRAWABLE:
        if not can(actor, REVIEW, model):
            require(actor, CHANGE, model)
    else:
        require(actor, REVIEW, model)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for withdrawing the model."))
    _move(model, S.WITHDRAWN)
    model.withdraw_reason = reason.strip()
    audited_save(model, actor=actor, reason=reason)
    return model


STEPS = {
    S.PROPOSED: model_propose,
    S.VERIFIED: model_verify,
    S.PUBLISHED: model_publish,
}


# --- Photos and before/after figures -------------------------------------------------------------------------


@transaction.atomic
def photo_add(*, actor, model: ExemplaryModel, data: bytes, caption: str = "") -> ModelPhoto:
    model = locked(model)
    require_edit(actor, model)
    kind, width, height = check_photo(data)
    if model.photos.count() >= MAX_PHOTOS:
        raise ValidationError(_("A model has at most %(count)s photos.") % {"count": MAX_PHOTOS})
    photo = ModelPhoto(
        model=model,
        kind=kind,
        width=width,
        height=height,
        size=len(data),
        caption=caption,
        order=model.photos.count(),
    )
    photo.image.save("photo", ContentFile(data), save=False)
    audited_save(photo, actor=actor)
    return photo


@transaction.atomic
def photo_delete(*, actor, photo: ModelPhoto) -> None:
    model = locked(photo.model)
    require_edit(actor, model)
    storage, name = photo.image.storage, photo.image.name or ""
    audited_delete(photo, actor=actor)
    transaction.on_commit(lambda: storage.delete(name))


def _indicator_save(actor, indicator: ModelIndicator, row: dict[str, Any]) -> ModelIndicator:
    for name in ("name", "unit_of_measure", "before_value", "after_value", "note", "order"):
        if name in row:
            setattr(indicator, name, row[name])
    for name in ("before_value", "after_value"):
        value = getattr(indicator, name)
        if value is not None and not isinstance(value, Decimal):
            setattr(indicator, name, Decimal(str(value)))
    audited_save(indicator, actor=actor)
    return indicator


@transaction.atomic
def indicators_replace(*, actor, model: ExemplaryModel, rows: list[dict[str, Any]]) -> ExemplaryModel:
    """Save the before/after table as edited: rows with an ``id`` are updated, others added, the rest deleted."""
    model = locked(model)
    require_edit(actor, model)
    existing = {indicator.pk: indicator for indicator in model.indicators.all()}
    kept = set()
    for order, row in enumerate(rows):
        indicator = existing.get(row.get("id") or 0) or ModelIndicator(model=model)
        _indicator_save(actor, indicator, {**row, "order": order})
        kept.add(indicator.pk)
    for pk, indicator in existing.items():
        if pk not in kept:
            audited_delete(indicator, actor=actor)
    return model


# --- Adoptions (replication) --------------------------------------------------------------------------------


@transaction.atomic
def adoption_add(*, actor, model: ExemplaryModel, unit, adopted_on: date, note: str = "") -> ModelAdoption:
    model = locked(model)
    adoption = ModelAdoption(model=model, unit=unit, adopted_on=adopted_on, note=note)
    require(actor, CHANGE, adoption)
    if model.status != S.PUBLISHED:
        raise ValidationError(_("Only a published model can be adopted."))
    if unit.pk == model.unit_id:
        raise ValidationError({"unit": _("A unit cannot adopt its own model.")})
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("The adoption date cannot be in the future.")})
    if ModelAdoption.objects.filter(model=model, unit=unit).exists():
        raise ValidationError({"unit": _("This unit has already adopted this model.")})
    try:
        with transaction.atomic():
            audited_save(adoption, actor=actor)
    except IntegrityError as exc:
        raise ValidationError({"unit": _("This unit has already adopted this model.")}) from exc
    return adoption


@transaction.atomic
def adoption_remove(*, actor, adoption: ModelAdoption) -> None:
    """The adopting unit, or the commune officer over the model, removes an adoption entered by mistake."""
    if not can(actor, REVIEW, adoption.model):
        require(actor, CHANGE, adoption)
    audited_delete(adoption, actor=actor)
