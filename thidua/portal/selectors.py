"""What the public may read. Every public page and the feed go through these: published data only."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.campaigns.choices import PlanStatus
from thidua.campaigns.models import Plan

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
