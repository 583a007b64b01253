"""Reads of exemplary models: scoped for the UI, published-only for the portal and the reports."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from thidua.core.scoping import VIEW, get_object_for
from thidua.exemplary.choices import ModelStatus
from thidua.exemplary.models import ExemplaryModel, ModelAdoption

#: Statuses the commune has recognised (they count in the Báo cáo kết quả).
RECOGNISED = (ModelStatus.VERIFIED, ModelStatus.PUBLISHED)


def _with_counts(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("unit", "movement").annotate(
        adoption_count=Count("adoptions", distinct=True)
    )


def model_list(*, user, within=None) -> QuerySet[ExemplaryModel]:
    """What the user's units hold, plus every published model (those are public anyway)."""
    visible = ExemplaryModel.objects.visible_to(user, VIEW).values("pk")
    queryset = ExemplaryModel.objects.filter(Q(pk__in=visible) | Q(status=ModelStatus.PUBLISHED))
    if within is not None:
        queryset = queryset.filter(unit__path__startswith=within.path)
    return _with_counts(queryset)


def model_get(*, user, pk, action: str = VIEW) -> ExemplaryModel:
    """One model for ``action``; viewing also reaches any published model. 404 for missing and forbidden."""
    queryset = ExemplaryModel.objects.select_related(
        "unit", "person", "movement", "movement__plan", "verified_by", "source_report"
    )
    if action != VIEW:
        return get_object_for(queryset, user, pk, action)
    visible = ExemplaryModel.objects.visible_to(user, VIEW).values("pk")
    try:
        return queryset.filter(Q(pk__in=visible) | Q(status=ModelStatus.PUBLISHED)).get(pk=pk)
    except (ExemplaryModel.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def adoptions_of(model: ExemplaryModel) -> QuerySet[ModelAdoption]:
    return model.adoptions.select_related("unit").order_by("adopted_on", "unit__path")


def published_models(commune=None) -> QuerySet[ExemplaryModel]:
    """Published models (optionally of one commune's units), newest first, with the replication count."""
    queryset = ExemplaryModel.objects.filter(status=ModelStatus.PUBLISHED)
    if commune is not None:
        queryset = queryset.filter(unit__path__startswith=commune.path)
    return _with_counts(queryset).order_by("-published_at", "pk")


def published_model(public_id) -> ExemplaryModel:
    """One published model with its photos, figures and adopting units; DoesNotExist otherwise."""
    return (
        ExemplaryModel.objects.filter(status=ModelStatus.PUBLISHED)
        .select_related("unit", "movement", "movement__plan")
        .prefetch_related(
            "photos",
            "indicators",
            Prefetch(
                "adoptions", queryset=ModelAdoption.objects.select_related("unit").order_by("adopted_on")
            ),
        )
        .get(public_id=public_id)
    )


def recognised_models(*, root, start: date, end: date) -> list[ExemplaryModel]:
    """Models of ``root``'s units verified (or published) between ``start`` and ``end``, with the units that
    adopted each (``adopting_units``, by adoption date), for the Báo cáo kết quả."""
    models = list(
        ExemplaryModel.objects.filter(status__in=RECOGNISED, unit__path__startswith=root.path)
        .filter(Q(verified_at__date__range=(start, end)) | Q(published_at__date__range=(start, end)))
        .select_related("unit")
        .only("title", "kind", "summary", "unit__name", "unit__path")
        .order_by("unit__path", "title", "pk")
    )
    adopting: dict[int, list] = {model.pk: [] for model in models}
    adoptions = (
        ModelAdoption.objects.filter(model_id__in=adopting)
        .select_related("unit")
        .only("model_id", "unit__name")
        .order_by("adopted_on", "pk")
    )
    for adoption in adoptions:
        adopting[adoption.model_id].append(adoption.unit)
    for model in models:
        setattr(model, "adopting_units", adopting[model.pk])  # noqa: B010 (an attribute for the report)
    return models
