"""What the public may read. Every public page and the feed go through these: published data only."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.campaigns.choices import PlanStatus
from thidua.campaigns.models import Plan
from thidua.nominations.choices import RoundStatus
from thidua.nominations.models import ReviewRound

#: A plan becomes public when it is issued; drafts never are.
PUBLIC_PLAN_STATUSES = (PlanStatus.ISSUED, PlanStatus.RUNNING, PlanStatus.MID_TERM_REVIEW, PlanStatus.CLOSED)


def published_plans() -> QuerySet[Plan]:
    return (
        Plan.objects.filter(status__in=PUBLIC_PLAN_STATUSES, number__isnull=False)
        .select_related("issuing_unit")
        .order_by("-date", "-pk")
    )


def published_plan(pk: int) -> Plan:
    """One public plan; ``Plan.DoesNotExist`` for a draft as for a missing one."""
    return published_plans().get(pk=pk)


def disclosed_rounds() -> QuerySet[ReviewRound]:
    """Rounds whose nominee list is (or was) published for comments, newest first."""
    return (
        ReviewRound.objects.filter(disclosed_from__isnull=False)
        .exclude(status=RoundStatus.OPEN)
        .select_related("commune")
        .order_by("-disclosed_from", "-pk")
    )
