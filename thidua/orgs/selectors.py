"""Reads of the org tree, people and households, always scoped to the user."""

from django.db.models import Count, QuerySet

from thidua.core.db import vietnamese
from thidua.core.scoping import VIEW
from thidua.orgs.models import Household, OrgSuccession, OrgUnit, Person


def orgunit_list(*, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    units = OrgUnit.objects.visible_to(user, action).select_related("parent")
    if within is not None:
        units = units.filter(path__startswith=within.path)
    return units.order_by("path")


def orgunit_subtree(unit: OrgUnit, *, include_self: bool = True) -> QuerySet:
    """All descendants in one query."""
    units = OrgUnit.objects.filter(path__startswith=unit.path)
    return units if include_self else units.exclude(pk=unit.pk)


def orgunit_ancestors(unit: OrgUnit) -> QuerySet:
    """The chain from the root down to the unit's parent, in one query."""
    return OrgUnit.objects.filter(pk__in=unit.ancestor_ids).order_by("depth")


def orgunit_lineage(unit: OrgUnit) -> list[OrgSuccession]:
    """Every succession link behind ``unit`` (predecessors of predecessors...), newest first."""
    links: list[OrgSuccession] = []
    frontier = {unit.pk}
    seen = set(frontier)
    while frontier:
        step = list(
            OrgSuccession.objects.filter(successor_id__in=frontier).select_related("predecessor", "successor")
        )
        links.extend(step)
        frontier = {link.predecessor_id for link in step} - seen
        seen |= frontier
    return sorted(links, key=lambda link: link.effective_date, reverse=True)


def orgunit_successors(unit: OrgUnit) -> QuerySet:
    return OrgSuccession.objects.filter(predecessor=unit).select_related("successor")


def person_list(*, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    people = Person.objects.visible_to(user, action).select_related("unit", "household")
    if within is not None:
        people = people.filter(unit__path__startswith=within.path)
    return people.order_by(
        vietnamese("given_name"), vietnamese("middle_name"), vietnamese("family_name"), "pk"
    )


def household_list(*, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    households = (
        Household.objects.visible_to(user, action)
        .select_related("village", "head")
        .annotate(member_count=Count("members"))
    )
    if within is not None:
        households = households.filter(village__path__startswith=within.path)
    return households.order_by("code")
