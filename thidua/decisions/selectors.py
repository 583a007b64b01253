"""Reads of decisions, the reward register and certificate batches, scoped to the user."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum

from thidua.core.scoping import VIEW
from thidua.decisions.models import CertificateBatch, Decision, RewardRegisterEntry

TOKEN_LENGTH = (20, 64)


def decision_list(*, user, within=None) -> QuerySet:
    queryset = (
        Decision.objects.visible_to(user, VIEW)
        .select_related("review_round__commune")
        .annotate(entry_count=Count("entries"), amount_total=Sum("entries__amount"))
    )
    if within is not None:
        queryset = queryset.filter(review_round__commune__path__startswith=within.path)
    return queryset


def register_list(*, user, commune=None, year: int | None = None) -> QuerySet:
    queryset = RewardRegisterEntry.objects.visible_to(user, VIEW).select_related(
        "commune",
        "entry__decision",
        "entry__nomination__person__unit",
        "entry__nomination__unit__parent",
        "entry__nomination__household__village",
        "entry__nomination__household__head",
    )
    if commune is not None:
        queryset = queryset.filter(commune=commune)
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset.order_by("commune__path", "-year", "number")


def register_years(*, user) -> list[int]:
    return sorted(
        set(RewardRegisterEntry.objects.visible_to(user, VIEW).values_list("year", flat=True)), reverse=True
    )


def batch_list(*, user, decision: Decision) -> QuerySet:
    return (
        CertificateBatch.objects.visible_to(user, VIEW)
        .filter(decision=decision)
        .order_by("-created_at", "-pk")
    )


def verified_award(token: str) -> RewardRegisterEntry | None:
    """The award a certificate's QR code names (public: no login), or None for an unknown key."""
    if not token or not TOKEN_LENGTH[0] <= len(token) <= TOKEN_LENGTH[1]:
        return None
    return (
        RewardRegisterEntry.objects.select_related(
            "commune",
            "entry__decision__review_round",
            "entry__nomination__person",
            "entry__nomination__unit",
            "entry__nomination__household__head",
        )
        .filter(token=token, entry__decision__status__in=["issued", "signed"])
        .first()
    )
