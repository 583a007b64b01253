"""Reads of plans and registrations, always scoped to the user.

Who sees a plan: whoever sees its issuing unit (``visible_to``), plus the units it assigns tasks to (a
village head sees the commune plan that gives the village work), plus everyone below an issued plan's
issuing unit (the communes of a city see the city's plans once they are issued). Changing a plan needs
the right on its issuing unit.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from thidua.campaigns.choices import AssignmentRole, PlanStatus, RegistrationStatus
from thidua.campaigns.models import (
    Assignment,
    Deadline,
    LegalBasis,
    Movement,
    Plan,
    PlanImport,
    Registration,
)
from thidua.core.scoping import CHANGE, VIEW, can, scope_for
from thidua.orgs.models import OrgUnit

#: A registration in one of these states counts as registered ("no registration, no title").
REGISTERED_STATUSES = (RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED)


def _ancestor_paths(paths) -> set[str]:
    """Every strict ancestor path of the given paths (``a/b/c/`` -> ``a/``, ``a/b/``)."""
    found: set[str] = set()
    for path in paths:
        parts = [part for part in path.split("/") if part]
        for end in range(1, len(parts)):
            found.add("".join(f"{part}/" for part in parts[:end]))
    return found


def plan_visibility(user, action: str = VIEW) -> Q | None:
    """The condition on ``Plan`` for what ``user`` may see; ``None`` means nothing."""
    scope = scope_for(user, action)
    if scope.everything:
        return Q()
    own = scope.q("issuing_unit__path")
    if own is None:
        return None
    if action != VIEW:
        return own
    assigned = scope.q("unit__path")
    condition = own | Q(pk__in=Assignment.objects.filter(assigned).values("plan_id"))
    above = _ancestor_paths([*scope.subtrees, *scope.units])
    if above:
        condition |= Q(issuing_unit__path__in=above) & ~Q(status=PlanStatus.DRAFT)
    return condition


def plan_list(*, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    condition = plan_visibility(user, action)
    if condition is None:
        return Plan.objects.none()
    plans = Plan.objects.filter(condition).select_related("issuing_unit", "parent", "owner_unit")
    if within is not None:
        plans = plans.filter(
            Q(issuing_unit__path__startswith=within.path)
            | Q(issuing_unit__path__in=_ancestor_paths([within.path]))
            | Q(pk__in=Assignment.objects.filter(unit__path__startswith=within.path).values("plan_id"))
        )
    return plans.annotate(
        movement_count=Count("movements", distinct=True),
        registration_count=Count("registrations", distinct=True),
    ).order_by("-date", "-pk")


def plan_get(*, user, pk, action: str = VIEW) -> Plan:
    """One plan the user may see (or change); 404 for both missing and forbidden."""
    condition = plan_visibility(user, action)
    if condition is None:
        raise Http404
    try:
        return (
            Plan.objects.select_related("issuing_unit", "parent", "owner_unit").filter(condition).get(pk=pk)
        )
    except (Plan.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def plan_movements(plan: Plan) -> QuerySet:
    return (
        Movement.objects.filter(plan=plan).select_related("carries", "carries__plan").order_by("order", "pk")
    )


def plan_assignments(plan: Plan) -> QuerySet:
    return (
        Assignment.objects.filter(plan=plan)
        .select_related("unit")
        .prefetch_related(Prefetch("movements", queryset=Movement.objects.only("pk", "plan_id")))
        .order_by("order", "pk")
    )


def plan_deadlines(plan: Plan) -> QuerySet:
    return Deadline.objects.filter(plan=plan).select_related("to_unit").order_by("due_date", "pk")


def plan_legal_bases(plan: Plan) -> QuerySet:
    return LegalBasis.objects.filter(plan=plan).select_related("linked_plan").order_by("order", "pk")


def plan_matrix(plan: Plan) -> tuple[list[Movement], list[dict]]:
    """Units × movements: for each assigned body, its role under each movement ("" when none).

    An assignment that names no movement covers the whole plan (column ``whole``); its cells under each
    movement carry the role as ``implied``.
    """
    movements = list(plan_movements(plan))
    labels = dict(AssignmentRole.choices)
    rows = []
    for assignment in plan_assignments(plan):
        covered = {movement.pk for movement in assignment.movements.all()}
        cells = []
        for movement in movements:
            role = assignment.role if (movement.pk in covered or not covered) else ""
            cells.append({"role": role, "label": labels.get(role, ""), "implied": not covered})
        rows.append(
            {
                "assignment": assignment,
                "whole": {
                    "role": "" if covered else assignment.role,
                    "label": "" if covered else labels[assignment.role],
                },
                "cells": cells,
            }
        )
    return movements, rows


def expected_units(plan: Plan) -> QuerySet:
    """Units expected to register: the issuing unit's current sub-units and every assigned unit."""
    assigned = Assignment.objects.filter(plan=plan, unit__isnull=False).values("unit_id")
    return OrgUnit.objects.filter(
        (Q(parent=plan.issuing_unit) & Q(valid_to__isnull=True)) | Q(pk__in=assigned)
    ).order_by("path")


def registration_status_by_unit(plan: Plan, *, user) -> list[dict]:
    """Per expected unit (that the user may see): its collective registration, or ``None`` if missing."""
    visible = Registration.objects.visible_to(user, VIEW).filter(plan=plan, person__isnull=True)
    by_unit = {registration.unit_id: registration for registration in visible}
    units = expected_units(plan)
    if not can(user, CHANGE, plan):
        units = units.filter(pk__in=OrgUnit.objects.visible_to(user, VIEW).values("pk"))
    return [{"unit": unit, "registration": by_unit.get(unit.pk)} for unit in units]


def registration_list(*, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    registrations = Registration.objects.visible_to(user, action).select_related(
        "plan", "unit", "person", "plan__issuing_unit"
    )
    if within is not None:
        registrations = registrations.filter(unit__path__startswith=within.path)
    return registrations.order_by("-plan__date", "plan_id", "unit__path", "pk")


def registered(plan: Plan, unit: OrgUnit | None = None, person=None) -> bool:
    """Did ``unit`` (as a collective) or ``person`` register for ``plan``? Submitted or accepted counts.

    Commendations ask this before a title: no registration, no title.
    """
    if unit is None and person is None:
        raise ValueError("registered() needs a unit or a person")
    registrations = Registration.objects.filter(plan=plan, status__in=REGISTERED_STATUSES)
    if person is not None:
        return registrations.filter(person=person).exists()
    return registrations.filter(unit=unit, person__isnull=True).exists()


def plan_import_list(*, user) -> QuerySet:
    return PlanImport.objects.visible_to(user, "change").select_related("issuing_unit", "plan")
