"""Writes to the org tree, people and households. Every write checks scope and records history."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from thidua.core.models import Lock
from thidua.core.scoping import CHANGE, DELETE, VIEW
from thidua.core.services import audited_delete, audited_save, require, require_everything
from thidua.orgs.models import Household, Membership, OrgSuccession, OrgUnit, Person, path_segment

TREE_LOCK = "orgs.tree"


def _require_parent(actor, parent: OrgUnit | None) -> None:
    if parent is None:
        require_everything(actor, CHANGE)
    else:
        require(actor, CHANGE, parent)


def _locked_parent(parent_id: int | None) -> OrgUnit | None:
    return OrgUnit.objects.get(pk=parent_id) if parent_id else None


@transaction.atomic
def orgunit_create(*, actor, data: dict[str, Any]) -> OrgUnit:
    """Create a unit under ``data['parent']`` (tree writes are serialised by a lock)."""
    Lock.acquire(TREE_LOCK)
    unit = OrgUnit(**data)
    parent = _locked_parent(unit.parent_id)
    _require_parent(actor, parent)
    unit.full_clean(exclude=["path"])
    audited_save(unit, actor=actor, validate=False)
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.depth = unit.path.count("/") - 1
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    return unit


@transaction.atomic
def orgunit_update(*, actor, unit: OrgUnit, data: dict[str, Any], reason: str = "") -> OrgUnit:
    """Change a unit; moving it to another parent moves its whole subtree."""
    Lock.acquire(TREE_LOCK)
    require(actor, CHANGE, unit)
    stored = OrgUnit.objects.get(pk=unit.pk)
    for name, value in data.items():
        setattr(unit, name, value)
    unit.path, unit.depth = stored.path, stored.depth
    if unit.parent_id != stored.parent_id:
        new_parent = _locked_parent(unit.parent_id)
        if new_parent is not None and new_parent.path.startswith(stored.path):
            raise ValidationError({"parent": _("A unit cannot be moved under itself or its own sub-unit.")})
        _require_parent(actor, new_parent)
        new_path = (new_parent.path if new_parent else "") + path_segment(unit.pk)
        depth_change = new_path.count("/") - stored.path.count("/")
        OrgUnit.objects.filter(path__startswith=stored.path).update(
            path=Concat(Value(new_path), Substr("path", len(stored.path) + 1)),
            depth=F("depth") + depth_change,
        )
        unit.path, unit.depth = new_path, stored.depth + depth_change
    audited_save(unit, actor=actor, reason=reason)
    return unit


@transaction.atomic
def orgunit_delete(*, actor, unit: OrgUnit) -> None:
    Lock.acquire(TREE_LOCK)
    require(actor, DELETE, unit)
    if unit.children.exists() or unit.people.exists() or unit.households.exists():
        raise ValidationError(
            _(
                "This unit still has sub-units, people or households; move or delete them first, or close the unit."
            )
        )
    audited_delete(unit, actor=actor)


@transaction.atomic
def orgunit_succeed(
    *,
    actor,
    predecessors: list[OrgUnit],
    successor: OrgUnit,
    kind: str,
    effective_date: date,
    legal_basis: str = "",
) -> list[OrgSuccession]:
    """Record that ``predecessors`` continue as ``successor`` (merger or rename) and close them."""
    require(actor, CHANGE, successor)
    links = []
    for old in predecessors:
        if old.pk == successor.pk:
            raise ValidationError(_("A unit cannot succeed itself."))
        require(actor, CHANGE, old)
        if old.valid_to is None or old.valid_to >= effective_date:
            old.valid_to = date.fromordinal(effective_date.toordinal() - 1)
            audited_save(old, actor=actor, reason=_("Closed by succession"))
        link = OrgSuccession(
            predecessor=old,
            successor=successor,
            kind=kind,
            effective_date=effective_date,
            legal_basis=legal_basis,
        )
        audited_save(link, actor=actor)
        links.append(link)
    return links


def _save_scoped(obj, *, actor, action: str, reason: str = "") -> None:
    obj.full_clean()
    require(actor, action, obj)
    audited_save(obj, actor=actor, reason=reason, validate=False)


def _update_scoped(obj, data: dict[str, Any], *, actor, reason: str = ""):
    """Change ``obj``: the actor must be allowed on the stored record and on the changed one."""
    require(actor, CHANGE, type(obj).objects.get(pk=obj.pk))
    for name, value in data.items():
        setattr(obj, name, value)
    _save_scoped(obj, actor=actor, action=CHANGE, reason=reason)
    return obj


@transaction.atomic
def person_create(*, actor, data: dict[str, Any]) -> Person:
    person = Person(**data)
    _save_scoped(person, actor=actor, action=CHANGE)
    return person


@transaction.atomic
def person_update(*, actor, person: Person, data: dict[str, Any], reason: str = "") -> Person:
    return _update_scoped(person, data, actor=actor, reason=reason)


@transaction.atomic
def person_delete(*, actor, person: Person) -> None:
    require(actor, DELETE, person)
    Household.objects.filter(head=person).update(head=None)
    audited_delete(person, actor=actor)


@transaction.atomic
def household_create(*, actor, data: dict[str, Any]) -> Household:
    household = Household(**data)
    _save_scoped(household, actor=actor, action=CHANGE)
    return household


@transaction.atomic
def household_update(*, actor, household: Household, data: dict[str, Any], reason: str = "") -> Household:
    return _update_scoped(household, data, actor=actor, reason=reason)


@transaction.atomic
def household_delete(*, actor, household: Household) -> None:
    require(actor, DELETE, household)
    audited_delete(household, actor=actor)


@transaction.atomic
def membership_save(*, actor, membership: Membership, data: dict[str, Any]) -> Membership:
    """Create or change a dated membership; the actor must be able to change both the person and the unit."""
    for name, value in data.items():
        setattr(membership, name, value)
    membership.full_clean()
    require(actor, CHANGE, membership.person)
    require(actor, VIEW, membership.unit)
    audited_save(membership, actor=actor, validate=False)
    return membership


@transaction.atomic
def membership_delete(*, actor, membership: Membership) -> None:
    require(actor, CHANGE, membership.person)
    audited_delete(membership, actor=actor)
